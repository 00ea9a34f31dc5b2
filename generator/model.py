"""The handbook model: typed, immutable, built from validated data.

Renderers import this module only. Dates are `datetime.date`, lists are tuples,
and every standard knows the source file it came from (for edit links and
messages), never the YAML itself.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, TypeVar

PMO_TYPES = ("supportive", "controlling", "directive")
KIND_ORDER = ("charter", "framework", "policy", "artefact", "role", "glossary", "faq")
OBLIGATION_RANK = {"may": 0, "should": 1, "must": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class PmoType:
    id: str
    title: str
    authority: str
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Tier:
    id: int
    name: str
    description: str
    criteria: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """An extra kit answer declared in handbook.yaml."""

    key: str
    question: str
    default: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """handbook.yaml: the organisation, version, PMO type in force and tiers."""

    organisation: str
    organisation_short: str
    title: str
    version: str
    pmo_type: str
    pmo_types: tuple[PmoType, ...]
    tiers: tuple[Tier, ...]
    answers: tuple[Answer, ...]
    site_url: str | None
    repository_url: str | None
    edit_uri: str | None

    def tier(self, tier_id: int) -> Tier:
        return next(t for t in self.tiers if t.id == tier_id)

    def pmo_type_info(self, pmo_type: str | None = None) -> PmoType:
        wanted = pmo_type or self.pmo_type
        return next(t for t in self.pmo_types if t.id == wanted)


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryEntry:
    version: str
    date: date
    summary: str
    change: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RaciRow:
    activity: str
    responsible: tuple[str, ...]
    accountable: str
    consulted: tuple[str, ...]
    informed: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Standard:
    """Fields every kind of standard has."""

    kind: str
    id: str
    title: str
    version: str
    status: str
    owner: str
    effective: date
    review_by: date
    summary: str
    body: str
    pillar: str | None
    related: tuple[str, ...]
    raci: tuple[RaciRow, ...]
    history: tuple[HistoryEntry, ...]
    source: str
    content_hash: str

    @property
    def retired(self) -> bool:
        return self.status == "retired"


@dataclass(frozen=True, slots=True, kw_only=True)
class Obligation:
    supportive: str
    controlling: str
    directive: str

    def under(self, pmo_type: str) -> str:
        word: str = getattr(self, pmo_type)
        return word


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirement:
    id: str
    text: str
    obligation: Obligation
    tiers: tuple[int, ...]
    artefacts: tuple[str, ...]
    rationale: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyRole:
    role: str
    responsibility: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Gate:
    id: str
    name: str
    tiers: tuple[int, ...]
    decision_body: str
    criteria: tuple[str, ...]
    artefacts: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy(Standard):
    code: str
    purpose: str
    scope: str
    approved_by: str
    requirements: tuple[Requirement, ...]
    roles: tuple[PolicyRole, ...]
    gates: tuple[Gate, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    label: str
    answer: str | None
    hint: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    name: str
    description: str | None
    choices: tuple[str, ...]
    width: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    register: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    title: str
    guidance: str
    fields: tuple[Field, ...]
    table: Table | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Artefact(Standard):
    purpose: str
    format: str
    tiers: tuple[int, ...]
    responsible: str | None
    sections: tuple[Section, ...]

    @property
    def register(self) -> Table | None:
        """The table kept as a spreadsheet in the kit, if the artefact is a register."""
        tables = [s.table for s in self.sections if s.table is not None]
        marked = [t for t in tables if t.register]
        if marked:
            return marked[0]
        return tables[0] if self.format == "register" and tables else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Role(Standard):
    responsibilities: tuple[str, ...]
    reports_to: str | None
    authority: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Pillar(Standard):
    pillar_order: int
    focus: str
    practices: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Service:
    name: str
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    measure: str
    target: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Milestone:
    horizon: str
    outcome: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Charter(Standard):
    pmo_type: str
    mandate: str
    scope: str
    services: tuple[Service, ...]
    success_measures: tuple[Measure, ...]
    roadmap: tuple[Milestone, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    term: str
    abbreviation: str | None
    definition: str
    see: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Glossary(Standard):
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    question: str
    answer: str
    see: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Faq(Standard):
    questions: tuple[Question, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseChange:
    """One standard's change in a handbook release."""

    standard_id: str
    title: str
    kind: str
    change: str  # "added", "changed" or "retired"
    old_version: str | None
    new_version: str
    summaries: tuple[str, ...]  # history summaries between the two versions
    breaking: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseNote:
    """A released handbook version and what it changed, newest release first in the model."""

    version: str
    date: date
    changes: tuple[ReleaseChange, ...]


