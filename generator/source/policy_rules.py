"""Rules of a policy's requirements and gates, beyond what its schema can say.

- a requirement names the role that acts, a known gate, and tiers inside its policy's;
- a permission grants a choice, so it is `may` under every PMO type;
- evidence is only asked of tiers that produce the artefact;
- a gate says who decides for each of its tiers exactly once, and its criteria,
  evidence and merges stay within its tiers;
- rules kept as data (tolerances, prioritisation, risk scoring): see policy_data_rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from generator.source.checker import Checker
from generator.source.loader import Document, PathItem
from generator.source.policy_data_rules import (
    check_prioritisation,
    check_risk_scoring,
    check_tolerances,
)


def check_policy(checker: Checker, document: Document, gates: Mapping[str, Any]) -> None:
    """Every rule of one schema-valid policy; `gates` are the gates of every policy by id."""
    data = document.data
    covered = set(data.get("tiers") or checker.tiers or ())
    checker.tier_refs(document, ["tiers"], data.get("tiers"))
    for i, role in enumerate(data.get("roles", ())):
        checker.ref(document, ["roles", i, "role"], role["role"], "role", "role")
    for i, requirement in enumerate(data["requirements"]):
        _check_requirement(checker, document, ["requirements", i], requirement, covered, gates)
    for i, gate in enumerate(data.get("gates", ())):
        _check_gate(checker, document, ["gates", i], gate, gates)
    if "tolerances" in data:
        check_tolerances(checker, document, covered)
    if "prioritisation" in data:
        check_prioritisation(checker, document, covered)
    if "risk_scoring" in data:
        check_risk_scoring(checker, document)


def _check_requirement(checker: Checker, document: Document, path: list[PathItem],
                       requirement: dict[str, Any], covered: set[int],
                       gates: Mapping[str, Any]) -> None:
    code = document.data["code"]
    if not requirement["id"].startswith(code + "-"):
        checker.add(document, [*path, "id"], f"{requirement['id']!r} does not start with "
                                             f"this policy's code {code + '-'!r}")
    checker.ref(document, [*path, "actor"], requirement["actor"], "role", "role")
    gate = requirement.get("gate")
    if gate is not None and gate not in gates:
        known = ", ".join(sorted(gates)) or "none: no policy declares gates"
        checker.add(document, [*path, "gate"], f"{gate!r} is not a gate of the lifecycle "
                                               f"(gates: {known})")
    tiers = requirement.get("tiers")
    checker.tier_refs(document, [*path, "tiers"], tiers)
    for j, tier in enumerate(tiers or ()):
        if covered and tier not in covered:
            checker.add(document, [*path, "tiers", j],
                        f"tier {tier} is outside this policy's tiers "
                        f"({', '.join(map(str, sorted(covered)))}); add it to the policy's "
                        "tiers or remove it here")
    if requirement.get("type") == "permission":
        for pmo_type, word in requirement["obligation"].items():
            if word != "may":
                checker.add(document, [*path, "obligation", pmo_type],
                            f"a permission grants a choice, so it cannot be {word!r}: write "
                            "may, or make it a duty (remove type: permission)")
    checker.refs(document, [*path, "artefacts"], requirement.get("artefacts"), "artefact",
                 "artefact")
    for j, artefact in enumerate(requirement.get("artefacts") or ()):
        _check_produced(checker, document, [*path, "artefacts", j], artefact,
                        tiers or covered, "asks for")


def _check_gate(checker: Checker, document: Document, path: list[PathItem],
                gate: dict[str, Any], gates: Mapping[str, Any]) -> None:
    tiers = set(gate["tiers"])
    checker.tier_refs(document, [*path, "tiers"], gate["tiers"])
    for i, decider in enumerate(gate["decided_by"]):
        where = [*path, "decided_by", i]
        checker.ref(document, [*where, "role"], decider["role"], "role", "role")
        _within(checker, document, [*where, "tiers"], decider["tiers"], tiers, gate["id"])
    decided = checker.one_per_tier(document, [*path, "decided_by"], gate["decided_by"],
                                   "decision body")
    missing = sorted(tiers - decided)
    if missing:
        checker.add(document, [*path, "decided_by"],
                    f"no decision body for tier {', '.join(map(str, missing))} of gate "
                    f"{gate['id']}; add it to decided_by")
    for i, criterion in enumerate(gate["criteria"]):
        _within(checker, document, [*path, "criteria", i, "tiers"], criterion.get("tiers"),
                tiers, gate["id"])
    for i, evidence in enumerate(gate["evidence"]):
        where = [*path, "evidence", i]
        _within(checker, document, [*where, "tiers"], evidence.get("tiers"), tiers, gate["id"])
        checker.ref(document, [*where, "artefact"], evidence["artefact"], "artefact", "artefact")
        _check_produced(checker, document, [*where, "artefact"], evidence["artefact"],
                        evidence.get("tiers") or tiers, f"gate {gate['id']} asks for")
    for i, merge in enumerate(gate.get("merged", ())):
        where = [*path, "merged", i]
        into = gates.get(merge["into"])
        if into is None:
            checker.add(document, [*where, "into"],
                        f"{merge['into']!r} is not a gate of the lifecycle "
                        f"(gates: {', '.join(sorted(gates))})")
        for j, tier in enumerate(merge["tiers"]):
            if tier in tiers:
                checker.add(document, [*where, "tiers", j],
                            f"tier {tier} passes {gate['id']} itself, so its checks cannot be "
                            f"merged into {merge['into']}")
            elif into is not None and tier not in into["tiers"]:
                checker.add(document, [*where, "tiers", j],
                            f"tier {tier} does not pass {merge['into']} either: merge it into a "
                            "gate that tier passes")


def _within(checker: Checker, document: Document, path: list[PathItem],
            values: Iterable[int] | None, tiers: set[int], gate: str) -> None:
    for j, tier in enumerate(values or ()):
        if tier not in tiers:
            checker.add(document, [*path, j],
                        f"tier {tier} does not pass gate {gate} (its tiers: "
                        f"{', '.join(map(str, sorted(tiers)))})")


def _check_produced(checker: Checker, document: Document, path: list[PathItem],
                    artefact_id: str, tiers: Iterable[int], who: str) -> None:
    """An artefact asked of tiers that do not produce it is an error (PMO artefacts aside)."""
    target = checker.by_id.get(artefact_id)
    data = target.data if target is not None and isinstance(target.data, dict) else None
    if data is None or data.get("scope") == "pmo" or not isinstance(data.get("tiers"), list):
        return
    missing = sorted(set(tiers) - set(data["tiers"]))
    if missing:
        checker.add(document, path,
                    f"{who} {artefact_id!r} from tier {', '.join(map(str, missing))}, which "
                    f"does not produce it (its tiers: {', '.join(map(str, data['tiers']))}); "
                    "scope the request to those tiers or add the tier to the artefact")
