"""Portfolio speed: `pmo portfolio` over 250, 500 and 1,000 generated project folders.

Three projects are made with the real cookiecutter from the kit (one per tier), their gate
documents written; the folders are then multiplied (gate documents hard-linked, status
files written for two periods each, a third of them candidates, some over tolerance).
Baseline in the same run: reading the same status files with PyYAML alone
(`yaml.safe_load`, and the C loader), in a process of its own like `pmo portfolio`.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from generator.kit import render_kit
from generator.model.render_inputs import RenderInputs
from generator.pipeline.check import load_handbook
from generator.word import render_word
from tests.support.projects import (
    add_register_row,
    cookiecutter_env,
    make_project,
    status,
    write_document,
)
from tests.support.site import dist_files

REPO = Path(__file__).resolve().parents[2]
SIZES = (250, 500, 1000)
GATES = {1: ("G1", ["project-charter"], ["raid-log"]),
         2: ("G2", ["project-plan", "steering-committee-tor", "communications-plan",
                    "stage-gate-checklist"], ["raid-log"]),
         3: ("G0", ["project-mandate"], [])}
CRITERIA = ("strategic-alignment", "financial-value", "risk", "urgency-regulation",
            "capability-fit")
FLOOR = """\
import sys, pathlib, yaml
loader = getattr(yaml, sys.argv[1])
for path in sorted(pathlib.Path(sys.argv[2]).glob("*/status/*.yaml")):
    yaml.load(path.read_bytes(), Loader=loader)
"""


def templates(root: Path) -> dict[int, Path]:
    """One project per tier from the real kit, with its next gate's documents written."""
    handbook = load_handbook(REPO / "standards")
    render_word(handbook, root / "dist" / "word", RenderInputs())
    render_kit(handbook, root / "dist", RenderInputs(files=dist_files(root / "dist")))
    kit = root / "dist" / f"project-kit-{handbook.settings.version}.zip"
    env = cookiecutter_env(root / "home")
    made = {}
    for tier, (_, documents, registers) in GATES.items():
        project = make_project(kit, root / "templates", env, project_name=f"Template {tier}",
                               project_slug=f"t{tier}", project_manager="Ana Silva",
                               sponsor="Tom Berg", start_date="2026-10-01",
                               end_date="2027-09-30", tier=str(tier), budget="500000")
        for name in documents:
            write_document(project, name)
        for name in registers:
            add_register_row(project, name, ["R-01", "Risk", "Example"])
        made[tier] = project
    return made


def multiply(made: dict[int, Path], target: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    target.mkdir(parents=True)
    for index in range(count):
        tier = (1, 2, 2, 3)[index % 4]
        source = made[tier]
        folder = target / f"project-{index:04d}"
        (folder / "status").mkdir(parents=True)
        (folder / ".pmo-kit.json").write_bytes((source / ".pmo-kit.json").read_bytes())
        gate, documents, registers = GATES[tier]
        for name in documents:
            (folder / "documents").mkdir(exist_ok=True)
            os.link(source / "documents" / f"{name}.docx", folder / "documents" / f"{name}.docx")
        for name in registers:
            (folder / "registers").mkdir(exist_ok=True)
            os.link(source / "registers" / f"{name}.xlsx", folder / "registers" / f"{name}.xlsx")
        budget = rng.randrange(50, 3000) * 1000
        candidate = tier == 3
        for period, drift in (("2026-10", 1.0), ("2026-11", rng.choice((1.0, 1.03, 1.12)))):
            data = status(period, next_gate=gate, budget=budget, eac=round(budget * drift),
                          baseline="2027-06-30", forecast="2027-06-30",
                          ratings={"cost": "Amber"} if drift > 1.05 else None,
                          narrative="Work is on plan. " * rng.randrange(2, 12),
                          scores={c: rng.randrange(1, 6) for c in CRITERIA}
                          if candidate else None, demand=budget,
                          skills={"data-engineering": rng.randrange(0, 80)})
            (folder / "status" / f"{period}.yaml").write_text(
                yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return target


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=False, capture_output=True)
    return time.perf_counter() - started


def measure() -> list[tuple[str, str, str]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-portfolio-") as temporary:
        root = Path(temporary)
        made = templates(root)
        capacity = root / "capacity.yaml"
        capacity.write_text(json.dumps({"budget": 50_000_000, "skills": {
            "data-engineering": 4000, "solution-architecture": 1000,
            "business-analysis": 1000}}), encoding="utf-8")
        for size in SIZES:
            projects = multiply(made, root / f"p{size}", size)
            ours = min(timed([sys.executable, "-m", "generator", "--root", str(REPO),
                              "portfolio", str(projects), "--capacity", str(capacity),
                              "--out", str(root / f"out{size}")]) for _ in range(2))
            safe = min(timed([sys.executable, "-c", FLOOR, "SafeLoader", str(projects)])
                       for _ in range(2))
            c_loader = min(timed([sys.executable, "-c", FLOOR, "CSafeLoader", str(projects)])
                           for _ in range(2))
            files = 2 * size
            rows.append((f"pmo portfolio, {size} projects ({files} status files)",
                         f"{ours:.2f} s ({size / ours:.0f} projects/s)",
                         f"PyYAML safe_load {safe:.2f} s: ours {ours / safe:.1f}x; "
                         f"C loader {c_loader:.2f} s: ours {ours / c_loader:.1f}x"))
    return rows


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
