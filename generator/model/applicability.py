"""What applies to whom: the one rule every output asks.

A requirement applies to a project of tier T under PMO type P when its policy is in
force (approved: a draft is not yet in force, a retired one no longer is) and T is one
of its tiers; it then reads with the obligation word of P and names the role that
acts. Artefacts apply the same way, by their own tiers; a triggered one is needed
only when its trigger happens. The lifecycle of a tier is the gates it passes, each
with the body that decides for that tier, the criteria and evidence for that tier,
and the gates merged into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.model.handbook import Handbook
from generator.model.kinds import Artefact, Decider, Gate, Policy, Requirement
from generator.model.settings import OBLIGATION_RANK


@dataclass(frozen=True, slots=True)
class Duty:
    """One requirement as it applies under one PMO type."""

    policy: Policy
    requirement: Requirement
    word: str  # must, should or may under the PMO type

    @property
    def id(self) -> str:
        return self.requirement.id

    @property
    def actor(self) -> str:
        return self.requirement.actor

    @property
    def gate(self) -> str | None:
        return self.requirement.gate


@dataclass(frozen=True, slots=True)
class GateStep:
    """A gate as a project of one tier passes it."""

    policy: Policy
    gate: Gate
    decider: Decider
    criteria: tuple[str, ...]
    evidence: tuple[Artefact, ...]
    absorbs: tuple[Gate, ...]  # gates whose checks this tier makes here


def policies_in_force(handbook: Handbook) -> tuple[Policy, ...]:
    return tuple(p for p in handbook.policies if p.in_force)


def duties(handbook: Handbook, *, tier: int | None = None, pmo_type: str | None = None,
           actor: str | None = None, scope: str | None = None) -> tuple[Duty, ...]:
    """Requirements in force for `tier` (any tier when None) under `pmo_type` (the one in
    force when None), optionally only those `actor` performs and those of one `scope`
    ("project": a project's duties, "pmo": the PMO's and board's across the portfolio);
    in policy order. A project's lists ask for tier and scope "project"."""
    in_force = pmo_type or handbook.settings.pmo_type
    return tuple(
        Duty(policy, requirement, requirement.obligation.under(in_force))
        for policy in policies_in_force(handbook)
        for requirement in policy.requirements
        if (tier is None or tier in requirement.tiers)
        and (actor is None or requirement.actor == actor)
        and (scope is None or requirement.scope == scope))


def gate_order(handbook: Handbook) -> tuple[str, ...]:
    """Gate ids in lifecycle order (as the policies in force declare them)."""
    return tuple(g.id for p in policies_in_force(handbook) for g in p.gates)


def by_gate(handbook: Handbook, items: Sequence[Duty]) -> list[tuple[str | None, list[Duty]]]:
    """`items` grouped by the gate they are due at, in lifecycle order; duties that run all
    through the project (no gate) come first, as None."""
    order = [None, *gate_order(handbook)]
    groups: dict[str | None, list[Duty]] = {}
    for duty in items:
        groups.setdefault(duty.gate if duty.gate in order else None, []).append(duty)
    return [(gate, groups[gate]) for gate in order if gate in groups]


def artefacts_for(handbook: Handbook, tier: int) -> tuple[Artefact, ...]:
    """Project artefacts in force that a project of `tier` keeps (triggered ones included:
    they say when they are needed)."""
    return tuple(a for a in handbook.artefacts
                 if a.in_force and a.for_projects and tier in a.tiers)


def lifecycle(handbook: Handbook, tier: int) -> tuple[GateStep, ...]:
    """The gates a project of `tier` passes, in order, each as it applies to that tier."""
    gates = [(p, g) for p in policies_in_force(handbook) for g in p.gates]
    steps = []
    for policy, gate in gates:
        decider = gate.decider(tier)
        if tier not in gate.tiers or decider is None:
            continue
        absorbs = tuple(g for _, g in gates if g.merged_into(tier) == gate.id)
        evidence = tuple(a for a in (handbook.by_id.get(i) for i in gate.evidence_for(tier))
                         if isinstance(a, Artefact) and a.in_force)
        steps.append(GateStep(policy, gate, decider, gate.criteria_for(tier), evidence, absorbs))
    return tuple(steps)


def artefact_words(handbook: Handbook, pmo_type: str, tier: int | None
                   ) -> list[tuple[Artefact, str | None]]:
    """Project artefacts in force (for `tier`, or any tier) with the strongest word a
    requirement under `pmo_type` asks for each with (None: offered, asked for by none)."""
    artefacts = (artefacts_for(handbook, tier) if tier is not None
                 else tuple(a for a in handbook.artefacts if a.in_force and a.for_projects))
    asking: dict[str, list[Duty]] = {}  # artefact id -> the duties that ask for it
    for duty in duties(handbook, tier=tier, pmo_type=pmo_type,
                       scope="project" if tier is not None else None):
        for artefact_id in duty.requirement.artefacts:
            asking.setdefault(artefact_id, []).append(duty)
    return [(a, strongest_word(asking.get(a.id, ()))) for a in artefacts]


def asked_for_by(handbook: Handbook, artefact_id: str) -> tuple[Duty, ...]:
    """Requirements in force that name the artefact as evidence (under the PMO type in force)."""
    return tuple(d for d in duties(handbook) if artefact_id in d.requirement.artefacts)


def strongest_word(items: Iterable[Duty]) -> str | None:
    """The strongest obligation word among `items` (must over should over may), or None."""
    words = [d.word for d in items if not d.requirement.permission]
    return max(words, key=OBLIGATION_RANK.__getitem__) if words else None


def deviation_rule(handbook: Handbook, tier: int) -> str:
    """Who approves departing from a should or a must on a project of `tier`, and where it
    is recorded: one sentence, the same on the site, in Word and in the kit."""
    settings = handbook.settings
    parts = []
    for word, what in (("should", "Not following a SHOULD"), ("must", "Setting aside a MUST")):
        rule = settings.deviations.rule(word, tier)
        if rule is None:
            continue
        who = handbook.title_of(rule.approver)
        if rule.consult:
            who += f", after consulting the {handbook.title_of(rule.consult)}"
        where = f"; it is recorded in the {handbook.title_of(rule.record)}" if rule.record else ""
        parts.append(f"{what} needs the approval of the {who}{where}.")
    return " ".join(parts)


def tier_deviation_rule(handbook: Handbook, tier: int) -> str:
    """Who approves running a project of `tier` (by its criteria) in a lower tier, and where
    it is recorded: setting aside the musts of its own tier."""
    rule = handbook.settings.deviations.rule("must", tier)
    if rule is None:
        return ""
    who = handbook.title_of(rule.approver)
    if rule.consult:
        who += f", after consulting the {handbook.title_of(rule.consult)}"
    where = f" and recorded in the {handbook.title_of(rule.record)}" if rule.record else ""
    return (f"A lower tier needs a deviation approved by the {who}{where}; the kit then asks "
            "for its reference (or takes it from `_tier_deviation` on the command line).")
