"""Load and validate a standards tree: every file, its schema, then cross-references.

Loading and schema checks run on two processes for large trees (each file is
independent); cross-references need every document and run once, after.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.errors import Problem
from generator.shared.parallel import map_halves
from generator.source.files import StandardFile, find_standards, load_files
from generator.source.loader import Document
from generator.source.references import check_references
from generator.source.schema_check import check_schemas

# Below this many files a second process costs more than it saves.
PARALLEL_FROM = 300


def check_sources(standards_dir: Path) -> tuple[list[Document], list[Problem]]:
    """Load and validate every standard; return the documents and the problems found.

    Call it with the garbage collector paused (generator.shared.parallel.gc_paused)
    on large trees: see there why.
    """
    files, problems = find_standards(standards_dir)
    loaded = map_halves(load_and_check_schemas, files, minimum=PARALLEL_FROM)
    documents = [document for document, _ in loaded]
    problems += [p for _, found in loaded for p in found]
    problems += check_references(loaded)
    return documents, problems


def load_and_check_schemas(files: Sequence[StandardFile]) -> list[tuple[Document, list[Problem]]]:
    """Each file's document with its load and schema problems (the parallel part)."""
    documents, load_problems = load_files(files)
    by_file: dict[str, list[Problem]] = {}
    for problem in load_problems:
        by_file.setdefault(problem.file, []).append(problem)
    return [(d, by_file.get(d.display, []) + found) for d, found in check_schemas(documents)]
