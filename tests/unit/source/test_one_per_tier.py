"""Rules kept per tier (who approves a deviation, who decides a gate, where a breach
goes) name each tier once: a second entry for a tier is a located error."""

from __future__ import annotations

from pathlib import Path

from generator.pipeline.check import check_standards
from tests.support.workspace import copy_workspace


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_tier_named_twice_is_refused_where_it_is_named(tmp_path: Path) -> None:
    standards = copy_workspace(tmp_path).standards
    _edit(standards / "handbook.yaml", "    - tiers: [2]\n      approver: sponsor\n",
          "    - tiers: [2, 1]\n      approver: sponsor\n")
    _edit(standards / "policies" / "stage-gates.yaml",
          "      - role: sponsor\n        tiers: [2]\n",
          "      - role: sponsor\n        tiers: [1, 2]\n")
    _edit(standards / "policies" / "tolerances-escalation.yaml",
          "    - tiers: [2]\n      manager:", "    - tiers: [2, 1]\n      manager:")
    _, problems = check_standards(standards)
    found = {(p.file.split("/")[-1], p.field, p.message) for p in problems}
    assert ("handbook.yaml", "deviations.should[1].tiers[1]",
            "tier 1 already has its approver at deviations.should[0]; name one approver "
            "per tier") in found
    assert any(f == "stage-gates.yaml" and field.endswith("decided_by[1].tiers[0]")
               and "tier 1 already has its decision body at gates[" in m
               and m.endswith("name one decision body per tier") for f, field, m in found), found
    assert ("tolerances-escalation.yaml", "tolerances.escalation[1].tiers[1]",
            "tier 1 already has its escalation route at tolerances.escalation[0]; name one "
            "escalation route per tier") in found
    assert all(p.line > 0 for p in problems)
