"""Validate the standards (sources, then version rules) and build the model from them.

Problems make the standards invalid; warnings (a review date that has passed) are
reported beside them and change nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from generator.errors import Problem, StandardsError
from generator.model import Handbook, build_model
from generator.release.changelog import release_notes
from generator.release.manifest import manifests_dir
from generator.release.version_rules import check_versions
from generator.shared.clock import today
from generator.shared.parallel import gc_paused
from generator.source.check import check_sources
from generator.source.loader import Document


def check_standards(standards_dir: Path) -> tuple[list[Document], list[Problem]]:
    """Load and validate; return the documents and every problem found."""
    with gc_paused():
        documents, problems = check_sources(standards_dir)
        if not problems:  # version rules need schema-valid standards
            problems = check_versions(documents, standards_dir)
    return documents, sorted(set(problems))


def review_warnings(documents: Sequence[Document], on: date,
                    problems: Sequence[Problem] = ()) -> list[Problem]:
    """A located warning for every standard (not retired) whose review date is before `on`;
    none where `problems` already name the review date."""
    flagged = {p.file for p in problems if p.field == "review_by"}
    roles = {d.data.get("id"): d.data.get("title") for d in documents if d.kind == "role"
             and isinstance(d.data, dict)}
    warnings = []
    for document in documents:
        data = document.data
        if document.kind == "handbook" or not isinstance(data, dict) \
                or data.get("status") == "retired" or document.display in flagged:
            continue
        review_by = _date(data.get("review_by"))
        if review_by is None or review_by >= on:
            continue
        owner = data.get("owner")
        line, column = document.locate(["review_by"])
        warnings.append(Problem(
            document.display, line, column, "review_by",
            f"review date {review_by} passed {(on - review_by).days} days ago: the owner "
            f"({roles.get(owner) or owner}) reviews it, then sets a later review_by (a patch "
            "version with a history entry)"))
    return sorted(warnings)


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def load_handbook(standards_dir: Path) -> Handbook:
    """Load, validate and build the model with its release history, review dates judged as of
    today (PMO_TODAY); raise StandardsError with every problem."""
    documents, problems = check_standards(standards_dir)
    if problems:
        raise StandardsError(problems)
    settings = next(d.data for d in documents if d.kind == "handbook")
    handbook = build_model(
        settings, ((d.kind, d.display, d.data) for d in documents if d.kind != "handbook")
    )
    return dataclasses.replace(handbook, releases=release_notes(manifests_dir(standards_dir)),
                               as_of=today())
