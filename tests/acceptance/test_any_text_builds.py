"""Any text `pmo validate` accepts gives Word documents and a kit that open.

A property-based test: hypothesis fills the text fields of a policy and a register
artefact of the minimal handbook (titles, summaries, requirement texts, section titles,
guidance, column names and descriptions, choices, example rows) with arbitrary unicode:
control characters and lone surrogates, text starting with `=`, `+`, `-` or `@`,
strings near and over the limits, Markdown and HTML-ish text, template syntax. Whenever
validation finds no problem, rendering Word and the kit must succeed, every .docx must
open in python-docx, every .xlsx in openpyxl, and no spreadsheet cell may be a formula.
(The site is not built here.)

Deterministic: hypothesis derandomizes, keeps no example database, and runs
MAX_EXAMPLES examples, most of which pass validation and are built (about 15 seconds in
all; `--hypothesis-show-statistics` shows the share built and why others were refused).
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import docx
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from generator.pipeline.check import check_standards, load_handbook
from generator.pipeline.outputs import render_outputs
from generator.pipeline.workspace import Workspace, quiet
from tests.support.workspace import MINIMAL

MAX_EXAMPLES = 50

# Pieces a hostile or careless author writes: formula starts, markup, template syntax.
SNIPPETS = ["=", "+", "-", "@", "=1+1", '=HYPERLINK("http://x","y")', "@SUM(A1)", "#N/A",
            "**bold**", "_it_", "`code`", "[link](http://example.com)", "# ", "- ", "1. ",
            "> ", "| a | b |", "`<b>`", "a < b", "<3", "&lt;b&gt;", "&amp;", "&", "<", ">",
            "'", '"', "\\",
            "{{ 7*7 }}", "{% raw %}", "[Project name]", ":", "/", "?", "*", "[", "]",
            "History", "Lists", "About", "    ", "\t", "~~~", "--8<--", "é", "😀", "\u200b",
            "\u2028", "\u0085"]
# Raw HTML, which validation refuses, comes with the wild field below.
HTML = ["<b>", "</b>", "<br>", "<svg/onload=alert(1)>", "<!-- c -->", "<a href='x'>"]
# Any character, control characters and lone surrogates included (validation decides).
ANY_CHAR = st.characters(codec=None, exclude_categories=())
PRINTABLE = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\n")


def _pieces(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(SNIPPETS), st.text(alphabet, min_size=1, max_size=12))
    return st.lists(piece, min_size=1, max_size=8).map("".join)


# Text that may pass validation (each field); one field may then get any text at all,
# so that enough examples pass validation to be built.
LONG = st.builds(lambda word, times: (word + " ") * times,
                 st.text(PRINTABLE, min_size=1, max_size=9), st.integers(10, 45))
PLAIN = _pieces(PRINTABLE)
ONE_LINE = st.one_of(PLAIN.map(lambda s: s + " x"), PLAIN, PLAIN, LONG)
MARKDOWN = st.one_of(_pieces(PRINTABLE).map(lambda s: s + "\n\n" + "Plain line."),
                     st.lists(_pieces(PRINTABLE), min_size=1, max_size=4).map("\n".join))
CELL = st.one_of(st.just(""), _pieces(PRINTABLE))
WILD = st.one_of(_pieces(ANY_CHAR), st.text(ANY_CHAR, min_size=1, max_size=40),
                 st.tuples(PLAIN, st.sampled_from(HTML)).map("".join), LONG.map(lambda s: s * 3))


@st.composite
def columns(draw: st.DrawFn) -> list[dict[str, Any]]:
    result = []
    for _ in range(draw(st.integers(1, 8))):
        column: dict[str, Any] = {"name": draw(ONE_LINE)}
        if draw(st.booleans()):
            column["description"] = draw(ONE_LINE)
        if draw(st.booleans()):
            column["choices"] = draw(st.lists(ONE_LINE, min_size=1, max_size=6, unique=True))
        result.append(column)
    return result


@st.composite
def standards_text(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """The fields of risk.yaml and raid-log.yaml to overwrite."""
    table_columns = draw(columns())
    rows = draw(st.lists(st.lists(CELL, min_size=len(table_columns),
                                  max_size=len(table_columns)), max_size=2))
    policy = {"title": draw(ONE_LINE), "summary": draw(ONE_LINE), "purpose": draw(ONE_LINE),
              "scope": draw(ONE_LINE), "body": draw(MARKDOWN),
              "requirements": [draw(ONE_LINE), draw(ONE_LINE)],
              "raci": draw(ONE_LINE)}
    artefact = {"title": draw(ONE_LINE), "summary": draw(ONE_LINE), "purpose": draw(MARKDOWN),
                "section_titles": [draw(ONE_LINE), draw(ONE_LINE)],
                "guidance": draw(MARKDOWN), "label": draw(ONE_LINE), "hint": draw(ONE_LINE),
                "columns": table_columns, "rows": rows}
    if draw(st.booleans()):  # one field gets any text at all
        wild = draw(WILD)
        place = draw(st.sampled_from(["policy title", "requirement", "artefact title",
                                      "summary", "section title", "guidance", "column name",
                                      "choice", "cell"]))
        first = table_columns[0]
        {"policy title": lambda: policy.update(title=wild),
         "requirement": lambda: policy["requirements"].__setitem__(0, wild),
         "artefact title": lambda: artefact.update(title=wild),
         "summary": lambda: artefact.update(summary=wild),
         "section title": lambda: artefact["section_titles"].__setitem__(1, wild),
         "guidance": lambda: artefact.update(guidance=wild),
         "column name": lambda: first.update(name=wild),
         "choice": lambda: first.update(choices=[*first.get("choices", []), wild]),
         "cell": lambda: rows.append([wild] * len(table_columns))}[place]()
    return {"policy": policy, "artefact": artefact}


def _edit(path: Path, edit: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def write_standards(root: Path, text: dict[str, dict[str, Any]]) -> Workspace:
    """The minimal handbook under `root`, with `text` in its policy and register."""
    workspace = Workspace(root)
    shutil.copytree(MINIMAL, workspace.standards)
    policy, artefact = text["policy"], text["artefact"]

    def edit_policy(data: dict[str, Any]) -> None:
        data.update({k: policy[k] for k in ("title", "summary", "purpose", "scope", "body")})
        for requirement, requirement_text in zip(data["requirements"], policy["requirements"],
                                                 strict=True):
            requirement["text"] = requirement_text
        data["raci"][0]["activity"] = policy["raci"]

    def edit_artefact(data: dict[str, Any]) -> None:
        data.update({k: artefact[k] for k in ("title", "summary", "purpose")})
        for section, title in zip(data["sections"], artefact["section_titles"], strict=True):
            section["title"] = title
        data["sections"][0]["fields"][0].update(label=artefact["label"], hint=artefact["hint"])
        data["sections"][1]["guidance"] = artefact["guidance"]
        data["sections"][1]["table"].update(columns=artefact["columns"], rows=artefact["rows"])

    _edit(workspace.standards / "policies" / "risk.yaml", edit_policy)
    _edit(workspace.standards / "artefacts" / "raid-log.yaml", edit_artefact)
    return workspace


def assert_outputs_open(stage: Path, column_names: list[str]) -> None:
    documents = sorted(stage.rglob("*.docx"))
    workbooks = sorted(stage.rglob("*.xlsx"))
    assert documents and workbooks
    for path in documents:
        docx.Document(str(path))
    for path in workbooks:
        workbook = load_workbook(path)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                assert all(c.data_type == "s" for c in row if isinstance(c.value, str))
        assert [c.value for c in workbook.worksheets[0][1]] == column_names
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    xml = archive.read(name).decode("utf-8")
                    assert "<f>" not in xml and "<f " not in xml, name


@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.large_base_example])
@given(standards_text())
def test_valid_standards_always_give_word_and_kit_that_open(
        text: dict[str, dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory(prefix="pmo-any-text-") as temporary:
        workspace = write_standards(Path(temporary) / "handbook", text)
        _documents, problems = check_standards(workspace.standards)
        event(f"refused: {problems[0].message[:40]}" if problems else "built")
        if problems:
            return  # `pmo validate` refuses it: nothing to build
        handbook = load_handbook(workspace.standards)
        stage = Path(temporary) / "stage"
        render_outputs(handbook, workspace, stage, ("kit",), quiet)
        register = handbook.get("raid-log").register  # type: ignore[attr-defined]
        assert_outputs_open(stage, [c.name for c in register.columns])