S = TypeVar("S", bound=Standard)


@dataclass(frozen=True, slots=True)
class Handbook:
    """The whole handbook: settings and standards, with lookups renderers need."""

    settings: Settings
    standards: tuple[Standard, ...]
    by_id: Mapping[str, Standard]
    referenced_by: Mapping[str, tuple[str, ...]]
    releases: tuple[ReleaseNote, ...] = ()

    def get(self, standard_id: str) -> Standard:
        return self.by_id[standard_id]

    def of_type(self, cls: type[S], include_retired: bool = True) -> tuple[S, ...]:
        return tuple(
            s for s in self.standards if isinstance(s, cls) and (include_retired or not s.retired)
        )

    @property
    def policies(self) -> tuple[Policy, ...]:
        return self.of_type(Policy)

    @property
    def artefacts(self) -> tuple[Artefact, ...]:
        return self.of_type(Artefact)

    @property
    def roles(self) -> tuple[Role, ...]:
        return self.of_type(Role)

    @property
    def pillars(self) -> tuple[Pillar, ...]:
        return tuple(sorted(self.of_type(Pillar), key=lambda p: p.pillar_order))

    @property
    def charter(self) -> Charter | None:
        charters = self.of_type(Charter)
        return charters[0] if charters else None

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for g in self.of_type(Glossary) for t in g.terms)

    def artefacts_for_tier(self, tier: int) -> tuple[Artefact, ...]:
        """Artefacts in force that a project of `tier` must produce."""
        return tuple(a for a in self.artefacts if not a.retired and tier in a.tiers)

    def requirements_for_tier(self, tier: int) -> tuple[tuple[Policy, Requirement], ...]:
        """Requirements in force that apply to a project of `tier`, with their policy."""
        return tuple(
            (p, r)
            for p in self.policies
            if not p.retired
            for r in p.requirements
            if tier in r.tiers
        )

    def gates_for_tier(self, tier: int) -> tuple[tuple[Policy, Gate], ...]:
        return tuple(
            (p, g) for p in self.policies if not p.retired for g in p.gates if tier in g.tiers
        )


def build_model(
    settings_data: Mapping[str, Any], standards: Iterable[tuple[str, str, Mapping[str, Any]]]
) -> Handbook:
    """Build the model from validated data: handbook.yaml and (kind, source, data) triples."""
    settings = _settings(settings_data)
    all_tiers = tuple(t.id for t in settings.tiers)
    built = [_standard(kind, source, data, all_tiers) for kind, source, data in standards]
    built.sort(key=lambda s: (KIND_ORDER.index(s.kind), s.id))
    backlinks: dict[str, list[str]] = {}
    for standard in built:
        for target in _references(standard):
            if target != standard.id and standard.id not in backlinks.setdefault(target, []):
                backlinks[target].append(standard.id)
    return Handbook(
        settings=settings,
        standards=tuple(built),
        by_id=MappingProxyType({s.id: s for s in built}),
        referenced_by=MappingProxyType({k: tuple(v) for k, v in backlinks.items()}),
    )


def content_hash(data: Mapping[str, Any]) -> str:
    """Hash of a standard's content, leaving out its version and history."""
    content = {k: v for k, v in data.items() if k not in ("version", "history")}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _references(standard: Standard) -> Iterable[str]:
    yield from standard.related
    if isinstance(standard, Policy):
        for requirement in standard.requirements:
            yield from requirement.artefacts
        for gate in standard.gates:
            yield from gate.artefacts
    if standard.pillar:
        yield standard.pillar


def _settings(data: Mapping[str, Any]) -> Settings:
    organisation = data["organisation"]
    return Settings(
        organisation=organisation["name"],
        organisation_short=organisation.get("short_name", organisation["name"]),
        title=data["title"],
        version=data["version"],
        pmo_type=data["pmo_type"],
        pmo_types=tuple(
            PmoType(**t) for t in sorted(data["pmo_types"], key=lambda t: PMO_TYPES.index(t["id"]))
        ),
        tiers=tuple(
            Tier(
                id=t["id"],
                name=t["name"],
                description=t["description"],
                criteria=tuple(t["criteria"]),
            )
            for t in sorted(data["tiers"], key=lambda t: t["id"])
        ),
        answers=tuple(Answer(**a) for a in data.get("answers", ())),
        site_url=data.get("site_url"),
        repository_url=data.get("repository_url"),
        edit_uri=data.get("edit_uri"),
    )


