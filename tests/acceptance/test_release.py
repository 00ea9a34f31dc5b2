"""Releases end to end, with the real CLI, git, mkdocs and cookiecutter.

One story, run once for the module on a git copy of the minimal example handbook:
release 1.0.0; tighten a policy requirement without a version bump (refused, with a
located error); bump it with a history entry and release 1.1.0; then check the
changelog, `pmo diff`, What's new, the versioned site, reproducible bundles, a
refused re-release and `pmo kit check` on a project made from the 1.0.0 kit.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.pipeline.workspace import Workspace
from tests.support.browser import chromium, served
from tests.support.git_repo import commit_all, git, tighten_risk_2, tree_hashes
from tests.support.workspace import MINIMAL, copy_workspace, pmo

RISK = "standards/policies/risk.yaml"
CHANGE = "Escalating a high risk is now a must under a controlling PMO."


@dataclass
class Story:
    workspace: Workspace
    runs: dict[str, subprocess.CompletedProcess[str]] = field(default_factory=dict)
    hashes: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.workspace.root

    def run(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        self.runs[name] = pmo("--root", str(self.root), *args)
        return self.runs[name]




def zip_hashes(bundle: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in bundle.glob("*.zip")}



def bump_risk(root: Path) -> None:
    path = root / RISK
    text = path.read_text(encoding="utf-8")
    text = text.replace("version: 1.0.0\n", "version: 1.1.0\n", 1).replace(
        "history:\n", f"history:\n  - version: 1.1.0\n    date: 2026-02-01\n"
                      f"    summary: {CHANGE}\n    change: minor\n", 1).replace(
        "approvals:\n",
        "approvals:\n  - version: 1.1.0\n    by: sponsor\n    date: 2026-02-01\n", 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    workspace = copy_workspace(tmp_path_factory.mktemp("release") / "handbook", MINIMAL)
    root = workspace.root
    commit_all(root)
    s = Story(workspace)
    assert s.run("release-1.0.0", "release", "1.0.0").returncode == 0, s.runs["release-1.0.0"]

    tighten_risk_2(root)
    s.hashes["before-refused"] = tree_hashes(root)
    s.run("validate-unbumped", "validate")
    s.run("release-unbumped", "release", "1.1.0")
    s.hashes["after-refused"] = tree_hashes(root)

    bump_risk(root)
    s.run("validate-bumped", "validate")
    git(root, "commit", "-q", "-am", "Risk 1.1.0")
    assert s.run("release-1.1.0", "release", "1.1.0").returncode == 0, s.runs["release-1.1.0"]

    s.hashes["before-rerun"] = tree_hashes(root)
    s.run("release-again", "release", "1.1.0")
    s.hashes["after-rerun"] = tree_hashes(root)

    s.run("diff", "diff", "1.0.0", "1.1.0")
    s.run("diff-json", "diff", "1.0.0", "1.1.0", "--format", "json")
    s.hashes["zips-first"] = zip_hashes(root / "dist/releases/1.1.0")
    s.run("rebuild", "build", "--release", "1.1.0")
    s.hashes["zips-second"] = zip_hashes(root / "dist/releases/1.1.0")
    s.run("versioned", "build", "--versioned")
    return s


def test_first_release_is_written_and_tagged(story: Story) -> None:
    root = story.root
    manifest = json.loads((root / "standards/releases/1.0.0.json").read_text())
    assert manifest["version"] == "1.0.0"
    assert manifest["standards"]["risk"]["version"] == "1.0.0"
    assert set(git(root, "tag").split()) == {"handbook-1.0.0", "handbook-1.1.0"}
    bundle = root / "dist/releases/1.0.0"
    assert (bundle / "site/index.html").is_file()
    with zipfile.ZipFile(bundle / "pmo-handbook-word-1.0.0.zip") as word:
        assert "policies/risk.docx" in word.namelist()
    export = json.loads((bundle / "handbook.json").read_text())
    assert export["version"] == "1.0.0"
    assert {s["id"] for s in export["standards"]} >= {"risk", "raid-log", "sponsor"}


def test_change_without_bump_is_refused_with_a_located_error(story: Story) -> None:
    line = next(i for i, text in enumerate((MINIMAL / "policies/risk.yaml").read_text()
                                           .splitlines(), start=1) if text.startswith("version:"))
    located = re.compile(rf"^standards/policies/risk\.yaml:{line}:\d+: version: content changed "
                         r"since release 1\.0\.0 \(RISK-2 obligation stricter: controlling "
                         r"should -> must\)", re.M)
    for name in ("validate-unbumped", "release-unbumped"):
        run = story.runs[name]
        assert run.returncode == 1, run
        assert located.search(run.stderr), run.stderr
    assert story.hashes["before-refused"] == story.hashes["after-refused"]


def test_bump_with_history_passes(story: Story) -> None:
    assert story.runs["validate-bumped"].returncode == 0, story.runs["validate-bumped"].stderr
    assert (story.root / "standards/releases/1.1.0.json").is_file()
    assert "version: 1.1.0\n" in (story.root / "standards/handbook.yaml").read_text()
    assert git(story.root, "status", "--porcelain") == ""  # the release was committed


def test_changelog_lists_exactly_that_change(story: Story) -> None:
    text = (story.root / "CHANGELOG.md").read_text()
    newest = text[text.index("## 1.1.0"):text.index("## 1.0.0")]
    items = [line for line in newest.splitlines() if line.startswith("- ")]
    assert items == [f"- **Breaking:** **Risk management** (`risk`) 1.0.0 → 1.1.0: {CHANGE}"]
    assert "### Changed" in newest and "#### Policies" in newest


def test_diff_lists_exactly_that_change(story: Story) -> None:
    run = story.runs["diff"]
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines() == [
        "Changes from 1.0.0 to 1.1.0: 1 standard changed", "",
        "policy risk (Risk management): changed 1.0.0 -> 1.1.0  [breaking]",
        f"  history 1.1.0: {CHANGE}",
        "  RISK-2: obligation stricter: controlling should -> must",
    ]
    data = json.loads(story.runs["diff-json"].stdout)
    [standard] = data["standards"]
    assert [(r["requirement"], r["change"]) for r in standard["requirements"]] == [
        ("RISK-2", "obligation changed")]


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_whats_new_lists_exactly_that_change(story: Story) -> None:
    page = (story.root / "site/1.1.0/whats-new/index.html").read_text()
    article = page[page.index("<article"):page.index("</article>")]
    section = _text(article[article.index("Version 1.1.0"):article.index("Version 1.0.0")])
    assert "Risk management changed (breaking) 1.0.0 → 1.1.0 " + CHANGE in section
    assert section.count("→") == 1


def test_versioned_site_has_both_releases(story: Story) -> None:
    assert story.runs["versioned"].returncode == 0, story.runs["versioned"].stderr
    site = story.root / "site"
    versions = json.loads((site / "versions.json").read_text())
    assert versions == [{"aliases": ["latest"], "title": "1.1.0", "version": "1.1.0"},
                        {"aliases": [], "title": "1.0.0", "version": "1.0.0"}]
    assert 'url=latest/' in (site / "index.html").read_text()
    old_policy = (site / "1.0.0/policies/risk/index.html")
    new_policy = (site / "latest/policies/risk/index.html")
    assert "1.0.0" in _text(old_policy.read_text()) and "1.1.0" in _text(new_policy.read_text())
    for page in (old_policy, new_policy):
        html = page.read_text()
        assert 'data-md-component="outdated"' in html and "pmo-latest-link" in html
        assert '"provider": "mike"' in html or "mike" in html


def test_old_version_shows_the_banner_in_a_browser(story: Story, artifacts: Path) -> None:
    with served(story.root / "site") as url, chromium() as browser:
        base = url.rstrip("/")
        page = browser.new_page()
        page.goto(f"{base}/1.0.0/policies/risk/")
        banner = page.locator("[data-md-component=outdated]")
        banner.wait_for(state="visible", timeout=10000)
        link = page.locator(".pmo-latest-link")
        page.wait_for_function(
            "document.querySelector('.pmo-latest-link').href.includes('/1.1.0/')")
        assert link.get_attribute("href") == f"{base}/1.1.0/policies/risk/"
        page.screenshot(path=str(artifacts / "release-old-version-banner.png"))
        page.goto(f"{base}/")
        page.wait_for_url(f"{base}/latest/")
        page.wait_for_timeout(1000)
        assert not page.locator("[data-md-component=outdated]").is_visible()


def test_rerunning_a_release_is_refused_and_changes_nothing(story: Story) -> None:
    run = story.runs["release-again"]
    assert run.returncode == 1
    assert "release 1.1.0 already exists" in run.stderr
    assert story.hashes["before-rerun"] == story.hashes["after-rerun"]


def test_bundles_are_reproducible(story: Story) -> None:
    assert story.runs["rebuild"].returncode == 0, story.runs["rebuild"].stderr
    first, second = story.hashes["zips-first"], story.hashes["zips-second"]
    assert set(first) == {"pmo-handbook-word-1.1.0.zip", "project-kit-1.1.0.zip"}
    assert first == second


@pytest.fixture(scope="module")
def project(story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tier 2 project generated by the real cookiecutter from the 1.0.0 kit zip."""
    out = tmp_path_factory.mktemp("projects")
    kit = story.root / "dist/releases/1.0.0/project-kit-1.0.0.zip"
    result = subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", "--output-dir", str(out), str(kit),
         "project_name=Apollo", "project_manager=Ada Lovelace", "sponsor=Grace Hopper",
         "start_date=2026-03-02", "end_date=2027-01-29", "budget=500000",
         "business_owner=Lena Park", "risk=medium", "reach=cross-team", "tier=2"],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    [folder] = [p for p in out.iterdir() if p.is_dir()]
    return folder


