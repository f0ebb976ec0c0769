#!/usr/bin/env bash
# Projection replays over a 200,000-event store against a plain scan of the event table.
# Settings (BENCH_* variables) and output: bench/strata_bench/replay.py. Run from anywhere.
cd "$(dirname "$0")" && exec python3 -m strata_bench replay "$@"
