"""The generated docs tree: pages, navigation, tailoring and What's new."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import MappingProxyType

import pytest

from generator.errors import BuildError
from generator.model import Handbook, ReleaseChange, ReleaseNote
from generator.model.applicability import artefacts_for, duties
from generator.site.navigation import NAV_GROUP_SIZE, group_pages
from generator.site.pages import (
    list_downloads,
    site_environment,
    write_abbreviations,
    write_pages,
)
from generator.site.render import TEMPLATES


def pages(handbook: Handbook, docs: Path):
    env = site_environment(TEMPLATES)
    return write_pages(handbook, docs, env, list_downloads(handbook), site_url=None)


def with_policies(handbook: Handbook, count: int) -> Handbook:
    """The handbook with `count` copies of its policy under new ids."""
    base = handbook.policies[0]
    extra = tuple(replace(base, id=f"policy-{n:04d}", title=f"Policy {n:04d}")
                  for n in range(count))
    standards = handbook.standards + extra
    return replace(handbook, standards=standards,
                   by_id=MappingProxyType({s.id: s for s in standards}))


def section(nav: list, title: str) -> list:
    return next(item[title] for item in nav if isinstance(item, dict) and title in item)


def test_every_generated_page_turns_off_macros(tmp_path: Path,
                                                minimal_handbook: Handbook) -> None:
    result = pages(minimal_handbook, tmp_path)
    # 4 kind indexes, the tailoring index, 2 tiers, 3 PMO types, the PMO's duties, What's new
    assert len(result.written) == len(minimal_handbook.standards) + 4 + 7 + 2  # and the home
    for path in result.written:
        assert "\nrender_macros: false\n" in path.read_text(encoding="utf-8")[:300], path


def test_large_sections_are_split_into_small_groups(tmp_path: Path,
                                                    minimal_handbook: Handbook) -> None:
    handbook = with_policies(minimal_handbook, 3 * NAV_GROUP_SIZE + 5)  # 126 policies
    result = pages(handbook, tmp_path)
    assert result.grouped
    nav = result.nav
    policies = section(nav, "Governance policies")
    assert policies[0] == "policies/index.md"
    groups = [next(iter(g.values())) for g in policies[1:]]
    assert len(groups) == 11 and all(len(g) == 12 for g in groups[:-1])
    listed = [p for g in groups for p in g]
    assert sorted(listed) == sorted(f"policies/{p.id}.md" for p in handbook.policies)
    assert next(iter(policies[1])) == "Policy 0000 – Policy 0011"
    assert pages(minimal_handbook, tmp_path / "small").grouped is False


def test_thousands_of_pages_nest_three_levels_of_about_ten() -> None:
    pages = [f"policies/p{n:04d}.md" for n in range(940)]
    nav = group_pages(pages, {p: p[9:14] for p in pages})

    def leaves(items: list) -> list[str]:
        return [x for i in items for x in
                (leaves(next(iter(i.values()))) if isinstance(i, dict) else [i])]

    assert leaves(nav) == pages
    widths = [len(nav), len(next(iter(nav[0].values()))),
              len(next(iter(next(iter(nav[0].values()))[0].values())))]
    assert widths == [10, 10, 10]
    assert next(iter(nav[0])) == "p0000 – p0095"


def test_retired_pages_stay_out_of_the_nav(tmp_path: Path, minimal_handbook: Handbook) -> None:
    retired = replace(minimal_handbook.get("sponsor"), status="retired")
    standards = tuple(retired if s.id == "sponsor" else s for s in minimal_handbook.standards)
    handbook = replace(minimal_handbook, standards=standards,
                       by_id=MappingProxyType({s.id: s for s in standards}))
    result = pages(handbook, tmp_path)
    assert result.not_in_nav == ["roles/sponsor.md"]
    assert "roles/sponsor.md" not in section(result.nav, "Roles")
    assert (tmp_path / "roles/sponsor.md").is_file()


def test_whats_new_lists_releases_when_recorded(tmp_path: Path,
                                                minimal_handbook: Handbook) -> None:
    note = ReleaseNote(version="1.1.0", date=date(2026, 3, 1), changes=(ReleaseChange(
        standard_id="risk", title="Risk management", kind="policy", change="changed",
        old_version="1.0.0", new_version="1.1.0", summaries=("Sharper escalation rule.",),
        breaking=False),))
    pages(replace(minimal_handbook, releases=(note,)), tmp_path)
    text = (tmp_path / "whats-new/index.md").read_text(encoding="utf-8")
    assert "## Version 1.1.0 (2026-03-01)" in text
    assert ('<td data-label="Standard"><a href="../policies/risk/">Risk management</a></td> '
            '<td data-label="Change">changed</td> <td data-label="Version">1.0.0 → 1.1.0</td>'
            ) in text


def test_whats_new_falls_back_to_history(tmp_path: Path, minimal_handbook: Handbook) -> None:
    pages(minimal_handbook, tmp_path)
    text = (tmp_path / "whats-new/index.md").read_text(encoding="utf-8")
    assert "No handbook release is recorded yet" in text
    assert ('<tr><td data-label="Date">2026-01-05</td> <td data-label="Standard">'
            '<a href="../policies/risk/">Risk management</a></td> '
            '<td data-label="Version">1.0.0</td>') in text


def test_tier_page_lists_exactly_what_applies(tmp_path: Path,
                                              minimal_handbook: Handbook) -> None:
    pages(minimal_handbook, tmp_path)
    tier1 = (tmp_path / "tailoring/tier-1.md").read_text(encoding="utf-8")
    required = {a.id for a in artefacts_for(minimal_handbook, 1)}
    listed = {a.id for a in minimal_handbook.artefacts if f"downloads/word/{a.id}.docx" in tier1}
    assert listed == required
    rows = re.findall(r'<a class="pmo-duty__id" href="../../policies/risk/#(RISK-\d+)">', tier1)
    assert rows == [d.id for d in duties(minimal_handbook, tier=1, scope="project")]


def test_hand_written_page_clashing_with_a_generated_one(tmp_path: Path,
                                                         minimal_handbook: Handbook) -> None:
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies/risk.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(BuildError, match="docs/policies/risk.md clashes"):
        pages(minimal_handbook, tmp_path)


def test_abbreviations_file(tmp_path: Path, minimal_handbook: Handbook) -> None:
    path = write_abbreviations(minimal_handbook, tmp_path / "abbr.md",
                               site_environment(TEMPLATES))
    assert path.read_text(encoding="utf-8") == \
        "*[RAID]: RAID log: Risks, assumptions, issues and dependencies.\n"

