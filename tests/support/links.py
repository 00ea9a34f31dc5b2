"""linkchecker, the independent reader of a built site's links."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support.workspace import require_tool


def check_links(site: Path) -> tuple[int, int, subprocess.CompletedProcess[str]]:
    """linkchecker over `site` (local files only): (links checked, errors found, the run)."""
    linkchecker = require_tool("linkchecker")
    # linkchecker run as root drops to `nobody`: give it a copy it may read.
    readable = Path(tempfile.mkdtemp(prefix="pmo-links-"))
    try:
        shutil.copytree(site, readable / "site")
        for folder, _dirs, files in os.walk(readable):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(Path(folder) / name, 0o644)
        result = subprocess.run([linkchecker, "--no-status", "--no-warnings",
                                 str(readable / "site" / "index.html")],
                                capture_output=True, text=True, timeout=300)
    finally:
        shutil.rmtree(readable, ignore_errors=True)
    summary = re.search(r"(\d+) links? in \d+ URLs? checked.*?(\d+) errors? found",
                        result.stdout, re.S)
    assert summary is not None, result.stdout + result.stderr
    return int(summary.group(1)), int(summary.group(2)), result
