#!/usr/bin/env bash
# Write and read throughput against pgbench and GET /health (BENCH_SPLIT=1 adds the split deployment).
# Settings (BENCH_* variables) and output: bench/strata_bench/throughput.py. Run from anywhere.
cd "$(dirname "$0")" && exec python3 -m strata_bench throughput "$@"
