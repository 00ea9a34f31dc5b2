"""`pmo serve`'s builds: any failure keeps the last good build and removes the failed one."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest

from generator.commands import serve
from generator.commands.serve import Previews, Watcher
from generator.pipeline.workspace import Workspace
from tests.support.workspace import MINIMAL, copy_workspace


@pytest.fixture
def previews(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Previews:
    """Previews of a valid handbook, serving a (fake) good build, temporary folders in tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    previews = Previews(copy_workspace(tmp_path / "hb", MINIMAL))
    good = tmp_path / "tmp" / "pmo-serve-good"
    (good / "site").mkdir(parents=True)
    (good / "dist").mkdir()
    previews.stage = good
    return previews


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"),
                                   RuntimeError("a renderer bug"), KeyError("theme")])
def test_any_error_keeps_the_last_good_build(previews: Previews, error: Exception,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(serve, "render_outputs", fail)
    good = previews.stage
    assert previews.rebuild(full=False) is False
    assert previews.stage == good
    assert [p.name for p in Path(tempfile.gettempdir()).iterdir()] == ["pmo-serve-good"]
    said = capsys.readouterr().err.splitlines()
    assert said == [f"pmo: error: the build failed ({type(error).__name__}: {error}); "
                    "`pmo --traceback build` shows where.",
                    "the last good build is still served."]


def test_an_interrupted_build_is_removed_too(previews: Previews,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve, "render_outputs", interrupted)
    with pytest.raises(KeyboardInterrupt):
        previews.rebuild(full=True)
    assert [p.name for p in Path(tempfile.gettempdir()).iterdir()] == ["pmo-serve-good"]


class Exploding:
    """Previews whose every rebuild raises."""

    def __init__(self) -> None:
        self.calls = 0

    def rebuild(self, *, full: bool = False, changed: object = None) -> bool:
        self.calls += 1
        raise RuntimeError("boom")


def test_the_watcher_keeps_watching_after_a_rebuild_raised(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve, "DEBOUNCE", 0.0)
    previews = Exploding()
    watcher = Watcher(Workspace(tmp_path), previews)  # type: ignore[arg-type]
    watcher.start()
    try:
        for expected in (1, 2):
            watcher.changed.add(str(tmp_path / "standards" / "x.yaml"))
            watcher.pending.set()
            deadline = time.monotonic() + 10
            while previews.calls < expected and time.monotonic() < deadline:
                time.sleep(0.05)
            assert previews.calls == expected
            assert watcher.worker.is_alive()
    finally:
        watcher.stop()
    assert not watcher.worker.is_alive() and not watcher.observer.is_alive()
