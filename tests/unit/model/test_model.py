"""The model built from the minimal example: types, defaults, lookups, backlinks."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from generator.model import Artefact, Handbook, Policy, content_hash


def test_standards_are_typed_and_immutable(minimal_handbook: Handbook) -> None:
    risk = minimal_handbook.get("risk")
    assert isinstance(risk, Policy)
    assert risk.effective == date(2026, 1, 5)
    assert risk.source == "standards/policies/risk.yaml"
    with pytest.raises(dataclasses.FrozenInstanceError):
        risk.title = "changed"  # type: ignore[misc]
    assert isinstance(risk.requirements, tuple)


def test_requirement_without_tiers_applies_to_every_tier(minimal_handbook: Handbook) -> None:
    risk = minimal_handbook.get("risk")
    assert isinstance(risk, Policy)
    assert [r.tiers for r in risk.requirements] == [(1, 2), (2,)]
    assert risk.requirements[1].obligation.under("supportive") == "may"


def test_register_of_an_artefact(minimal_handbook: Handbook) -> None:
    raid = minimal_handbook.get("raid-log")
    assert isinstance(raid, Artefact) and raid.register is not None
    assert [c.name for c in raid.register.columns] == ["Id", "Type", "Status"]
    assert raid.register.columns[1].choices == ("Risk", "Issue")


def test_backlinks_cover_related_artefacts_and_pillars(minimal_handbook: Handbook) -> None:
    assert minimal_handbook.referenced_by["raid-log"] == ("risk",)
    assert set(minimal_handbook.referenced_by["process"]) == {"risk", "raid-log"}


def test_kind_order_and_settings(minimal_handbook: Handbook) -> None:
    kinds = [s.kind for s in minimal_handbook.standards]
    assert kinds == sorted(kinds, key=["charter", "framework", "policy", "artefact", "role",
                                       "glossary", "faq"].index)
    assert minimal_handbook.settings.pmo_type == "controlling"
    assert minimal_handbook.settings.tier(2).name == "Tier 2 – Large"


def test_content_hash_ignores_version_and_history_only() -> None:
    data = {"id": "x", "title": "T", "version": "1.0.0", "history": [{"version": "1.0.0"}]}
    bumped = {**data, "version": "1.1.0", "history": [{"version": "1.1.0"}]}
    assert content_hash(data) == content_hash(bumped)
    assert content_hash(data) != content_hash({**data, "title": "T2"})


def test_shipped_handbook_has_the_starter_set(handbook: Handbook) -> None:
    policies = {p.id for p in handbook.policies}
    assert {"stage-gates", "risk-management", "change-control", "reporting",
            "portfolio-prioritisation"} <= policies
    artefacts = {a.id for a in handbook.artefacts}
    assert {"project-charter", "status-report", "raid-log", "stakeholder-register",
            "decision-log", "closure-report"} <= artefacts
    assert len(handbook.pillars) == 4 and handbook.charter is not None
    assert len(handbook.terms) >= 25
