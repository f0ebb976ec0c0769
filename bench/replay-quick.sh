#!/usr/bin/env bash
# Replay speed of two projections over 4,000 events written through the API (a minute). Optional argument:
# another standalone jar to measure (its path from the repository root).
# Settings (BENCH_* variables) and output: bench/strata_bench/replay_quick.py. Run from anywhere.
cd "$(dirname "$0")" && exec python3 -m strata_bench replay-quick "$@"
