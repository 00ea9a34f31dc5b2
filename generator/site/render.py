"""The site renderer: the handbook as a searchable mkdocs-material site.

A temporary tree is written first: docs/ (a copy of the workspace's docs/ plus
one generated page per standard), the downloads from dist/, the glossary
abbreviations, the data the macros read and a generated mkdocs config. Then the
site engine builds it (generator.site.engines): `mkdocs build --strict` with the
engine's plugin (generator.site.mkdocs_plugin), or `zensical build --strict`. Both
read the same tree and the same theme overrides.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import BuildError
from generator.model import KINDS, Handbook, Policy, page_path
from generator.model.applicability import deviation_rule
from generator.model.render_inputs import RenderInputs
from generator.shared.resources import DEFAULT_SITE_CONFIG, TEMPLATES_DIR
from generator.site.config import (
    DATA_FILE,
    ConfigPaths,
    make_config,
    read_base_config,
    write_config,
)
from generator.site.engines import chosen_engine, run_engine
from generator.site.pages import (
    Downloads,
    list_downloads,
    page_texts,
    site_environment,
    write_abbreviations,
    write_pages,
)
from generator.site.plain_text import markdown_text

TEMPLATES = TEMPLATES_DIR / "site"
DEFAULT_CONFIG = DEFAULT_SITE_CONFIG


def render_site(handbook: Handbook, out_dir: Path, inputs: RenderInputs) -> list[Path]:
    """Build the site into `out_dir`; return the files written.

    `inputs.files` holds the Word files and the kit the site offers for download;
    `inputs.docs_dir` the hand-written pages and `inputs.site_config` the base
    configuration (the package's mkdocs.yml when there is none). With
    `inputs.versioned`, the site expects to sit in a `<version>/` folder beside a
    mike-style versions.json. `inputs.site_engine` is the program that builds the site
    from the tree: mkdocs (Material for MkDocs) or zensical (generator.site.engines).
    """
    engine = chosen_engine(inputs.site_engine)
    with tempfile.TemporaryDirectory(prefix="pmo-site-") as temporary:
        tree = write_tree(handbook, Path(temporary), out_dir, inputs, engine)
        run_engine(engine, tree.config_file, out_dir.resolve())
    return sorted(p for p in out_dir.rglob("*") if p.is_file())


@dataclass(frozen=True, slots=True)
class Tree:
    """The docs tree an engine builds the site from."""

    config_file: Path
    docs_dir: Path
    env: jinja2.Environment              # the generated pages' templates
    texts: dict[str, Callable[[], str]]  # the generated pages, by path below docs_dir


def write_tree(handbook: Handbook, root: Path, out_dir: Path, inputs: RenderInputs,
               engine: str) -> Tree:
    """Write the tree below `root`: docs/ (the hand-written pages, the generated ones,
    links to the downloads), the glossary abbreviations, the macros' data and the
    generated config, whose site_dir is `out_dir`."""
    paths = ConfigPaths(root=root, docs_dir=root / "docs", site_dir=out_dir.resolve(),
                        includes_dir=root / "includes", abbreviations="abbreviations.md",
                        overrides=TEMPLATES / "overrides")
    if inputs.docs_dir is not None and inputs.docs_dir.is_dir():
        shutil.copytree(inputs.docs_dir, paths.docs_dir)
    paths.docs_dir.mkdir(parents=True, exist_ok=True)
    hand_written = sorted(p.relative_to(paths.docs_dir).as_posix()
                          for p in paths.docs_dir.rglob("*.md"))
    downloads = list_downloads(handbook, inputs.files)
    link_downloads(inputs.files, paths.docs_dir, downloads)
    base_file = inputs.site_config or DEFAULT_CONFIG
    base = read_base_config(base_file)
    env = site_environment(TEMPLATES)
    directory_urls = base.get("use_directory_urls", True) is not False
    texts = page_texts(handbook, paths.docs_dir, env, downloads,
                       site_url=handbook.settings.site_url, directory_urls=directory_urls,
                       engine=engine)
    pages = write_pages(handbook, paths.docs_dir, env, downloads,
                        site_url=handbook.settings.site_url, directory_urls=directory_urls,
                        engine=engine, texts=texts)
    write_abbreviations(handbook, paths.includes_dir / paths.abbreviations, env)
    write_macro_data(handbook, downloads, root / DATA_FILE)
    config = make_config(base, handbook, paths,
                         base_dir=base_file.parent, nav=pages.nav,
                         not_in_nav=pages.not_in_nav, hand_written=hand_written,
                         versioned=inputs.versioned,
                         grouped_nav=pages.grouped, engine=engine)
    return Tree(config_file=write_config(config, root / "mkdocs.yml"),
                docs_dir=paths.docs_dir, env=env, texts=texts)


def link_downloads(files: Mapping[str, Path], docs_dir: Path, downloads: Downloads) -> None:
    """Put the files the site offers below docs/downloads/ (mkdocs publishes them); refuse
    to build a site that offers a file nobody handed in."""
    offered = [downloads.kit, downloads.handbook_word, *downloads.word.values(),
               *downloads.redlines.values()]
    missing = sorted(p for p in offered if p.removeprefix("downloads/") not in files)
    if missing:
        raise BuildError(f"the site offers files that were not built: {', '.join(missing[:5])}"
                         f"{' ...' if len(missing) > 5 else ''}; build with `pmo build` (it "
                         "writes the Word files and the kit before the site)")
    for path in sorted(offered):
        target = docs_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        _link_or_copy(files[path.removeprefix("downloads/")], target)


def _link_or_copy(source: str | Path, target: str | Path) -> None:
    """Link a download into the temporary docs tree (mkdocs copies the file itself
    into the site); copy it where links are not possible or the name is taken."""
    try:
        os.symlink(os.path.abspath(source), target)
    except OSError:
        shutil.copy2(source, target)


def write_macro_data(handbook: Handbook, downloads: Downloads, target: Path) -> Path:
    """The model data the hand-written pages' macros may use, as JSON. Text from the
    standards is Markdown-safe (`markdown_text`): a page prints it as it is."""
    settings = handbook.settings
    t = markdown_text
    kit_url = (settings.site_url + downloads.kit) if settings.site_url \
        else Path(downloads.kit).name
    data: dict[str, Any] = {
        "handbook": {
            "title": t(settings.title), "organisation": t(settings.organisation),
            "organisation_short": t(settings.organisation_short), "version": settings.version,
            "pmo_type": settings.pmo_type, "pmo_type_title": t(settings.pmo_type_info().title),
            "site_url": settings.site_url, "kit_command": f"cookiecutter {kit_url}",
            "counts": {kind: sum(1 for s in handbook.standards if s.kind == kind
                                 and not s.retired) for kind in KINDS.names},
        },
        "tiers": [{"id": tier.id, "name": t(tier.name), "description": t(tier.description),
                   "criteria": [t(c) for c in tier.criteria],
                   "path": f"tailoring/tier-{tier.id}.md"}
                  for tier in settings.tiers],
        "pmo_types": [{"id": p.id, "title": t(p.title), "authority": t(p.authority),
                       "in_force": p.id == settings.pmo_type, "path": f"tailoring/{p.id}.md"}
                      for p in settings.pmo_types],
        "standards": {s.id: {
            "id": s.id, "kind": s.kind, "title": t(s.title), "version": s.version,
            "status": s.status, "owner": s.owner, "summary": t(s.summary),
            "effective": s.effective.isoformat(), "review_by": s.review_by.isoformat(),
            "path": page_path(s), "pillar": s.pillar,
            **({"code": s.code, "requirements": len(s.requirements)}
               if isinstance(s, Policy) else {}),
        } for s in handbook.standards},
        "downloads": {"kit": downloads.kit, "handbook_word": downloads.handbook_word,
                      "word": downloads.word},
        "index_pages": {k.name: f"{k.folder}/index.md" for k in KINDS if k.always_indexed},
        "obligation_words": {w: t(settings.obligation_words.of(w))
                             for w in ("must", "should", "may")},
        "deviation_rules": [{"tier": t(tier.name), "rule": t(deviation_rule(handbook, tier.id))}
                            for tier in settings.tiers],
    }
    target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return target
