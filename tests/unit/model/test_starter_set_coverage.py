"""The shipped starter set covers itself (issue 13): what a gate, a requirement, a RACI or
the glossary names exists and is used. Read through the model, which alone answers what
applies to whom; each check lists what it finds missing, and a broken copy of the set
shows that each check can fail."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import Any

import pytest

from generator.model import (
    OBLIGATION_RANK,
    Artefact,
    Glossary,
    Handbook,
    Policy,
    Standard,
    Term,
)
from generator.model.applicability import artefacts_for, duties, lifecycle, policies_in_force

# Fields that hold an id or a code, not words a reader reads.
REFERENCE_FIELDS = {"kind", "id", "version", "status", "owner", "source", "content_hash",
                    "pillar", "related", "approved_by", "by", "actor", "artefacts", "artefact",
                    "role", "see", "into", "gate", "responsible", "accountable", "consulted",
                    "informed", "reports_to", "pmo_type", "code", "type", "format"}
IRREGULAR_PLURALS = {"criterion": "criteria"}
DECISION_RECORD = "decision-log"   # where a gate decision is written, on a tier keeping it


# -- the checks: each returns what it finds missing ------------------------------------

def gate_evidence_gaps(handbook: Handbook) -> list[str]:
    """Each gate names evidence for every tier that passes it, and a project of that tier
    keeps each of those artefacts from the start (not only when a trigger happens)."""
    gaps = []
    for policy in policies_in_force(handbook):
        for gate in policy.gates:
            for tier in gate.tiers:
                named = gate.evidence_for(tier)
                if not named:
                    gaps.append(f"{gate.id} names no evidence for tier {tier}")
                kept = {a.id: a for a in artefacts_for(handbook, tier)}
                for artefact_id in named:
                    artefact = kept.get(artefact_id)
                    if artefact is None:
                        gaps.append(f"{gate.id}: tier {tier} does not keep {artefact_id}")
                    elif artefact.trigger:
                        gaps.append(f"{gate.id}: {artefact_id} exists only when "
                                    f"{artefact.trigger}")
    return gaps


def unasked_artefacts(handbook: Handbook) -> list[str]:
    """Each artefact in force is asked for as evidence by a duty in force (of each tier that
    keeps it, for a project artefact), unless it is marked optional."""
    gaps = []
    for artefact in handbook.artefacts:
        if not artefact.in_force or artefact.optional:
            continue
        tiers = artefact.tiers if artefact.for_projects else (None,)
        for tier in tiers:
            asking = [d.id for d in duties(handbook, tier=tier)
                      if artefact.id in d.requirement.artefacts and not d.requirement.permission]
            if not asking:
                of = f" of tier {tier}" if tier is not None else ""
                gaps.append(f"{artefact.id}: no requirement{of} asks for it")
    return gaps


def raci_roles_without_duty(handbook: Handbook) -> list[str]:
    """Each role a RACI names is the actor of at least one duty in force."""
    actors = {d.actor for d in duties(handbook) if not d.requirement.permission}
    gaps = []
    for standard in handbook.standards:
        for row in standard.raci:
            for role in (*row.responsible, row.accountable, *row.consulted, *row.informed):
                if role not in actors:
                    gaps.append(f"{standard.id}: '{row.activity}' names {role}, "
                                f"who owns no duty")
    return gaps


def unused_terms(handbook: Handbook) -> list[str]:
    """Each glossary term (or its abbreviation) appears in another standard's text."""
    text = "\n".join(t for s in handbook.standards
                     if not isinstance(s, Glossary) and not s.retired for t in words_of(s))
    return [term.term for term in handbook.terms
            if not any(term_pattern(name).search(text)
                       for name in (term.term, term.abbreviation) if name)]


def policies_without_must(handbook: Handbook) -> list[str]:
    """Each policy in force has at least one duty that is a must under a controlling PMO."""
    musts = {d.policy.id for d in duties(handbook, pmo_type="controlling")
             if d.word == "must" and not d.requirement.permission}
    return [p.id for p in policies_in_force(handbook) if p.id not in musts]


