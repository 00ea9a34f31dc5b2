"""The loader keeps positions and refuses what YAML would silently accept."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.source.loader import MAX_DEPTH, MAX_FILE_BYTES, field_name, load_document


def load(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "x.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return load_document(path, "role", "standards/roles/x.yaml")


def test_dates_stay_text_and_numbers_stay_numbers(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "effective: 2026-01-05\ntier: 2\nok: true\nnone: ~\n")
    assert problems == []
    assert document is not None
    assert document.data == {"effective": "2026-01-05", "tier": 2, "ok": True, "none": None}


def test_locate_finds_nested_values_and_keys(tmp_path: Path) -> None:
    text = "id: x\nrequirements:\n  - id: A-1\n    obligation:\n      directive: must\n"
    document, _ = load(tmp_path, text)
    assert document is not None
    assert document.locate(["requirements", 0, "obligation", "directive"]) == (5, 18)
    assert document.locate(["requirements", 0], key="obligation") == (4, 5)
    assert document.locate(["requirements", 7, "id"]) == (3, 3)  # nearest existing parent


def test_field_name() -> None:
    assert field_name(["requirements", 2, "obligation", "directive"]) == (
        "requirements[2].obligation.directive"
    )
    assert field_name([]) == ""


def test_duplicate_keys_in_nested_mappings_are_located(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a:\n  b: 1\n  b: 2\n")
    assert [(p.line, p.column, p.field) for p in problems] == [(3, 3, "a.b")]
    assert "duplicate key" in problems[0].message


def test_merge_keys_and_custom_tags_are_refused(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: !custom 1\nb:\n  <<: {c: 1}\n")
    messages = [p.message for p in problems]
    assert any("YAML tags (!custom)" in m for m in messages)
    assert any("merge keys" in m for m in messages)


def test_lone_surrogate_escape_is_refused_with_its_position(tmp_path: Path) -> None:
    document, problems = load(tmp_path, 'id: x\ntitle: "bad \\ud800 text"\n')
    assert document is None
    assert [(p.line, p.column) for p in problems] == [(2, 15)]


def test_escaped_form_feed_is_refused_as_text_word_cannot_hold(tmp_path: Path) -> None:
    _, problems = load(tmp_path, 'id: x\nsummary: "page\\x0cbreak"\n')
    assert [(p.line, p.field) for p in problems] == [(2, "summary")]
    assert "U+000C" in problems[0].message


def test_raw_control_character_in_the_stream_is_located(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "id: x\ntitle: a\x07b\n")
    assert document is None
    assert (problems[0].line, problems[0].column) == (2, 9)
    assert "not allowed in YAML" in problems[0].message


def test_an_alias_is_refused_without_expanding_it(tmp_path: Path) -> None:
    text = "a: &x [1, 2]\nb: *x\nc:\n  - *x\n"
    document, problems = load(tmp_path, text)
    assert document is not None and document.data["b"] is None
    assert [(p.line, p.field) for p in problems] == [(2, "b"), (4, "c[0]")]


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    """Nested lists of aliases: `width ** levels` leaves if the aliases were expanded."""
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_once_with_every_alias_located(tmp_path: Path) -> None:
    started = time.perf_counter()
    document, problems = load(tmp_path, alias_bomb())
    assert time.perf_counter() - started < 1
    assert document is not None and document.data["a9"] == [None] * 9
    assert len(problems) == 81
    assert {p.message for p in problems} == {
        "YAML aliases (*name) are not allowed; write the value out"}
    assert [(p.line, p.column, p.field) for p in problems[:2]] == [(2, 10, "a1[0]"),
                                                                   (2, 15, "a1[1]")]
    assert (problems[-1].line, problems[-1].field) == (10, "a9[8]")


def test_a_wider_alias_bomb_with_other_problems_is_still_linear(tmp_path: Path) -> None:
    text = alias_bomb(levels=30, width=30) + "a1: duplicate\nt: !custom x\n"
    started = time.perf_counter()
    _, problems = load(tmp_path, text)
    assert time.perf_counter() - started < 1
    assert len(problems) == 30 * 30 + 2


def test_an_alias_to_a_node_in_a_refused_duplicate_is_still_reported(tmp_path: Path) -> None:
    _, problems = load(tmp_path, "a: 1\na: &x [1]\nb: *x\n")
    assert [(p.line, p.field, p.message.split(":")[0]) for p in problems] == [
        (2, "a", "duplicate key"),
        (3, "b", "YAML aliases (*name) are not allowed; write the value out"),
    ]


def test_alias_places_follow_keys_indexes_and_complex_keys(tmp_path: Path) -> None:
    text = "a: &x 1\nb:\n  c: [1, *x]\n  ? [k]\n  : *x\n  d:\n    - e: *x\n"
    _, problems = load(tmp_path, text)
    aliases = [(p.line, p.field) for p in problems if "aliases" in p.message]
    assert aliases == [(3, "b.c[1]"), (5, "b"), (7, "b.d[0].e")]


def test_nesting_deeper_than_the_limit_is_refused_once_and_located(tmp_path: Path) -> None:
    depth = MAX_DEPTH + 5
    text = "id: x\nv: " + "[" * depth + "]" * depth + "\nw:\n" + "".join(
        "  " * i + f"k{i}:\n" for i in range(1, depth)) + "  " * depth + "z\n"
    started = time.perf_counter()
    document, problems = load(tmp_path, text)
    assert time.perf_counter() - started < 1
    assert document is not None and document.data["id"] == "x"
    [problem] = problems
    assert (problem.line, problem.column) == (2, 4 + MAX_DEPTH - 1)
    assert problem.field == "v" + "[0]" * (MAX_DEPTH - 1)
    assert problem.message.startswith(f"nested more than {MAX_DEPTH} levels deep")


def test_libyaml_depth_limit_is_a_located_syntax_error(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert document is None
    assert "exceeded maximum nesting depth" in problems[0].message


def test_a_file_over_the_size_limit_is_refused_unparsed(tmp_path: Path) -> None:
    document, problems = load(tmp_path, "id: x\nbody: " + "a" * MAX_FILE_BYTES + "\n")
    assert document is None
    assert [str(p) for p in problems] == [
        "standards/roles/x.yaml: the file is too large (0.5 MB; at most 0.5 MB): split it or "
        "remove what does not belong in it"]


@pytest.mark.parametrize("make", [
    lambda p: os.mkfifo(p),
    lambda p: p.symlink_to("/dev/zero"),
    lambda p: p.mkdir(),
    lambda p: p.symlink_to(p.parent),
    lambda p: p.symlink_to(p.parent / "nowhere.yaml"),
], ids=["fifo", "link-to-dev-zero", "folder", "link-to-folder", "dangling-link"])
def test_an_entry_that_is_not_a_regular_file_is_a_problem_not_a_hang(make, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.yaml"
    make(path)
    document, problems = load_document(path, "role", "standards/roles/x.yaml")
    assert document is None
    [problem] = problems
    assert str(problem).startswith("standards/roles/x.yaml: not a regular file (")


@pytest.mark.parametrize("number", ["1" * 5000, "0x" + "f" * 5000, "1:" * 3000 + "1",
                                    "9223372036854775808", "-0b" + "1" * 64])
def test_a_number_past_64_bits_is_refused_not_a_traceback(number: str, tmp_path: Path) -> None:
    document, problems = load(tmp_path, f"id: x\nversion: {number}\ntier: 9223372036854775807\n")
    assert document is not None and document.data["tier"] == 2**63 - 1
    assert [(p.line, p.field) for p in problems] == [(2, "version")]
    assert problems[0].message.startswith("this number is too large for any field")
