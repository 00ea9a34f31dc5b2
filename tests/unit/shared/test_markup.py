"""Standard text as published: nothing of it can run, and validation names what is dropped."""

from __future__ import annotations

import pytest

from generator.shared.markup import (
    abbreviate,
    block_html,
    dropped,
    inline_html,
    plain_text,
    title_html,
)
from tests.support.hostile import VECTORS
from tests.support.inert_html import active_parts


@pytest.mark.parametrize("text", VECTORS)
def test_no_vector_survives_in_any_rendering(text: str) -> None:
    for render in (block_html, inline_html, title_html):
        out = render(text)
        assert "\n" not in out
        assert active_parts(out) == [], (render.__name__, out)


def test_markdown_is_rendered() -> None:
    out = block_html("## Gates\n\nA **must** and `code`:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                     "- [x](https://example.org)\n- ~~old~~")
    assert "<h2>Gates</h2>" in out and "<strong>must</strong>" in out
    assert "<code>code</code>" in out and "<table>" in out
    assert '<a href="https://example.org" rel="noopener noreferrer">x</a>' in out
    assert "<del>old</del>" in out


def test_one_line_fields_stay_one_paragraph() -> None:
    assert inline_html("# not a heading") == "# not a heading"
    assert inline_html("1. not a list") == "1. not a list"
    assert inline_html("    indented text") == "indented text"
    assert title_html("A *great* [link](https://x.org)") == "A <em>great</em> link"


def test_code_keeps_its_lines_on_one_html_line() -> None:
    out = block_html("```\nline 1\nline 2\n```")
    assert "\n" not in out and "line 1&#10;line 2" in out
    assert plain_text(out) == "line 1\nline 2\n"


@pytest.mark.parametrize(("text", "says"), [
    ("See <b>this</b>.", "raw HTML '<b>' is not allowed"),
    ("text\n\n<details>\nmore\n</details>", "raw HTML '<details>' is not allowed"),
    ("[x](javascript:alert(1))", "the link to 'javascript:alert(1)' is not published"),
    ("[x](JaVaScRiPt:alert(1))", "the link to 'JaVaScRiPt:alert(1)' is not published"),
    ("[x][r]\n\n[r]: vbscript:x", "the link to 'vbscript:x' is not published"),
    ("![i](diagram.png)", "the image 'diagram.png' is not published"),
])
def test_validation_names_what_would_be_dropped(text: str, says: str) -> None:
    assert any(says in d for d in dropped(text)), dropped(text)


@pytest.mark.parametrize("text", ["Plain text.", "plain **bold** text", "a < b and c > d",
                                  "    <div>indented code</div>", "see <https://example.org>",
                                  "[the policy](../policies/risk/)",
                                  "[mail](mailto:pmo@example.org)", "`<b>` in code",
                                  "<svg/onload=alert(1)> stays text", "x {: onclick }"])
def test_what_is_published_whole_passes(text: str) -> None:
    assert dropped(text) == []


def test_abbreviations_outside_code_and_links() -> None:
    html = block_html("The PMO and `PMO` and [PMO](x) and PMOs")
    out = abbreviate(html, {"PMO": 'Project "Management" Office'})
    assert out.count("<abbr") == 1
    assert ('<abbr title="Project &quot;Management&quot; Office">PMO</abbr> and '
            "<code>PMO</code>") in out
