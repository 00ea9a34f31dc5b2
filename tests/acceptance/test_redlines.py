"""Release review end to end, with the real CLI, git, LibreOffice and poppler.

One story on a git copy of the minimal example: release 1.0.0 (with a third risk
requirement); reword RISK-1, make RISK-2 stricter, remove RISK-3, add RISK-4 and change the
RAID log, bumped but not yet approved: `pmo validate` and `pmo release` refuse it with a
located error; approve it and release 1.1.0. The bundle carries a redline per changed
document and the review pack; accepting every tracked change gives the 1.1.0 document,
rejecting every one the 1.0.0 document (both from the bundles' Word zips); LibreOffice
shows the changes; What's new links the redlines; `pmo diff --word` writes the same.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import uuid
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from lxml import etree

from generator.pipeline.workspace import Workspace
from tests.support.git_repo import commit_all, git
from tests.support.redlines import (
    RISK_REASON,
    add_risk_3,
    approve_1_1_0,
    change_for_1_1_0,
    comments,
    paragraphs,
    part_xml,
    resolve,
)
from tests.support.workspace import MINIMAL, copy_workspace, pmo, require_tool

REDLINES = {"policies/risk.docx": "risk-1.0.0-to-1.1.0.docx",
            "raid-log.docx": "raid-log-1.0.0-to-1.1.0.docx"}



@dataclass
class Story:
    workspace: Workspace
    runs: dict[str, subprocess.CompletedProcess[str]] = field(default_factory=dict)
    status_before_refusal: str = ""
    status_after_refusal: str = ""

    @property
    def root(self) -> Path:
        return self.workspace.root

    @property
    def bundle(self) -> Path:
        return self.root / "dist/releases/1.1.0"

    def run(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        self.runs[name] = pmo("--root", str(self.root), *args)
        return self.runs[name]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    workspace = copy_workspace(tmp_path_factory.mktemp("review") / "handbook", MINIMAL)
    root = workspace.root
    add_risk_3(workspace.standards)
    commit_all(root, "site/\ndist/\nreview*/\n")
    s = Story(workspace)
    assert s.run("release-1.0.0", "release", "1.0.0").returncode == 0, s.runs["release-1.0.0"]

    change_for_1_1_0(workspace.standards, approve=False)
    git(root, "commit", "-q", "-am", "Risk and RAID log 1.1.0, not approved yet")
    s.status_before_refusal = git(root, "status", "--porcelain") + git(root, "tag")
    s.run("validate-unapproved", "validate")
    s.run("release-unapproved", "release", "1.1.0")
    s.status_after_refusal = git(root, "status", "--porcelain") + git(root, "tag")

    approve_1_1_0(workspace.standards)
    s.run("validate-approved", "validate")
    git(root, "commit", "-q", "-am", "Approved")
    assert s.run("release-1.1.0", "release", "1.1.0").returncode == 0, s.runs["release-1.1.0"]
    s.run("diff-word", "diff", "1.0.0", "1.1.0", "--word", str(root / "review"))
    s.run("diff-current", "diff", "1.0.0", "current", "--word", str(root / "review-current"))
    return s


def test_an_unapproved_version_is_refused_with_a_located_error(story: Story) -> None:
    text = (MINIMAL / "policies/risk.yaml").read_text().splitlines()
    line = next(i for i, t in enumerate(text, start=1) if t.startswith("status:"))
    located = (f"standards/policies/risk.yaml:{line}:9: status: approved, but version 1.1.0 "
               "has no approval by 'sponsor'")
    for name in ("validate-unapproved", "release-unapproved"):
        run = story.runs[name]
        assert run.returncode == 1, run
        assert located in run.stderr, run.stderr
        assert "standards/artefacts/raid-log.yaml" in run.stderr  # every unapproved one
    assert story.status_before_refusal == story.status_after_refusal  # nothing written


def test_the_approval_entry_lets_it_pass(story: Story) -> None:
    assert story.runs["validate-approved"].returncode == 0, story.runs["validate-approved"]
    assert story.runs["release-1.1.0"].returncode == 0
    assert "handbook-1.1.0" in git(story.root, "tag")


def test_the_bundle_carries_a_redline_per_changed_document_and_the_review_pack(
        story: Story) -> None:
    assert sorted(p.name for p in (story.bundle / "redlines").iterdir()) == sorted(
        REDLINES.values())
    assert (story.bundle / "release-1.1.0-review.docx").is_file()
    assert not (story.root / "dist/releases/1.0.0/redlines").exists()  # a first release


def word_zip_part(version: str, name: str, root: Path) -> etree._Element:
    """word/document.xml of one document of a release's Word zip (the normal renderer's)."""
    with zipfile.ZipFile(root / f"dist/releases/{version}/pmo-handbook-word-{version}.zip") as z, \
            zipfile.ZipFile(io.BytesIO(z.read(name))) as document:
        return etree.fromstring(document.read("word/document.xml"))


@pytest.mark.parametrize(("plain", "redline"), REDLINES.items())
def test_accept_all_gives_the_new_document_and_reject_all_the_old(story: Story, plain: str,
                                                                 redline: str) -> None:
    root = part_xml(story.bundle / "redlines" / redline)
    assert paragraphs(resolve(root, accept=True)) == paragraphs(
        word_zip_part("1.1.0", plain, story.root))
    assert paragraphs(resolve(root, accept=False)) == paragraphs(
        word_zip_part("1.0.0", plain, story.root))


def test_each_changed_requirement_carries_one_comment(story: Story) -> None:
    texts = comments(story.bundle / "redlines" / REDLINES["policies/risk.docx"])
    for requirement_id, kind in (("RISK-1", "reworded"), ("RISK-2", "obligation stricter"),
                                 ("RISK-3", "removed"), ("RISK-4", "added")):
        [comment] = [t for t in texts if t.startswith(f"{requirement_id}:")]
        assert comment.startswith(f"{requirement_id}: {kind}") and RISK_REASON in comment
    assert all(re.match(r"RISK-\d:|Policy risk", t) for t in texts)


def test_tracked_changes_are_by_the_pmo_on_the_release_date(story: Story) -> None:
    day = json.loads((story.root / "standards/releases/1.1.0.json").read_text())["date"]
    xml = zipfile.ZipFile(story.bundle / "redlines" / REDLINES["policies/risk.docx"]).read(
        "word/document.xml").decode()
    assert set(re.findall(r'w:author="([^"]*)"', xml)) == {"Example Ltd PMO"}
    assert set(re.findall(r'<w:(?:ins|del) [^>]*w:date="([^"]*)"', xml)) == {f"{day}T00:00:00Z"}


@pytest.fixture(scope="module")
def pdf_dir(story: Story, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = require_tool("soffice")
    out = tmp_path_factory.mktemp("redline-pdf")
    profile = f"file:///tmp/lo-redline-{uuid.uuid4().hex}"
    documents = [*(story.bundle / "redlines").iterdir(),
                 story.bundle / "release-1.1.0-review.docx"]
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(out), *map(str, documents)],
                   check=True, capture_output=True, timeout=300)
    return out


def pdf_text(path: Path) -> str:
    pdftotext = require_tool("pdftotext")
    return " ".join(subprocess.run([pdftotext, "-layout", str(path), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())


def test_python_docx_and_libreoffice_open_the_redlines_and_the_pack(story: Story,
                                                                    pdf_dir: Path) -> None:
    for path in [*(story.bundle / "redlines").iterdir(),
                 story.bundle / "release-1.1.0-review.docx"]:
        assert docx.Document(str(path)).paragraphs, path.name
        assert (pdf_dir / f"{path.stem}.pdf").stat().st_size > 10_000, path.name


def test_the_pdf_shows_insertions_and_deletions(story: Story, pdf_dir: Path,
                                                artifacts: Path) -> None:
    text = pdf_text(pdf_dir / "risk-1.0.0-to-1.1.0.pdf")
    # deleted words stay visible (struck through) beside the inserted ones
    assert "review it with the sponsor every fortnightmonth." in text
    assert "RISK-2 SHOULDMUST Escalate" in text
    assert "RISK-3 SHOULD Record every closed risk" in text
    assert "RISK-4 MUST Name an owner for every risk" in text
    pdftoppm = require_tool("pdftoppm")
    prefix = artifacts / "redline-risk"
    for old in artifacts.glob("redline-risk-*.png"):
        old.unlink()
    subprocess.run([pdftoppm, "-png", "-r", "80", "-f", "1", "-l", "2",
                    str(pdf_dir / "risk-1.0.0-to-1.1.0.pdf"), str(prefix)], check=True,
                   timeout=120)
    pages = sorted(artifacts.glob("redline-risk-*.png"))
    assert len(pages) == 2 and all(p.stat().st_size > 10_000 for p in pages)
    pack = pdf_text(pdf_dir / "release-1.1.0-review.pdf")
    for words in ("Summary of changes", "Risk management (policy, 1.0.0 → 1.1.0)",
                  "RAID log (artefact, 1.0.0 → 1.1.0)", "Approval", "Signature"):
        assert words in pack


def test_whats_new_links_each_redline(story: Story) -> None:
    site = story.bundle / "site"
    page = (site / "whats-new/index.html").read_text()
    for name in REDLINES.values():
        assert f'href="../downloads/redlines/{name}"' in page
        assert (site / "downloads/redlines" / name).read_bytes() == (
            story.bundle / "redlines" / name).read_bytes()


def test_pmo_diff_word_writes_the_redlines_and_a_review_pack(story: Story) -> None:
    for name, label in (("diff-word", "1.1.0"), ("diff-current", "current")):
        run = story.runs[name]
        assert run.returncode == 0, run.stderr
        assert "RISK-2: obligation stricter: controlling should -> must" in run.stdout
        folder = story.root / ("review" if label == "1.1.0" else "review-current")
        assert sorted(p.name for p in folder.iterdir()) == sorted(
            [f"risk-1.0.0-to-{label}.docx", f"raid-log-1.0.0-to-{label}.docx",
             f"review-1.0.0-to-{label}.docx"])
        pack = docx.Document(str(folder / f"review-1.0.0-to-{label}.docx"))
        assert pack.core_properties.title == (
            "Release 1.1.0 review" if label == "1.1.0" else "Review of the changes since 1.0.0")
        redline = part_xml(folder / f"risk-1.0.0-to-{label}.docx")
        assert paragraphs(resolve(redline, accept=True)) == paragraphs(
            word_zip_part("1.1.0", "policies/risk.docx", story.root))
