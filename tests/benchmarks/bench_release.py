"""Release checks on 1,000 generated standards: what the version rules add to `pmo validate`.

Baseline in the same run: `check_standards` on the same tree with no release recorded
(no version rules). Then with a release manifest and nothing changed (hashes only),
and with every standard counted as changed (the manifest's hashes altered: each one
is rebuilt through the model, diffed and reported), plus writing the manifest and
diffing two manifests.
"""

from __future__ import annotations

import copy
import tempfile
import time
from datetime import date
from pathlib import Path

from generator.pipeline.check import check_standards, load_handbook
from generator.release.diff import diff_snapshots
from generator.release.manifest import build_manifest, dump_json
from tests.support.corpus import best_time, generate_corpus


def measure() -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        standards = generate_corpus(Path(tmp), 1000)
        n = len(list(standards.rglob("*.yaml")))
        baseline = best_time(lambda: check_standards(standards))
        handbook = load_handbook(standards)
        started = time.perf_counter()
        manifest = build_manifest(handbook, "1.0.0", date(2026, 1, 1))
        text = dump_json(manifest)
        build_time = time.perf_counter() - started
        releases = standards / "releases"
        releases.mkdir()
        (releases / "1.0.0.json").write_text(text, encoding="utf-8")
        check_standards(standards)
        unchanged = best_time(lambda: check_standards(standards))
        assert not check_standards(standards)[1]
        altered = copy.deepcopy(manifest)
        for snapshot in altered["standards"].values():
            snapshot["content_hash"] = "altered"
        (releases / "1.0.0.json").write_text(dump_json(altered), encoding="utf-8")
        all_changed = best_time(lambda: check_standards(standards), runs=1)
        problems = len(check_standards(standards)[1])
        newer = copy.deepcopy(manifest)
        for snapshot in newer["standards"].values():
            snapshot["content_hash"] = "newer"
            for requirement in snapshot["requirements"].values():
                requirement["obligation"]["controlling"] = "must"
        diff_time = best_time(lambda: diff_snapshots(manifest["standards"], newer["standards"]))
        (releases / "1.0.0.json").unlink()
        baseline = min(baseline, best_time(lambda: check_standards(standards)))
    return [
        (f"validate {n} files with a release, none changed", f"{unchanged:.2f} s",
         f"{baseline:.2f} s without version rules"),
        (f"validate {n} files, every standard changed ({problems} errors)",
         f"{all_changed:.2f} s", f"{baseline:.2f} s without version rules"),
        (f"build + write the manifest of {len(manifest['standards'])} standards",
         f"{build_time:.2f} s ({len(text) // 1024} KiB)", "-"),
        (f"diff two manifests of {len(manifest['standards'])} standards", f"{diff_time:.3f} s",
         "-"),
    ]
