"""Project folders as project managers leave them: made by the real kit, then documents
written, registers filled and status files kept month by month."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from openpyxl import load_workbook

COOKIECUTTER = [sys.executable, "-m", "cookiecutter"]
DIMENSIONS = ("overall", "schedule", "cost", "scope", "risk", "benefits")


def cookiecutter_env(home: Path) -> dict[str, str]:
    """cookiecutter with its downloads and replay files in `home`, not in ~."""
    config = home / "cookiecutter-config.yaml"
    home.mkdir(parents=True, exist_ok=True)
    config.write_text(f"cookiecutters_dir: {home / 'templates'}\nreplay_dir: {home / 'replay'}\n",
                      encoding="utf-8")
    return {**os.environ, "COOKIECUTTER_CONFIG": str(config), "PYTHONIOENCODING": "utf-8"}


# Risk and reach answers that put a project in the tier it is made for (the kit refuses a
# tier lower than the answers give).
TIER_LEVELS = {"1": ("low", "one-team"), "2": ("medium", "cross-team"),
               "3": ("high", "group-wide")}


def make_project(kit_zip: Path, output: Path, env: dict[str, str], **answers: str) -> Path:
    """Run the real cookiecutter on the kit; return the project folder. The business owner,
    risk and reach default to a name and the levels of the tier asked for."""
    risk, reach = TIER_LEVELS[answers.get("tier", "1")]
    answers = {"business_owner": "Lena Park", "risk": risk, "reach": reach, **answers}
    args = [*COOKIECUTTER, str(kit_zip), "--no-input", "-o", str(output),
            *(f"{k}={v}" for k, v in answers.items())]
    result = subprocess.run(args, capture_output=True, text=True, timeout=180, env=env)
    assert result.returncode == 0, result.stderr
    return output / answers["project_slug"]


def write_document(project: Path, artefact: str, text: str = "Written by the project.") -> None:
    """Write the document as a project manager does: the guidance deleted, content added."""
    path = project / "documents" / f"{artefact}.docx"
    document = Document(str(path))
    for paragraph in list(document.paragraphs):
        if paragraph.style is not None and paragraph.style.name == "Guidance":
            paragraph._element.getparent().remove(paragraph._element)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in list(cell.paragraphs):
                    if paragraph.style is not None and paragraph.style.name == "Guidance":
                        paragraph._element.getparent().remove(paragraph._element)
    document.add_paragraph(text)
    document.save(str(path))


def add_register_row(project: Path, artefact: str, values: list[Any]) -> None:
    path = project / "registers" / f"{artefact}.xlsx"
    workbook = load_workbook(path)
    workbook.worksheets[0].append(values)
    workbook.save(path)


def status(period: str, *, next_gate: str, budget: float, eac: float, baseline: str,
           forecast: str, ratings: dict[str, str] | None = None, narrative: str = "",
           decision: str | None = None, scores: dict[str, int] | None = None,
           demand: float | None = None, skills: dict[str, float] | None = None,
           mandatory: dict[str, str] | None = None, **extra: Any) -> dict[str, Any]:
    """A status file's data, Green unless `ratings` says otherwise."""
    given = ratings or {}
    data: dict[str, Any] = {
        "period": period, "next_gate": next_gate,
        "rag": {d: {"rating": given.get(d, "Green"),
                    "reason": f"{d.capitalize()} {given.get(d, 'Green').lower()}: as reported"}
                for d in DIMENSIONS},
        "narrative": narrative or "On plan. No decision needed this month.",
        "budget": budget, "forecast_at_completion": eac,
        "key_dates": {"handover": {"baseline": baseline, "forecast": forecast}},
        **extra,
    }
    if decision:
        data["decision_needed"] = decision
    if scores is not None:
        block: dict[str, Any] = {"scores": scores,
                                 "demand": {"budget": demand if demand is not None else budget,
                                            "skills": skills or {}}}
        if mandatory:
            block["mandatory"] = mandatory
        data["prioritisation"] = block
    return data


def write_status(project: Path, data: dict[str, Any]) -> Path:
    """status/<period>.yaml, as a project manager keeps it (one file per period)."""
    path = project / "status" / f"{data['period']}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
