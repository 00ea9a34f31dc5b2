"""`mkdocs build`, with the pages spread over the machine's cores.

mkdocs handles pages one at a time on one core, and at 2,000 standards its two
page loops are nine tenths of the build: converting each page's Markdown, then
rendering each page through the theme and into the search index. This runs the
very same `mkdocs build` command (same CLI, configuration and output) with
each loop split into contiguous shares of about equal size: this process does
the first share while forked children do the others.

- Reading pages: a child converts its share and sends back what mkdocs keeps
  of each page (HTML, table of contents, meta, title, anchors, links to check).
- Writing pages: a child writes its share's HTML files and sends back the
  search-index entries it made; they are merged in page order.

Warnings a child logs are logged again here, so `--strict` counts them, and a
child's error fails the build with its message. Navigation, static files, the
sitemap, the search index file and the anchor checks run once, here, as in
mkdocs. The build is plain mkdocs with one core, a small site, `--dirty`, or
a plugin other than search and macros (whose state this module knows).
`PMO_SITE_WORKERS=1` forces it; another number sets how many processes share
the pages.

The loops replace two private functions of mkdocs (`_populate_page`, `_build_page`),
so they run only on the mkdocs version they were written for (`WRITTEN_FOR`); on any
other the build is plain `mkdocs build`, after a one-line notice. At 2,000 standards
on two cores they halve the build's wall time (README, "Speed").

Run as `python -m generator.site.mkdocs_build build ...`, with `mkdocs build`'s options.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import pickle
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

import mkdocs
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.shared.children import die_with_parent
from generator.shared.parallel import can_fork, worker_count

MIN_PAGES_PER_WORKER = 16
# Rough cost of a page, in bytes of its Markdown (reading) or HTML (writing): a fixed
# part per page, then its size. Measured at 2,000 standards, where an ordinary page
# costs about as much as 20 KB of a tailoring view's raw HTML.
READ_COST_PER_PAGE = 20_000
WRITE_COST_PER_PAGE = 30_000
WRITE_BYTES_PER_COST = 8
KNOWN_PLUGINS = frozenset({"search", "material/search", "macros", "pmo"})
# Page attributes that point at other objects of the site: never sent back.
_LINKS = frozenset({"file", "parent", "children", "previous_page", "next_page",
                    "links_to_anchors"})

WRITTEN_FOR = "1.6."  # the mkdocs versions whose page loops ParallelBuild replaces
NOTICE = "pmo: notice:"
log = logging.getLogger("mkdocs.pmo")
_populate_page = mkdocs_build._populate_page
_build_page = mkdocs_build._build_page


@dataclass
class _Outcome:
    """What a child sends back: its log records, then its result or its error."""

    records: list[tuple[str, int, str]]
    result: Any = None
    error: BaseException | None = None


@dataclass
class _Loop:
    """One of mkdocs' page loops, its later shares running in forked children."""

    owner: dict[str, int]                    # page src_uri -> share (0 is ours)
    children: dict[int, tuple[BaseProcess, Connection]]
    apply: Callable[[Any], None]

    @classmethod
    def start(cls, what: str, files: Sequence[File], weights: Sequence[int], workers: int,
              run: Callable[[list[File]], Any], apply: Callable[[Any], None]) -> _Loop:
        shares = _split(list(files), list(weights), workers)
        context = mp.get_context("fork")
        children: dict[int, tuple[BaseProcess, Connection]] = {}
        for index, share in enumerate(shares[1:], start=1):
            receiving, sending = context.Pipe(duplex=False)
            process = context.Process(target=_child, args=(sending, run, share, os.getpid()),
                                      daemon=True)
            process.start()
            sending.close()
            children[index] = (process, receiving)
        owner = {f.src_uri: i for i, share in enumerate(shares) for f in share}
        log.info(f"{what} {len(files)} pages on {len(shares)} processes")
        return cls(owner=owner, children=children, apply=apply)

    def ours(self, file: File) -> bool:
        return self.owner.get(file.src_uri, 0) == 0

    def collect(self, file: File) -> None:
        """Wait for the child whose share holds `file`, once; replay its logs, apply it."""
        index = self.owner[file.src_uri]
        if index not in self.children:
            return
        process, connection = self.children.pop(index)
        try:
            outcome: _Outcome = connection.recv()
        except EOFError:
            outcome = _Outcome([], error=PluginError(
                f"a build process stopped without a result (exit code {process.exitcode})"))
        finally:
            connection.close()
            process.join()
        for name, level, message in outcome.records:
            logging.getLogger(name).log(level, message)
        if outcome.error is not None:
            self.stop()
            raise outcome.error
        self.apply(outcome.result)

    def stop(self) -> None:
        for process, connection in self.children.values():
            process.terminate()
            connection.close()
        self.children.clear()


