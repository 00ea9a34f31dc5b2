"""The generated Markdown docs tree of the site: one page per standard, index pages per
kind, tailoring views, What's new, the glossary abbreviations and the navigation.

Pages are rendered from Jinja templates in `templates/site/` and carry
`render_macros: false` so that `{{ ... }}` in a standard's text is published
literally. Every generated page lives one folder deep (`policies/risk.md`), so
links between generated pages are `../<section>/<id>.md`.
"""

from __future__ import annotations

import functools
import json
import math
import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import BuildError
from generator.model import (
    KINDS,
    OBLIGATION_RANK,
    Artefact,
    Handbook,
    Policy,
    Requirement,
    Standard,
    page_path,
    placeholder,
)
from generator.model.applicability import artefacts_for, duties, lifecycle, strongest_word
from generator.model.changes import redline_name
from generator.shared.parallel import map_halves
from generator.shared.templating import create_environment
from generator.site.links import href, link, only_tiers, ref, tiers, word
from generator.site.plain_text import html_text, markdown_text

# A section with more pages than NAV_GROUP_SIZE is split into nested groups (see
# group_pages), so that a pruned page carries a few dozen navigation links, not all.
NAV_GROUP_SIZE = 40
NAV_FANOUT = 20
PARALLEL_FROM = 400  # standards; below that a second process costs more than it saves
START_HERE_ORDER = ("index.md", "project-manager.md", "sponsor.md", "pmo.md")
FOR_PMO_ORDER = ("index.md", "edit-a-standard.md", "validate.md", "preview.md", "release.md")

NavItem = str | dict[str, Any]


@dataclass(frozen=True, slots=True)
class Downloads:
    """Site paths (below docs/) of the downloadable files, for links."""

    kit: str
    handbook_word: str
    word: dict[str, str] = field(default_factory=dict)
    redlines: dict[str, str] = field(default_factory=dict)  # by file name, What's new links them


@dataclass(frozen=True, slots=True)
class SitePages:
    """What the docs tree holds: files written, navigation, pages kept out of it."""

    written: list[Path]
    nav: list[NavItem]
    not_in_nav: list[str]
    grouped: bool  # some section was split into groups (a large handbook)


