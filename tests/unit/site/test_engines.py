"""The site engines: which one is chosen, how a failed build reads, and that the mkdocs
engine's shortcuts (its `pmo` plugin, the html_blocks extension) change no byte of the
site that plain mkdocs-material builds from the same tree."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.pages import Page

from generator.errors import BuildError
from generator.model import Handbook
from generator.pipeline.check import load_handbook
from generator.shared.parallel import SHARE_FROM_VARIABLE, WORKERS_VARIABLE
from generator.site import engines, mkdocs_plugin, render_site
from generator.site import render as site_render
from generator.site.config import HTML_BLOCKS_EXTENSION
from generator.site.html_blocks import MARKER
from tests.support.corpus import generate_corpus
from tests.support.site import make_dist, site_inputs
from tests.support.workspace import REPO

original_render = Page.render


def test_the_engine_is_the_option_else_the_variable_else_mkdocs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(engines.ENGINE_VARIABLE, raising=False)
    assert engines.chosen_engine(None) == "mkdocs"
    monkeypatch.setenv(engines.ENGINE_VARIABLE, "Zensical")
    assert engines.chosen_engine(None) == "zensical"
    assert engines.chosen_engine("mkdocs") == "mkdocs"
    monkeypatch.setenv(engines.ENGINE_VARIABLE, "hugo")
    with pytest.raises(BuildError, match="PMO_SITE_ENGINE='hugo' is not a site engine: use one "
                                         "of mkdocs, zensical"):
        engines.chosen_engine(None)


def test_a_warning_fails_the_strict_build_with_the_lines_worth_reading(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [nowhere](no-such-page.md).\n", "utf-8")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(
        {"site_name": "Broken", "docs_dir": "docs", "theme": {"name": "material"}}), "utf-8")
    with pytest.raises(BuildError) as failed:
        engines.run_mkdocs(tmp_path / "mkdocs.yml")
    message = str(failed.value)
    assert message.startswith("mkdocs build failed; fix the page or standard it names:")
    assert "Doc file 'index.md' contains a link 'no-such-page.md'" in message
    assert "INFO" not in message


def _built_trees(handbook: Handbook, root: Path, monkeypatch: pytest.MonkeyPatch,
                 docs_root: Path) -> tuple[Path, Path]:
    """The site render_site builds, and the temporary tree it built it from."""
    kept = root / "tree"
    run_engine = engines.run_engine

    def keep_tree(engine: str, config_file: Path, site_dir: Path) -> None:
        shutil.copytree(config_file.parent, kept)
        config = kept / "mkdocs.yml"  # its folders, in the kept copy
        config.write_text(config.read_text("utf-8").replace(str(config_file.parent), str(kept)),
                          "utf-8")
        run_engine(engine, config_file, site_dir)

    monkeypatch.setattr(site_render, "run_engine", keep_tree)
    render_site(handbook, root / "site", site_inputs(docs_root, make_dist(handbook,
                                                                          root / "dist")))
    return root / "site", kept


def _without_shortcuts(tree: Path) -> Path:
    """The same tree for plain mkdocs-material: no `pmo` plugin, no html_blocks extension,
    no marker line in the generated pages."""
    config_file = tree / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text("utf-8"))
    for key, name in (("plugins", "pmo"), ("markdown_extensions", HTML_BLOCKS_EXTENSION)):
        assert name in map(_name, config[key])
        config[key] = [entry for entry in config[key] if _name(entry) != name]
    config["site_dir"] = str(tree / "plain-site")
    config_file.write_text(yaml.safe_dump(config), "utf-8")
    for page in (tree / "docs").rglob("*.md"):
        text = page.read_text("utf-8")
        if MARKER in text:
            page.write_text(text.replace(MARKER + "\n", "", 1), "utf-8")
    engines.run_mkdocs(config_file)
    return tree / "plain-site"


def _name(entry: str | dict[str, object]) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def _differing(left: Path, right: Path) -> list[str]:
    names = {p.relative_to(left).as_posix() for p in left.rglob("*")
             if p.suffix in (".html", ".json")}
    assert len(names) > 20
    return sorted(n for n in names if not (right / n).is_file()
                  or (left / n).read_bytes() != (right / n).read_bytes())


@pytest.mark.parametrize("which", ["shipped", "corpus", "corpus in two processes"])
def test_the_shortcuts_change_no_byte_of_pages_or_search(
        tmp_path: Path, handbook: Handbook, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str], which: str) -> None:
    """Every HTML page (navigation, article) and the search index are the bytes plain
    mkdocs-material writes, on the shipped handbook and on a generated corpus; the
    corpus also as a large site is built, its work shared with a second process
    (pre-rendered pages, the second half of the pages themed there)."""
    if which.startswith("corpus"):
        handbook = load_handbook(generate_corpus(tmp_path / "corpus", 60))
    monkeypatch.setenv(SHARE_FROM_VARIABLE, "10" if "two" in which else "100000")
    monkeypatch.delenv(WORKERS_VARIABLE, raising=False)
    site, tree = _built_trees(handbook, tmp_path, monkeypatch, REPO)
    plain = _without_shortcuts(tree)
    assert _differing(site, plain) == []
    assert MARKER not in (site / "index.html").read_text("utf-8")
    shared = re.search(r"pmo: (\d+) of the (\d+) pages are themed and written by a second "
                       r"process", capfd.readouterr().err)
    if "two" in which:
        assert shared and 0 < int(shared[1]) < int(shared[2]), "the work was not shared"
    else:
        assert shared is None


def test_another_mkdocs_version_builds_the_same_site_the_plain_way(
        tmp_path: Path, handbook: Handbook, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """The shortcuts on mkdocs' and Material's internals are taken only with the versions
    they were checked against: with any other, one line says so and every page goes
    through mkdocs' own rendering, to the same site."""
    handbook = load_handbook(generate_corpus(tmp_path / "corpus", 20))
    monkeypatch.setenv(SHARE_FROM_VARIABLE, "10")
    site, tree = _built_trees(handbook, tmp_path, monkeypatch, REPO)
    monkeypatch.setattr(mkdocs_plugin, "mkdocs_version", "1.7.0")
    monkeypatch.setattr(mkdocs_plugin, "material_version", "10.0.0")
    rendered: list[str] = []
    monkeypatch.setattr(Page, "render", lambda page, config, files: (
        rendered.append(page.file.src_uri), original_render(page, config, files))[-1])
    config = load_config(str(tree / "mkdocs.yml"), site_dir=str(tmp_path / "other"))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.pmo"):
        build(config)
    said = [r.getMessage() for r in caplog.records if r.getMessage().startswith("pmo: ")]
    assert any("mkdocs 1.7.0 is not a version" in m and "1.6.x" in m for m in said), said
    assert any("Material for MkDocs 10.0.0 is not a version" in m for m in said), said
    assert not any("second process" in m for m in said)
    generated = [p.relative_to(tree / "docs").as_posix() for p in (tree / "docs").rglob("*.md")
                 if MARKER in p.read_text("utf-8")]
    assert generated and set(generated) <= set(rendered)
    assert _differing(site, tmp_path / "other") == []
