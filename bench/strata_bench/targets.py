"""The targets of bench/targets.json: how each is written and whether a figure meets it."""
import json
import operator
import os

from .common import BENCH_DIR

OPS = {"<=": operator.le, "<": operator.lt, ">=": operator.ge, ">": operator.gt}


class Target:
    def __init__(self, name, spec):
        self.name, self.spec = name, spec
        self.measure = spec["measure"]

    def __getitem__(self, key):
        return self.spec[key]

    def get(self, key, default=None):
        return self.spec.get(key, default)

    def informational(self, variant):
        """True for a variant (engine, deployment) that is listed for information only."""
        return variant in self.spec.get("informational", ())

    def bound(self, baseline):
        """measure "bound": the highest (or lowest) value that meets it for this baseline."""
        return self.spec["times"] * baseline + self.spec["plus"] if baseline is not None else None

    def text(self, baseline=None):
        """As the summary prints it: "ratio >= 0.5", "<= 50 ms", ">= 1000/s", "<= 1.5 x raw + 50 ms = 332 ms"."""
        s = self.spec
        if self.measure == "ratio":
            return f"ratio {s['op']} {s['threshold']:g}"
        if self.measure == "value":
            unit = s.get("unit", "")
            return f"{s['op']} {s['threshold']:g}" + (unit if unit.startswith("/") else f" {unit}" if unit else "")
        if self.measure == "bound":
            text = f"{s['op']} {s['times']:g} x {s['baseline_name']} + {s['plus']:g} {s['unit']}"
            b = self.bound(baseline)
            return text + (f" = {b:.0f} {s['unit']}" if b is not None else "")
        if self.measure == "recorded":
            return "recorded"
        return None

    def met(self, value, baseline=None, ratio=None):
        """True/False, or None when the figure (or what it is compared against) is missing."""
        op = OPS.get(self.spec.get("op"))
        if self.measure == "ratio":
            return op(ratio, self.spec["threshold"]) if ratio is not None else None
        if self.measure == "value":
            return op(value, self.spec["threshold"]) if value is not None else None
        if self.measure == "bound":
            b = self.bound(baseline)
            return op(value, b) if value is not None and b is not None else None
        return None


def load(path=os.path.join(BENCH_DIR, "targets.json")):
    with open(path) as f:
        return {name: Target(name, spec) for name, spec in json.load(f)["targets"].items()}


TARGETS = load()
