"""`pmo serve`: serves on 127.0.0.1, rebuilds on change, keeps the last good build."""

from __future__ import annotations

import http.client
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from generator.commands.serve import BUILD_PATH, Previews
from tests.acceptance.test_site_zensical import CHROMIUM_ARGS
from tests.support.workspace import MINIMAL, REPO, copy_workspace, require_module, require_tool


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A running `pmo serve` whose terminal output is read line by line."""

    def __init__(self, root: Path, port: int, tmp: Path | None = None) -> None:
        self.port = port
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        env = {**os.environ, **({"TMPDIR": str(tmp)} if tmp else {})}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(root), "serve", "--port",
             str(port)], cwd=REPO, stderr=subprocess.STDOUT, stdout=subprocess.PIPE, text=True,
            env=env)
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

    def status(self, method: str, path: str) -> int:
        """The HTTP status of a raw request (the path is sent as given, unnormalised)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request(method, path)
            return connection.getresponse().status
        finally:
            connection.close()

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
    server.wait_for("the site in")
    assert '<h1 id="risk-management-revised">Risk management revised<' in \
        server.get("policies/risk/")

    (tmp_path / "docs" / "pmo" / "preview.md").write_text("# Preview\n\nFresh words.\n",
                                                          encoding="utf-8")
    server.wait_for("the site in")
    assert "Fresh words." in server.get("pmo/preview/")


def break_build(root: Path, how: str) -> Callable[[], None]:
    """Break the next build with an error that is not in a standard; return the fix."""
    if how == "macro":
        page = root / "docs" / "pmo" / "broken.md"
        page.write_text("# Broken\n\n{{ no_such_variable }}\n", encoding="utf-8")
        return lambda: page.write_text("# Broken\n\nRepaired words.\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "theme: 3\n", encoding="utf-8")  # a TypeError in the renderer
    return lambda: config.write_text(good + "# fixed\n", encoding="utf-8")


def serve_folders(tmp: Path) -> list[Path]:
    return sorted(tmp.glob("pmo-serve-*"))


@pytest.mark.parametrize("how", ["macro", "mkdocs.yml"])
def test_serve_survives_any_failed_build_and_recovers(tmp_path: Path, how: str) -> None:
    root, tmp = tmp_path / "handbook", tmp_path / "tmp"
    copy_workspace(root, MINIMAL)
    tmp.mkdir()
    server = Server(root, free_port(), tmp)
    try:
        server.wait_for("Serving", f"127.0.0.1:{server.port}")
        page = server.get("policies/risk/")
        [good_build] = serve_folders(tmp)

        fix = break_build(root, how)
        server.wait_for("pmo: error:")
        server.wait_for("the last good build is still served.")
        assert server.get("policies/risk/") == page
        assert serve_folders(tmp) == [good_build]  # the failed build was removed

        fix()
        server.wait_for("the site in")
        assert '<h1 id="risk-management">Risk management<' in server.get("policies/risk/")
        if how == "macro":
            assert "Repaired words." in server.get("pmo/broken/")
        assert len(serve_folders(tmp)) == 1 and not good_build.exists()

        (root / "docs" / "pmo" / "preview.md").write_text("# Preview\n\nStill watching.\n",
                                                          encoding="utf-8")
        server.wait_for("the site in")
        assert "Still watching." in server.get("pmo/preview/")
    finally:
        server.stop()


def test_no_good_build_answers_503_to_get_and_head(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    copy_workspace(root, MINIMAL)
    fix = break_build(root, "mkdocs.yml")
    server = Server(root, free_port())
    try:
        server.wait_for("nothing to serve until this is fixed.")
        server.wait_for("Serving")
        # Before, HEAD was answered from the folder pmo serve ran in (here the repository).
        for method in ("GET", "HEAD"):
            for path in ("/", "/mkdocs.yml", "/README.md", "/policies/risk/"):
                assert server.status(method, path) == 503, (method, path)
        fix()
        server.wait_for("the site in")
        assert server.status("HEAD", "/") == 200 and server.status("GET", "/policies/risk/") == 200
        assert server.status("HEAD", "/mkdocs.yml") == 404
    finally:
        server.stop()


def test_nothing_outside_the_good_build_is_served(tmp_path: Path) -> None:
    root, tmp = tmp_path / "handbook", tmp_path / "tmp"
    copy_workspace(root, MINIMAL)
    tmp.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the browser\n")
    server = Server(root, free_port(), tmp)
    try:
        server.wait_for("Serving")
        [build] = serve_folders(tmp)
        (build / "site" / "leak.txt").symlink_to(secret)
        for method in ("GET", "HEAD"):
            assert server.status(method, "/leak.txt") == 404
            assert server.status(method, "/../secret.txt") == 404
            assert server.status(method, "/%2e%2e/%2e%2e/secret.txt") == 404
        assert server.status("GET", "/index.html") == 200
    finally:
        server.stop()


def test_the_page_being_read_reloads_itself_after_an_edit(server: Server, tmp_path: Path) -> None:
    """In Chromium: the open page shows an edited title by itself, without a click, and
    the build number it polls moves on with each good build."""
    sync_api = require_module("playwright.sync_api")
    chromium = require_tool("chromium")
    server.wait_for("Serving", f"127.0.0.1:{server.port}")
    first = server.get(BUILD_PATH.lstrip("/"))
    assert f'var served="{first}"' in server.get("policies/risk/")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{server.port}/policies/risk/")
            assert page.locator("article h1").inner_text().startswith("Risk management")
            edit(tmp_path / "standards" / "policies" / "risk.yaml",
                 title="Risk management, read live")
            server.wait_for("the site in")
            page.wait_for_function(
                "document.querySelector('article h1').textContent"
                ".startsWith('Risk management, read live')", timeout=15_000)
        finally:
            browser.close()
    assert int(server.get(BUILD_PATH.lstrip("/"))) == int(first) + 1


def test_an_edit_rebuilds_the_site_only_unless_a_download_is_new(tmp_path: Path) -> None:
    """The preview keeps the first build's Word files and kit after an edit (the site is
    what it rebuilds), and builds everything when the handbook offers a new download."""
    workspace = copy_workspace(tmp_path, MINIMAL)
    previews = Previews(workspace)
    try:
        assert previews.rebuild(full=True) and previews.stage is not None
        word = Path("dist/word/policies/risk.docx")
        (previews.stage / word).write_bytes(b"kept from the first build")
        policy = workspace.standards / "policies" / "risk.yaml"
        edit(policy, summary="Edited in the preview.")
        assert previews.rebuild()
        assert (previews.stage / word).read_bytes() == b"kept from the first build"
        assert "Edited in the preview." in (previews.stage / "site" / "policies" / "risk" /
                                            "index.html").read_text("utf-8")
        copy = yaml.safe_load(policy.read_text("utf-8"))
        copy.update(id="risk-copy", code="RSC", title="Risk copy")
        for requirement in copy.get("requirements", []):
            requirement["id"] = requirement["id"].replace(
                requirement["id"].split("-")[0], "RSC", 1)
        (policy.parent / "risk-copy.yaml").write_text(yaml.safe_dump(copy, sort_keys=False),
                                                      encoding="utf-8")
        assert previews.rebuild()
        assert (previews.stage / "dist/word/policies/risk-copy.docx").is_file()
        assert (previews.stage / word).read_bytes() != b"kept from the first build"
    finally:
        previews.close()
