"""Rules of a schema-valid status file against the handbook: the period matches the file
name, the next gate is one the tier passes, and a candidate's scores and skills are those
of the prioritisation policy, within its scale and for the tiers it ranks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.errors import Problem
from generator.model import Handbook
from generator.model.applicability import lifecycle, policies_in_force
from generator.model.prioritisation import Prioritisation
from generator.source.loader import Document, PathItem, field_name
from generator.source.schema_check import suggest


def check_status(document: Document, handbook: Handbook, tier: int) -> list[Problem]:
    problems: list[Problem] = []

    def add(path: list[PathItem], message: str) -> None:
        """A problem at the value of `path`; at its key when the key itself is wrong."""
        *parent, last = path
        key = last if isinstance(last, str) and _is_key_problem(message) else None
        line, column = document.locate(parent if key else path, key=key)
        problems.append(Problem(document.display, line, column, field_name(path), message))

    data = document.data
    if data["period"] != document.path.stem:
        add(["period"], f"says {data['period']} but the file is {document.path.name}: a file "
                        "holds the period it is named after")
    gates = [step.gate.id for step in lifecycle(handbook, tier)]
    merged = {g.id for p in policies_in_force(handbook) for g in p.gates
              if g.merged_into(tier) is not None}
    if data["next_gate"] not in gates and data["next_gate"] not in merged:
        add(["next_gate"], f"{data['next_gate']!r} is not a gate of a tier {tier} project "
                           f"({', '.join(gates)})")
    candidate = data.get("prioritisation")
    if candidate is not None:
        policy = next((p.prioritisation for p in policies_in_force(handbook)
                       if p.prioritisation is not None), None)
        if policy is None:
            add(["prioritisation"], "no prioritisation policy in force ranks candidates; "
                                    "remove this block")
        elif tier not in policy.tiers:
            add(["prioritisation"], f"tier {tier} candidates are not ranked by the portfolio "
                                    f"board (the prioritisation policy ranks tier "
                                    f"{', '.join(map(str, policy.tiers))}); remove this block")
        else:
            _check_candidate(add, candidate, policy)
    return problems


def _is_key_problem(message: str) -> bool:
    return " is not a criterion" in message or " is not a constrained skill" in message


def _check_candidate(add: Any, candidate: dict[str, Any], policy: Prioritisation) -> None:
    ids = [c.id for c in policy.criteria]
    scores = candidate["scores"]
    for key, value in scores.items():
        if key not in ids:
            add(["prioritisation", "scores", key],
                f"{key!r} is not a criterion of the prioritisation policy{suggest(key, ids)}")
        elif not policy.scale.lowest <= value <= policy.scale.highest:
            add(["prioritisation", "scores", key],
                f"{value} is outside the scale: score {policy.scale.lowest} to "
                f"{policy.scale.highest}")
    missing = [i for i in ids if i not in scores]
    if missing:
        add(["prioritisation", "scores"], f"no score for {_names(policy, missing)}: score "
                                          "every criterion of the prioritisation policy")
    skills = [s.id for s in policy.skills]
    for key in candidate["demand"].get("skills", {}):
        if key not in skills:
            add(["prioritisation", "demand", "skills", key],
                f"{key!r} is not a constrained skill of the prioritisation policy"
                f"{suggest(key, skills)}")


def _names(policy: Prioritisation, ids: Iterable[str]) -> str:
    return ", ".join(f"{i} ({c.name})" if (c := policy.criterion(i)) else i for i in ids)
