"""`python -m generator.site.mkdocs_build build`: mkdocs' page loops shared over processes.

Each test builds a small real mkdocs-material project twice, with plain
`mkdocs build` and with the shared build, and compares what they wrote or
how they failed.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs import __version__ as mkdocs_version

from generator.errors import BuildError
from generator.model import Handbook
from generator.site import render_site
from generator.site.engines import run_mkdocs
from tests.support.site import make_dist, site_inputs
from tests.support.workspace import REPO

PAGES = 60


def make_project(root: Path, *, extra: dict[str, str] | None = None,
                 plugins: list[object] | None = None) -> Path:
    """A docs tree of PAGES pages with headings, tables, links and anchors across pages."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n\nSee [page 7](p/page-07.md#part-2).\n",
                                   encoding="utf-8")
    for i in range(PAGES):
        text = [f"# Page {i}\n", f"Intro for page {i}: word{i}unique.\n"]
        for part in range(1, 4):
            value = "*v*" if part == 2 else "v"
            text += [f"## Part {part}\n",
                     f"Text {i}.{part} links [next](page-{(i + 1) % PAGES:02d}.md#part-{part}).\n",
                     f"| Key | Value |\n|---|---|\n| cell{i}x{part} | {value} |\n"]
        (docs / "p").mkdir(exist_ok=True)
        (docs / "p" / f"page-{i:02d}.md").write_text("\n".join(text), encoding="utf-8")
    for name, body in (extra or {}).items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(body, encoding="utf-8")
    config = {"site_name": "Shared build", "docs_dir": str(docs), "site_dir": str(root / "site"),
              "theme": {"name": "material"}, "plugins": plugins or ["search"],
              "markdown_extensions": ["tables", "toc", "attr_list"],
              "validation": {"anchors": "warn", "unrecognized_links": "warn"}}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root / "mkdocs.yml"


def run(module: str, config: Path, workers: str = "3") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PMO_SITE_WORKERS": workers, "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", module, "build", "--strict", "--clean",
                           "-f", str(config)], capture_output=True, text=True, env=env,
                          timeout=300, check=False)


def same_tree(left: Path, right: Path) -> list[str]:
    """Paths that differ between two folders (missing on one side, or other bytes)."""
    names = {p.relative_to(left) for p in left.rglob("*") if p.is_file()}
    others = {p.relative_to(right) for p in right.rglob("*") if p.is_file()}
    differ = [str(p) for p in sorted(names ^ others)]
    return differ + [str(p) for p in sorted(names & others)
                     if not filecmp.cmp(left / p, right / p, shallow=False)]


def test_shared_build_writes_what_mkdocs_writes(tmp_path: Path) -> None:
    plain = make_project(tmp_path / "plain")
    shared = make_project(tmp_path / "shared")
    assert run("mkdocs", plain).returncode == 0
    result = run("generator.site.mkdocs_build", shared)
    assert result.returncode == 0, result.stderr
    assert f"Reading {PAGES + 1} pages on 3 processes" in result.stderr
    assert f"Writing {PAGES + 1} pages on 3 processes" in result.stderr
    assert same_tree(tmp_path / "plain" / "site", tmp_path / "shared" / "site") == []
    index = (tmp_path / "shared" / "site" / "search" / "search_index.json").read_text("utf-8")
    assert "word59unique" in index and "cell0x1" in index  # entries from every share


