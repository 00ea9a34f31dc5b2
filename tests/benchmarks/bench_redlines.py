"""Redlines: a release that changes 200 of 2,000 generated standards (100 policies, each
with a requirement reworded, one made stricter, one removed and one added; 100 artefacts,
each with its guidance reworded and an example row added).

Baseline in the same run: rendering the same 200 documents (their new versions) with the
normal Word renderer, without tracked changes. Then the review pack of the release.
"""

from __future__ import annotations

import dataclasses
import tempfile
from datetime import date
from pathlib import Path

from generator.model import Artefact, Handbook, HistoryEntry, Obligation, Policy, Standard
from generator.pipeline.check import load_handbook
from generator.release.changes import change_set
from generator.word import render_redlines, write_review_pack
from generator.word.artefact import write_artefact_template
from generator.word.house import house_document
from generator.word.policy import write_policy_document
from tests.support.corpus import best_time, generate_corpus

DAY = date(2026, 6, 1)
CHANGED = 200


def _bump(standard: Standard, **fields: object) -> Standard:
    entry = HistoryEntry(version="1.2.0", date=DAY, summary="Benchmark release.",
                         change="minor")
    return dataclasses.replace(standard, version="1.2.0", history=(entry, *standard.history),
                               content_hash=f"{standard.content_hash}-1.2.0", **fields)


def _changed_policy(policy: Policy) -> Standard:
    first, second, _removed, *rest = policy.requirements
    reworded = dataclasses.replace(first, text=first.text.replace(" ", " and then ", 1)
                                   + " Record the outcome.")
    stricter = dataclasses.replace(second, obligation=Obligation(
        supportive="should", controlling="must", directive="must"))
    added = dataclasses.replace(second, id=f"{policy.code}-9",
                                text="Name an owner for every action within five days.")
    return _bump(policy, requirements=(reworded, stricter, *rest, added))


def _changed_artefact(artefact: Artefact) -> Standard:
    first, *others = artefact.sections
    section = dataclasses.replace(first, guidance=first.guidance + " Keep it short.")
    if section.table is not None:
        row = tuple("New example" for _ in section.table.columns)
        section = dataclasses.replace(section, table=dataclasses.replace(
            section.table, rows=(*section.table.rows, row)))
    return _bump(artefact, sections=(section, *others))


def released(old: Handbook) -> tuple[Handbook, list[Standard]]:
    """The next release of `old`: CHANGED standards changed, half policies, half artefacts."""
    changed = [_changed_policy(p) for p in old.policies[:CHANGED // 2]]
    changed += [_changed_artefact(a) for a in old.artefacts[:CHANGED - len(changed)]]
    by_id = {**old.by_id, **{s.id: s for s in changed}}
    standards = tuple(by_id[s.id] for s in old.standards)
    return dataclasses.replace(old, standards=standards, by_id=by_id), changed


def measure() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        old = load_handbook(generate_corpus(root / "corpus", 2000))
        new, changed = released(old)
        base = house_document()

        def plain() -> None:
            for standard in changed:
                path = root / "plain" / f"{standard.id}.docx"
                if isinstance(standard, Policy):
                    write_policy_document(base, new, standard, path)
                else:
                    assert isinstance(standard, Artefact)
                    write_artefact_template(base, new, standard, path)

        def redlines() -> None:
            changes = change_set(old, new, old_label="1.1.0", new_label="1.2.0", day=DAY,
                                 author=new.settings.pmo_name)
            assert len(changes.standards) == CHANGED
            render_redlines(changes, root / "redlines")

        baseline = best_time(plain, runs=2)
        ours = best_time(redlines, runs=2)
        changes = change_set(old, new, old_label="1.1.0", new_label="1.2.0", day=DAY,
                             author=new.settings.pmo_name)
        pack = root / "release-1.2.0-review.docx"
        pack_time = best_time(lambda: write_review_pack(changes, pack), runs=1)
        size = sum(p.stat().st_size for p in (root / "redlines").iterdir()) / 1e6
        pack_size = pack.stat().st_size / 1e6
        requirements = sum(len(s.requirements) for s in changes.standards)
    return [
        (f"redlines of {CHANGED} changed standards of {len(old.standards)} "
         f"({requirements} requirement changes)",
         f"{ours:.1f} s, {CHANGED / ours:.0f} documents/s, {size:.1f} MB",
         f"plain Word {baseline:.1f} s, {CHANGED / baseline:.0f} documents/s "
         f"({ours / baseline:.1f}x)"),
        (f"review pack of the same release ({CHANGED} standards in one document)",
         f"{pack_time:.1f} s, {pack_size:.1f} MB", "-"),
    ]


if __name__ == "__main__":
    for row in measure():
        print(" | ".join(row))
