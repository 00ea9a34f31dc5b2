"""The pipeline: load -> validate -> model -> renderers, with all-or-nothing outputs.

Renderers write into a staging folder; only when every one of them succeeded are
the outputs moved into place, so a failed build leaves the previous ones as they were.
"""

from __future__ import annotations

import dataclasses
import gc
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem, StandardsError
from generator.loader import Document, StandardFile, find_standards, load_files
from generator.model import Handbook, build_model
from generator.parallel import map_halves
from generator.validator import check_references, check_schemas
from generator.versions import check_versions

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE_ROOT / "templates"
TARGETS = ("word", "kit", "site")
# Below this many files a second process costs more than it saves.
PARALLEL_FROM = 300


@dataclass(frozen=True, slots=True)
class Workspace:
    """Where a handbook repository keeps its sources and outputs."""

    root: Path

    @property
    def standards(self) -> Path:
        return self.root / "standards"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def dist(self) -> Path:
        return self.root / "dist"


Progress = Callable[[str], None]


def print_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def quiet(_message: str) -> None:
    """A progress callback that says nothing."""


def check_standards(standards_dir: Path) -> tuple[list[Document], list[Problem]]:
    """Load and validate; return the documents and every problem found."""
    files, problems = find_standards(standards_dir)
    with _gc_paused():
        loaded = map_halves(_load_and_check_schemas, files, minimum=PARALLEL_FROM)
        documents = [document for document, _ in loaded]
        problems += [p for _, found in loaded for p in found]
        problems += check_references(loaded)
        if not problems:  # version rules need schema-valid standards
            problems = check_versions(documents, standards_dir)
    return documents, sorted(set(problems))


def _load_and_check_schemas(files: Sequence[StandardFile]) -> list[tuple[Document, list[Problem]]]:
    """Each file's document with its load and schema problems (the parallel part)."""
    documents, load_problems = load_files(files)
    by_file: dict[str, list[Problem]] = {}
    for problem in load_problems:
        by_file.setdefault(problem.file, []).append(problem)
    return [(d, by_file.get(d.display, []) + found) for d, found in check_schemas(documents)]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects.

    Node trees kept for error positions are acyclic, so reference counting frees
    them; without the pause, collector passes over them take half the load time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_handbook(standards_dir: Path) -> Handbook:
    """Load, validate and build the model; raise StandardsError with every problem."""
    documents, problems = check_standards(standards_dir)
    if problems:
        raise StandardsError(problems)
    settings = next(d.data for d in documents if d.kind == "handbook")
    handbook = build_model(
        settings, ((d.kind, d.display, d.data) for d in documents if d.kind != "handbook")
    )
    from generator.changelog import release_notes
    from generator.manifest import manifests_dir

    return dataclasses.replace(handbook, releases=release_notes(manifests_dir(standards_dir)))


def build_handbook(
    workspace: Workspace, targets: Sequence[str] = TARGETS, progress: Progress = print_progress
) -> list[Path]:
    """Validate and build the chosen outputs; return the paths written."""
    started = time.perf_counter()
    progress(f"Validating {workspace.standards} ...")
    handbook = load_handbook(workspace.standards)
    progress(f"  {len(handbook.standards)} standards, handbook {handbook.settings.version}")
    with staging(workspace) as stage:
        written = render_outputs(handbook, workspace, stage, targets, progress)
        _publish(workspace, stage, targets)
    progress(f"Built {', '.join(targets)} in {time.perf_counter() - started:.1f} s")
    return [workspace.root / p.relative_to(stage) for p in written]


def render_outputs(
    handbook: Handbook,
    workspace: Workspace,
    stage: Path,
    targets: Sequence[str],
    progress: Progress,
    *,
    versioned: bool = False,
) -> list[Path]:
    """Run the renderers into `stage` (site/ and dist/ below it); `versioned` for a site that
    sits in a <version>/ folder of a versioned site."""
    from generator.kit import render_kit
    from generator.site import check_environment, render_site
    from generator.word import render_word

    if "site" in targets:
        check_environment()
    word_dir = stage / "dist" / "word"
    written: list[Path] = []
    if "word" in targets or "kit" in targets or "site" in targets:
        progress("Writing Word documents ...")
        written += render_word(handbook, word_dir)
    if "kit" in targets or "site" in targets:
        progress("Writing the project kit ...")
        written += render_kit(handbook, stage / "dist", word_dir=word_dir)
    if "site" in targets:
        progress("Building the site ...")
        written += render_site(
            handbook,
            stage / "site",
            workspace=workspace,
            dist_dir=stage / "dist",
            versioned=versioned,
        )
    return written


@contextmanager
def staging(workspace: Workspace, prefix: str = ".pmo-build-") -> Iterator[Path]:
    """A scratch folder inside the workspace (same file system: moves out of it are cheap)."""
    workspace.root.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=prefix, dir=workspace.root))
    try:
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _publish(workspace: Workspace, stage: Path, targets: Sequence[str]) -> None:
    """Move staged outputs into place, replacing the previous ones."""
    moves: list[tuple[Path, Path]] = []
    if "site" in targets:
        moves.append((stage / "site", workspace.site))
    staged_dist = stage / "dist"
    if staged_dist.exists():
        for item in sorted(staged_dist.iterdir()):
            moves.append((item, workspace.dist / item.name))
        if "kit" in targets and workspace.dist.exists():
            for old in workspace.dist.glob("project-kit-*.zip"):
                if not (staged_dist / old.name).exists():
                    old.unlink()
    workspace.dist.mkdir(parents=True, exist_ok=True)
    for source, target in moves:
        replace_path(source, target)


def replace_path(source: Path, target: Path) -> None:
    """Move `source` to `target`, replacing what was there (a file or a folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old")
    if old.exists():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    if target.exists():
        target.rename(old)
    shutil.move(str(source), str(target))
    if old.exists():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
