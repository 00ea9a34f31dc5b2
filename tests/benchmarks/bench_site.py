"""Site build at scale (2,000 generated standards unless PMO_BENCH_STANDARDS says
otherwise), every figure from the same run, as wall and CPU seconds (the CPU of this
process and of every child it waited for; on a shared machine wall time alone says
little):

- plain mkdocs-material: `mkdocs build` of the same generated pages with default
  Material settings (no nav: every page embeds the whole tree), the stated baseline;
- Zensical: the site as `pmo build --only site --engine zensical` renders it (the
  pictures, the pages, the engine), with the Word files and kit already built;
- ours: the same with the mkdocs engine, as `pmo build` runs it; then in one
  process (PMO_SITE_WORKERS=1: the pages generated without a second process);
- the preview (`pmo serve`'s Previews, as its watcher calls it): one edit to a
  standard's text, then one edit to a standard's title, each from the file written to
  the edited page on disk (the page the author looks at reloads then); then the
  background pass that checks every other page; after it, every page that showed the
  old title must show the new one and none the old, and the preview's site must be
  the bytes of a fresh build.

Downloads are small stand-ins: Word and the kit are measured by their own benchmarks.
Ours is run PMO_BENCH_RUNS times (default 2) and its median quoted; the others once.

For whole-process timings, pair by pair, the builds also run one at a time:
`python tests/benchmarks/bench_site.py prepare DIR [N]`, then
`python tests/benchmarks/bench_site.py run ours|one-core|zensical|plain DIR`.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests.*, run as a script

from generator.commands.serve import Previews  # noqa: E402
from generator.model import Handbook  # noqa: E402
from generator.pipeline.check import load_handbook  # noqa: E402
from generator.pipeline.outputs import render_outputs  # noqa: E402
from generator.pipeline.workspace import Workspace, quiet  # noqa: E402
from generator.shared.parallel import WORKERS_VARIABLE  # noqa: E402
from generator.site.pages import list_downloads, site_environment, write_pages  # noqa: E402
from generator.site.render import TEMPLATES  # noqa: E402
from tests.support.corpus import generate_corpus  # noqa: E402
from tests.support.workspace import REPO as PACKAGE_ROOT  # noqa: E402

STANDARDS = int(os.environ.get("PMO_BENCH_STANDARDS", "2000"))
RUNS = int(os.environ.get("PMO_BENCH_RUNS", "2"))
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
              "toc", "pymdownx.superfences"]
EDITED = "policy-0007"
T = TypeVar("T")


class Timing:
    """Wall and CPU seconds of one call (CPU: this process and the children it reaped)."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU"


def _cpu() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], T]) -> tuple[Timing, T]:
    cpu, started = _cpu(), time.perf_counter()
    result = fn()
    return Timing(time.perf_counter() - started, _cpu() - cpu), result


def median(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.wall for t in timings),
                  statistics.median(t.cpu for t in timings))


def prepare(root: Path, n: int) -> Workspace:
    """A workspace at `root`: a generated corpus of `n` standards, the repository's
    docs/ and mkdocs.yml, stand-in downloads in dist/ and the plain baseline's tree."""
    generate_corpus(root, n)
    shutil.copytree(PACKAGE_ROOT / "docs", root / "docs")
    shutil.copy2(PACKAGE_ROOT / "mkdocs.yml", root / "mkdocs.yml")
    workspace = Workspace(root)
    handbook = load_handbook(workspace.standards)
    _stub_dist(handbook, root / "dist")
    plain = root / "plain"
    write_pages(handbook, plain / "docs", site_environment(TEMPLATES), list_downloads(handbook),
                site_url=None)
    config = {"site_name": "Plain", "docs_dir": "docs", "site_dir": "site",
              "theme": {"name": "material"}, "markdown_extensions": EXTENSIONS}
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return workspace


def _stub_dist(handbook: Handbook, dist: Path) -> None:
    downloads = list_downloads(handbook)
    for path in [*downloads.word.values(), downloads.handbook_word, downloads.kit]:
        target = dist / Path(path).relative_to("downloads")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"stub")


def build(what: str, root: Path, handbook: Handbook | None = None) -> Path:
    """One build of the prepared workspace `root`: ours, one-core, zensical or plain
    (fresh: ours into another folder); return the site folder. The standards are
    loaded first unless `handbook` is given (the timed builds are given it: plain
    mkdocs-material has no standards to load)."""
    if what == "plain":
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                        str(root / "plain" / "mkdocs.yml")], check=True, capture_output=True)
        return root / "plain" / "site"
    stage = root / f"stage-{what}"
    shutil.rmtree(stage, ignore_errors=True)
    handbook = handbook or load_handbook(root / "standards")
    saved = os.environ.get(WORKERS_VARIABLE)
    os.environ[WORKERS_VARIABLE] = "1" if what == "one-core" else ""
    try:  # as `pmo build --only site` renders it, with the Word files and kit built before
        render_outputs(handbook, Workspace(root), stage, ("site",), quiet, built=root / "dist",
                       site_engine="zensical" if what == "zensical" else "mkdocs")
    finally:
        if saved is None:
            os.environ.pop(WORKERS_VARIABLE, None)
        else:
            os.environ[WORKERS_VARIABLE] = saved
    return stage / "site"