def test_kit_check_tells_the_project_what_changed(story: Story, project: Path) -> None:
    kit = json.loads((project / ".pmo-kit.json").read_text())
    assert kit["kit_version"] == "1.0.0" and kit["standards"]["risk"] == "1.0.0"
    run = pmo("--root", str(story.root), "kit", "check", str(project))
    assert run.returncode == 1, run.stderr
    assert "- policy risk (Risk management): changed 1.0.0 -> 1.1.0" in run.stdout
    assert f"    1.1.0: {CHANGE}" in run.stdout
    assert ("    RISK-2: obligation should -> must: Escalate a risk scoring 15 or more to the "
            "sponsor within two days.") in run.stdout
    up_to_date = pmo("--root", str(story.root), "kit", "check", str(project), "--against", "1.0.0")
    assert up_to_date.returncode == 0 and "Up to date" in up_to_date.stdout


def test_kit_check_in_the_projects_ci_with_a_handbook_export(story: Story, project: Path,
                                                              tmp_path: Path) -> None:
    export = story.root / "dist/releases/1.1.0/handbook.json"
    run = pmo("--root", str(tmp_path), "kit", "check", str(project), "--against", str(export),
              "--format", "json")
    assert run.returncode == 1, run.stderr
    report = json.loads(run.stdout)
    [changed] = report["changed"]
    assert changed["id"] == "risk" and changed["requirements"] == [
        {"requirement": "RISK-2", "change": "obligation should -> must",
         "text": "Escalate a risk scoring 15 or more to the sponsor within two days."}]
