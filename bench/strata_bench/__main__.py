"""python3 -m strata_bench <benchmark> [args]: runs one benchmark from the repository root.

Benchmarks: provisioning, footprint, write-to-read, throughput, webhooks, replay, replay-quick, and
summary (every figure against its target, from the JSON files). Each reads its settings from BENCH_*
variables (see its module's docstring) and stops and drops whatever it started or created on exit,
also on failure or TERM.
"""
import importlib
import os
import signal
import sys

from .common import ROOT, BenchError

BENCHMARKS = {"provisioning": "provisioning", "footprint": "footprint", "write-to-read": "write_to_read",
              "throughput": "throughput", "webhooks": "webhooks", "replay": "replay", "replay-quick": "replay_quick",
              "summary": "summary"}


def terminated(signum, _frame):
    # SystemExit unwinds through every `with`/`finally`: processes stopped, databases dropped.
    print(f"strata_bench: {signal.Signals(signum).name}; stopping what this run started", file=sys.stderr, flush=True)
    raise SystemExit(128 + signum)


def main(argv):
    if len(argv) < 1 or argv[0].replace("_", "-") not in BENCHMARKS:
        sys.exit(__doc__)
    name = argv[0].replace("_", "-")
    module = importlib.import_module(f".{BENCHMARKS[name]}", __package__)
    signal.signal(signal.SIGTERM, terminated)
    signal.signal(signal.SIGHUP, terminated)
    if name != "summary":   # the benchmarks name jars and bench/out/ from the root; the summary takes the caller's paths
        os.chdir(ROOT)
    try:
        module.main(argv[1:])
    except BenchError as e:
        print(f"strata_bench {name}: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
    except KeyboardInterrupt:
        print(f"strata_bench {name}: interrupted", file=sys.stderr, flush=True)
        sys.exit(130)


if __name__ == "__main__":
    main(sys.argv[1:])