def _split(files: list[File], weights: list[int], parts: int) -> list[list[File]]:
    """`files` cut into `parts` contiguous shares of about equal total weight."""
    total = sum(weights)
    shares: list[list[File]] = [[] for _ in range(parts)]
    running = 0
    for file, weight in zip(files, weights, strict=True):
        index = min(parts - 1, running * parts // max(total, 1))
        shares[index].append(file)
        running += weight
    return [share for share in shares if share] or [[]]


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _child(connection: Connection, run: Callable[[list[File]], Any], share: list[File],
           parent: int) -> None:
    """In a forked child: run the share with mkdocs' log captured, send the outcome; die
    with the `parent` build."""
    die_with_parent(parent)
    logger = logging.getLogger("mkdocs")
    capture = _Capture()
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
    logger.addHandler(capture)
    try:
        outcome = _Outcome(capture.records, result=run(share))
    except BaseException as err:  # noqa: BLE001 - every failure goes back to the parent
        outcome = _Outcome(capture.records, error=_portable(err))
    try:
        connection.send(outcome)
    except (pickle.PicklingError, TypeError, AttributeError) as err:
        connection.send(_Outcome(capture.records, error=PluginError(
            f"a build process could not send its result back: {err}")))
    connection.close()


def _portable(err: BaseException) -> BaseException:
    """`err` if it survives pickling, else a PluginError with its message."""
    try:
        pickle.loads(pickle.dumps(err))
    except Exception:  # noqa: BLE001 - any failure to round-trip
        return PluginError(f"{type(err).__name__}: {err}")
    return err


class ParallelBuild:
    """Replacements for mkdocs' `_populate_page` and `_build_page` that share the pages."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.reading: _Loop | None = None
        self.read: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
        self.writing: _Loop | None = None
        self.serial = workers < 2 or not can_fork()
        self.shares = 1

    def install(self) -> None:
        mkdocs_build._populate_page = self.populate_page  # type: ignore[assignment]
        mkdocs_build._build_page = self.build_page  # type: ignore[assignment]

    def _parallel(self, config: MkDocsConfig, count: int, dirty: bool) -> bool:
        self.shares = min(self.workers, count // MIN_PAGES_PER_WORKER)
        self.serial = (self.serial or self.shares < 2 or dirty
                       or not set(config.plugins) <= KNOWN_PLUGINS)
        return not self.serial

    # Reading: Markdown to HTML ------------------------------------------------

    def populate_page(self, page: Page, config: MkDocsConfig, files: Files,
                      dirty: bool = False) -> None:
        if self.reading is None and not self.serial:
            pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
            if self._parallel(config, len(pages), dirty) and pages[0] is page.file:
                self.reading = _Loop.start(
                    "Reading", pages, [_read_cost(f) for f in pages], self.shares,
                    run=lambda share: _read_share(share, config, files),
                    apply=self.read.update)
            else:
                self.serial = True
        if self.reading is None or self.reading.ours(page.file):
            _populate_page(page, config, files, dirty)
            return
        self.reading.collect(page.file)
        attributes, anchors = self.read.pop(page.file.src_uri)
        vars(page).update(attributes)
        if anchors is not None:
            targets = {uri: files.get_file_from_path(uri) for uri in anchors}
            page.links_to_anchors = {target: anchors[uri] for uri, target in targets.items()
                                     if target is not None}

    # Writing: theme templates and the search index -------------------------------

    def build_page(self, page: Page, config: MkDocsConfig, doc_files: Sequence[File],
                   nav: Any, env: Any, dirty: bool = False, excluded: bool = False) -> None:
        if self.writing is None and not self.serial and doc_files and doc_files[0] is page.file:
            index = _search_entries(config)
            self.writing = _Loop.start(
                "Writing", doc_files, [_write_cost(f) for f in doc_files], self.shares,
                run=lambda share: _write_share(share, config, doc_files, nav, env),
                apply=lambda entries: index.extend(entries) if index is not None else None)
        if self.writing is None or self.writing.ours(page.file):
            _build_page(page, config, doc_files, nav, env, dirty, excluded)
            return
        self.writing.collect(page.file)


def _read_cost(file: File) -> int:
    try:
        return READ_COST_PER_PAGE + os.path.getsize(file.abs_src_path or "")
    except OSError:
        return READ_COST_PER_PAGE


def _write_cost(file: File) -> int:
    html = file.page.content if file.page is not None else None
    return WRITE_COST_PER_PAGE + len(html or "") // WRITE_BYTES_PER_COST


def _read_share(share: list[File], config: MkDocsConfig,
                files: Files) -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    result = {}
    for file in share:
        page = file.page if file.page is not None else Page(None, file, config)
        before = dict(vars(page))
        _populate_page(page, config, files)
        attributes = {key: value for key, value in vars(page).items()
                      if key not in _LINKS and (key not in before or before[key] is not value)}
        anchors = page.links_to_anchors
        result[file.src_uri] = (attributes, None if anchors is None else
                                {target.src_uri: links for target, links in anchors.items()})
    return result


def _write_share(share: list[File], config: MkDocsConfig, doc_files: Sequence[File],
                 nav: Any, env: Any) -> list[Any]:
    index = _search_entries(config)
    start = len(index) if index is not None else 0
    for file in share:
        assert file.page is not None
        _build_page(file.page, config, doc_files, nav, env,
                    excluded=file.inclusion.is_excluded())
    return index[start:] if index is not None else []


def _search_entries(config: MkDocsConfig) -> list[Any] | None:
    """The search plugin's list of index entries, if the site has search."""
    for plugin in config.plugins.values():
        search_index = getattr(plugin, "search_index", None)
        if isinstance(getattr(search_index, "entries", None), list):
            return search_index.entries  # type: ignore[union-attr]
    return None


def main() -> None:
    from mkdocs.__main__ import cli

    try:
        workers = worker_count()
    except ValueError as err:
        raise SystemExit(str(err)) from err
    if fits(mkdocs.__version__):
        ParallelBuild(workers).install()
    elif workers > 1:
        print(f"{NOTICE} mkdocs {mkdocs.__version__} is not the {WRITTEN_FOR}x the shared page "
              "loops were written for: building on one core with plain mkdocs (slower)",
              file=sys.stderr, flush=True)
    cli(prog_name="mkdocs")


def fits(version: str) -> bool:
    """Whether ParallelBuild may replace mkdocs' page loops in this mkdocs version."""
    return version.startswith(WRITTEN_FOR)


if __name__ == "__main__":
    # Run the imported module, not this __main__ copy: what children send back
    # must pickle as generator.site.mkdocs_build classes.
    import importlib

    importlib.import_module("generator.site.mkdocs_build").main()
