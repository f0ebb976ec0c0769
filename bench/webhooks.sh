#!/usr/bin/env bash
# Webhook deliveries per second and latency to a local receiver.
# Settings (BENCH_* variables) and output: bench/strata_bench/webhooks.py. Run from anywhere.
cd "$(dirname "$0")" && exec python3 -m strata_bench webhooks "$@"
