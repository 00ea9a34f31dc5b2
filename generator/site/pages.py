"""The generated pages of the site: one per standard, an index per kind, the tailoring
views, What's new and the glossary abbreviations.

Pages are rendered from the Jinja templates in `templates/site/` and carry
`render_macros: false`, so that `{{ ... }}` in a standard's text is published
literally. Every value from the standards reaches a page through the helpers of
generator.site.html_parts; the page's headings stay Markdown, everything else is
one-line HTML blocks, with the glossary's abbreviations marked as tooltips.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.errors import BuildError
from generator.model import (
    KINDS,
    Artefact,
    Handbook,
    Policy,
    Role,
    Standard,
    page_path,
    placeholder,
)
from generator.model.applicability import (
    Duty,
    artefact_words,
    by_gate,
    deviation_rule,
    duties,
    lifecycle,
    policies_in_force,
)
from generator.model.changes import redline_name
from generator.shared.markup import abbreviate, inline_html, plain_text
from generator.shared.parallel import map_halves
from generator.shared.pictures import Picture, read_pictures
from generator.shared.templating import create_environment
from generator.site.html_blocks import MARKER
from generator.site.html_parts import figure_html, page_filters, page_globals
from generator.site.navigation import NAV_GROUP_SIZE, NavItem, has_index, navigation, of_kind

# Zensical's limit on one field of its search index, in bytes (0.0.73: 32 KB); a
# section of a page is measured by its HTML, which is longer than its text.
ZENSICAL_SEARCH_FIELD = 32_000
PARALLEL_FROM = 400  # standards; below that a second process costs more than it saves
PROJECT_MANAGER = "project-manager"  # whose duties a tier page lists first, by gate


@dataclass(frozen=True, slots=True)
class Downloads:
    """Site paths (below docs/) of the downloadable files, for links."""

    kit: str
    handbook_word: str
    word: dict[str, str] = field(default_factory=dict)
    redlines: dict[str, str] = field(default_factory=dict)  # by file name, What's new links them
    # The pictures drawn from the standards (generator.figures), by name: shown inline in the
    # pages, not offered for download.
    pictures: dict[str, Picture] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SitePages:
    """What the docs tree holds: files written, navigation, pages kept out of it."""

    written: list[Path]
    nav: list[NavItem]
    not_in_nav: list[str]
    grouped: bool  # some section was split into groups (a large handbook)


def list_downloads(handbook: Handbook,
                   files: Mapping[str, Path] | Iterable[str] = ()) -> Downloads:
    """Where the Word files and the kit sit below docs/ (copied from dist/); a release's
    redlines too, when the renderer was handed them (`files`: "redlines/<name>.docx"), and
    the pictures, when it was handed their files (`figures/...`, see shared.pictures)."""
    version = handbook.settings.version
    word = {a.id: f"downloads/word/{a.id}.docx" for a in handbook.artefacts}
    word.update({p.id: f"downloads/word/policies/{p.id}.docx" for p in handbook.policies})
    redlines = {name.removeprefix("redlines/"): f"downloads/{name}" for name in files
                if name.startswith("redlines/")}
    pictures = read_pictures(files) if isinstance(files, Mapping) else {}
    return Downloads(kit=f"downloads/project-kit-{version}.zip",
                     handbook_word=f"downloads/word/pmo-handbook-{version}.docx", word=word,
                     redlines=redlines, pictures=pictures)


def site_environment(templates_dir: Path) -> jinja2.Environment:
    """The Jinja environment of a site build, with the page helpers."""
    filters: dict[str, Any] = {**page_filters(),
                               "plain": lambda text: plain_text(inline_html(str(text)))}
    return create_environment(templates_dir, filters=filters,
                              globals={**page_globals(), "placeholder": placeholder,
                                       "deviation_rule": deviation_rule})


def write_pages(handbook: Handbook, docs_dir: Path, env: jinja2.Environment,
                downloads: Downloads, *, site_url: str | None,
                directory_urls: bool = True, engine: str = "mkdocs",
                texts: dict[str, Callable[[], str]] | None = None) -> SitePages:
    """Write every generated page into `docs_dir` and return the navigation (`texts`:
    the pages as `page_texts` gives them, when the caller has them).

    For Zensical (`engine`), links in the pages' HTML name the `.md` pages they point
    to (it rewrites and checks them as it does Markdown links; mkdocs leaves them as
    written, so for it they are the built addresses), and a section too large for its
    search index is left out of search (`search_excluded`).
    """
    if texts is None:
        texts = page_texts(handbook, docs_dir, env, downloads, site_url=site_url,
                           directory_urls=directory_urls, engine=engine)
    for path in texts:
        if (docs_dir / path).exists():
            raise BuildError(f"docs/{path} clashes with a page the build generates; rename "
                             "or remove it from docs/")
    standards = [page_path(s) for s in handbook.standards]

    def write(paths: Sequence[str]) -> list[Path]:
        return [write_page(docs_dir, path, texts[path]()) for path in paths]

    # One page per standard is most of the work: two processes on a large handbook.
    written = map_halves(write, standards, minimum=PARALLEL_FROM)
    written += write([path for path in texts if path not in set(standards)])
    return SitePages(written=written, **site_navigation(handbook, docs_dir, texts))


def site_navigation(handbook: Handbook, docs_dir: Path,
                    texts: Mapping[str, Any]) -> dict[str, Any]:
    """The navigation of the site whose generated pages are `texts`, the pages kept out
    of it, and whether a section was split into groups."""
    kinds = [k.name for k in KINDS if of_kind(handbook, k.name)]
    nav = navigation(handbook, docs_dir, kinds, [p for p in texts if p.startswith("tailoring/")])
    retired = [page_path(s) for s in handbook.standards if s.retired]
    grouped = any(len([s for s in of_kind(handbook, k) if not s.retired]) > NAV_GROUP_SIZE
                  for k in kinds)
    return {"nav": nav, "not_in_nav": retired, "grouped": grouped}


def page_texts(handbook: Handbook, docs_dir: Path, env: jinja2.Environment,
               downloads: Downloads, *, site_url: str | None, directory_urls: bool = True,
               engine: str = "mkdocs") -> dict[str, Callable[[], str]]:
    """Every generated page (its path below docs/), with what renders its text: one
    page per standard, an index per kind, the tailoring views, What's new and, unless
    docs/ has one, the home page. Nothing is rendered until asked for."""
    writer = _Writer(handbook, env, downloads, site_url)
    writer.common["directory_urls"] = directory_urls
    writer.common["raw_links"] = "source" if engine == "zensical" else "built"
    writer.search_limit = ZENSICAL_SEARCH_FIELD if engine == "zensical" else None
    index = _Index.build(handbook)
    texts: dict[str, Callable[[], str]] = {}
    for s in handbook.standards:
        texts[page_path(s)] = functools.partial(
            writer.text, page_path(s), f"{s.kind}.md.j2", standard=s,
            related=_related(handbook, s), **index.extra(s))
    for kind in (k.name for k in KINDS if of_kind(handbook, k.name)):
        if has_index(handbook, kind):
            path = f"{KINDS[kind].folder}/index.md"
            texts[path] = functools.partial(writer.text, path, "kind_index.md.j2", kind=kind,
                                            standards=of_kind(handbook, kind))
    texts.update(writer.tailoring())
    texts["whats-new/index.md"] = functools.partial(
        writer.text, "whats-new/index.md", "whats_new.md.j2",
        recent=_recent_history(handbook), redlines=_redlines(handbook, downloads))
    if not (docs_dir / "index.md").exists():
        texts["index.md"] = functools.partial(writer.text, "index.md", "home.md.j2")
    return texts


def write_page(docs_dir: Path, path: str, text: str) -> Path:
    """Write one generated page's text below `docs_dir`."""
    target = docs_dir / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def write_abbreviations(handbook: Handbook, target: Path, env: jinja2.Environment) -> Path:
    """The glossary's abbreviations as Markdown `*[ABBR]: definition` lines."""
    terms = sorted((t for t in handbook.terms if t.abbreviation),
                   key=lambda t: str(t.abbreviation))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(env.get_template("abbreviations.md.j2").render(terms=terms),
                      encoding="utf-8")
    return target


