"""The standard files of a handbook: where each kind lives under standards/.

A kind's folder comes from the registry of kinds; anything else with a YAML ending is
reported, so a standard saved in the wrong place is not silently left out. Every entry
with a standard's name is listed, whatever it is: the loader reads regular files only and
reports a folder, a FIFO, a device or a symbolic link under that name as a problem.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from generator.errors import Problem
from generator.model.kinds import KINDS
from generator.shared.regular_files import is_present
from generator.source.loader import Document, load_document
from generator.source.releases import check_manifests, manifests_dir

HANDBOOK_FILE = "handbook.yaml"
StandardFile = tuple[Path, str, str]  # path, kind, path as shown in messages


def iter_standard_files(standards_dir: Path) -> Iterator[tuple[Path, str]]:
    """Every YAML file of the standards tree with its kind, in a stable order."""
    handbook = standards_dir / HANDBOOK_FILE
    if is_present(handbook):
        yield handbook, "handbook"
    for folder, kind in KINDS.by_folder().items():
        if not (standards_dir / folder).is_symlink():  # reported by find_standards
            for path in sorted((standards_dir / folder).glob("*.yaml")):
                yield path, kind


def linked_folders(standards_dir: Path) -> list[Path]:
    """Folders of the tree (a kind's, or releases) that are symbolic links: not read, since
    they could lead anywhere on the machine."""
    folders = [standards_dir / name for name in KINDS.by_folder()]
    return sorted(p for p in [*folders, manifests_dir(standards_dir)] if p.is_symlink())


def stray_files(standards_dir: Path) -> list[Path]:
    """YAML files that `iter_standard_files` would not read."""
    known = {standards_dir / folder for folder in KINDS.by_folder()} | {standards_dir}
    return sorted(
        p
        for p in standards_dir.rglob("*.y*ml")
        if p.suffix == ".yml"
        or (p.parent not in known)
        or (p.parent == standards_dir and p.name != HANDBOOK_FILE)
    )


def find_standards(standards_dir: Path) -> tuple[list[StandardFile], list[Problem]]:
    """The standard files of a tree, and problems with the tree itself (its release
    manifests included: the build reads them all)."""
    base = standards_dir.resolve().parent
    problems: list[Problem] = []
    if not is_present(standards_dir / HANDBOOK_FILE):
        where = _display(standards_dir / HANDBOOK_FILE, base)
        message = "file not found: every handbook needs its handbook.yaml"
        problems.append(Problem(where, 0, 0, "", message))
    for path in stray_files(standards_dir):
        message = (
            "not a known place for a standard: put it in one of "
            f"{', '.join(sorted(KINDS.by_folder()))} as <id>.yaml"
        )
        problems.append(Problem(_display(path, base), 0, 0, "", message))
    for path in linked_folders(standards_dir):
        message = "a symbolic link, not a folder of the tree: put the files themselves here"
        problems.append(Problem(_display(path, base), 0, 0, "", message))
    if not manifests_dir(standards_dir).is_symlink():
        problems += check_manifests(standards_dir)
    files = [(p, kind, _display(p, base)) for p, kind in iter_standard_files(standards_dir)]
    return files, problems


def load_files(files: Sequence[StandardFile]) -> tuple[list[Document], list[Problem]]:
    """Load the given files; an unreadable one is still listed, without data."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for path, kind, display in files:
        document, found = load_document(path, kind, display)
        problems.extend(found)
        if document is None:  # still known by its file name, so references to it hold
            document = Document(path, display, kind, None, None, trusted=False)
        elif found:
            document = Document(path, display, kind, document.data, document.root, trusted=False)
        documents.append(document)
    return documents, problems


def load_documents(standards_dir: Path) -> tuple[list[Document], list[Problem]]:
    """Load every standard under `standards_dir`; return documents and load problems."""
    files, problems = find_standards(standards_dir)
    documents, found = load_files(files)
    return documents, problems + found


def _display(path: Path, base: Path) -> str:
    """The path from the handbook's folder; a symbolic link is shown where it is, not followed."""
    try:
        return (path.parent.resolve() / path.name).relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


