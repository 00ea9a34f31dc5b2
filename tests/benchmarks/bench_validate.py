"""Validation speed: `pmo validate` stages on 1,000 generated standards vs check-jsonschema.

Baselines in the same run: check-jsonschema on the same files with the same schema
files (one call per kind), and PyYAML's C loader alone (the floor for parsing).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from generator.model import KINDS
from generator.pipeline.check import check_standards
from generator.source.schemas import SCHEMA_DIR, compiled_validators
from tests.support.corpus import best_time, generate_corpus


def _check_jsonschema(standards: Path) -> float:
    started = time.perf_counter()
    for folder, kind in KINDS.by_folder().items():
        files = sorted(str(p) for p in (standards / folder).glob("*.yaml"))
        if files:
            subprocess.run(
                [sys.executable, "-m", "check_jsonschema", "--schemafile",
                 str(SCHEMA_DIR / f"{kind}.schema.json"), *files],
                check=True, capture_output=True,
            )
    return time.perf_counter() - started


def measure() -> list[tuple[str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        standards = generate_corpus(Path(tmp), 1000)
        files = sorted(standards.rglob("*.yaml"))
        compiled_validators()
        ours = best_time(lambda: check_standards(standards))
        documents, problems = check_standards(standards)
        assert not problems, problems[:3]
        c_loader = best_time(lambda: [yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)
                                  for p in files])
        theirs = _check_jsonschema(standards)
        n = len(files)
        rows.append((f"validate {n} files: load + schema + cross-refs",
                     f"{ours:.2f} s ({n / ours:.0f} files/s)",
                     f"check-jsonschema {theirs:.2f} s ({n / theirs:.0f} files/s); "
                     f"ours is {theirs / ours:.1f}x faster"))
        rows.append(("  parse floor: PyYAML C loader, no checks", f"{c_loader:.2f} s",
                     f"{n / c_loader:.0f} files/s"))
        rows.append(("  peak memory of the benchmark process",
                     f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB", ""))
    return rows


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
