"""The portfolio view: every project read, with its status, trend, readiness for its next
gate, forecast breaches and handbook drift; the projects that could not be read with their
problems; and the prioritisation of the candidates under the capacity given.

Pure: it takes projects as read (generator/projects/), the drift each project's kit shows
(from `pmo kit check`'s report) and the capacity, and calculates; the dashboard, workbook
and board pack only show it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.errors import Problem
from generator.model.applicability import policies_in_force
from generator.model.breaches import PROJECT, Breach
from generator.model.funding import Candidate, Capacity, Decision, fund
from generator.model.handbook import Handbook
from generator.model.prioritisation import Prioritisation
from generator.model.project import Project
from generator.model.readiness import Readiness, readiness
from generator.model.status import DIMENSIONS, RAG, Status
from generator.model.tolerances import amount

ALL_DIMENSIONS = ("overall", *DIMENSIONS)
IMPROVING, STABLE, WORSENING, NEW = "improving", "stable", "worsening", "new"


@dataclass(frozen=True, slots=True)
class Drift:
    """What `pmo kit check` says for the project: standards changed since its kit."""

    up_to_date: bool
    against: str
    lines: tuple[str, ...] = ()

    @property
    def summary(self) -> str:
        if self.up_to_date:
            return "Up to date"
        return f"{len(self.lines)} change{'s' if len(self.lines) != 1 else ''} since its kit"


@dataclass(frozen=True, slots=True)
class Row:
    """One project on the dashboard."""

    project: Project
    status: Status
    previous: Status | None
    trends: Mapping[str, str]
    changes: tuple[str, ...]
    readiness: Readiness | None
    drift: Drift | None
    score: int | None             # weighted score in hundredths, for a candidate

    @property
    def tier(self) -> int:
        assert self.project.record is not None
        return self.project.record.tier

    @property
    def breaches(self) -> tuple[Breach, ...]:
        return self.readiness.breaches if self.readiness else ()

    @property
    def exceptions(self) -> tuple[Breach, ...]:
        return tuple(b for b in self.breaches if b.level == PROJECT)


@dataclass(frozen=True, slots=True)
class Portfolio:
    organisation: str
    title: str
    handbook_version: str
    rows: tuple[Row, ...]
    unread: tuple[Project, ...]
    prioritisation: Prioritisation | None
    policy_versions: Mapping[str, str]  # the rules used: policy id -> version
    capacity: Capacity | None
    decisions: tuple[Decision, ...]
    problems: tuple[Problem, ...]       # every problem found, projects and capacity
    currency: str = "EUR"
    by_folder: Mapping[str, Row] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def period(self) -> str:
        return max((r.status.period for r in self.rows), default="")

    def rag_counts(self) -> dict[str, dict[str, int]]:
        """Projects per rating, for each dimension."""
        return {d: {rating: sum(1 for r in self.rows if r.status.rag.of(d).rating == rating)
                    for rating in RAG} for d in ALL_DIMENSIONS}

    @property
    def breaches(self) -> tuple[tuple[Row, Breach], ...]:
        return tuple((r, b) for r in self.rows for b in r.breaches)

    @property
    def decisions_asked(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.status.decision_needed)

    @property
    def funding_line(self) -> Decision | None:
        return next((d for d in self.decisions if d.funding_line), None)

    def money(self, value: float) -> str:
        return amount(value, self.currency)


def trend(previous: Status | None, latest: Status, dimension: str) -> str:
    if previous is None:
        return NEW
    before, now = previous.rag.of(dimension).rank, latest.rag.of(dimension).rank
    return IMPROVING if now < before else WORSENING if now > before else STABLE


def changes(previous: Status | None, latest: Status, currency: str) -> tuple[str, ...]:
    """What changed since the last report, in words."""
    if previous is None:
        return ()
    out = [f"{d.capitalize()} {previous.rag.of(d).rating} → {latest.rag.of(d).rating}"
           for d in ALL_DIMENSIONS if previous.rag.of(d).rating != latest.rag.of(d).rating]
    if previous.forecast_at_completion != latest.forecast_at_completion:
        out.append(f"EAC {amount(previous.forecast_at_completion, currency)} → "
                   f"{amount(latest.forecast_at_completion, currency)}")
    if previous.budget != latest.budget:
        out.append(f"Budget {amount(previous.budget, currency)} → "
                   f"{amount(latest.budget, currency)}")
    before, now = previous.key_dates.handover.forecast, latest.key_dates.handover.forecast
    if before != now:
        out.append(f"Handover forecast {before.isoformat()} → {now.isoformat()}")
    if previous.next_gate != latest.next_gate:
        out.append(f"Next gate {previous.next_gate} → {latest.next_gate}")
    return tuple(out)


def candidate(row: Row, policy: Prioritisation) -> Candidate | None:
    scores = row.status.prioritisation
    if scores is None or row.tier not in policy.tiers:
        return None
    mandatory = scores.mandatory
    return Candidate(
        id=row.project.folder, name=row.project.name,
        score=policy.weighted(scores.scores), cost=scores.demand.budget,
        skills=scores.demand.skills, mandatory=mandatory is not None,
        tie_scores=policy.tie_scores(scores.scores),
        mandatory_reason=(f"cites {mandatory.cites}, due {mandatory.date.isoformat()}"
                          if mandatory else ""))


def build_portfolio(handbook: Handbook, projects: Sequence[Project],
                    drifts: Mapping[str, Drift], capacity: Capacity | None,
                    other_problems: Sequence[Problem] = ()) -> Portfolio:
    """The portfolio of `projects`; `drifts` by project folder."""
    policies = policies_in_force(handbook)
    policy = next((p.prioritisation for p in policies if p.prioritisation is not None), None)
    currency = policy.currency if policy else "EUR"
    rows = []
    for project in projects:
        status = project.latest
        if not project.readable or status is None:
            continue
        previous = project.previous
        row = Row(project=project, status=status, previous=previous,
                  trends=MappingProxyType({d: trend(previous, status, d)
                                           for d in ALL_DIMENSIONS}),
                  changes=changes(previous, status, currency),
                  readiness=readiness(handbook, project, status.next_gate),
                  drift=drifts.get(project.folder), score=None)
        if policy is not None and status.prioritisation is not None:
            row = Row(row.project, row.status, row.previous, row.trends, row.changes,
                      row.readiness, row.drift, policy.weighted(status.prioritisation.scores))
        rows.append(row)
    rows.sort(key=lambda r: (-r.status.rag.overall.rank, r.project.name.casefold()))
    candidates = [c for r in rows if policy and (c := candidate(r, policy))]
    decisions = fund(candidates, capacity, policy.skill_name, currency) if policy else ()
    problems = sorted([*(p for project in projects for p in project.problems), *other_problems])
    return Portfolio(
        organisation=handbook.settings.organisation, title=handbook.settings.title,
        handbook_version=handbook.settings.version, rows=tuple(rows),
        unread=tuple(p for p in projects if not p.readable), prioritisation=policy,
        policy_versions=MappingProxyType({p.id: p.version for p in policies
                                          if p.prioritisation or p.tolerances}),
        capacity=capacity, decisions=decisions, problems=tuple(problems), currency=currency,
        by_folder=MappingProxyType({r.project.folder: r for r in rows}))
