"""Run every benchmark and print one table: `make bench`.

Each tests/benchmarks/bench_<area>.py has `measure() -> list[tuple[str, str, str]]`:
(what was measured, our figure, the baseline measured in the same run). Benchmarks
report; they never assert times.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # run as a script: the repository root, for tests.*


def main(areas: list[str]) -> int:
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    chosen = [m for m in modules if not areas or m.removeprefix("bench_") in areas]
    rows: list[tuple[str, str, str]] = []
    for name in chosen:
        started = time.perf_counter()
        print(f"[{name}] measuring ...", file=sys.stderr, flush=True)
        rows.extend(importlib.import_module(f"tests.benchmarks.{name}").measure())
        print(f"[{name}] done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    widths = [max(len(r[i]) for r in [("what", "ours", "baseline"), *rows]) for i in range(3)]
    for row in [("what", "ours", "baseline"), tuple("-" * w for w in widths), *rows]:
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
