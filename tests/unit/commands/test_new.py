"""`pmo new` asks the kit's questions and applies the same tier rule, typed answer by answer."""

from __future__ import annotations

from pathlib import Path

from generator.commands.new import ask_answers
from generator.kit.questions import kit_questions
from generator.model import Handbook

TYPED = {"project_name": "Warehouse", "project_manager": "Ana", "sponsor": "Tom",
         "start_date": "2026-03-02", "end_date": "2027-03-02", "budget": "1,000,000",
         "business_owner": "Lena", "risk": "medium", "reach": "cross-team"}


def run(handbook: Handbook, lines: list[str], tmp_path: Path) -> tuple[dict[str, str], str]:
    said: list[str] = []
    typed = iter(lines)

    def ask(prompt: str) -> str:
        said.append(prompt)
        return next(typed)

    return ask_answers(handbook, tmp_path, ask, said.append), "\n".join(said)


def answers_then(handbook: Handbook, *tier: str) -> list[str]:
    """What is typed at each question but the tier (Enter takes a default), then `tier`."""
    return [*(TYPED.get(q.key, "") for q in kit_questions(handbook) if q.key != "tier"),
            *tier]


def test_enter_takes_the_tier_the_answers_give(handbook: Handbook, tmp_path: Path) -> None:
    answers, said = run(handbook, answers_then(handbook, ""), tmp_path)
    assert answers["tier"] == "2"
    assert "Your answers give tier 2: budget 1,000,000 EUR: tier 2; duration 12 months" in said
    assert "Project tier (1, 2 or 3)" in said and "deviation [2]: " in said


def test_a_lower_tier_needs_a_deviation_reference(handbook: Handbook, tmp_path: Path) -> None:
    answers, said = run(handbook, answers_then(handbook, "1", "", "1", "DEC-2026-014"), tmp_path)
    assert said.count("tier 1 is lower than tier 2") == 2
    assert answers["tier"] == "1" and answers["tier_deviation"] == "DEC-2026-014"


def test_required_answers_are_asked_again(handbook: Handbook, tmp_path: Path) -> None:
    lines = answers_then(handbook, "")
    lines.insert(0, "")  # Enter at the project name: asked again, then typed
    answers, said = run(handbook, lines, tmp_path)
    assert "project_name is empty: give the project name. Please answer again." in said
    assert said.count("Project name, as it will appear on every document (required)") == 2
    assert answers["project_name"] == "Warehouse" and answers["business_owner"] == "Lena"