def supportive_gaps(handbook: Handbook) -> list[str]:
    """Under a supportive PMO the status report is still a must for every tier (for the role
    responsible for it), and every gate a tier passes is a must to decide and to record:
    in the decision log where the tier keeps one, else in the gate's signed evidence."""
    gaps = []
    report = handbook.get("status-report")
    assert isinstance(report, Artefact)
    for tier in (t.id for t in handbook.settings.tiers):
        musts = [d for d in duties(handbook, tier=tier, pmo_type="supportive", scope="project")
                 if d.word == "must" and not d.requirement.permission]
        if not any("status-report" in d.requirement.artefacts and not d.requirement.trigger
                   and d.actor == report.responsible for d in musts):
            gaps.append(f"tier {tier}: the status report is not a must")
        keeps_log = DECISION_RECORD in {a.id for a in artefacts_for(handbook, tier)}
        for step in lifecycle(handbook, tier):
            at_gate = [d for d in musts if d.policy.id == step.policy.id
                       and d.gate in (None, step.gate.id)]
            if not any(d.gate == step.gate.id or not d.requirement.trigger for d in at_gate):
                gaps.append(f"tier {tier}: deciding {step.gate.id} is not a must")
            # the decision log where the tier keeps one; else the signed evidence is the record
            records = {DECISION_RECORD} if keeps_log else {a.id for a in step.evidence}
            if not any(records & set(d.requirement.artefacts) for d in at_gate):
                gaps.append(f"tier {tier}: recording the {step.gate.id} decision is not a must")
    return gaps


def departures_without_rationale(handbook: Handbook) -> list[str]:
    """A requirement whose words depart from the pattern says why: a must under a supportive
    PMO, or a word that weakens as the PMO's authority grows."""
    gaps = []
    for policy in policies_in_force(handbook):
        for r in policy.requirements:
            words = [OBLIGATION_RANK[r.obligation.under(t)]
                     for t in ("supportive", "controlling", "directive")]
            departs = words[0] == OBLIGATION_RANK["must"] or words != sorted(words)
            if departs and not r.permission and not (r.rationale or "").strip():
                gaps.append(r.id)
    return gaps


# -- helpers ---------------------------------------------------------------------------

