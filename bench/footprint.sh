#!/usr/bin/env bash
# Start-up time and resident memory of each runnable jar alone.
# Settings (BENCH_* variables) and output: bench/strata_bench/footprint.py. Run from anywhere.
cd "$(dirname "$0")" && exec python3 -m strata_bench footprint "$@"
