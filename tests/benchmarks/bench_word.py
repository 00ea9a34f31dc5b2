"""Word speed: documents per second and the whole-handbook document at 2,000 standards.

Baseline in the same run: a plain python-docx document per standard with the same
headings, paragraphs and tables (added with python-docx's own API, iterating
`row.cells`), without house style, title page, header/footer or contents.
"""

from __future__ import annotations

import dataclasses
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

from generator.model import Artefact, Handbook, Policy, Standard
from generator.model.render_inputs import RenderInputs
from generator.pipeline.check import load_handbook
from generator.word import render_word
from generator.word.artefact import write_artefact_template
from generator.word.handbook import handbook_standards, write_handbook_document
from generator.word.styles import load_house_style
from generator.word.writer import BaseDocument
from tests.support.corpus import generate_corpus

REPO = Path(__file__).resolve().parents[2]


def _timed(fn: Callable[[], object], runs: int = 1) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def _plain_content(document: docx.document.Document, standard: Standard) -> None:
    """The same text as the styled renderer writes, with python-docx defaults."""
    document.add_heading(standard.title, 1)
    document.add_paragraph(standard.summary)
    for block in standard.body.split("\n\n"):
        document.add_paragraph(block)
    if isinstance(standard, Artefact):
        for section in standard.sections:
            document.add_heading(section.title, 2)
            document.add_paragraph(section.guidance)
            for field in section.fields:
                document.add_paragraph(f"{field.label}: {field.answer or ''}")
            if section.table:
                rows = [[c.name for c in section.table.columns], *section.table.rows]
                table = document.add_table(rows=len(rows), cols=len(rows[0]))
                for row, values in zip(table.rows, rows, strict=True):
                    for cell, value in zip(row.cells, values, strict=False):
                        cell.text = value
    if isinstance(standard, Policy):
        for requirement in standard.requirements:
            document.add_paragraph(f"{requirement.id} {requirement.text}")


def _plain_documents(standards: list[Standard], out: Path) -> None:
    for standard in standards:
        document = docx.Document()
        _plain_content(document, standard)
        document.save(str(out / f"{standard.id}.docx"))


def _plain_handbook(handbook: Handbook, out: Path) -> Path:
    document = docx.Document()
    for _, standards in handbook_standards(handbook):
        for standard in standards:
            _plain_content(document, standard)
    path = out / "plain-handbook.docx"
    document.save(str(path))
    return path


def _thousand_artefacts(handbook: Handbook) -> list[Artefact]:
    artefacts = list(handbook.artefacts)
    copies = [dataclasses.replace(a, id=f"{a.id}-copy{i}")
              for i in range(1000 // max(len(artefacts), 1) + 1) for a in artefacts]
    return (artefacts + copies)[:1000]


def measure() -> list[tuple[str, str, str]]:
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        example = load_handbook(REPO / "standards")
        count = len(example.artefacts) + len(example.policies) + 1
        ours = _timed(lambda: render_word(example, root / "example", RenderInputs()), runs=3)
        plain_dir = root / "plain-example"
        plain_dir.mkdir()
        docs = [*example.artefacts, *example.policies]
        base = _timed(lambda: _plain_documents(docs, plain_dir), runs=3)
        rows.append((f"Word, example set ({count} documents), documents/s",
                     f"{count / ours:.0f} ({ours:.2f} s)",
                     f"plain python-docx {len(docs) / base:.0f} ({base:.2f} s)"))

        big = load_handbook(generate_corpus(root / "corpus", 2000))
        artefacts = _thousand_artefacts(big)
        house = BaseDocument(load_house_style())
        out = root / "thousand"
        ours = _timed(lambda: [write_artefact_template(house, big, a, out / f"{a.id}.docx")
                               for a in artefacts])
        plain_dir = root / "plain-thousand"
        plain_dir.mkdir()
        base = _timed(lambda: _plain_documents(list(artefacts), plain_dir))
        rows.append(("Word, 1,000 artefact templates, documents/s",
                     f"{1000 / ours:.0f} ({ours:.1f} s)",
                     f"plain python-docx {1000 / base:.0f} ({base:.1f} s)"))

        path = root / "handbook.docx"
        ours = _timed(lambda: write_handbook_document(house, big, path))
        size = path.stat().st_size / 1e6
        plain: list[Path] = []
        base = _timed(lambda: plain.append(_plain_handbook(big, root)))
        rows.append((f"Word, whole handbook at {len(big.standards)} standards",
                     f"{ours:.1f} s, {size:.1f} MB",
                     f"plain python-docx {base:.1f} s, {plain[0].stat().st_size / 1e6:.1f} MB"))
    return rows


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
