"""`pmo serve`: build the site into a temporary folder, serve it on 127.0.0.1 and
rebuild when a standard, a page of docs/ or mkdocs.yml changes.

The first build writes everything (Word files, kit, site); a change rebuilds the site
only, offering the first build's Word files and kit for download, unless the handbook
now offers a file that build does not hold (a new standard, a new version): then all
of it is built again. `pmo build` always writes every output anew.

Every HTML page is served with a small script that asks `BUILD_PATH` once a second
which build is being served and reloads the page when a newer one is: the page an
author is looking at shows an edit by itself.

A failed rebuild, whatever failed, prints one line and the located problems, is
removed, and leaves the last good build being served; the watcher keeps watching.
Until a build succeeds, every request is answered 503; nothing outside the good
build is ever served.
"""

from __future__ import annotations

import functools
import gc
import io
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Iterable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.errors import PmoError, StandardsError
from generator.figures import draw_scenes
from generator.model import Handbook
from generator.pipeline.incremental import Standards
from generator.pipeline.outputs import TARGETS, render_outputs, site_downloads_in
from generator.pipeline.workspace import Workspace, quiet
from generator.site.live import SEARCH_INDEX, LiveSite

DEBOUNCE = 0.4  # seconds of quiet after a change before rebuilding
BUILD_PATH = "/__pmo/build"  # answers the number of the build being served
RELOAD_SCRIPT = (
    '<script>(function(){{var served="{build}";function poll(){{'
    'fetch("{path}",{{cache:"no-store"}}).then(function(r){{return r.ok?r.text():served}})'
    '.then(function(now){{if(now!==served){{location.reload()}}else{{setTimeout(poll,1000)}}}},'
    'function(){{setTimeout(poll,2000)}})}}setTimeout(poll,1000)}})();</script>')
_NOWHERE = "/nonexistent/pmo-serve-no-build"  # never served: the handler answers 503 first


