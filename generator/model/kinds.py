"""Every kind of standard: its model class and its one registry entry.

To add a kind: a schema `standards/schemas/<name>.schema.json`, a site template
`templates/site/<name>.md.j2`, and here a dataclass (fields named as in the YAML) with
a `KINDS.register(Kind(...))` entry. The order of the entries is the handbook's order.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from generator.model.layout import Approval as ApprovalBlock
from generator.model.layout import (
    ArtefactSections,
    Body,
    Bullets,
    Column,
    Entries,
    Line,
    PolicyText,
    Raci,
    Table,
    Text,
)
from generator.model.layout import History as HistoryBlock
from generator.model.prioritisation import Prioritisation
from generator.model.registry import Kind, Registry
from generator.model.risk_scoring import RiskScoring
from generator.model.settings import Settings
from generator.model.standard import Standard
from generator.model.tolerances import Tolerances

KINDS = Registry()


# -- charter -------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Service:
    name: str
    description: str
    audience: str | None
    service_level: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Measure:
    measure: str
    target: str
    baseline: str | None
    frequency: str | None


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


KINDS.register(Kind(
    name="charter", folder="charter", model=Charter, label="Charter",
    section_title="PMO charter", changelog_heading="Charter", word_part="PMO charter",
    word_category="Charter", site_template="charter.md.j2", always_indexed=False,
    word_layout=(
        Text("mandate", heading="Mandate"), Line("PMO type", "pmo_type", show="pmo_type"),
        Text("scope", heading="Scope"),
        Table("services", (Column("Service", "name", 1.0),
                           Column("Description", "description", 3.0)), heading="Services"),
        Table("success_measures", (Column("Measure", "measure", 3.0),
                                   Column("Target", "target", 1.0)), heading="Success measures"),
        Table("roadmap", (Column("Horizon", "horizon", 1.0), Column("Outcome", "outcome", 3.0)),
              heading="Roadmap"),
        Body(), Raci()),
))


# -- framework -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Pillar(Standard):
    pillar_order: int
    focus: str
    practices: tuple[str, ...]


KINDS.register(Kind(
    name="framework", folder="framework", model=Pillar, label="Pillar",
    section_title="The four pillars", changelog_heading="Framework", word_part="Framework",
    word_category="Framework", site_template="framework.md.j2", order_by="pillar_order",
    word_layout=(Line("Focus", "focus"), Bullets("practices"), Body(), Raci()),
))


# -- policy --------------------------------------------------------------------------

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
    actor: str                  # the role that acts
    obligation: Obligation
    tiers: tuple[int, ...]      # the policy's tiers when the YAML leaves them out
    artefacts: tuple[str, ...]
    rationale: str | None
    gate: str | None            # the gate it is due at; None: all through the project
    trigger: str | None         # the event that makes it apply; None: always
    type: str = "duty"          # or "permission": a choice granted, never an obligation
    scope: str = "project"      # or "pmo": a duty of the PMO or board across the portfolio

    @property
    def permission(self) -> bool:
        return self.type == "permission"


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyRole:
    role: str
    responsibility: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Decider:
    role: str
    tiers: tuple[int, ...]
    note: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Criterion:
    text: str
    tiers: tuple[int, ...]      # the gate's tiers when the YAML leaves them out


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    artefact: str
    tiers: tuple[int, ...]      # the gate's tiers when the YAML leaves them out


@dataclass(frozen=True, slots=True, kw_only=True)
class Merge:
    into: str
    tiers: tuple[int, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Gate:
    id: str
    name: str
    tiers: tuple[int, ...]      # the tiers that pass it
    decided_by: tuple[Decider, ...]
    criteria: tuple[Criterion, ...]
    evidence: tuple[Evidence, ...]
    merged: tuple[Merge, ...]   # tiers whose checks of this gate are made at another gate

    def decider(self, tier: int) -> Decider | None:
        return next((d for d in self.decided_by if tier in d.tiers), None)

    def criteria_for(self, tier: int) -> tuple[str, ...]:
        return tuple(c.text for c in self.criteria if tier in c.tiers)

    def evidence_for(self, tier: int) -> tuple[str, ...]:
        return tuple(e.artefact for e in self.evidence if tier in e.tiers)

    def merged_into(self, tier: int) -> str | None:
        return next((m.into for m in self.merged if tier in m.tiers), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Policy(Standard):
    code: str
    purpose: str
    scope: str
    tiers: tuple[int, ...]      # the tiers it covers; all when the YAML leaves them out
    requirements: tuple[Requirement, ...]
    roles: tuple[PolicyRole, ...]
    gates: tuple[Gate, ...]
    tolerances: Tolerances | None = None          # rules as data (model/tolerances.py)
    prioritisation: Prioritisation | None = None  # rules as data (model/prioritisation.py)
    risk_scoring: RiskScoring | None = None       # rules as data (model/risk_scoring.py)


def _policy_tiers(policy: Policy, settings: Settings) -> Policy:
    """Tiers left out are inherited: a policy covers every tier, a requirement its policy's
    tiers, a gate's criteria and evidence the gate's tiers."""
    covered = policy.tiers or tuple(t.id for t in settings.tiers)

    def gate(g: Gate) -> Gate:
        return dataclasses.replace(
            g, criteria=tuple(c if c.tiers else dataclasses.replace(c, tiers=g.tiers)
                              for c in g.criteria),
            evidence=tuple(e if e.tiers else dataclasses.replace(e, tiers=g.tiers)
                           for e in g.evidence))

    return dataclasses.replace(
        policy, tiers=covered,
        requirements=tuple(r if r.tiers else dataclasses.replace(r, tiers=covered)
                           for r in policy.requirements),
        gates=tuple(gate(g) for g in policy.gates))


KINDS.register(Kind(
    name="policy", folder="policies", model=Policy, label="Policy",
    section_title="Governance policies", changelog_heading="Policies", word_part="Policies",
    word_category="Policy", site_template="policy.md.j2", finish=_policy_tiers,
    word_layout=(PolicyText(), ApprovalBlock(), HistoryBlock()),
))


# -- artefact ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Field:
    label: str
    answer: str | None
    hint: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TableColumn:
    name: str
    description: str | None
    choices: tuple[str, ...]
    width: float | None
    scoring: str | None = None  # probability, impact, score or rag: scored by the risk policy


@dataclass(frozen=True, slots=True, kw_only=True)
class SectionTable:
    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    register: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Section:
    title: str
    guidance: str
    fields: tuple[Field, ...]
    table: SectionTable | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Artefact(Standard):
    purpose: str
    format: str
    tiers: tuple[int, ...]      # the tiers whose projects keep it; none for a PMO artefact
    responsible: str | None
    sections: tuple[Section, ...]
    trigger: str | None         # the event that makes a project produce it; None: always
    optional: bool              # offered, asked for by no requirement
    scope: str = "project"      # or "pmo": kept by the PMO itself, not by projects

    @property
    def for_projects(self) -> bool:
        return self.scope == "project"

    @property
    def register(self) -> SectionTable | None:
        """The table kept as a spreadsheet in the kit, if the artefact is a register."""
        tables = [s.table for s in self.sections if s.table is not None]
        marked = [t for t in tables if t.register]
        if marked:
            return marked[0]
        return tables[0] if self.format == "register" and tables else None


KINDS.register(Kind(
    name="artefact", folder="artefacts", model=Artefact, label="Artefact",
    section_title="Artefacts and templates", changelog_heading="Artefacts",
    word_part="Artefacts", word_category="Artefact template", site_template="artefact.md.j2",
    word_layout=(Text("purpose"), Line("Required for", "tiers", show="tiers"),
                 ArtefactSections(), Body(), Raci()),
))


# -- role ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Role(Standard):
    responsibilities: tuple[str, ...]
    reports_to: str | None
    authority: str | None


KINDS.register(Kind(
    name="role", folder="roles", model=Role, label="Role", section_title="Roles",
    changelog_heading="Roles", word_part="Roles", word_category="Role",
    site_template="role.md.j2",
    word_layout=(Line("Reports to", "reports_to", show="role"),
                 Bullets("responsibilities", heading="Responsibilities"),
                 Text("authority", heading="Authority"), Body(), Raci()),
))


# -- glossary ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Term:
    term: str
    abbreviation: str | None
    definition: str
    see: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Glossary(Standard):
    terms: tuple[Term, ...]


KINDS.register(Kind(
    name="glossary", folder="glossary", model=Glossary, label="Glossary",
    section_title="Glossary", changelog_heading="Glossary", word_part="Glossary",
    word_category="Glossary", site_template="glossary.md.j2", always_indexed=False,
    word_layout=(Table("terms", (Column("Term", "term", 1.2),
                                 Column("Abbreviation", "abbreviation", 0.8),
                                 Column("Definition", "definition", 3.5))), Body(), Raci()),
))


# -- faq -----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    question: str
    answer: str
    see: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Faq(Standard):
    questions: tuple[Question, ...]


KINDS.register(Kind(
    name="faq", folder="faq", model=Faq, label="FAQ", section_title="FAQ",
    changelog_heading="FAQ", word_part="Frequently asked questions", word_category="FAQ",
    site_template="faq.md.j2", always_indexed=False,
    word_layout=(Entries("questions", title="question", text="answer"), Body(), Raci()),
))


def page_path(standard: Standard) -> str:
    """Path of a standard's site page below docs/, e.g. `policies/risk.md`: one place for the
    site, which writes it, and the kit, which links to it."""
    return KINDS[standard.kind].page_path(standard.id)


def page_url_path(standard: Standard) -> str:
    """The page's address below the site root with directory URLs, e.g. `policies/risk/`."""
    return page_path(standard).removesuffix(".md") + "/"


def finish(standard: Any, settings: Settings) -> Any:
    """A built standard completed by its kind's rule, if it has one."""
    rule = KINDS[standard.kind].finish
    return rule(standard, settings) if rule else standard
