"""The generated mkdocs configuration."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator.model import Handbook
from generator.site.config import (
    MACROS_MODULE,
    ConfigPaths,
    Tagged,
    make_config,
    read_base_config,
    write_config,
)
from tests.support.workspace import REPO


def paths(tmp_path: Path) -> ConfigPaths:
    return ConfigPaths(root=tmp_path, docs_dir=tmp_path / "docs", site_dir=tmp_path / "site",
                       includes_dir=tmp_path / "includes", abbreviations="abbr.md",
                       overrides=tmp_path / "overrides")


def plugin(config: dict, name: str) -> dict:
    return next(p[name] for p in config["plugins"] if name in p)


def test_repo_config_gets_paths_nav_and_header(tmp_path: Path,
                                               minimal_handbook: Handbook) -> None:
    base = read_base_config(REPO / "mkdocs.yml")
    config = make_config(base, minimal_handbook, paths(tmp_path), base_dir=REPO,
                         nav=["index.md"], not_in_nav=["roles/old.md"])
    assert config["docs_dir"] == str(tmp_path / "docs")
    assert config["site_dir"] == str(tmp_path / "site")
    assert config["nav"] == ["index.md"] and config["not_in_nav"] == "/roles/old.md"
    assert config["site_name"] == "Example PMO Handbook"
    assert config["extra"]["organisation"] == "Example Ltd"
    assert config["extra"]["handbook_version"] == "1.0.0"
    assert config["theme"]["custom_dir"] == str(REPO / "templates/site/overrides")
    assert "version" not in config["extra"] and "repo_url" not in config


def test_macro_errors_always_fail_and_search_keeps_hyphens(tmp_path: Path,
                                                            minimal_handbook: Handbook) -> None:
    base = {"site_name": "x", "plugins": ["search", {"macros": {"on_error_fail": False}}]}
    config = make_config(base, minimal_handbook, paths(tmp_path), base_dir=tmp_path, nav=[],
                         not_in_nav=[])
    macros = plugin(config, "macros")
    assert macros["on_error_fail"] is True and MACROS_MODULE in macros["modules"]
    separator = plugin(config, "search")["separator"]
    assert re.split(separator, "POL-RISK-3, RISK-3.") == ["POL-RISK-3", "RISK-3", ""]


def test_glossary_snippet_is_appended_to_every_page(tmp_path: Path,
                                                    minimal_handbook: Handbook) -> None:
    config = make_config({"markdown_extensions": ["toc"]}, minimal_handbook, paths(tmp_path),
                         base_dir=tmp_path, nav=[], not_in_nav=[])
    extensions = config["markdown_extensions"]
    snippets = next(e["pymdownx.snippets"] for e in extensions if isinstance(e, dict))
    assert "abbr" in extensions
    assert snippets["auto_append"] == ["abbr.md"]
    assert snippets["base_path"][0] == str(tmp_path / "includes")


def test_versioned_sets_the_mike_provider(tmp_path: Path, minimal_handbook: Handbook) -> None:
    config = make_config({}, minimal_handbook, paths(tmp_path), base_dir=tmp_path, nav=[],
                         not_in_nav=[], versioned=True)
    assert config["extra"]["version"] == {"provider": "mike"}


def test_yaml_tags_survive_the_round_trip(tmp_path: Path, minimal_handbook: Handbook) -> None:
    source = tmp_path / "mkdocs.yml"
    source.write_text("site_name: x\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
                      "extra:\n  analytics: !ENV [ANALYTICS, none]\n", encoding="utf-8")
    base = read_base_config(source)
    assert isinstance(base["extra"]["analytics"], Tagged)
    config = make_config(base, minimal_handbook, paths(tmp_path), base_dir=tmp_path, nav=[],
                         not_in_nav=[])
    written = write_config(config, tmp_path / "out.yml").read_text(encoding="utf-8")
    assert "!!python/name:material.extensions.emoji.twemoji" in written
    assert "!ENV" in written and "ANALYTICS" in written
    assert yaml.load(written, Loader=yaml.BaseLoader)["site_name"] == "Example PMO Handbook"


def test_grouped_nav_drops_expanded_sections(tmp_path: Path,
                                             minimal_handbook: Handbook) -> None:
    base = read_base_config(REPO / "mkdocs.yml")
    assert "navigation.sections" in base["theme"]["features"]
    config = make_config(base, minimal_handbook, paths(tmp_path), base_dir=REPO, nav=[],
                         not_in_nav=[], grouped_nav=True)
    features = config["theme"]["features"]
    assert "navigation.sections" not in features and "navigation.prune" in features
