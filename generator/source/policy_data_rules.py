"""Rules of a policy's rules kept as data (`tolerances:`, `prioritisation:`,
`risk_scoring:`), beyond what the schema can say.

Tolerances:
- every dimension is given once, with one limit for each tier of the policy;
- a measured dimension (percent, weeks, score) has a number for each tier, a dimension in
  words a rule; a cap is money on a percent limit; a milestone limit is stricter time;
- the project manager's share names dimensions the policy has;
- each tier has one escalation entry, naming known roles and a known report artefact.

Prioritisation:
- criterion ids are unique and the weights add up to exactly 100 per cent;
- the tie-break names criteria, the tiers lie within the policy's, the scale goes up;
- the worked examples name the criteria and skills the policy declares;
- an artefact that lists the criteria with their weights (a table with the columns
  Criterion and Weight) lists these criteria with these weights.

Risk scoring:
- each scale's steps score 1, 2, 3 ... in order;
- the bands run from red down to green, each colour once, each starting below the one
  above, the lowest at 1, none above the highest score (probability x impact);
- one policy in force keeps it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from generator.model.risk_scoring import RAG_ORDER
from generator.source.checker import Checker
from generator.source.loader import Document, PathItem
from generator.source.schema_check import suggest

MEASURED = ("percent", "weeks", "score")
WEIGHT_COLUMNS = ("Criterion", "Weight")


def check_tolerances(checker: Checker, document: Document, covered: set[int]) -> None:
    data = document.data["tolerances"]
    path: list[PathItem] = ["tolerances"]
    names = [d["dimension"] for d in data["dimensions"]]
    for i, dimension in enumerate(data["dimensions"]):
        where = [*path, "dimensions", i]
        if names.index(dimension["dimension"]) != i:
            checker.add(document, [*where, "dimension"],
                        f"{dimension['dimension']!r} is given twice; keep one entry per dimension")
        _check_dimension(checker, document, where, dimension, covered)
    for j, name in enumerate(data["manager_share"]["applies_to"]):
        if name not in names:
            checker.add(document, [*path, "manager_share", "applies_to", j],
                        f"{name!r} is not one of this policy's dimensions ({', '.join(names)})")
    _check_escalation(checker, document, [*path, "escalation"], data["escalation"], covered)


def _check_dimension(checker: Checker, document: Document, path: list[PathItem],
                     dimension: dict[str, Any], covered: set[int]) -> None:
    unit = dimension.get("unit")
    measured = unit in MEASURED
    seen: dict[int, int] = {}
    for i, limit in enumerate(dimension["limits"]):
        where = [*path, "limits", i]
        tier = limit["tier"]
        if tier in seen:
            checker.add(document, [*where, "tier"],
                        f"tier {tier} already has its limit at limits[{seen[tier]}]; "
                        "give one limit per tier")
        seen[tier] = i
        if covered and tier not in covered:
            checker.add(document, [*where, "tier"],
                        f"tier {tier} is outside this policy's tiers "
                        f"({', '.join(map(str, sorted(covered)))}); give limits for those only")
        if measured and "limit" not in limit:
            checker.add(document, where,
                        f"a {dimension['dimension']} tolerance in {unit} needs its limit: add "
                        f"`limit:` (the number of {'per cent' if unit == 'percent' else unit})")
        if not measured:
            if "rule" not in limit:
                checker.add(document, where,
                            f"{dimension['dimension']} has no unit, so its tolerance is a rule "
                            "in words: add `rule:`, or give the dimension a unit and a limit")
            for key in ("limit", "cap", "milestone_limit", "unfunded_only"):
                if key in limit:
                    checker.add(document, [*where, key],
                                f"{key} needs a measured dimension: give {dimension['dimension']} "
                                "a unit (percent, weeks or score), or remove it")
        if "cap" in limit and unit != "percent":
            checker.add(document, [*where, "cap"],
                        "a cap in money only bounds a limit in per cent (cost); remove it")
        milestone = limit.get("milestone_limit")
        if milestone is not None:
            if unit != "weeks":
                checker.add(document, [*where, "milestone_limit"],
                            "a milestone limit is a time tolerance: it needs unit: weeks")
            elif "limit" in limit and milestone > limit["limit"]:
                checker.add(document, [*where, "milestone_limit"],
                            f"{milestone} weeks is looser than the limit of {limit['limit']} "
                            "weeks: a regulatory or contractual milestone gets a stricter one")
        if limit.get("unfunded_only") and unit != "score":
            checker.add(document, [*where, "unfunded_only"],
                        "unfunded_only applies to risk scores: it needs unit: score")
    if unit is not None and dimension.get("direction") == "below" and unit != "percent":
        checker.add(document, [*path, "direction"],
                    "below measures a shortfall in per cent: it needs unit: percent")
    missing = sorted(covered - set(seen))
    if missing:
        checker.add(document, [*path, "limits"],
                    f"no limit for tier {', '.join(map(str, missing))} on "
                    f"{dimension['dimension']}; add one entry per tier of the policy")


def _check_escalation(checker: Checker, document: Document, path: list[PathItem],
                      entries: Sequence[dict[str, Any]], covered: set[int]) -> None:
    seen = checker.one_per_tier(document, path, entries, "escalation route")
    for i, entry in enumerate(entries):
        where = [*path, i]
        for level in ("manager", "project"):
            route = entry[level]
            for key in ("to", "decided_by"):
                checker.ref(document, [*where, level, key], route[key], "role", "role")
            if route["report"] != "email":
                checker.ref(document, [*where, level, "report"], route["report"], "artefact",
                            "artefact (or write email)")
        checker.refs(document, [*where, "informed"], entry.get("informed"), "role", "role")
    missing = sorted(covered - seen)
    if missing:
        checker.add(document, path,
                    f"no escalation route for tier {', '.join(map(str, missing))}; add an entry "
                    "for every tier of the policy")


def check_prioritisation(checker: Checker, document: Document, covered: set[int]) -> None:
    data = document.data["prioritisation"]
    path: list[PathItem] = ["prioritisation"]
    criteria = data["criteria"]
    ids = [c["id"] for c in criteria]
    for i, ident in enumerate(ids):
        if ids.index(ident) != i:
            checker.add(document, [*path, "criteria", i, "id"],
                        f"criterion {ident!r} is declared twice")
    total = sum(c["weight"] for c in criteria)
    if total != 100:
        weights = " + ".join(str(c["weight"]) for c in criteria)
        checker.add(document, [*path, "criteria"],
                    f"the weights add up to {total}% ({weights}), not 100%: change them so "
                    "that they do")
    checker.tier_refs(document, [*path, "tiers"], data["tiers"])
    for j, tier in enumerate(data["tiers"]):
        if covered and tier not in covered:
            checker.add(document, [*path, "tiers", j],
                        f"tier {tier} is outside this policy's tiers "
                        f"({', '.join(map(str, sorted(covered)))})")
    for j, ident in enumerate(data["tie_break"]):
        if ident not in ids:
            checker.add(document, [*path, "tie_break", j],
                        f"{ident!r} is not a criterion{suggest(ident, ids)}")
    scale = data.get("scale", {"lowest": 1, "highest": 5})
    if scale["highest"] <= scale["lowest"]:
        checker.add(document, [*path, "scale", "highest"],
                    f"{scale['highest']} is not above the lowest score {scale['lowest']}")
    skills = [s["id"] for s in data["skills"]]
    for i, ident in enumerate(skills):
        if skills.index(ident) != i:
            checker.add(document, [*path, "skills", i, "id"], f"skill {ident!r} is declared twice")
    _check_example_scores(checker, document, [*path, "example_scores"],
                          data.get("example_scores"), ids, scale)
    example = data.get("funding_example")
    if example is not None:
        where = [*path, "funding_example"]
        _check_skill_keys(checker, document, [*where, "skills"], example["skills"], skills)
        for i, candidate in enumerate(example["candidates"]):
            _check_skill_keys(checker, document, [*where, "candidates", i, "skills"],
                              candidate.get("skills", {}), skills)
            if not candidate.get("mandatory") and "score" not in candidate:
                checker.add(document, [*where, "candidates", i],
                            "a ranked candidate needs its score (or mandatory: true)")


def _check_example_scores(checker: Checker, document: Document, path: list[PathItem],
                          scores: Mapping[str, int] | None, ids: list[str],
                          scale: Mapping[str, int]) -> None:
    if scores is None:
        return
    for key, value in scores.items():
        if key not in ids:
            checker.add(document, [*path, key], f"{key!r} is not a criterion{suggest(key, ids)}")
        elif not scale["lowest"] <= value <= scale["highest"]:
            checker.add(document, [*path, key],
                        f"{value} is outside the scale {scale['lowest']} to {scale['highest']}")
    missing = [i for i in ids if i not in scores]
    if missing:
        checker.add(document, path, f"no score for {', '.join(missing)}; score every criterion")


def _check_skill_keys(checker: Checker, document: Document, path: list[PathItem],
                      values: Mapping[str, Any], skills: list[str]) -> None:
    for key in values:
        if key not in skills:
            checker.add(document, [*path, key],
                        f"{key!r} is not a constrained skill of this policy"
                        f"{suggest(key, skills)}")


def check_weight_tables(checker: Checker, policies: Iterable[Document],
                        artefacts: Iterable[Document]) -> None:
    """Artefact tables that list the criteria with their weights agree with the policy."""
    weights = {c["name"]: c["weight"] for p in policies
               if p.data.get("status") == "approved" and "prioritisation" in p.data
               for c in p.data["prioritisation"]["criteria"]}
    if not weights:
        return
    for document in artefacts:
        for i, section in enumerate(document.data["sections"]):
            table = section.get("table") or {}
            names = [c["name"] for c in table.get("columns", ())]
            if tuple(names[:2]) != WEIGHT_COLUMNS:
                continue
            for r, row in enumerate(table.get("rows", ())):
                if len(row) < 2:
                    continue
                name, weight = row[0], row[1]
                where: list[PathItem] = ["sections", i, "table", "rows", r]
                if name not in weights:
                    checker.add(document, [*where, 0],
                                f"{name!r} is not a prioritisation criterion"
                                f"{suggest(name, weights)}")
                elif weight != f"{weights[name]}%":
                    checker.add(document, [*where, 1],
                                f"{name} weighs {weights[name]}% in the prioritisation policy, "
                                f"not {weight}; write {weights[name]}%")


def check_risk_scoring(checker: Checker, document: Document) -> None:
    """Scales that count 1, 2, 3 ...; bands from red down, each starting lower, the last
    at 1, every one reachable (at most the highest score)."""
    data = document.data["risk_scoring"]
    path: list[PathItem] = ["risk_scoring"]
    for scale in ("probability", "impact"):
        for i, level in enumerate(data[scale]):
            if level["score"] != i + 1:
                checker.add(document, [*path, scale, i, "score"],
                            f"is {level['score']}, but step {i + 1} of the scale must score "
                            f"{i + 1}: list the steps from the lowest, counting up by one")
    top = len(data["probability"]) * len(data["impact"])
    bands = data["bands"]
    rags = [b["rag"] for b in bands]
    order = [r for r in RAG_ORDER if r in rags]
    if rags != order or len(set(rags)) != len(rags):
        checker.add(document, [*path, "bands"],
                    f"the bands are {', '.join(rags)}: list each colour once, from the most "
                    f"serious down ({', '.join(order)})")
    for i, band in enumerate(bands):
        if band["min_score"] > top:
            checker.add(document, [*path, "bands", i, "min_score"],
                        f"is {band['min_score']}, above the highest score {top} "
                        "(probability x impact): no risk could be in this band")
        if i and band["min_score"] >= bands[i - 1]["min_score"]:
            checker.add(document, [*path, "bands", i, "min_score"],
                        f"is {band['min_score']}, not below the band above "
                        f"({bands[i - 1]['min_score']}): each band starts lower than the last")
    if bands and bands[-1]["min_score"] != 1:
        checker.add(document, [*path, "bands", len(bands) - 1, "min_score"],
                    f"is {bands[-1]['min_score']}: the lowest band starts at 1, so that every "
                    "score has a colour")


def check_one_risk_scoring(checker: Checker, policies: Iterable[Document]) -> None:
    """At most one policy in force keeps the risk scoring: every RAID register, risk matrix
    and status report scores risks one way."""
    holders = [p for p in policies
               if p.data.get("status") != "retired" and "risk_scoring" in p.data]
    for document in holders[1:]:
        checker.add(document, ["risk_scoring"],
                    f"{holders[0].display} already keeps the risk scoring: keep it in one "
                    "policy and refer to that policy from this one")