def words_of(value: object) -> Iterator[str]:
    """Every text a reader reads in a standard: its strings, leaving out ids and codes."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            if field.name not in REFERENCE_FIELDS:
                yield from words_of(getattr(value, field.name))
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from words_of(item)


def term_pattern(name: str) -> re.Pattern[str]:
    """The term as whole words, any case, spaces or hyphens between its words, the last word
    singular or plural."""
    words = re.split(r"[\s-]+", name.strip())
    last = words[-1]
    plurals = [re.escape(last) + "(?:s|es)?"]
    if last.lower().endswith("y"):
        plurals.append(re.escape(last[:-1]) + "ies")
    if last.lower() in IRREGULAR_PLURALS:
        plurals.append(IRREGULAR_PLURALS[last.lower()])
    body = r"[\s-]+".join([*map(re.escape, words[:-1]), f"(?:{'|'.join(plurals)})"])
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


def replaced(handbook: Handbook, *changed: Standard) -> Handbook:
    """The handbook with some standards replaced by changed copies."""
    by_id = {s.id: s for s in changed}
    standards = tuple(by_id.get(s.id, s) for s in handbook.standards)
    return dataclasses.replace(handbook, standards=standards, by_id={s.id: s for s in standards})


def policy(handbook: Handbook, policy_id: str) -> Policy:
    found = handbook.get(policy_id)
    assert isinstance(found, Policy)
    return found


def artefact(handbook: Handbook, artefact_id: str) -> Artefact:
    found = handbook.get(artefact_id)
    assert isinstance(found, Artefact)
    return found


def with_requirement(handbook: Handbook, requirement_id: str, **changes: Any) -> Handbook:
    """The handbook with one requirement changed."""
    owner = next(p for p in handbook.policies if any(r.id == requirement_id
                                                      for r in p.requirements))
    requirements = tuple(dataclasses.replace(r, **changes) if r.id == requirement_id else r
                         for r in owner.requirements)
    return replaced(handbook, dataclasses.replace(owner, requirements=requirements))


# -- the shipped set -------------------------------------------------------------------

def test_every_gate_names_evidence_each_tier_passing_it_keeps(handbook: Handbook) -> None:
    assert gate_evidence_gaps(handbook) == []


def test_every_artefact_is_asked_for_by_a_requirement_or_is_optional(
        handbook: Handbook) -> None:
    assert unasked_artefacts(handbook) == []


def test_every_role_in_a_raci_owns_a_duty(handbook: Handbook) -> None:
    assert raci_roles_without_duty(handbook) == []


def test_every_glossary_term_is_used_in_another_standard(handbook: Handbook) -> None:
    assert unused_terms(handbook) == []


def test_every_policy_has_a_must_under_a_controlling_pmo(handbook: Handbook) -> None:
    assert policies_without_must(handbook) == []


def test_a_supportive_pmo_still_requires_the_status_report_and_gate_decisions(
        handbook: Handbook) -> None:
    assert supportive_gaps(handbook) == []


def test_a_requirement_departing_from_the_pattern_says_why(handbook: Handbook) -> None:
    assert departures_without_rationale(handbook) == []


# -- each check finds a hole made in a copy of the set ---------------------------------

def test_a_gate_naming_an_artefact_its_tier_does_not_keep_is_found(handbook: Handbook) -> None:
    plan = artefact(handbook, "project-plan")
    broken = replaced(handbook, dataclasses.replace(plan, tiers=(3,)))
    assert "G2: tier 2 does not keep project-plan" in gate_evidence_gaps(broken)
    stage_gates = policy(handbook, "stage-gates")
    gates = tuple(dataclasses.replace(g, evidence=()) if g.id == "G3" else g
                  for g in stage_gates.gates)
    broken = replaced(handbook, dataclasses.replace(stage_gates, gates=gates))
    assert "G3 names no evidence for tier 2" in gate_evidence_gaps(broken)


def test_an_artefact_no_requirement_asks_for_is_found(handbook: Handbook) -> None:
    broken = with_requirement(handbook, "GATE-13", artefacts=())
    assert unasked_artefacts(broken) == ["raci-matrix: no requirement of tier 3 asks for it"]
    matrix = artefact(handbook, "raci-matrix")
    broken = replaced(broken, dataclasses.replace(matrix, optional=True))
    assert unasked_artefacts(broken) == []


def test_a_raci_role_without_a_duty_is_found(handbook: Handbook) -> None:
    broken = handbook
    for p in handbook.policies:
        for r in p.requirements:
            if r.actor == "resource-manager":
                broken = with_requirement(broken, r.id, actor="pmo-lead")
    assert any("names resource-manager" in gap for gap in raci_roles_without_duty(broken))


def test_an_unused_glossary_term_is_found(handbook: Handbook) -> None:
    glossary = next(s for s in handbook.standards if isinstance(s, Glossary))
    invented = Term(term="Gantt swimlane", abbreviation="GSL", definition="Not used.", see=())
    broken = replaced(handbook, dataclasses.replace(glossary, terms=(*glossary.terms, invented)))
    assert unused_terms(broken) == ["Gantt swimlane"]


@pytest.mark.parametrize(("term", "text", "used"), [
    ("Stage gate", "Book each stage\ngate early.", True),
    ("Stage gate", "Two stage gates.", True),
    ("Capacity", "Team capacities differ.", True),
    ("Acceptance criterion", "Agree the acceptance criteria.", True),
    ("Business-as-usual", "Hand over to business as usual.", True),
    ("Risk", "A riskier plan.", False),
    ("Tier", "raid-tier-log", False),
])
def test_a_term_matches_whole_words_and_plurals(term: str, text: str, used: bool) -> None:
    assert bool(term_pattern(term).search(text)) is used


def test_a_policy_without_a_must_is_found(handbook: Handbook) -> None:
    records = policy(handbook, "records-retention")
    weakened = tuple(dataclasses.replace(r, obligation=dataclasses.replace(
        r.obligation, controlling="should")) for r in records.requirements)
    broken = replaced(handbook, dataclasses.replace(records, requirements=weakened))
    assert policies_without_must(broken) == ["records-retention"]


def test_a_status_report_or_gate_decision_left_to_advice_is_found(handbook: Handbook) -> None:
    def advice(requirement_id: str) -> Handbook:
        requirement = next(r for p in handbook.policies for r in p.requirements
                           if r.id == requirement_id)
        return with_requirement(handbook, requirement_id, obligation=dataclasses.replace(
            requirement.obligation, supportive="should"))

    gaps = supportive_gaps(advice("RPT-1"))
    assert "tier 1: the status report is not a must" in gaps
    assert "tier 3: recording the G1 decision is not a must" in supportive_gaps(advice("GATE-3"))
    assert "tier 1: recording the G4 decision is not a must" in supportive_gaps(advice("GATE-9"))
    assert "tier 2: deciding G3 is not a must" in supportive_gaps(advice("GATE-1"))


def test_a_departure_without_rationale_is_found(handbook: Handbook) -> None:
    broken = with_requirement(handbook, "GATE-3", rationale=None)
    assert departures_without_rationale(broken) == ["GATE-3"]