def _t(values: Sequence[Any] | None) -> tuple[Any, ...]:
    return tuple(values or ())


def _common(kind: str, source: str, data: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": data["id"],
        "title": data["title"],
        "version": data["version"],
        "status": data["status"],
        "owner": data["owner"],
        "effective": date.fromisoformat(data["effective"]),
        "review_by": date.fromisoformat(data["review_by"]),
        "summary": data["summary"],
        "body": data["body"],
        "pillar": data.get("pillar"),
        "related": _t(data.get("related")),
        "raci": tuple(
            RaciRow(
                activity=r["activity"],
                responsible=_t(r.get("responsible")),
                accountable=r["accountable"],
                consulted=_t(r.get("consulted")),
                informed=_t(r.get("informed")),
            )
            for r in data.get("raci", ())
        ),
        "history": tuple(
            HistoryEntry(
                version=h["version"],
                date=date.fromisoformat(h["date"]),
                summary=h["summary"],
                change=h.get("change"),
            )
            for h in data["history"]
        ),
        "source": source,
        "content_hash": content_hash(data),
    }


def _standard(
    kind: str, source: str, data: Mapping[str, Any], all_tiers: tuple[int, ...]
) -> Standard:
    common = _common(kind, source, data)
    if kind == "policy":
        return Policy(
            **common,
            code=data["code"],
            purpose=data["purpose"],
            scope=data["scope"],
            approved_by=data["approved_by"],
            requirements=tuple(
                Requirement(
                    id=r["id"],
                    text=r["text"],
                    obligation=Obligation(**r["obligation"]),
                    tiers=_t(r.get("tiers")) or all_tiers,
                    artefacts=_t(r.get("artefacts")),
                    rationale=r.get("rationale"),
                )
                for r in data["requirements"]
            ),
            roles=tuple(PolicyRole(**r) for r in data.get("roles", ())),
            gates=tuple(
                Gate(
                    id=g["id"],
                    name=g["name"],
                    tiers=_t(g.get("tiers")) or all_tiers,
                    decision_body=g["decision_body"],
                    criteria=_t(g["criteria"]),
                    artefacts=_t(g.get("artefacts")),
                )
                for g in data.get("gates", ())
            ),
        )
    if kind == "artefact":
        return Artefact(
            **common,
            purpose=data["purpose"],
            format=data["format"],
            tiers=_t(data.get("tiers")),
            responsible=data.get("responsible"),
            sections=tuple(_section(s) for s in data["sections"]),
        )
    if kind == "role":
        return Role(
            **common,
            responsibilities=_t(data["responsibilities"]),
            reports_to=data.get("reports_to"),
            authority=data.get("authority"),
        )
    if kind == "framework":
        return Pillar(
            **common,
            pillar_order=data["pillar_order"],
            focus=data["focus"],
            practices=_t(data["practices"]),
        )
    if kind == "charter":
        return Charter(
            **common,
            pmo_type=data["pmo_type"],
            mandate=data["mandate"],
            scope=data["scope"],
            services=tuple(Service(name=s["name"], description=s["description"]) for s in data["services"]),
            success_measures=tuple(Measure(measure=m["measure"], target=m["target"]) for m in data["success_measures"]),
            roadmap=tuple(Milestone(**m) for m in data.get("roadmap", ())),
        )
    if kind == "glossary":
        return Glossary(
            **common,
            terms=tuple(
                Term(
                    term=t["term"],
                    abbreviation=t.get("abbreviation"),
                    definition=t["definition"],
                    see=_t(t.get("see")),
                )
                for t in data["terms"]
            ),
        )
    if kind == "faq":
        return Faq(
            **common,
            questions=tuple(
                Question(question=q["question"], answer=q["answer"], see=_t(q.get("see")))
                for q in data["questions"]
            ),
        )
    raise ValueError(f"unknown kind {kind!r}")


def _section(data: Mapping[str, Any]) -> Section:
    table = data.get("table")
    return Section(
        title=data["title"],
        guidance=data["guidance"],
        fields=tuple(
            Field(label=f["label"], answer=f.get("answer"), hint=f.get("hint"))
            for f in data.get("fields", ())
        ),
        table=Table(
            columns=tuple(
                Column(
                    name=c["name"],
                    description=c.get("description"),
                    choices=_t(c.get("choices")),
                    width=c.get("width"),
                )
                for c in table["columns"]
            ),
            rows=tuple(tuple(r) for r in table.get("rows", ())),
            register=bool(table.get("register", False)),
        )
        if table
        else None,
    )
