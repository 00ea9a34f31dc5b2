"""The site renderer: the handbook as a searchable mkdocs-material site.

A temporary tree is written first: docs/ (a copy of the workspace's docs/ plus
one generated page per standard), the downloads from dist/, the glossary
abbreviations, the data the macros read and a generated mkdocs config. Then
`mkdocs build --strict` runs on it (through generator.site_mkdocs, which shares
the pages over the cores), so the site is a plain docs tree that any
mkdocs-compatible builder (Zensical included) can read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.errors import BuildError
from generator.model import Handbook, Policy
from generator.parallel import worker_count
from generator.site_config import (
    DATA_FILE,
    ConfigPaths,
    make_config,
    read_base_config,
    write_config,
)
from generator.site_pages import (
    SECTIONS,
    Downloads,
    create_environment,
    list_downloads,
    page_path,
    write_abbreviations,
    write_pages,
)

if TYPE_CHECKING:
    from generator.build import Workspace

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = PACKAGE_ROOT / "templates" / "site"
DEFAULT_CONFIG = PACKAGE_ROOT / "mkdocs.yml"
MKDOCS_TIMEOUT = 1800


def render_site(handbook: Handbook, site_dir: Path, *, workspace: Workspace, dist_dir: Path,
                versioned: bool = False) -> list[Path]:
    """Build the site into `site_dir`; return the files written.

    `dist_dir` holds word/ and project-kit-<version>.zip, copied into
    site_dir/downloads/. With `versioned`, the site expects to sit in a
    `<version>/` folder beside a mike-style versions.json.
    """
    with _temporary_tree() as tree:
        paths = ConfigPaths(root=tree, docs_dir=tree / "docs", site_dir=site_dir.resolve(),
                            includes_dir=tree / "includes", abbreviations="abbreviations.md",
                            overrides=TEMPLATES / "overrides")
        if workspace.docs.is_dir():
            shutil.copytree(workspace.docs, paths.docs_dir)
        paths.docs_dir.mkdir(parents=True, exist_ok=True)
        hand_written = sorted(p.relative_to(paths.docs_dir).as_posix()
                              for p in paths.docs_dir.rglob("*.md"))
        downloads = list_downloads(handbook)
        copy_downloads(handbook, dist_dir, paths.docs_dir, downloads)
        base_file = workspace.mkdocs_yml if workspace.mkdocs_yml.is_file() else DEFAULT_CONFIG
        base = read_base_config(base_file)
        env = create_environment(TEMPLATES)
        pages = write_pages(handbook, paths.docs_dir, env, downloads,
                            site_url=handbook.settings.site_url,
                            directory_urls=base.get("use_directory_urls", True) is not False)
        write_abbreviations(handbook, paths.includes_dir / paths.abbreviations, env)
        write_macro_data(handbook, downloads, tree / DATA_FILE)
        config = make_config(base, handbook, paths,
                             base_dir=base_file.parent, nav=pages.nav,
                             not_in_nav=pages.not_in_nav, hand_written=hand_written,
                             versioned=versioned,
                             grouped_nav=pages.grouped)
        config_file = write_config(config, tree / "mkdocs.yml")
        run_mkdocs(config_file)
    return sorted(p for p in site_dir.rglob("*") if p.is_file())


def copy_downloads(handbook: Handbook, dist_dir: Path, docs_dir: Path,
                   downloads: Downloads) -> list[Path]:
    """Copy dist/word/** and the kit zip below docs/downloads/ (mkdocs publishes them)."""
    needed = {downloads.kit: dist_dir / Path(downloads.kit).name,
              downloads.handbook_word: dist_dir / "word" / Path(downloads.handbook_word).name}
    for path in downloads.word.values():
        needed[path] = dist_dir / Path(path).relative_to("downloads")
    missing = sorted(str(source) for source in needed.values() if not source.is_file())
    if missing:
        raise BuildError(f"the site offers files that are not built: {', '.join(missing[:5])}"
                         f"{' ...' if len(missing) > 5 else ''}; run `pmo build` (it writes "
                         "the Word files and the kit before the site)")
    target = docs_dir / "downloads"
    shutil.copytree(dist_dir / "word", target / "word", dirs_exist_ok=True,
                    copy_function=_link_or_copy)
    _link_or_copy(needed[downloads.kit], docs_dir / downloads.kit)
    return sorted(p for p in target.rglob("*") if p.is_file())


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    """Link a download into the temporary docs tree (mkdocs copies the file itself
    into the site); copy it where links are not possible or the name is taken."""
    try:
        os.symlink(os.path.abspath(source), target)
    except OSError:
        shutil.copy2(source, target)


def write_macro_data(handbook: Handbook, downloads: Downloads, target: Path) -> Path:
    """The model data the hand-written pages' macros may use, as JSON."""
    settings = handbook.settings
    kit_url = (settings.site_url + downloads.kit) if settings.site_url \
        else Path(downloads.kit).name
    data: dict[str, Any] = {
        "handbook": {
            "title": settings.title, "organisation": settings.organisation,
            "organisation_short": settings.organisation_short, "version": settings.version,
            "pmo_type": settings.pmo_type, "pmo_type_title": settings.pmo_type_info().title,
            "site_url": settings.site_url, "kit_command": f"cookiecutter {kit_url}",
            "counts": {kind: sum(1 for s in handbook.standards if s.kind == kind
                                 and not s.retired) for kind in SECTIONS},
        },
        "tiers": [{"id": t.id, "name": t.name, "description": t.description,
                   "criteria": list(t.criteria), "path": f"tailoring/tier-{t.id}.md"}
                  for t in settings.tiers],
        "pmo_types": [{"id": t.id, "title": t.title, "authority": t.authority,
                       "in_force": t.id == settings.pmo_type, "path": f"tailoring/{t.id}.md"}
                      for t in settings.pmo_types],
        "standards": {s.id: {
            "id": s.id, "kind": s.kind, "title": s.title, "version": s.version,
            "status": s.status, "owner": s.owner, "summary": s.summary,
            "effective": s.effective.isoformat(), "review_by": s.review_by.isoformat(),
            "path": page_path(s), "pillar": s.pillar,
            **({"code": s.code, "requirements": len(s.requirements)}
               if isinstance(s, Policy) else {}),
        } for s in handbook.standards},
        "downloads": {"kit": downloads.kit, "handbook_word": downloads.handbook_word,
                      "word": downloads.word},
    }
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def run_mkdocs(config_file: Path) -> None:
    """`mkdocs build --strict` on the generated config, its pages shared over the cores
    (generator.site_mkdocs); a warning or macro error fails it."""
    check_environment()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    command = [sys.executable, "-m", "generator.site_mkdocs", "build", "--strict", "--clean",
               "--config-file", str(config_file)]
    try:
        result = subprocess.run(command, cwd=config_file.parent, capture_output=True,
                                text=True, env=env, timeout=MKDOCS_TIMEOUT)
    except subprocess.TimeoutExpired as err:
        raise BuildError(f"mkdocs build took over {MKDOCS_TIMEOUT} s and was stopped") from err
    if result.returncode != 0:
        raise BuildError("mkdocs build failed; fix the page or standard it names:\n"
                         + _mkdocs_problems(result.stdout + result.stderr))


def check_environment() -> None:
    """Refuse a bad PMO_SITE_WORKERS before any output is rendered."""
    try:
        worker_count()
    except ValueError as err:
        raise BuildError(str(err)) from err


def _mkdocs_problems(output: str) -> str:
    """The lines of mkdocs' output worth showing (warnings, errors, macro messages)."""
    keep = [line for line in output.splitlines()
            if line.strip() and "end of life" not in line.lower()
            and not line.startswith(("INFO", "DEBUG"))]
    return "\n".join(keep[-60:]) or output[-4000:]


@contextmanager
def _temporary_tree() -> Iterator[Path]:
    tree = Path(tempfile.mkdtemp(prefix="pmo-site-"))
    try:
        yield tree
    finally:
        shutil.rmtree(tree, ignore_errors=True)
