"""Validate the standards (sources, then version rules) and build the model from them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.errors import Problem, StandardsError
from generator.model import Handbook, build_model
from generator.release.changelog import release_notes
from generator.release.manifest import manifests_dir
from generator.release.version_rules import check_versions
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


def load_handbook(standards_dir: Path) -> Handbook:
    """Load, validate and build the model with its release history; raise StandardsError
    with every problem."""
    documents, problems = check_standards(standards_dir)
    if problems:
        raise StandardsError(problems)
    settings = next(d.data for d in documents if d.kind == "handbook")
    handbook = build_model(
        settings, ((d.kind, d.display, d.data) for d in documents if d.kind != "handbook")
    )
    return dataclasses.replace(handbook, releases=release_notes(manifests_dir(standards_dir)))
