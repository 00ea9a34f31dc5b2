"""The answer checks shared by the kit's pre-generation hook and `pmo new`."""

from __future__ import annotations

import pytest

from generator.kit.hooks import fill
from generator.kit.hooks.checks import (
    UNHOLDABLE,
    check_answer,
    check_answers,
    check_date,
    check_slug,
    slug_is_safe,
)
from generator.model.answers import answer_checks
from generator.pipeline.check import load_handbook
from tests.support.workspace import REPO

CHECKS = answer_checks(load_handbook(REPO / "standards").settings)

GOOD = {"project_name": "Warehouse scanners", "project_slug": "warehouse-scanners",
        "project_manager": "Ana Silva", "sponsor": "Tom Berg", "start_date": "2026-03-02",
        "end_date": "2026-09-30", "budget": "250,000", "business_owner": "Lena Park",
        "risk": "medium", "reach": "cross-team", "tier": "2"}


def test_good_answers_pass() -> None:
    assert check_answers(GOOD, CHECKS, ("1", "2", "3")) == []


@pytest.mark.parametrize(("key", "value", "expected"), [
    ("project_name", "", "project_name is empty"),
    ("project_name", "   ", "project_name is empty"),
    ("project_manager", "", "project_manager is empty"),
    ("sponsor", "", "sponsor is empty"),
    ("start_date", "2026-02-30", "start_date '2026-02-30' is not a real date"),
    ("start_date", "2026-3-1", "is not a date written as YYYY-MM-DD"),
    ("end_date", "next year", "is not a date written as YYYY-MM-DD"),
    ("end_date", "2026-01-01", "end_date 2026-01-01 is before start_date 2026-03-02"),
    ("project_slug", "", "project_slug is empty"),
    ("project_slug", "../escape", "holds a path separator"),
    ("project_slug", "a/b", "holds a path separator"),
    ("project_slug", "/tmp/abs", "holds a path separator"),
    ("project_slug", "a\\b", "holds a path separator"),
    ("project_slug", "..", "holds '..'"),
    ("project_slug", "C:evil", "holds ':'"),
    ("project_slug", "what?", "characters a folder name cannot have"),
    ("tier", "7", "tier '7' is not one of 1, 2, 3"),
    ("budget", "", "budget is empty: give it as a whole number"),
    ("budget", "1.5m", "budget '1.5m' is not a whole amount"),
    ("budget", "EUR 100000", "is not a whole amount"),
    ("business_owner", " ", "business_owner is empty"),
    ("risk", "", "risk is empty: answer low, medium or high"),
    ("reach", "everyone", "reach 'everyone' is not one of the answers: answer one-team, "
                          "cross-team or group-wide"),
])
def test_each_bad_answer_has_its_message(key: str, value: str, expected: str) -> None:
    problems = check_answers({**GOOD, key: value}, CHECKS, ("1", "2", "3"))
    assert len(problems) == 1
    assert expected in problems[0]


def test_every_problem_is_reported_together() -> None:
    answers = {**GOOD, "project_name": "", "sponsor": "", "start_date": "2026-13-01"}
    problems = check_answers(answers, CHECKS)
    assert [p.split(" ")[0] for p in problems] == ["project_name", "sponsor", "start_date"]


def test_end_on_start_day_is_allowed_and_bad_start_is_not_blamed_on_end() -> None:
    assert check_answer("end_date", "2026-03-02", {"start_date": "2026-03-02"}, CHECKS) is None
    assert check_answer("end_date", "2026-03-02", {"start_date": "garbage"}, CHECKS) is None


@pytest.mark.parametrize("name", ["Café & <Co> \"q\" 😀", "{{ 7*7 }}", "{% raw %}", "O'Neil"])
def test_hostile_names_are_names(name: str) -> None:
    assert check_answer("project_name", name, {}, CHECKS) is None


@pytest.mark.parametrize("slug", ["warehouse-scanners", "Projet été", "7-7", "a.b"])
def test_plain_folder_names_are_safe(slug: str) -> None:
    assert slug_is_safe(slug)
    assert check_slug(slug) is None


@pytest.mark.parametrize("slug", ["", " x", "../x", "a/b", "/abs", "a\\b", "..", ".", "C:x"])
def test_unsafe_slugs_fail_both_rules(slug: str) -> None:
    assert not slug_is_safe(slug)
    assert check_slug(slug) is not None


def test_leap_day_is_a_real_date() -> None:
    assert check_date("start_date", "2028-02-29") is None
    assert check_date("start_date", "2027-02-29") is not None


@pytest.mark.parametrize(("value", "named"), [
    ("A\x01B", "the control character U+0001 (character 2)"),
    ("A\x0bB", "the control character U+000B (character 2)"),
    ("\x00", "the control character U+0000 (character 1)"),
    ("ok\ufffe", "the character U+FFFE (character 3)"),
    ("\uffff", "the character U+FFFF (character 1)"),
    ("A\udcffB", "a byte that is not UTF-8 text (character 2)"),
    ("\ud83d", "a byte that is not UTF-8 text (character 1)"),
])
@pytest.mark.parametrize("key", ["project_name", "project_slug", "sponsor", "start_date",
                                 "tier", "budget"])
def test_characters_no_office_file_holds_are_refused_in_every_answer(
        key: str, value: str, named: str) -> None:
    problems = check_answers({**GOOD, key: value}, CHECKS, ("1", "2", "3"))
    assert problems == [f"{key} holds {named}, which Word and Excel files cannot hold: "
                        "remove it"]


@pytest.mark.parametrize("name", ["Tab\there", "Line\nbreak", "=1+1", "é😀", "a\u0085\u00a0b"])
def test_text_xml_holds_is_accepted(name: str) -> None:
    assert check_answer("project_name", name, {}, CHECKS) is None


def test_hooks_refuse_the_characters_the_fill_step_replaces() -> None:
    assert UNHOLDABLE.pattern == fill.UNHOLDABLE.pattern
