"""Generate realistic synthetic standards trees for benchmarks.

`generate_corpus(target, n)` writes about `n` valid standards of every kind, with
cross-references, into `target/standards` and returns that folder.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

WORDS = (
    "project sponsor board gate baseline forecast tolerance risk issue dependency assumption "
    "owner review approve escalate milestone budget schedule scope quality benefit stakeholder "
    "register report status narrative variance decision action deliverable acceptance change "
    "request impact assessment capacity portfolio priority value criteria weight score team "
    "plan stage closure lesson handover evidence control assurance compliance template "
    "dashboard cadence fortnight monthly quarterly threshold exception recovery mitigation"
).split()
TIERS = (1, 2, 3)
OBLIGATIONS = ("may", "should", "must")


def best_time(fn: Callable[[], object], runs: int = 3) -> float:
    """The fastest of `runs` timed calls of `fn`, in seconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, words: int) -> str:
    out, left = [], words
    while left > 0:
        size = min(left, rng.randint(40, 80))
        sentences = [_sentence(rng, 10) for _ in range(max(1, size // 10))]
        out.append(" ".join(sentences))
        left -= size
    return "\n\n".join(out) + "\n"


def _common(
    rng: random.Random, ident: str, title: str, roles: list[str], others: list[str], body_words: int
) -> dict[str, Any]:
    related = rng.sample(others, k=min(3, len(others))) if others else []
    approver = rng.choice(roles)
    data: dict[str, Any] = {
        "id": ident,
        "title": title,
        "version": "1.1.0",
        "status": "approved",
        "owner": rng.choice(roles),
        "effective": "2026-02-01",
        "review_by": "2027-02-01",
        "summary": _sentence(rng, 12),
        "body": _paragraphs(rng, body_words),
        "related": [r for r in related if r != ident],
        "history": [
            {
                "version": "1.1.0",
                "date": "2026-02-01",
                "summary": "Clarified the guidance.",
                "change": "minor",
            },
            {"version": "1.0.0", "date": "2025-06-01", "summary": "First issue."},
        ],
        "approved_by": approver,
        "approvals": [{"version": "1.1.0", "by": approver, "date": "2026-01-20"}],
    }
    if not data["related"]:
        del data["related"]
    return data


def _requirement(rng: random.Random, ident: str, roles: list[str],
                 artefact_tiers: dict[str, list[int]]) -> dict[str, Any]:
    """A requirement asking for one artefact, from tiers that produce it."""
    artefact = rng.choice(sorted(artefact_tiers)) if artefact_tiers else None
    tiers = artefact_tiers[artefact] if artefact else TIERS
    requirement: dict[str, Any] = {
        "id": ident,
        "text": _sentence(rng, 20),
        "actor": rng.choice(roles),
        "obligation": {
            "supportive": rng.choice(OBLIGATIONS[:2]),
            "controlling": rng.choice(OBLIGATIONS[1:]),
            "directive": "must",
        },
        "tiers": sorted(rng.sample(tiers, k=rng.randint(1, len(tiers)))),
    }
    if artefact:
        requirement["artefacts"] = [artefact]
    return requirement


def _write(path: Path, kind: str, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    header = f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"
    path.write_text(
        header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


def generate_corpus(target: Path, n: int, seed: int = 0, body_words: int = 450) -> Path:
    """Write about `n` standards (at least 12) into `target/standards`; return that folder."""
    rng = random.Random(seed)
    root = target / "standards"
    n_roles = max(3, n // 20)
    rest = max(2, n - n_roles - 4 - 3)
    n_policies = rest // 2
    n_artefacts = rest - n_policies
    roles = [f"role-{i:04d}" for i in range(n_roles)]
    pillars = ["people", "product", "process", "project"]
    policies = [f"policy-{i:04d}" for i in range(n_policies)]
    artefacts = [f"artefact-{i:04d}" for i in range(n_artefacts)]
    artefact_tiers = {a: sorted(rng.sample(TIERS, k=rng.randint(1, 3))) for a in artefacts}
    everything = roles + pillars + policies + artefacts

    handbook = {
        "organisation": {"name": "Benchmark Group"},
        "title": "Benchmark Handbook",
        "version": "1.0.0",
        "pmo_type": "controlling",
        "pmo_types": [
            {"id": t, "title": t.title(), "authority": a, "description": _sentence(rng, 12)}
            for t, a in (
                ("supportive", "Advises"),
                ("controlling", "Enforces"),
                ("directive", "Owns delivery"),
            )
        ],
        "tiers": [
            {
                "id": t,
                "name": f"Tier {t}",
                "description": _sentence(rng, 8),
            }
            for t in TIERS
        ],
        "tier_criteria": {
            "budget": {"name": "Budget", "unit": "EUR",
                       "limits": [{"tier": 1, "under": 100000}, {"tier": 2, "up_to": 1000000}]},
            "duration": {"name": "Duration", "unit": "months",
                         "limits": [{"tier": 1, "under": 6}, {"tier": 2, "up_to": 18}]},
        },
        "obligation_words": {"must": "Mandatory.", "should": "Expected.", "may": "Optional."},
        "deviations": {"should": [{"tiers": list(TIERS), "approver": roles[0]}],
                       "must": [{"tiers": list(TIERS), "approver": roles[-1]}]},
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "handbook.yaml").write_text(
        "# yaml-language-server: $schema=schemas/handbook.schema.json\n"
        + yaml.safe_dump(handbook, sort_keys=False),
        encoding="utf-8",
    )

    for i, ident in enumerate(roles):
        data = _common(rng, ident, f"Role {i}", roles, everything, body_words // 3)
        data["responsibilities"] = [_sentence(rng, 8) for _ in range(4)]
        _write(root / "roles" / f"{ident}.yaml", "role", data)
    for order, ident in enumerate(pillars, start=1):
        data = _common(rng, ident, ident.title(), roles, everything, body_words // 2)
        data.update(
            pillar_order=order,
            focus=_sentence(rng, 8),
            practices=[_sentence(rng, 6) for _ in range(4)],
        )
        _write(root / "framework" / f"{ident}.yaml", "framework", data)
    for i, ident in enumerate(policies):
        data = _common(
            rng, ident, f"Policy {i} {rng.choice(WORDS)}", roles, everything, body_words // 2
        )
        code = f"P{i:04d}"
        data.update(
            pillar=rng.choice(pillars),
            code=code,
            purpose=_sentence(rng, 15),
            scope=_sentence(rng, 12),
            requirements=[_requirement(rng, f"{code}-{r}", roles, artefact_tiers)
                          for r in range(1, 6)],
            raci=[
                {
                    "activity": _sentence(rng, 5),
                    "responsible": [rng.choice(roles)],
                    "accountable": rng.choice(roles),
                }
            ],
        )
        _write(root / "policies" / f"{ident}.yaml", "policy", data)
    for i, ident in enumerate(artefacts):
        data = _common(
            rng, ident, f"Artefact {i} {rng.choice(WORDS)}", roles, everything, body_words // 3
        )
        data.update(
            pillar=rng.choice(pillars),
            purpose=_sentence(rng, 15),
            format="document",
            tiers=artefact_tiers[ident],
            sections=[
                {"title": f"Section {s} {rng.choice(WORDS)}", "guidance": _paragraphs(rng, 40)}
                for s in range(1, 5)
            ],
        )
        data["sections"][0]["fields"] = [
            {"label": "Project name", "answer": "project_name"},
            {"label": "Sponsor", "answer": "sponsor"},
        ]
        data["sections"][1]["table"] = {
            "columns": [
                {"name": "Id"},
                {"name": "Description"},
                {"name": "Status", "choices": ["Open", "Closed"]},
            ],
            "rows": [[f"R{r}", _sentence(rng, 6), "Open"] for r in range(1, 4)],
        }
        _write(root / "artefacts" / f"{ident}.yaml", "artefact", data)

    charter = _common(rng, "pmo-charter", "PMO charter", roles, everything, body_words // 2)
    charter.update(
        pmo_type="controlling",
        mandate=_sentence(rng, 20),
        scope=_sentence(rng, 12),
        services=[{"name": "Assurance", "description": _sentence(rng, 8)}],
        success_measures=[{"measure": _sentence(rng, 6), "target": "90%"}],
    )
    _write(root / "charter" / "pmo-charter.yaml", "charter", charter)
    glossary = _common(rng, "glossary", "Glossary", roles, everything, 40)
    glossary["terms"] = [
        {"term": f"Term {i} {w}", "definition": _sentence(rng, 10)}
        for i, w in enumerate(WORDS[:40])
    ]
    _write(root / "glossary" / "glossary.yaml", "glossary", glossary)
    faq = _common(rng, "faq", "FAQ", roles, everything, 40)
    faq["questions"] = [
        {"question": _sentence(rng, 8)[:-1] + "?", "answer": _sentence(rng, 20)} for _ in range(10)
    ]
    _write(root / "faq" / "faq.yaml", "faq", faq)
    return root


if __name__ == "__main__":
    import sys

    print(generate_corpus(Path(sys.argv[1]), int(sys.argv[2])))
