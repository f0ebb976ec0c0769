#!/usr/bin/env bash
# Write-to-read latency at a fixed write rate, split and standalone.
# Settings (BENCH_* variables) and output: bench/strata_bench/write_to_read.py. Run from anywhere.
cd "$(dirname "$0")" && exec python3 -m strata_bench write-to-read "$@"
