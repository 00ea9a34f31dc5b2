"""Site build at scale: 100, 1,000 and 2,000 generated standards.

Ours: `render_site` (pages from the model, generated config with section groups
and `navigation.prune`, `mkdocs build --strict` with its pages shared over the
cores), downloads stubbed with small files since Word and the kit are measured
by their own benchmarks. Ours is measured twice: on every core, as `pmo build`
runs, and on one core (PMO_SITE_WORKERS=1), to show what the sharing adds.
Baseline, same run: a plain `mkdocs build` of the same generated Markdown with
default mkdocs-material settings (no nav, so every page embeds the whole tree).
Sizes leave out downloads/, which only our site has.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.shared.parallel import WORKERS_VARIABLE, worker_count
from generator.shared.templating import PACKAGE_ROOT
from generator.site import render_site
from generator.site.pages import list_downloads, site_environment, write_pages
from generator.site.render import TEMPLATES
from tests.support.corpus import generate_corpus
from tests.support.site import site_inputs

SIZES = (100, 1000, 2000)
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
              "toc", "pymdownx.superfences"]


def _stub_dist(handbook: Handbook, dist: Path) -> Path:
    """Small stand-ins for the Word files and the kit the site links to."""
    downloads = list_downloads(handbook)
    for path in [*downloads.word.values(), downloads.handbook_word, downloads.kit]:
        target = dist / Path(path).relative_to("downloads")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"stub")
    return dist


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and "downloads" not in p.relative_to(folder).parts)


def _ours(handbook: Handbook, root: Path, workers: str = "") -> tuple[float, int, int]:
    dist = _stub_dist(handbook, root / "dist")
    workspace = Workspace(PACKAGE_ROOT)  # the repository's docs/ and mkdocs.yml
    saved = os.environ.get(WORKERS_VARIABLE)
    os.environ[WORKERS_VARIABLE] = workers
    try:
        started = time.perf_counter()
        render_site(handbook, root / "site", site_inputs(workspace.root, dist))
        elapsed = time.perf_counter() - started
    finally:
        if saved is None:
            del os.environ[WORKERS_VARIABLE]
        else:
            os.environ[WORKERS_VARIABLE] = saved
    return elapsed, _size(root / "site"), sum(1 for _ in (root / "site").rglob("*.html"))


def _plain(handbook: Handbook, root: Path) -> tuple[float, int, int]:
    docs = root / "docs"
    docs.mkdir(parents=True)
    write_pages(handbook, docs, site_environment(TEMPLATES), list_downloads(handbook),
                site_url=None)
    config = {"site_name": "Plain", "docs_dir": str(docs), "site_dir": str(root / "site"),
              "theme": {"name": "material"}, "markdown_extensions": EXTENSIONS}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                    str(root / "mkdocs.yml")], check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    return elapsed, _size(root / "site"), sum(1 for _ in (root / "site").rglob("*.html"))


def measure() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    for n in SIZES:
        with tempfile.TemporaryDirectory(prefix=f"bench-site-{n}-") as tmp:
            handbook = load_handbook(generate_corpus(Path(tmp) / "corpus", n))
            count = len(handbook.standards)
            ours = _ours(handbook, Path(tmp) / "ours")
            one_core = _ours(handbook, Path(tmp) / "one-core", workers="1")
            plain = _plain(handbook, Path(tmp) / "plain")
            rows += [
                (f"site build, {count} standards ({ours[2]} vs {plain[2]} pages), "
                 f"{worker_count()} cores", f"{ours[0]:.1f} s",
                 f"{plain[0]:.1f} s plain mkdocs-material ({plain[0] / ours[0]:.1f}x slower)"),
                (f"site build, {count} standards, one core (PMO_SITE_WORKERS=1)",
                 f"{one_core[0]:.1f} s", f"(plain is {plain[0] / one_core[0]:.1f}x slower)"),
                (f"site size, {count} standards (without downloads)",
                 f"{ours[1] / 1e6:.0f} MB", f"{plain[1] / 1e6:.0f} MB "
                 f"({plain[1] / ours[1]:.1f}x larger)"),
            ]
    return rows


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