def test_another_mkdocs_version_builds_plain_after_a_one_line_notice(tmp_path: Path) -> None:
    """The shared loops replace private mkdocs functions: on a version they were not
    written for (faked here) the build is plain mkdocs, said in one line."""
    plain = make_project(tmp_path / "plain")
    faked = make_project(tmp_path / "faked")
    assert run("mkdocs", plain).returncode == 0
    script = ("import sys, mkdocs; mkdocs.__version__ = '1.7.0'; "
              "from generator.site import mkdocs_build; mkdocs_build.main()")
    result = subprocess.run(
        [sys.executable, "-c", script, "build", "--strict", "--clean", "-f", str(faked)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PMO_SITE_WORKERS": "3", "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr
    notices = [line for line in result.stderr.splitlines() if line.startswith("pmo: notice:")]
    assert notices == ["pmo: notice: mkdocs 1.7.0 is not the 1.6.x the shared page loops were "
                       "written for: building on one core with plain mkdocs (slower)"]
    assert "processes" not in result.stderr
    # the same site, but for the version the pages name as their generator
    for page in (tmp_path / "faked" / "site").rglob("*.html"):
        page.write_text(page.read_text("utf-8").replace("mkdocs-1.7.0", f"mkdocs-{mkdocs_version}"),
                        encoding="utf-8")
    assert same_tree(tmp_path / "plain" / "site", tmp_path / "faked" / "site") == []


def test_one_worker_is_plain_mkdocs(tmp_path: Path) -> None:
    result = run("generator.site.mkdocs_build", make_project(tmp_path), workers="1")
    assert result.returncode == 0, result.stderr
    assert "processes" not in result.stderr


# mkdocs lists a folder's files before its subfolders: index.md, a-first.md, p/...
@pytest.mark.parametrize(("where", "to"), [("a-first.md", "p/"), ("p/zz-last.md", "")])
def test_a_warning_in_any_share_fails_the_strict_build(tmp_path: Path, where: str,
                                                       to: str) -> None:
    broken = {where: f"# Broken\n\nSee [nowhere](no-such-page.md), [x]({to}page-01.md#no-part).\n"}
    plain = run("mkdocs", make_project(tmp_path / "plain", extra=broken))
    shared = run("generator.site.mkdocs_build", make_project(tmp_path / "shared", extra=broken))
    assert plain.returncode == shared.returncode == 1
    for message in (f"Doc file '{where}' contains a link 'no-such-page.md'",
                    f"Doc file '{where}' contains a link '{to}page-01.md#no-part'",
                    "Aborted with 2 warnings in strict mode!"):
        assert message in plain.stdout + plain.stderr
        assert message in shared.stdout + shared.stderr


def test_an_error_in_a_child_share_fails_the_build_with_its_message(tmp_path: Path) -> None:
    failing = {"p/zz-last.md": "# Last\n\n{{ no_such_variable.attribute }}\n"}
    plugins = ["search", {"macros": {"on_error_fail": True, "on_undefined": "strict"}}]
    plain = run("mkdocs", make_project(tmp_path / "plain", extra=failing, plugins=plugins))
    shared = run("generator.site.mkdocs_build",
                 make_project(tmp_path / "shared", extra=failing, plugins=plugins))
    assert plain.returncode == shared.returncode != 0  # mkdocs-macros exits with 100
    assert "Reading" in shared.stderr  # the failing page is the last child's
    assert "_File_: `p/zz-last.md`" in shared.stderr
    assert "UndefinedError_: 'no_such_variable' is undefined" in shared.stderr
    assert not (tmp_path / "shared" / "site" / "p" / "zz-last" / "index.html").exists()


def test_unknown_plugins_keep_the_build_plain(tmp_path: Path) -> None:
    config = make_project(tmp_path, plugins=["search", "tags"])
    result = run("generator.site.mkdocs_build", config)
    assert result.returncode == 0, result.stderr
    assert "processes" not in result.stderr


def test_bad_worker_count_is_explained(tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("generator.site.mkdocs_build", make_project(tmp_path), workers="two")
    assert result.returncode != 0
    assert "PMO_SITE_WORKERS='two'" in result.stderr and "whole number" in result.stderr
    monkeypatch.setenv("PMO_SITE_WORKERS", "0")
    with pytest.raises(BuildError, match="PMO_SITE_WORKERS='0': set it to a whole number"):
        run_mkdocs(tmp_path / "mkdocs.yml")  # refused before mkdocs starts


def test_the_handbook_site_is_the_same_on_one_or_three_processes(
        tmp_path: Path, handbook: Handbook, monkeypatch: pytest.MonkeyPatch) -> None:
    dist = make_dist(handbook, tmp_path / "dist")
    for workers in ("1", "3"):
        monkeypatch.setenv("PMO_SITE_WORKERS", workers)
        render_site(handbook, tmp_path / workers, site_inputs(REPO, dist))
    assert len(list((tmp_path / "3").rglob("*.html"))) > 2 * 16  # enough pages to share
    assert same_tree(tmp_path / "1", tmp_path / "3") == []
