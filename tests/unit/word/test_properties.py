"""Document properties within what Word holds: the longest valid standard builds whole.

Word's core properties hold 255 characters (python-docx refuses more). The validator
refuses a title over 200 characters and a summary over 255 (see
tests/examples/invalid/longer-than-word-and-excel-hold); up to those limits every
property is written whole, and anything longer is cut at a word, never a crash.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import yaml

from generator.model import Handbook
from generator.model.render_inputs import RenderInputs
from generator.pipeline.check import load_handbook
from generator.word import render_word
from generator.word.properties import Properties, fit
from generator.word.styles import load_house_style
from generator.word.writer import BaseDocument, DocWriter
from tests.support.workspace import MINIMAL, copy_workspace


def longest_valid_handbook(tmp_path: Path) -> Handbook:
    """The minimal handbook with every limited text at its limit; it passes validation."""
    standards = copy_workspace(tmp_path / "workspace", MINIMAL).standards
    edits = {
        "handbook.yaml": lambda d: (d.update(title="H" * 200),
                                    d["organisation"].update(name="O" * 200)),
        "policies/risk.yaml": lambda d: d.update(title="P" * 200, summary="s" * 255),
        "artefacts/raid-log.yaml": lambda d: d.update(title="word " * 39 + "words",
                                                      summary="S" * 255),
    }
    for name, edit in edits.items():
        path = standards / name
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        edit(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_handbook(standards)


def test_the_longest_valid_texts_are_written_whole(tmp_path: Path) -> None:
    handbook = longest_valid_handbook(tmp_path)
    out = tmp_path / "word"
    render_word(handbook, out, RenderInputs())
    policy = docx.Document(str(out / "policies" / "risk.docx")).core_properties
    assert policy.title == "P" * 200 + " policy" and policy.subject == "s" * 255
    register = docx.Document(str(out / "raid-log.docx")).core_properties
    assert register.title == "word " * 39 + "words" and register.subject == "S" * 255
    book = docx.Document(str(out / "pmo-handbook-1.0.0.docx")).core_properties
    assert book.title == "H" * 200 and book.author == "O" * 200 + " PMO"
    assert book.subject == "H" * 200 + ", version 1.0.0"


def test_longer_properties_are_cut_at_a_word_not_refused(tmp_path: Path) -> None:
    long = "A long phrase " * 30  # 420 characters
    properties = Properties(title=long, subject=long, keywords=long, category=long,
                            author=long, version="1." * 200 + "0", status=long, identifier=long,
                            language=long, date=date(2026, 1, 5))
    writer = DocWriter(BaseDocument(load_house_style()))
    writer.text("Body")
    path = writer.save(tmp_path / "long.docx", properties)
    core = docx.Document(str(path)).core_properties
    for value in (core.title, core.subject, core.keywords, core.category, core.author,
                  core.version, core.content_status, core.identifier, core.language,
                  core.comments, core.last_modified_by):
        assert len(value) <= 255 and value.endswith("…")
    kept = core.title[:-1]
    assert core.title == fit(long) and long.startswith(kept) and long[len(kept)] == " "


def test_fit_keeps_short_text_and_cuts_long_words() -> None:
    assert fit("Short title") == "Short title"
    assert fit("x" * 300) == "x" * 254 + "…"
    assert fit("a " * 200).endswith("a…") and len(fit("a " * 200)) <= 255
