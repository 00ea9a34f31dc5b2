"""The generated pages of the site: one per standard, an index per kind, the tailoring
views, What's new and the glossary abbreviations.

Pages are rendered from the Jinja templates in `templates/site/` and carry
`render_macros: false`, so that `{{ ... }}` in a standard's text is published
literally. Every value from the standards reaches a page through the helpers of
generator.site.html_parts; the page's headings stay Markdown, everything else is
one-line HTML blocks, with the glossary's abbreviations marked as tooltips.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
from generator.site.html_parts import figure_html, page_filters, page_globals
from generator.site.navigation import NAV_GROUP_SIZE, NavItem, has_index, navigation, of_kind

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
    kinds = [k.name for k in KINDS if of_kind(handbook, k.name)]
    for kind in kinds:
        if has_index(handbook, kind):
            writer.write(f"{KINDS[kind].folder}/index.md", "kind_index.md.j2", kind=kind,
                         standards=of_kind(handbook, kind))
    tailoring = writer.write_tailoring()
    writer.write("whats-new/index.md", "whats_new.md.j2", recent=_recent_history(handbook),
                 redlines=_redlines(handbook, downloads))
    if not (docs_dir / "index.md").exists():
        writer.write("index.md", "home.md.j2")
    nav = navigation(handbook, docs_dir, kinds, tailoring)
    retired = [page_path(s) for s in handbook.standards if s.retired]
    grouped = any(len([s for s in of_kind(handbook, k) if not s.retired]) > NAV_GROUP_SIZE
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


def abbreviations(handbook: Handbook) -> dict[str, str]:
    """Abbreviation -> its tooltip (term: definition), as plain text."""
    return {str(t.abbreviation): plain_text(inline_html(f"{t.term}: {t.definition}"))
            for t in handbook.terms if t.abbreviation}


class _Writer:
    """Renders templates into the docs tree with the context every page shares."""

    def __init__(self, handbook: Handbook, docs_dir: Path, env: jinja2.Environment,
                 downloads: Downloads, site_url: str | None) -> None:
        self.docs_dir = docs_dir
        self.env = env
        self.written: list[Path] = []
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

    def write(self, path: str, template: str, **context: Any) -> Path:
        target = self.docs_dir / path
        if target.exists():
            raise BuildError(f"docs/{path} clashes with a page the build generates; rename or "
                             "remove it from docs/")
        target.parent.mkdir(parents=True, exist_ok=True)
        text = self.env.get_template(template).render(page=path, **self.common, **context)
        if self.abbreviations:
            text = "\n".join(abbreviate(line, self.abbreviations) if line.startswith("<")
                             else line for line in text.split("\n"))
        target.write_text(text, encoding="utf-8")
        self.written.append(target)
        return target

    def write_tailoring(self) -> list[str]:
        handbook: Handbook = self.common["handbook"]
        pages = ["tailoring/index.md"]
        self.write("tailoring/index.md", "tailoring_index.md.j2")
        for tier in handbook.settings.tiers:
            path = f"tailoring/tier-{tier.id}.md"
            applying = duties(handbook, tier=tier.id, scope="project")
            own = [d for d in applying if d.actor == PROJECT_MANAGER]
            self.write(path, "tailoring_tier.md.j2", tier=tier,
                       artefacts=artefact_words(handbook, handbook.settings.pmo_type, tier.id),
                       steps=lifecycle(handbook, tier.id), own=by_gate(handbook, own),
                       others=_by_role(handbook, [d for d in applying if d not in own]))
            pages.append(path)
        for pmo_type in handbook.settings.pmo_types:
            path = f"tailoring/{pmo_type.id}.md"
            items = duties(handbook, pmo_type=pmo_type.id)
            self.write(path, "tailoring_type.md.j2", pmo_type=pmo_type, items=items,
                       by_policy=_by_policy(items),
                       artefacts=artefact_words(handbook, pmo_type.id, None))
            pages.append(path)
        self.write("tailoring/pmo.md", "tailoring_pmo.md.j2",
                   groups=_by_role(handbook, list(duties(handbook, scope="pmo"))))
        pages.append("tailoring/pmo.md")
        return pages


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