def pages_showing(site: Path, text: str) -> set[str]:
    """The HTML pages of `site` that show `text` (HTML-escaped as the pages write it)."""
    pattern = re.compile(re.escape(text.replace("&", "&amp;")) + r"(?![\w])")
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")
            if pattern.search(p.read_text("utf-8"))}


def _edit(path: Path, change: Callable[[dict[str, object]], None]) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def preview_edits(workspace: Workspace) -> list[tuple[str, str, str]]:
    """The preview after its first build: a text edit, then a title edit, each timed from
    the file written to the new site in place, as `pmo serve`'s watcher rebuilds."""
    previews = Previews(workspace)
    stage = Path(tempfile.mkdtemp(prefix="bench-preview-"))
    shutil.copytree(workspace.root / "dist", stage / "dist")    # the first build's downloads
    previews.stage = stage
    first, _ = timed(lambda: previews.rebuild())
    path = workspace.standards / "policies" / f"{EDITED}.yaml"
    text, ok = timed(lambda: (_edit(path, lambda d: d.update(
        summary=str(d["summary"]) + " Edited for the benchmark.")),
        previews.rebuild(changed=[path]))[1])
    assert ok and previews.site is not None
    assert "Edited for the benchmark." in (previews.site / "policies" / EDITED / "index.html"
                                           ).read_text("utf-8")
    old = str(yaml.safe_load(path.read_text("utf-8"))["title"])
    new = "Zebra Crossing Oversight"
    showing = pages_showing(previews.site, old)
    title, ok = timed(lambda: (_edit(path, lambda d: d.update(title=new)),
                               previews.rebuild(changed=[path]))[1])
    assert ok and previews.site is not None
    assert new in (previews.site / "policies" / EDITED / "index.html").read_text("utf-8")
    settled, _ = timed(previews.settle)  # every other page, as the background pass does
    updated = pages_showing(previews.site, new)
    still = pages_showing(previews.site, old)
    stale = sorted(differing(previews.site, build("fresh", workspace.root)))
    previews.close()
    return [
        ("preview, first site build (pmo serve)", str(first), ""),
        ("preview, one edit to a standard's text", str(text), ""),
        ("preview, one edit to a standard's title", str(title),
         "the edited page on disk; every other page is checked when it is opened, or by "
         f"the background pass: all {len(showing)} pages in {settled.wall:.1f} s"),
        ("preview, after the title edit", "",
         f"{len(showing)} pages showed the old title, {len(updated)} show the new one, "
         f"{len(still)} the old; pages unlike a fresh build: "
         f"{len(stale)}{' (STALE: ' + ', '.join(stale[:3]) + ')' if stale else ''}"),
    ]


def differing(site: Path, fresh: Path) -> list[str]:
    """The HTML pages and search index of `site` that differ from the `fresh` build's."""
    names = {p.relative_to(fresh).as_posix() for p in fresh.rglob("*")
             if p.suffix in (".html", ".json")}
    names |= {p.relative_to(site).as_posix() for p in site.rglob("*")
              if p.suffix in (".html", ".json")}
    return [n for n in names if not (site / n).is_file() or not (fresh / n).is_file()
            or (site / n).read_bytes() != (fresh / n).read_bytes()]


def measure() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory(prefix=f"bench-site-{STANDARDS}-") as tmp:
        root = Path(tmp)
        workspace = prepare(root, STANDARDS)
        handbook = load_handbook(workspace.standards)
        plain, _ = timed(lambda: build("plain", root))
        zensical, _ = timed(lambda: build("zensical", root, handbook))
        ours = median([timed(lambda: build("ours", root, handbook))[0] for _ in range(RUNS)])
        one_core, _ = timed(lambda: build("one-core", root, handbook))
        pages = sum(1 for _ in (root / "stage-ours" / "site").rglob("*.html"))
        rows = [
            (f"site build, {len(handbook.standards)} standards, {pages} pages: "
             "plain mkdocs-material "
             "(baseline)", str(plain), ""),
            ("site build, Zensical (--engine zensical)", str(zensical),
             f"plain is {plain.wall / zensical.wall:.1f}x the wall time, "
             f"{plain.cpu / zensical.cpu:.1f}x the CPU time"),
            (f"site build, ours (mkdocs engine; median of {RUNS})", str(ours),
             f"plain is {plain.wall / ours.wall:.1f}x the wall time, "
             f"{plain.cpu / ours.cpu:.1f}x the CPU time"),
            ("site build, ours in one process (PMO_SITE_WORKERS=1)",
             str(one_core), f"a second process saves {1 - ours.wall / one_core.wall:.0%} of "
             f"the wall time, costs {ours.cpu / one_core.cpu - 1:+.0%} CPU"),
        ]
        edits = preview_edits(workspace)
        for what, figure, note in edits:
            rows.append((what, figure, note))
        return rows


def main(argv: list[str]) -> int:
    if argv[:1] == ["prepare"]:
        prepare(Path(argv[1]), int(argv[2]) if len(argv) > 2 else STANDARDS)
        return 0
    if argv[:1] == ["run"]:
        build(argv[1], Path(argv[2]))
        return 0
    for row in measure():
        print(" | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
