"""`pmo serve`: serves on 127.0.0.1, rebuilds on change, keeps the last good build."""

from __future__ import annotations

import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from tests.support.workspace import MINIMAL, REPO, copy_workspace


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running `pmo serve` whose terminal output is read line by line."""

    def __init__(self, root: Path, port: int) -> None:
        self.port = port
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), "serve", "--port",
             str(port)], cwd=REPO, stderr=subprocess.STDOUT, stdout=subprocess.PIPE, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, *words: str, timeout: float = 90) -> str:
        """The next output line holding every word; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "\n".join(self.output)
                continue
            self.output.append(line)
            if all(w in line for w in words):
                return line
        pytest.fail(f"no line with {words} in:\n" + "\n".join(self.output))

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as r:
            return str(r.read().decode("utf-8"))

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    copy_workspace(tmp_path, MINIMAL)
    running = Server(tmp_path, free_port())
    try:
        yield running
    finally:
        running.stop()


def edit(path: Path, **changes: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_serve_rebuilds_and_keeps_the_last_good_build(server: Server, tmp_path: Path) -> None:
    server.wait_for("Serving", f"127.0.0.1:{server.port}")
    assert "<h1" in server.get("policies/risk/") and "Risk management" in server.get("")

    policy = tmp_path / "standards" / "policies" / "risk.yaml"
    edit(policy, owner="nobody-here")
    error = server.wait_for("standards/policies/risk.yaml:", "owner")
    assert "nobody-here" in error
    server.wait_for("last good build is still served")
    assert '<h1 id="risk-management">Risk management<' in server.get("policies/risk/")

    edit(policy, owner="pmo-lead", title="Risk management revised")
    server.wait_for("Built the site")
    assert '<h1 id="risk-management-revised">Risk management revised<' in \
        server.get("policies/risk/")

    (tmp_path / "docs" / "pmo" / "preview.md").write_text("# Preview\n\nFresh words.\n",
                                                          encoding="utf-8")
    server.wait_for("Built the site")
    assert "Fresh words." in server.get("pmo/preview/")