def yaml_text(value: object) -> str:
    """A YAML double-quoted string that PyYAML reads back as written.

    Jinja's `tojson` writes an emoji as a surrogate pair (\\ud83d\\ude80), which
    PyYAML refuses; mkdocs would then drop the page's front matter silently.
    """
    text = json.dumps(str(value), ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def list_downloads(handbook: Handbook, files: Iterable[str] = ()) -> Downloads:
    """Where the Word files and the kit sit below docs/ (copied from dist/); a release's
    redlines too, when the renderer was handed them (`files`: "redlines/<name>.docx")."""
    version = handbook.settings.version
    word = {a.id: f"downloads/word/{a.id}.docx" for a in handbook.artefacts}
    word.update({p.id: f"downloads/word/policies/{p.id}.docx" for p in handbook.policies})
    redlines = {name.removeprefix("redlines/"): f"downloads/{name}" for name in files
                if name.startswith("redlines/")}
    return Downloads(kit=f"downloads/project-kit-{version}.zip",
                     handbook_word=f"downloads/word/pmo-handbook-{version}.docx", word=word,
                     redlines=redlines)


def site_environment(templates_dir: Path) -> jinja2.Environment:
    """The Jinja environment of a site build, with the site's filters and link helpers."""
    return create_environment(
        templates_dir,
        filters={"cell": table_cell, "yaml_text": yaml_text, "html_text": html_text,
                 "markdown_text": markdown_text,
                 "oneline": lambda text: " ".join(str(text).split())},
        globals={"href": href, "link": link, "ref": ref, "word": word, "tiers": tiers,
                 "only_tiers": only_tiers, "url": url, "placeholder": placeholder})


def table_cell(text: object) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


@jinja2.pass_context
def url(context: jinja2.runtime.Context, target: str) -> str:
    """The built URL of `target` (a page below docs/) relative to the page being rendered.

    For raw HTML, which mkdocs does not rewrite: long tables are written as HTML so
    that Markdown does not parse thousands of cells (the tailoring views at scale).
    """
    return _relative_url(context["page"], target, context.get("directory_urls", True))


@functools.lru_cache(maxsize=65536)
def _relative_url(page: str, target: str, directory_urls: bool) -> str:
    here, there = _built_url(page, directory_urls), _built_url(target, directory_urls)
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    relative = posixpath.relpath(there or ".", base.rstrip("/") or ".")
    return relative + "/" if there.endswith("/") and relative != "." else \
        ("./" if relative == "." else relative)


def _built_url(path: str, directory_urls: bool) -> str:
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def write_pages(handbook: Handbook, docs_dir: Path, env: jinja2.Environment,
                downloads: Downloads, *, site_url: str | None,
                directory_urls: bool = True) -> SitePages:
    """Write every generated page into `docs_dir` and return the navigation."""
    writer = _Writer(handbook, docs_dir, env, downloads, site_url)
    writer.common["directory_urls"] = directory_urls
    index = _Index.build(handbook)

    def write_standards(standards: Sequence[Standard]) -> list[Path]:
        return [writer.write(page_path(s), f"{s.kind}.md.j2", standard=s,
                             related=_related(handbook, s), **index.extra(s))
                for s in standards]

    # One page per standard is most of the work: two processes on a large handbook.
    writer.written[:] = map_halves(write_standards, handbook.standards, minimum=PARALLEL_FROM)
    kinds = [k.name for k in KINDS if _of_kind(handbook, k.name)]
    for kind in kinds:
        if _has_index(handbook, kind):
            writer.write(f"{KINDS[kind].folder}/index.md", "kind_index.md.j2", kind=kind,
                         standards=_of_kind(handbook, kind))
    tailoring = writer.write_tailoring()
    writer.write("whats-new/index.md", "whats_new.md.j2", recent=_recent_history(handbook),
                 redlines=_redlines(handbook, downloads))
    if not (docs_dir / "index.md").exists():
        writer.write("index.md", "home.md.j2")
    nav = _nav(handbook, docs_dir, kinds, tailoring)
    retired = [page_path(s) for s in handbook.standards if s.retired]
    grouped = any(len([s for s in _of_kind(handbook, k) if not s.retired]) > NAV_GROUP_SIZE
                  for k in kinds)
    return SitePages(written=writer.written, nav=nav, not_in_nav=retired, grouped=grouped)


def write_abbreviations(handbook: Handbook, target: Path, env: jinja2.Environment) -> Path:
    """The glossary's abbreviations as Markdown `*[ABBR]: definition` lines."""
    terms = sorted((t for t in handbook.terms if t.abbreviation),
                   key=lambda t: str(t.abbreviation))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(env.get_template("abbreviations.md.j2").render(terms=terms),
                      encoding="utf-8")
    return target


class _Writer:
    """Renders templates into the docs tree with the context every page shares."""

    def __init__(self, handbook: Handbook, docs_dir: Path, env: jinja2.Environment,
                 downloads: Downloads, site_url: str | None) -> None:
        self.docs_dir = docs_dir
        self.env = env
        self.written: list[Path] = []
        settings = handbook.settings
        self.common: dict[str, Any] = {
            "handbook": handbook, "settings": settings, "downloads": downloads,
            "in_force": settings.pmo_type_info(), "site_url": site_url,
            "path_of": page_path, "kinds": KINDS, "obligation_rank": OBLIGATION_RANK,
            "kit_url": (site_url + downloads.kit) if site_url else None,
        }

    def write(self, path: str, template: str, **context: Any) -> Path:
        target = self.docs_dir / path
        if target.exists():
            raise BuildError(f"docs/{path} clashes with a page the build generates; rename or "
                             "remove it from docs/")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = self.env.get_template(template).render(page=path, **self.common, **context)
        target.write_text(text, encoding="utf-8")
        self.written.append(target)
        return target

    def write_tailoring(self) -> list[str]:
        handbook: Handbook = self.common["handbook"]
        pages = ["tailoring/index.md"]
        self.write("tailoring/index.md", "tailoring_index.md.j2")
        for pmo_type in handbook.settings.pmo_types:
            path = f"tailoring/{pmo_type.id}.md"
            self.write(path, "tailoring_type.md.j2", pmo_type=pmo_type,
                       rows=_requirements(handbook, None),
                       artefacts=_artefact_obligations(handbook, pmo_type.id, None))
            pages.append(path)
        for tier in handbook.settings.tiers:
            path = f"tailoring/tier-{tier.id}.md"
            self.write(path, "tailoring_tier.md.j2", tier=tier,
                       rows=_requirements(handbook, tier.id),
                       artefacts=_artefact_obligations(handbook, handbook.settings.pmo_type,
                                                       tier.id),
                       gates=lifecycle(handbook, tier.id))
            pages.append(path)
        return pages


def _of_kind(handbook: Handbook, kind: str) -> tuple[Standard, ...]:
    """The standards of one kind in reading order: pillars by number, others by title."""
    found = handbook.of_kind(kind)
    order_by = KINDS[kind].order_by
    if order_by:
        return tuple(sorted(found, key=lambda s: (getattr(s, order_by), s.id)))
    return tuple(sorted(found, key=lambda s: (s.title.casefold(), s.id)))


def _has_index(handbook: Handbook, kind: str) -> bool:
    """Kinds with many pages get an index; a single glossary, FAQ or charter does not."""
    return KINDS[kind].always_indexed or len(_of_kind(handbook, kind)) > 1


def _related(handbook: Handbook, standard: Standard) -> dict[str, list[Standard]]:
    """Standards this one names, and standards that name this one."""
    names = [handbook.get(i) for i in standard.related if i in handbook.by_id]
    named_by = [handbook.get(i) for i in handbook.referenced_by.get(standard.id, ())
                if i not in standard.related]
    return {"names": names, "named_by": named_by}


@dataclass(frozen=True, slots=True)
class _Index:
    """Reverse lookups over the whole handbook, built once per build."""

    asked_by: dict[str, list[tuple[Policy, Requirement]]]
    members: dict[str, list[Standard]]
    owns: dict[str, list[Standard]]

    @classmethod
    def build(cls, handbook: Handbook) -> _Index:
        index = cls({}, {}, {})
        for duty in duties(handbook):
            for artefact_id in duty.requirement.artefacts:
                index.asked_by.setdefault(artefact_id, []).append((duty.policy, duty.requirement))
        for standard in handbook.standards:
            if standard.pillar:
                index.members.setdefault(standard.pillar, []).append(standard)
            index.owns.setdefault(standard.owner, []).append(standard)
        return index

    def extra(self, standard: Standard) -> dict[str, Any]:
        """Context a kind's template needs beyond the standard itself."""
        if isinstance(standard, Artefact):
            return {"asked_by": self.asked_by.get(standard.id, [])}
        if standard.kind == "framework":
            return {"members": self.members.get(standard.id, [])}
        if standard.kind == "role":
            return {"owns": self.owns.get(standard.id, [])}
        return {}


def _requirements(handbook: Handbook, tier: int | None
                  ) -> list[tuple[Policy, Requirement]]:
    """The requirements in force (for `tier`, or any tier), with their policy."""
    return [(d.policy, d.requirement)
            for d in duties(handbook, tier=tier, scope="project" if tier else None)]


def _artefact_obligations(handbook: Handbook, pmo_type: str, tier: int | None
                          ) -> list[tuple[Artefact, str | None]]:
    """Artefacts in force (for `tier`, or any) with the strongest word asking for them."""
    artefacts = (artefacts_for(handbook, tier) if tier is not None
                 else tuple(a for a in handbook.artefacts if a.in_force and a.for_projects))
    applying = duties(handbook, tier=tier, pmo_type=pmo_type, scope="project" if tier else None)
    return [(a, strongest_word(d for d in applying if a.id in d.requirement.artefacts))
            for a in artefacts]


def _redlines(handbook: Handbook, downloads: Downloads) -> dict[str, str]:
    """The redline of each release's change that has one, by "<release>/<standard id>"."""
    found = {}
    for note, previous in zip(handbook.releases, handbook.releases[1:], strict=False):
        for change in note.changes:
            name = redline_name(change.standard_id, previous.version, note.version)
            if name in downloads.redlines:
                found[f"{note.version}/{change.standard_id}"] = downloads.redlines[name]
    return found


def _recent_history(handbook: Handbook, limit: int = 30) -> list[tuple[Standard, Any]]:
    """The latest history entries of all standards, newest first (no releases recorded)."""
    entries = [(s, h) for s in handbook.standards for h in s.history]
    entries.sort(key=lambda e: (e[1].date, e[0].id), reverse=True)
    return entries[:limit]


def _nav(handbook: Handbook, docs_dir: Path, kinds: Sequence[str],
         tailoring: list[str]) -> list[NavItem]:
    """The navigation: how project managers look for things, then the PMO's own pages."""
    nav: list[NavItem] = ["index.md"]
    start = _hand_written(docs_dir, "start-here", START_HERE_ORDER)
    if start:
        nav.append({"Start here": start})
    for kind in kinds:
        nav.append(_kind_nav(handbook, kind))
        if kind == "artefact":
            nav.append({"Tailoring": tailoring})
    if "artefact" not in kinds:
        nav.append({"Tailoring": tailoring})
    nav.append({"What's new": "whats-new/index.md"})
    for_pmo = _hand_written(docs_dir, "pmo", FOR_PMO_ORDER)
    if for_pmo:
        nav.append({"For the PMO": for_pmo})
    known = {"index.md"} | {f"start-here/{p}" for p in start} | set(for_pmo)
    nav.extend(p for p in _other_pages(docs_dir, known))
    return nav


def _kind_nav(handbook: Handbook, kind: str) -> NavItem:
    pages = [page_path(s) for s in _of_kind(handbook, kind) if not s.retired]
    title = KINDS[kind].section_title
    if not _has_index(handbook, kind):
        return {title: pages[0]} if len(pages) == 1 else {title: pages}
    index = f"{KINDS[kind].folder}/index.md"
    titles = {page_path(s): s.title for s in _of_kind(handbook, kind)}
    return {title: [index, *group_pages(pages, titles)]}


def group_pages(pages: Sequence[str], titles: dict[str, str]) -> list[NavItem]:
    """Pages as nested groups of about the same size, each level at most NAV_FANOUT wide.

    A section up to NAV_GROUP_SIZE pages stays flat. Larger ones get L levels with
    NAV_FANOUT**L >= pages, so a pruned page carries about L * pages**(1/L) links.
    """
    if len(pages) <= NAV_GROUP_SIZE:
        return list(pages)
    levels = 2
    while NAV_FANOUT ** levels < len(pages):
        levels += 1
    return _split(pages, titles, levels)


def _split(pages: Sequence[str], titles: dict[str, str], levels: int) -> list[NavItem]:
    if levels == 1:
        return list(pages)
    size = math.ceil(len(pages) ** ((levels - 1) / levels))
    return [{_group_label(titles[chunk[0]], titles[chunk[-1]]):
             _split(chunk, titles, levels - 1)}
            for chunk in (pages[i:i + size] for i in range(0, len(pages), size))]


def _group_label(first: str, last: str, width: int = 18) -> str:
    def cut(text: str) -> str:
        return text if len(text) <= width else text[:width - 1].rstrip() + "…"
    return html_text(f"{cut(first)} – {cut(last)}")  # printed as it is by the theme


def _hand_written(docs_dir: Path, folder: str, order: Iterable[str]) -> list[str]:
    """Markdown pages in docs/<folder>, in the preferred order, then by name."""
    found = sorted(p.name for p in (docs_dir / folder).glob("*.md"))
    preferred = [n for n in order if n in found]
    return [f"{folder}/{n}" for n in preferred + [n for n in found if n not in preferred]]


def _other_pages(docs_dir: Path, known: set[str]) -> list[str]:
    """Hand-written pages outside the known folders, appended to the navigation."""
    generated = {k.folder for k in KINDS} | {"tailoring", "whats-new", "downloads"}
    pages = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel in known or rel.split("/")[0] in generated | {"start-here", "pmo"}:
            continue
        pages.append(rel)
    return pages
