"""`pmo kit check`: tell a project what changed for it since the kit it was made from.

The standards as they were come from the manifest of the kit's release; the standards as
they are now come from the current standards, a release manifest or a handbook.json
export (`--against`). Every file is read through its schema (generator.source.json_schemas):
a malformed .pmo-kit.json, export or manifest is an error naming the file and the field.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from generator.errors import PmoError
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from generator.release.kit_report import build_report, format_report
from generator.release.manifest import (
    Manifest,
    Snapshot,
    list_releases,
    manifests_dir,
    read_export,
    read_manifest,
    snapshot_export,
    snapshot_handbook,
)
from generator.shared.regular_files import is_present
from generator.shared.semver import is_semver
from generator.source.json_input import input_error, read_json_input
from generator.source.json_schemas import json_validator

KIT_FILE = ".pmo-kit.json"


def read_kit_file(project_dir: Path) -> dict[str, Any]:
    path = project_dir / KIT_FILE
    if not is_present(path):
        raise PmoError(f"{path} not found: run `pmo kit check` on a project folder made from "
                       "the project kit (it holds .pmo-kit.json)")
    # The report uses only ids, versions, the PMO type and the tier, all held to a form by
    # the schema; the answers a person typed are kept as they are.
    data, problems = read_json_input(path, str(path), json_validator("kit_record"),
                                     check_text=False)
    if data is None:
        raise input_error(problems, "Not a valid .pmo-kit.json: restore the file the kit wrote "
                          "from the project's history.")
    return dict(data)


def load_against(workspace: Workspace, against: str | None
                 ) -> tuple[str, dict[str, Snapshot], dict[str, Manifest]]:
    """(label, snapshots, manifests) of the handbook to compare with: now, a release or an
    export. The manifests are those of the workspace, or those a handbook.json carries."""
    releases_dir = manifests_dir(workspace.standards)
    manifests = {v: read_manifest(releases_dir, v) for v in list_releases(releases_dir)}
    if against is None:
        if not workspace.standards.is_dir():
            raise PmoError(f"no handbook standards in {workspace.standards}: run this in the "
                           "handbook repository (or give --root), or compare with a release's "
                           "export: --against handbook.json")

        handbook = load_handbook(workspace.standards)
        return (f"current standards ({handbook.settings.version})", snapshot_handbook(handbook),
                manifests)
    if is_semver(against) and not Path(against).is_file():
        return f"release {against}", read_manifest(releases_dir, against)["standards"], manifests
    path = Path(against)
    if not path.is_file():
        raise PmoError(f"--against {against}: neither a release version nor a handbook.json file")
    export = read_export(path)
    snapshots = snapshot_export(export)
    return (f"{path.name} ({export.get('version', '?')})", snapshots,
            {**export.get("manifests", {}), **manifests})


def check_project(project_dir: Path, workspace: Workspace, *, against: str | None = None,
                  output_format: str = "text") -> int:
    """Print what changed for the project; 0 when up to date, 1 when updates apply."""
    kit = read_kit_file(project_dir)
    label, new, manifests = load_against(workspace, against)
    kit_manifest = manifests.get(str(kit["kit_version"]))
    old = kit_manifest["standards"] if kit_manifest else None
    report = build_report(kit, old, new, label, project_dir.resolve().name)
    if output_format == "json":
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(format_report(report))
        if old is None:
            print(f"(no release manifest for kit {kit['kit_version']}: requirement changes are "
                  "shown against the versions the project recorded)", file=sys.stderr)
    return 0 if report.up_to_date else 1
