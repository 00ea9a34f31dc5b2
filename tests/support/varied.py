"""A generated handbook (tests/support/corpus.py) made to hold everything the rule of
what applies must get right: draft and retired policies, requirements narrower than their
policy, triggered duties, permissions, the PMO's own duties, triggered artefacts, and any
PMO type in force."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import yaml

from tests.support.corpus import generate_corpus

HEADER = "# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"


def _edit(path: Path, kind: str, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(HEADER.format(kind=kind)
                    + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def varied_handbook(target: Path, seed: int, pmo_type: str, n: int = 40) -> Path:
    """Write a varied handbook of about `n` standards under `target/standards`, with
    `pmo_type` in force; return the standards folder."""
    rng = random.Random(seed)
    standards = generate_corpus(target, n, seed=seed, body_words=60)
    policies = sorted((standards / "policies").glob("*.yaml"))
    statuses = ["draft", "retired"] + ["approved"] * (len(policies) - 2)
    rng.shuffle(statuses)

    def vary_policy(status: str) -> Any:
        def change(data: dict[str, Any]) -> None:
            data["status"] = status
            for requirement in data["requirements"]:
                roll = rng.random()
                if roll < 0.15:
                    requirement["scope"] = "pmo"
                elif roll < 0.3:
                    requirement["trigger"] = "a forecast breaches a tolerance"
                elif roll < 0.4:
                    requirement["type"] = "permission"
                    requirement["obligation"] = dict.fromkeys(requirement["obligation"], "may")
        return change

    for path, status in zip(policies, statuses, strict=True):
        _edit(path, "policy", vary_policy(status))
    for path in sorted((standards / "artefacts").glob("*.yaml")):
        if rng.random() < 0.2:
            _edit(path, "artefact",
                  lambda data: data.update(trigger="a change to the baseline is proposed"))
    set_pmo_type(standards, pmo_type)
    return standards


def set_pmo_type(standards: Path, pmo_type: str) -> None:
    """Put `pmo_type` in force in handbook.yaml and the PMO charter (they must agree)."""
    for path in (standards / "handbook.yaml", standards / "charter" / "pmo-charter.yaml"):
        text = path.read_text(encoding="utf-8")
        text, count = re.subn(r"(?m)^pmo_type: \w+$", f"pmo_type: {pmo_type}", text)
        assert count == 1, path
        path.write_text(text, encoding="utf-8")