def abbreviations(handbook: Handbook) -> dict[str, str]:
    """Abbreviation -> its tooltip (term: definition), as plain text."""
    return {str(t.abbreviation): plain_text(inline_html(f"{t.term}: {t.definition}"))
            for t in handbook.terms if t.abbreviation}


class _Writer:
    """Renders templates into page texts with the context every page shares."""

    def __init__(self, handbook: Handbook, env: jinja2.Environment,
                 downloads: Downloads, site_url: str | None) -> None:
        self.env = env
        self.search_limit: int | None = None
        self.abbreviations = abbreviations(handbook)
        settings = handbook.settings
        every = tuple(t.id for t in settings.tiers)
        names = {t.id: t.name for t in settings.tiers}
        self.common: dict[str, Any] = {
            "handbook": handbook, "settings": settings, "downloads": downloads,
            "in_force": settings.pmo_type_info(), "site_url": site_url,
            "path_of": page_path, "kinds": KINDS,
            "kit_url": (site_url + downloads.kit) if site_url else None,
            "gate_names": {g.id: f"{g.id} {g.name}" for p in policies_in_force(handbook)
                           for g in p.gates},
            "tier_names": lambda ids: "all tiers" if tuple(sorted(ids)) == every
            else ", ".join(plain_text(inline_html(names.get(t, f"Tier {t}"))) for t in ids),
            "figure": lambda name: figure_html(downloads.pictures.get(name)),
        }

    def text(self, path: str, template: str, **context: Any) -> str:
        text = self.env.get_template(template).render(page=path, **self.common, **context)
        if self.abbreviations:
            text = "\n".join(abbreviate(line, self.abbreviations) if line.startswith("<")
                             else line for line in text.split("\n"))
        if self.search_limit is not None:
            text = search_excluded(text, self.search_limit)
        return mark_html_blocks(text)

    def tailoring(self) -> dict[str, Callable[[], str]]:
        handbook: Handbook = self.common["handbook"]
        texts: dict[str, Callable[[], str]] = {
            "tailoring/index.md": functools.partial(self.text, "tailoring/index.md",
                                                    "tailoring_index.md.j2")}
        for tier in handbook.settings.tiers:
            path = f"tailoring/tier-{tier.id}.md"
            texts[path] = functools.partial(self._tier, path, tier)
        for pmo_type in handbook.settings.pmo_types:
            path = f"tailoring/{pmo_type.id}.md"
            texts[path] = functools.partial(self._pmo_type, path, pmo_type)
        texts["tailoring/pmo.md"] = functools.partial(
            lambda: self.text("tailoring/pmo.md", "tailoring_pmo.md.j2",
                              groups=_by_role(handbook, list(duties(handbook, scope="pmo")))))
        return texts

    def _tier(self, path: str, tier: Any) -> str:
        handbook: Handbook = self.common["handbook"]
        applying = duties(handbook, tier=tier.id, scope="project")
        own = [d for d in applying if d.actor == PROJECT_MANAGER]
        return self.text(path, "tailoring_tier.md.j2", tier=tier,
                         artefacts=artefact_words(handbook, handbook.settings.pmo_type, tier.id),
                         steps=lifecycle(handbook, tier.id), own=by_gate(handbook, own),
                         others=_by_role(handbook, [d for d in applying if d not in own]))

    def _pmo_type(self, path: str, pmo_type: Any) -> str:
        handbook: Handbook = self.common["handbook"]
        items = duties(handbook, pmo_type=pmo_type.id)
        return self.text(path, "tailoring_type.md.j2", pmo_type=pmo_type, items=items,
                         by_policy=_by_policy(items),
                         artefacts=artefact_words(handbook, pmo_type.id, None))


