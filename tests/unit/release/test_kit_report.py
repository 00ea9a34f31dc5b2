"""`pmo kit check`: what changed for a project since its kit."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.commands.kit_check import check_project
from generator.errors import PmoError
from generator.model.applicability import artefacts_for, duties
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.release.manifest import dump_json, export_handbook
from tests.support.releases import RISK, bump, edit, write_release
from tests.support.workspace import MINIMAL, copy_workspace


@pytest.fixture()
def released(tmp_path: Path) -> Workspace:
    workspace = copy_workspace(tmp_path / "hb", MINIMAL)
    write_release(workspace, "1.0.0")
    return workspace


def make_project(tmp_path: Path, handbook_dir: Path, tier: int, pmo_type: str = "controlling"
                 ) -> Path:
    handbook = load_handbook(handbook_dir)
    project = tmp_path / f"project-tier{tier}"
    project.mkdir(parents=True)
    kit = {"kit_version": "1.0.0", "handbook_version": "1.0.0", "organisation": "Example Ltd",
           "pmo_type": pmo_type, "tier": tier,
           "standards": {s.id: s.version for s in handbook.policies}
           | {a.id: a.version for a in artefacts_for(handbook, tier)},
           "artefacts": {a.id: a.version for a in artefacts_for(handbook, tier)},
           "answers": {"project_name": "Apollo"}, "generated_on": "2026-01-12"}
    (project / ".pmo-kit.json").write_text(json.dumps(kit))
    return project


def run(project: Path, workspace: Workspace, capsys: pytest.CaptureFixture[str],
        **kwargs: str) -> tuple[int, str]:
    code = check_project(project, workspace, **kwargs)
    return code, capsys.readouterr().out


def test_up_to_date(released: Workspace, tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path, released.standards, 2)
    code, out = run(project, released, capsys)
    assert code == 0 and "Up to date" in out


def test_stricter_requirement_for_the_projects_tier(released: Workspace, tmp_path: Path,
                                                    capsys) -> None:
    tier2 = make_project(tmp_path, released.standards, 2)
    tier1 = make_project(tmp_path, released.standards, 1)
    edit(released, RISK, "      controlling: should\n", "      controlling: must\n")
    bump(released, RISK, "1.0.0", "1.1.0", "minor", "Escalation is a must.")
    code, out = run(tier2, released, capsys)
    assert code == 1
    assert "- policy risk (Risk management): changed 1.0.0 -> 1.1.0" in out
    assert "    1.1.0: Escalation is a must." in out
    assert "    RISK-2: obligation should -> must: Escalate a risk" in out
    code, out = run(tier1, released, capsys)  # RISK-2 is a tier 2 requirement
    assert code == 1 and "RISK-2" not in out
    assert "no requirement that applies to you changed" in out


def test_obligation_change_under_another_pmo_type_is_not_listed(released: Workspace,
                                                                 tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path, released.standards, 2, pmo_type="directive")
    edit(released, RISK, "      controlling: should\n", "      controlling: must\n")
    bump(released, RISK, "1.0.0", "1.1.0", "minor")
    code, out = run(project, released, capsys)
    assert code == 1 and "RISK-2" not in out


def test_newer_template_and_json(released: Workspace, tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path, released.standards, 2)
    raid = Path("standards/artefacts/raid-log.yaml")
    edit(released, raid, "summary: ", "summary: Updated. ")
    bump(released, raid, "1.0.0", "1.0.1", "patch")
    code, out = run(project, released, capsys, output_format="json")
    report = json.loads(out)
    assert code == 1 and not report["up_to_date"]
    assert report["templates"] == [{"id": "raid-log", "title": "RAID log", "from": "1.0.0",
                                    "to": "1.0.1", "status": "approved"}]


def test_against_a_handbook_export_without_the_repository(released: Workspace, tmp_path: Path,
                                                          capsys) -> None:
    project = make_project(tmp_path, released.standards, 2)
    edit(released, RISK, "every fortnight", "every week")
    bump(released, RISK, "1.0.0", "1.0.1", "patch")
    export = export_handbook(load_handbook(released.standards))
    export["manifests"] = {"1.0.0": json.loads(
        (released.standards / "releases" / "1.0.0.json").read_text())}
    path = tmp_path / "handbook.json"
    path.write_text(dump_json(export))
    elsewhere = Workspace(tmp_path / "no-handbook-here")
    code, out = run(project, elsewhere, capsys, against=str(path))
    assert code == 1
    assert "RISK-1: reworded: Keep a RAID log and review it every week." in out
    assert "(was: Keep a RAID log and review it every fortnight.)" in out


def test_missing_kit_file(released: Workspace, tmp_path: Path) -> None:
    with pytest.raises(PmoError, match=".pmo-kit.json not found"):
        check_project(tmp_path, released)


def _status(workspace: Workspace, relative: str, status: str) -> None:
    path = workspace.standards / relative
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: approved", f"status: {status}", 1), encoding="utf-8")


@pytest.mark.parametrize("pmo_type", ["supportive", "controlling", "directive"])
def test_a_project_that_follows_nothing_is_told_exactly_what_binds_it(
        tmp_path: Path, capsys, pmo_type: str) -> None:
    """With no standard followed yet, every standard in force that binds the project is
    new to it: its requirements and words are the model's answer for the tier and PMO
    type; a draft, a retired standard and the PMO's own duties are not among them."""
    workspace = copy_workspace(tmp_path / "hb")
    _status(workspace, "policies/benefits-management.yaml", "draft")
    _status(workspace, "policies/assurance.yaml", "retired")
    handbook = load_handbook(workspace.standards)
    assert any(r.scope == "pmo" for p in handbook.policies for r in p.requirements)
    for tier in (1, 2, 3):
        project = make_project(tmp_path / pmo_type, workspace.standards, tier, pmo_type)
        kit = json.loads((project / ".pmo-kit.json").read_text())
        kit.update(kit_version="0.9.0", standards={}, artefacts={})
        (project / ".pmo-kit.json").write_text(json.dumps(kit))
        code, out = run(project, workspace, capsys, output_format="json")
        told = {(r["requirement"], r["obligation"]) for n in json.loads(out)["new"]
                for r in n["requirements"]}
        model = {(d.id, d.word)
                 for d in duties(handbook, tier=tier, pmo_type=pmo_type, scope="project")}
        assert code == 1 and told == model
        assert not any(rid.startswith(("BEN-", "ASR-")) for rid, _ in told)
        artefacts = {n["id"] for n in json.loads(out)["new"] if n["kind"] == "artefact"}
        assert artefacts == {a.id for a in artefacts_for(handbook, tier)}
