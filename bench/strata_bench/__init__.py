"""Strata's benchmarks as one package: `python3 -m strata_bench <name>` from bench/ (or `bash bench/<name>.sh`).

common   environment, load, percentiles, the keep-alive client, psql
harness  the one place that starts Strata (standalone, a single service, or the split deployment) on a
         fresh PostgreSQL database, waits for /health and stops it again
targets  every figure's baseline and target, read from bench/targets.json
one module per benchmark, and summary (every figure against its target)
"""