_HEADING_LINE = re.compile(r"^(#{2,6}) (.*?)( \{ ([^}]*) \})?$")


def search_excluded(text: str, limit: int) -> str:
    """`text` (a generated page) with every section longer than `limit` bytes marked
    `data-search-exclude`: Zensical refuses a search field over its limit. Such a
    section is a long list or table whose rows repeat what other pages say (the
    standards of a pillar, a tailoring view's duties); its heading stays searchable
    through the page's other sections."""
    lines = text.split("\n")
    headings = [i for i, line in enumerate(lines) if _HEADING_LINE.match(line)]
    for number, start in enumerate(headings):
        end = headings[number + 1] if number + 1 < len(headings) else len(lines)
        if sum(len(line.encode("utf-8")) + 1 for line in lines[start + 1:end]) <= limit:
            continue
        match = _HEADING_LINE.match(lines[start])
        assert match is not None
        attributes = " ".join(a for a in ((match.group(4) or "").strip(), "data-search-exclude")
                              if a)
        lines[start] = f"{match.group(1)} {match.group(2)} {{ {attributes} }}"
    return "\n".join(lines)


def mark_html_blocks(text: str) -> str:
    """`text` (a generated page) with the marker that lets its HTML blocks pass through
    Markdown unparsed (generator.site.html_blocks) as the first line after its front
    matter."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return f"{text[:end + 5]}{MARKER}\n{text[end + 5:]}"
    return f"{MARKER}\n{text}"


def _by_role(handbook: Handbook, items: list[Duty]) -> list[tuple[Standard, list[Duty]]]:
    """Duties grouped by the role that acts, in the handbook's order of roles."""
    roles = [r for r in handbook.of_type(Role) if any(d.actor == r.id for d in items)]
    return [(r, [d for d in items if d.actor == r.id]) for r in roles]


