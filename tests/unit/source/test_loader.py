"""The loader keeps positions and refuses what YAML would silently accept."""

from __future__ import annotations

from pathlib import Path

from generator.source.loader import field_name, load_document


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
