"""The kit's first status file: what cookiecutter's Jinja makes of it, per tier."""

from __future__ import annotations

import dataclasses

import jinja2
import yaml

from generator.kit.status_file import STATUS_PATH, literal, status_template
from generator.model import Handbook


def render(template: str, **answers: str) -> str:
    return jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(template).render(
        cookiecutter=answers)


def test_literal_text_survives_jinja() -> None:
    text = "{{ 7*7 }} {% raw %} {# x #} }}"
    assert render(literal(text)) == text


def test_first_status_per_tier(handbook: Handbook) -> None:
    template = status_template(handbook)
    answers = {"start_date": "2026-11-02", "end_date": "2027-06-30", "budget": "250,000"}
    assert render(STATUS_PATH, **answers) == "status/2026-11.yaml"
    tier_1 = yaml.safe_load(render(template, tier="1", **answers))
    assert tier_1["next_gate"] == "G1" and "prioritisation" not in tier_1
    assert tier_1["budget"] == 250000 and tier_1["rag"]["cost"]["rating"] == "[Green, Amber or Red]"
    tier_2 = yaml.safe_load(render(template, tier="2", **{**answers, "budget": "{{ 7 }}"}))
    assert tier_2["next_gate"] == "G0" and tier_2["budget"] == "[Approved budget in EUR]"
    assert list(tier_2["prioritisation"]["scores"]) == [
        "strategic-alignment", "financial-value", "risk", "urgency-regulation", "capability-fit"]


def test_standard_text_with_jinja_in_it_is_printed_as_written(handbook: Handbook) -> None:
    policy = handbook.get("portfolio-prioritisation")
    p = policy.prioritisation  # type: ignore[attr-defined]
    hostile = dataclasses.replace(p.criteria[0], name="Alignment {{ 7*7 }} {% endraw %}")
    changed = dataclasses.replace(policy, prioritisation=dataclasses.replace(
        p, criteria=(hostile, *p.criteria[1:])))
    standards = tuple(changed if s.id == policy.id else s for s in handbook.standards)
    other = dataclasses.replace(handbook, standards=standards)
    text = render(status_template(other), tier="3", start_date="2026-11-02",
                  end_date="2027-06-30", budget="1")
    assert "# Alignment {{ 7*7 }} {% endraw %} (30%)" in text