def _by_policy(items: Sequence[Duty]) -> list[tuple[Policy, list[Duty]]]:
    groups: dict[str, tuple[Policy, list[Duty]]] = {}
    for duty in items:
        groups.setdefault(duty.policy.id, (duty.policy, []))[1].append(duty)
    return list(groups.values())


def _related(handbook: Handbook, standard: Standard) -> dict[str, list[Standard]]:
    """Standards this one names, and standards that name this one."""
    names = [handbook.get(i) for i in standard.related if i in handbook.by_id]
    named_by = [handbook.get(i) for i in handbook.referenced_by.get(standard.id, ())
                if i not in standard.related]
    return {"names": names, "named_by": named_by}


@dataclass(frozen=True, slots=True)
class _Index:
    """Reverse lookups over the whole handbook, built once per build."""

    members: dict[str, list[Standard]]
    owns: dict[str, list[Standard]]
    acts: dict[str, list[Duty]]
    asked_by: dict[str, list[Duty]]

    @classmethod
    def build(cls, handbook: Handbook) -> _Index:
        index = cls({}, {}, {}, {})
        for standard in handbook.standards:
            if standard.pillar:
                index.members.setdefault(standard.pillar, []).append(standard)
            index.owns.setdefault(standard.owner, []).append(standard)
        for duty in duties(handbook):  # in force, in policy order
            index.acts.setdefault(duty.actor, []).append(duty)
            for artefact_id in duty.requirement.artefacts:
                index.asked_by.setdefault(artefact_id, []).append(duty)
        return index

    def extra(self, standard: Standard) -> dict[str, Any]:
        """Context a kind's template needs beyond the standard itself."""
        if isinstance(standard, Artefact):
            return {"asked_by": self.asked_by.get(standard.id, [])}
        if standard.kind == "framework":
            return {"members": self.members.get(standard.id, [])}
        if standard.kind == "role":
            return {"owns": self.owns.get(standard.id, []),
                    "duties": self.acts.get(standard.id, [])}
        return {}


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
