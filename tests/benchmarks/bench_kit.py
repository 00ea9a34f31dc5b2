"""Kit speed: `cookiecutter --no-input` on the shipped kit, start to finished project.

Baseline in the same run: cookiecutter on an empty template (one folder, one
README, no hooks), which is cookiecutter's own start-up and render cost.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.kit import render_kit
from generator.model.applicability import artefacts_for
from generator.model.render_inputs import RenderInputs
from generator.pipeline.check import load_handbook
from generator.word import render_word
from tests.support.site import dist_files

REPO = Path(__file__).resolve().parents[2]
RUNS = 5
# Answers that give tier 1, so that every tier may be chosen with them.
ANSWERS = ["project_name=Warehouse scanners & Co", "project_manager=Ana Silva",
           "sponsor=Tom Berg", "start_date=2026-03-02", "end_date=2026-07-31",
           "budget=80000", "business_owner=Lena Park", "risk=low", "reach=one-team"]


def _time_cookiecutter(template: Path, output: Path, answers: list[str]) -> float:
    """Median wall time of RUNS runs of the real cookiecutter command."""
    config = output / "cookiecutter-config.yaml"
    output.mkdir(parents=True, exist_ok=True)
    config.write_text(f"cookiecutters_dir: {output / 'templates'}\n"
                      f"replay_dir: {output / 'replay'}\n")
    env = {**os.environ, "COOKIECUTTER_CONFIG": str(config)}
    times = []
    for run in range(RUNS):
        target = output / f"run-{run}"
        target.mkdir(parents=True)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cookiecutter", str(template), "--no-input",
                        "-o", str(target), *answers], check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _empty_template(root: Path) -> Path:
    template = root / "empty"
    (template / "{{cookiecutter.project_slug}}").mkdir(parents=True)
    (template / "cookiecutter.json").write_text(json.dumps(
        {"project_name": "x", "project_slug": "{{ cookiecutter.project_name | slugify }}"}))
    (template / "{{cookiecutter.project_slug}}" / "README.md").write_text(
        "# {{ cookiecutter.project_name }}\n")
    return template


def measure() -> list[tuple[str, str, str]]:
    handbook = load_handbook(REPO / "standards")
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-kit-") as temporary:
        root = Path(temporary)
        render_word(handbook, root / "dist" / "word", RenderInputs())
        started = time.perf_counter()
        render_kit(handbook, root / "dist", RenderInputs(files=dist_files(root / "dist")))
        rows.append(("kit: render_kit (template + zip)", f"{time.perf_counter() - started:.2f} s",
                     "-"))
        baseline = _time_cookiecutter(_empty_template(root), root / "out-empty",
                                      ["project_name=x"])
        zip_path = root / "dist" / f"project-kit-{handbook.settings.version}.zip"
        for tier in handbook.settings.tiers:
            files = len(artefacts_for(handbook, tier.id))
            ours = _time_cookiecutter(zip_path, root / f"out-{tier.id}",
                                      [*ANSWERS, f"tier={tier.id}"])
            rows.append((f"kit: cookiecutter zip -> project, tier {tier.id} ({files} artefacts)",
                         f"{ours:.2f} s", f"{baseline:.2f} s empty template"))
    return rows


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
