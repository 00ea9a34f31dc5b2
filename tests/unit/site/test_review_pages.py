"""What the site says for a release review: redline links on What's new, overdue marks."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path

from generator.model import Handbook, ReleaseChange, ReleaseNote
from generator.site.pages import list_downloads, site_environment, write_pages
from generator.site.render import TEMPLATES


def write(handbook: Handbook, docs: Path, files: tuple[str, ...] = ()) -> None:
    write_pages(handbook, docs, site_environment(TEMPLATES), list_downloads(handbook, files),
                site_url=None)


def note(version: str, old: str | None, day: date) -> ReleaseNote:
    return ReleaseNote(version=version, date=day, changes=(ReleaseChange(
        standard_id="risk", title="Risk management", kind="policy",
        change="changed" if old else "added", old_version=old, new_version=version,
        summaries=("Sharper escalation rule.",), breaking=False),))


def test_whats_new_links_the_redline_of_each_change_that_has_one(
        tmp_path: Path, minimal_handbook: Handbook) -> None:
    releases = (note("1.1.0", "1.0.0", date(2026, 3, 1)), note("1.0.0", None, date(2026, 1, 5)))
    write(replace(minimal_handbook, releases=releases), tmp_path,
          ("redlines/risk-1.0.0-to-1.1.0.docx", "word/raid-log.docx"))
    text = (tmp_path / "whats-new/index.md").read_text(encoding="utf-8")
    newest = text[text.index("## Version 1.1.0"):text.index("## Version 1.0.0")]
    row = re.search(r"<tr><td .*?</tr>", newest)
    assert row and "Sharper escalation rule." in row.group(), newest
    assert ('<td data-label="Redline"><a href="../downloads/redlines/risk-1.0.0-to-1.1.0.docx">'
            "Word, changes tracked</a></td>") in row.group()
    assert "changes tracked" not in text[text.index("## Version 1.0.0"):]


def test_overdue_standards_are_marked_on_their_page_and_in_the_indexes(
        tmp_path: Path, minimal_handbook: Handbook) -> None:
    risk = replace(minimal_handbook.get("risk"), review_by=date(2026, 5, 1))
    raid = replace(minimal_handbook.get("raid-log"), review_by=date(2026, 5, 2))
    standards = tuple({"risk": risk, "raid-log": raid}.get(s.id, s)
                      for s in minimal_handbook.standards)
    handbook = replace(minimal_handbook, standards=standards,
                       by_id={s.id: s for s in standards}, as_of=date(2026, 6, 1))
    write(handbook, tmp_path)
    page = (tmp_path / "policies/risk.md").read_text(encoding="utf-8")
    assert ('<div class="admonition warning"><p class="admonition-title">'
            "Review overdue: due by 2026-05-01</p>") in page
    assert "Review overdue" not in (tmp_path / "roles/sponsor.md").read_text(encoding="utf-8")
    policies = (tmp_path / "policies/index.md").read_text(encoding="utf-8")
    assert ('<td data-label="Review by">2026-05-01 <strong>(review overdue)</strong></td>'
            in policies)
    artefacts = (tmp_path / "artefacts/index.md").read_text(encoding="utf-8")
    assert ('<td data-label="Artefact"><a href="raid-log/">RAID log</a> '
            "<strong>(review overdue)</strong></td>" in artefacts), artefacts


def test_nothing_is_marked_before_the_review_date(tmp_path: Path,
                                                  minimal_handbook: Handbook) -> None:
    write(replace(minimal_handbook, as_of=date(2026, 6, 1)), tmp_path)
    for path in tmp_path.rglob("*.md"):
        assert "overdue" not in path.read_text(encoding="utf-8"), path
