"""The one rule of what applies to whom: in force, by tier, under a PMO type, by actor."""

from __future__ import annotations

import dataclasses

from generator.model import Handbook, Policy
from generator.model.applicability import (
    artefacts_for,
    asked_for_by,
    by_gate,
    duties,
    lifecycle,
    strongest_word,
)


def with_status(handbook: Handbook, standard_id: str, status: str) -> Handbook:
    changed = dataclasses.replace(handbook.by_id[standard_id], status=status)
    standards = tuple(changed if s.id == standard_id else s for s in handbook.standards)
    return dataclasses.replace(handbook, standards=standards,
                               by_id={s.id: s for s in standards})


def test_requirements_apply_by_tier_with_the_word_of_the_pmo_type(
        minimal_handbook: Handbook) -> None:
    assert [d.id for d in duties(minimal_handbook, tier=1)] == ["RISK-1"]
    assert [(d.id, d.word) for d in duties(minimal_handbook, tier=2)] == [
        ("RISK-1", "must"), ("RISK-2", "should")]
    assert [(d.id, d.word) for d in duties(minimal_handbook, tier=2, pmo_type="supportive")] == [
        ("RISK-1", "should"), ("RISK-2", "may")]


def test_a_draft_or_retired_policy_never_contributes_obligations(
        minimal_handbook: Handbook) -> None:
    for status in ("draft", "retired"):
        handbook = with_status(minimal_handbook, "risk", status)
        assert duties(handbook, tier=2) == ()
        assert asked_for_by(handbook, "raid-log") == ()


def test_a_draft_artefact_is_not_in_any_tier(minimal_handbook: Handbook) -> None:
    assert [a.id for a in artefacts_for(minimal_handbook, 2)] == ["project-charter", "raid-log"]
    handbook = with_status(minimal_handbook, "raid-log", "draft")
    assert [a.id for a in artefacts_for(handbook, 2)] == ["project-charter"]


def test_duties_by_actor_and_by_gate(handbook: Handbook) -> None:
    mine = duties(handbook, tier=2, actor="project-manager")
    assert mine and all(d.actor == "project-manager" for d in mine)
    groups = by_gate(handbook, mine)
    order = [g for g, _ in groups]
    assert order[0] is None  # duties that run all through the project come first
    assert order[1:] == sorted(order[1:])  # then G0, G1 ... in lifecycle order
    assert sum(len(items) for _, items in groups) == len(mine)


def test_the_lifecycle_of_tier_1_merges_gates(handbook: Handbook) -> None:
    steps = {s.gate.id: s for s in lifecycle(handbook, 1)}
    assert list(steps) == ["G1", "G4"]
    assert [g.id for g in steps["G1"].absorbs] == ["G0", "G2"]
    assert [g.id for g in steps["G4"].absorbs] == ["G3"]
    assert steps["G1"].decider.role == "sponsor"
    produced = {a.id for a in artefacts_for(handbook, 1)}
    assert {a.id for s in steps.values() for a in s.evidence} <= produced


def test_each_tier_has_its_own_decision_body_and_evidence(handbook: Handbook) -> None:
    g1 = {t: next(s for s in lifecycle(handbook, t) if s.gate.id == "G1") for t in (1, 2, 3)}
    assert [g1[t].decider.role for t in (1, 2, 3)] == ["sponsor", "sponsor", "portfolio-board"]
    assert "business-case" not in {a.id for a in g1[1].evidence}
    assert "business-case" in {a.id for a in g1[2].evidence}
    g2 = {t: next(s for s in lifecycle(handbook, t) if s.gate.id == "G2") for t in (2, 3)}
    assert "raci-matrix" not in {a.id for a in g2[2].evidence}
    assert "raci-matrix" in {a.id for a in g2[3].evidence}


def test_permissions_never_make_an_artefact_required(minimal_handbook: Handbook) -> None:
    risk = minimal_handbook.get("risk")
    assert isinstance(risk, Policy)
    first = dataclasses.replace(risk.requirements[0], type="permission")
    items = [d for d in duties(minimal_handbook) if d.id == "RISK-1"]
    assert strongest_word(items) == "must"
    permitted = [dataclasses.replace(items[0], requirement=first)]
    assert strongest_word(permitted) is None


def test_pmo_duties_are_never_in_a_projects_list(handbook: Handbook) -> None:
    project = duties(handbook, tier=2, scope="project")
    pmo = duties(handbook, scope="pmo")
    assert pmo and not {d.id for d in project} & {d.id for d in pmo}
    assert all(d.policy.id != "pmo-maturity" or d.requirement.permission for d in project)
    assert {d.id for d in duties(handbook, tier=2)} == {d.id for d in project} | {
        d.id for d in pmo if 2 in d.requirement.tiers}