def serve_site(workspace: Workspace, host: str = "127.0.0.1", port: int = 8000,
               engine: str = "mkdocs") -> None:
    """Serve the handbook site on http://host:port/ until interrupted, rebuilding on change."""
    previews = Previews(workspace, engine)
    previews.rebuild(full=True)
    try:
        server = ThreadingHTTPServer((host, port), functools.partial(_Handler, previews))
    except OSError as err:
        previews.close()
        raise PmoError(f"cannot serve on {host}:{port} ({err.strerror}); choose another port "
                       "with --port") from err
    watcher = Watcher(workspace, previews)
    watcher.start()
    say(f"Serving http://{host}:{server.server_port}/ - rebuilding when standards/, docs/ "
        "or mkdocs.yml change (Ctrl+C to stop)")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        watcher.stop()
        previews.close()


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Previews:
    """The builds: the one being served and how to make the next one."""

    def __init__(self, workspace: Workspace, engine: str = "mkdocs") -> None:
        self.workspace = workspace
        self.engine = engine
        self.stage: Path | None = None   # holds site/ and dist/ of the last good build
        self.build = 0                   # the number of the build in `stage`
        self.lock = threading.Lock()
        self.standards = Standards(workspace.standards)
        self.live: LiveSite | None = None  # the mkdocs engine's site, kept up to date in place
        self.handbook: Handbook | None = None
        self.scenes: list[Any] = []
        # the background pass over the live site's other pages, and what stops it
        self.settling: tuple[threading.Thread, threading.Event] | None = None

    @property
    def site(self) -> Path | None:
        return self.stage / "site" if self.stage else None

    def rebuild(self, *, full: bool = False, changed: Iterable[Path] | None = None) -> bool:
        """Build anew (only the site, unless `full`, there is no build yet, or the
        handbook offers a download the last build does not hold); on any error, say what
        went wrong, remove the failed build and keep the last good one. When only
        standards `changed` and the mkdocs engine builds, the site is brought up to date
        in place instead (`update`)."""
        started = time.perf_counter()
        self._stop_settling()  # the next model makes its work moot; no thread competes
        if not full and changed is not None:
            try:
                handbook = self.standards.load()
            except StandardsError as err:
                for problem in err.problems:
                    say(str(problem))
                say(f"{len(err.problems)} problem(s); {self._keeping()}")
                return False
            if self._updatable(handbook, set(changed)):
                return self.update(handbook, started)
        stage = Path(tempfile.mkdtemp(prefix="pmo-serve-"))
        gc.unfreeze()  # the last build's objects may go once this one replaces them
        try:
            self._build(stage, full=full)
        except StandardsError as err:
            shutil.rmtree(stage, ignore_errors=True)
            for problem in err.problems:
                say(str(problem))
            say(f"{len(err.problems)} problem(s); {self._keeping()}")
            return False
        except PmoError as err:
            shutil.rmtree(stage, ignore_errors=True)
            say(f"pmo: error: {err}\n{self._keeping()}")
            return False
        except Exception as err:  # noqa: BLE001 - a preview server outlives any failed build
            shutil.rmtree(stage, ignore_errors=True)
            say(f"pmo: error: the build failed ({type(err).__name__}: {err}); `pmo --traceback "
                f"build` shows where.\n{self._keeping()}")
            return False
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
        with self.lock:
            old, self.stage = self.stage, stage
            self.build += 1
        if old:
            shutil.rmtree(old, ignore_errors=True)
        gc.collect()
        gc.freeze()  # the live site's millions of objects: no collector pass walks them again
        say(f"Built the site in {time.perf_counter() - started:.1f} s")
        return True

    def _build(self, stage: Path, *, full: bool) -> None:
        handbook = self.standards.load()
        with self.lock:
            previous = self.stage
        live = LiveSite(stage / "tree") if self.engine == "mkdocs" else None
        renderers = {"site": live.render} if live else None
        if full or previous is None or not site_downloads_in(handbook, previous / "dist"):
            render_outputs(handbook, self.workspace, stage, TARGETS, quiet,
                           site_engine=self.engine, renderers=renderers)
        else:
            shutil.copytree(previous / "dist", stage / "dist")
            render_outputs(handbook, self.workspace, stage, ("site",), quiet,
                           built=stage / "dist", site_engine=self.engine, renderers=renderers)
        self.live, self.handbook, self.scenes = live, handbook, draw_scenes(handbook)

    def _updatable(self, handbook: Handbook, changed: set[Path]) -> bool:
        """Whether the live site can take `handbook` in place: only standards changed (not
        handbook.yaml, docs/ or mkdocs.yml), no standard came or went, the pictures are
        the same and the last build holds every download."""
        standards = self.workspace.standards.resolve()
        before = self.handbook
        return (self.live is not None and before is not None and self.stage is not None
                and all(p.resolve().is_relative_to(standards) and p.name != "handbook.yaml"
                        for p in changed)
                and set(before.by_id) == set(handbook.by_id)
                and before.settings == handbook.settings
                and draw_scenes(handbook) == self.scenes
                and site_downloads_in(handbook, self.stage / "dist"))

    def update(self, handbook: Handbook, started: float) -> bool:
        """Bring the live site up to date with `handbook`: the changed standards' pages
        now, the rest as they are asked for or in the background."""
        assert self.live is not None and self.handbook is not None
        before = self.handbook
        changed = {s.id for s in handbook.standards if before.by_id.get(s.id) != s}
        try:
            self.live.update(handbook, changed)
        except Exception as err:  # noqa: BLE001 - a preview server outlives any failed build
            say(f"pmo: error: updating the site failed ({type(err).__name__}: {err}); "
                "rebuilding it whole")
            return self.rebuild(full=True)
        self.handbook = handbook
        with self.lock:
            self.build += 1
        stop = threading.Event()
        self.settling = (threading.Thread(target=self.live.settle, name="pmo-settle",
                                          daemon=True, kwargs={"stop": stop.is_set}), stop)
        self.settling[0].start()
        say(f"Updated the site in {time.perf_counter() - started:.2f} s "
            f"({', '.join(sorted(changed)[:3]) or 'no standard changed'}; the other pages "
            "follow as they are opened)")
        return True

    def settle(self) -> None:
        """Wait until every page of the live site is up to date (and its search index)."""
        if self.live is not None:
            self.live.settle()

    def ensure(self, url_path: str) -> None:
        """Before serving `url_path`: bring its page (or, for the search index, every
        page) up to date."""
        live = self.live
        if live is None:
            return
        if url_path.endswith(SEARCH_INDEX):
            live.settle()
            return
        page = live.page_of(url_path)
        if page is not None:
            live.ensure(page)
        else:
            live.ensure_static()

    def _keeping(self) -> str:
        return ("the last good build is still served." if self.stage
                else "nothing to serve until this is fixed.")

    def _stop_settling(self) -> None:
        """Stop the background pass at its next page (the pages it did not reach stay
        unchecked: they are checked when asked for)."""
        if self.settling is not None:
            thread, stop = self.settling
            stop.set()
            thread.join()
            self.settling = None

    def close(self) -> None:
        self._stop_settling()
        with self.lock:
            if self.stage:
                shutil.rmtree(self.stage, ignore_errors=True)
            self.stage = None


