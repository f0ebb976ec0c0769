#!/usr/bin/env bash
# Provisioning latency through Strata against the raw statements of the engine adapters.
# Settings (BENCH_* variables) and output: bench/strata_bench/provisioning.py. Run from anywhere.
cd "$(dirname "$0")" && exec python3 -m strata_bench provisioning "$@"