class Watcher(FileSystemEventHandler):
    """Collects file changes and rebuilds once they have settled."""

    def __init__(self, workspace: Workspace, previews: Previews) -> None:
        self.workspace = workspace
        self.previews = previews
        self.changed: set[str] = set()
        self.pending = threading.Event()
        self.stopping = threading.Event()
        self.last_change = 0.0
        self.observer = Observer()
        self.worker = threading.Thread(target=self._run, name="pmo-rebuild", daemon=True)

    def start(self) -> None:
        for folder in (self.workspace.standards, self.workspace.docs):
            if folder.is_dir():
                self.observer.schedule(self, str(folder), recursive=True)
        self.observer.schedule(self, str(self.workspace.root), recursive=False)
        self.observer.start()
        self.worker.start()

    def stop(self) -> None:
        self.stopping.set()
        self.pending.set()
        self.observer.stop()
        self.observer.join(timeout=5)
        self.worker.join(timeout=5)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write") or event.is_directory:
            return
        paths = [Path(str(p)) for p in (event.src_path, getattr(event, "dest_path", "")) if p]
        relevant = [p for p in paths if self._relevant(p)]
        if relevant:
            self.changed.update(str(p) for p in relevant)
            self.last_change = time.monotonic()
            self.pending.set()

    def _relevant(self, path: Path) -> bool:
        if path.name.startswith(".") or path.name.endswith("~"):
            return False
        if path.parent == self.workspace.root:
            return path.name == "mkdocs.yml"
        return True

    def _run(self) -> None:
        while not self.stopping.is_set():
            self.pending.wait()
            while not self.stopping.is_set() and time.monotonic() - self.last_change < DEBOUNCE:
                time.sleep(0.1)
            if self.stopping.is_set():
                return
            self.pending.clear()
            changed, self.changed = self.changed, set()
            names = ", ".join(sorted(Path(c).name for c in changed if Path(c).exists())[:3])
            say(f"Changed: {names}; rebuilding ...")
            try:
                self.previews.rebuild(changed=[Path(c) for c in changed])
            except Exception as err:  # noqa: BLE001 - keep watching whatever happened
                say(f"pmo: error: rebuilding failed ({type(err).__name__}: {err}); still "
                    "watching for changes")


class _Handler(SimpleHTTPRequestHandler):
    """Serves the current good build, and nothing else: 503 while there is none, 404 for
    a path that leads outside it. Quiet about requests."""

    def __init__(self, previews: Previews, *args: Any, **kwargs: Any) -> None:
        self.previews = previews
        with previews.lock:  # the build this request is answered from, and its number
            self.site, self.build = previews.site, previews.build
        super().__init__(*args, directory=str(self.site or _NOWHERE), **kwargs)

    def send_head(self) -> Any:
        """The one place GET and HEAD open what they send."""
        if self.path.split("?")[0] == BUILD_PATH:
            return self._send_bytes(str(self.build).encode(), "text/plain; charset=utf-8")
        if self.site is None:
            self.send_error(HTTPStatus.SERVICE_UNAVAILABLE,
                            "No good build yet: see the errors in the terminal running pmo serve")
            return None
        root = self.site.resolve()
        if not Path(self.translate_path(self.path)).resolve().is_relative_to(root):
            self.send_error(HTTPStatus.NOT_FOUND, "Not in the site")
            return None
        self.previews.ensure(self.path.split("?")[0].split("#")[0])
        page = Path(self.translate_path(self.path))
        if page.is_dir() and self.path.split("?")[0].endswith("/"):
            page = page / "index.html"
        if page.suffix == ".html" and page.is_file():
            html = page.read_text("utf-8", errors="replace")
            script = RELOAD_SCRIPT.format(build=self.build, path=BUILD_PATH)
            at = html.rfind("</body>")
            html = html[:at] + script + html[at:] if at != -1 else html + script
            return self._send_bytes(html.encode("utf-8"), "text/html; charset=utf-8")
        return super().send_head()

    def _send_bytes(self, body: bytes, content_type: str) -> io.BytesIO:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Requests are not logged; the terminal is for build messages."""
