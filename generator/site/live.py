"""The site of `pmo serve`: built once in this process with mkdocs, then kept up to date
page by page (the mkdocs engine; mkdocs 1.6, as generator.site.prerender).

`render` builds the site as `render_site` does (the same tree, the same mkdocs steps
and plugins, the same bytes), keeping mkdocs' objects: its config, files, navigation,
theme and every page's search entries. `update` takes a new model: it renders the
changed standards' own pages first, so that the page an author is editing is on disk
at once, rebuilds the navigation if it changed, and marks every other page
unchecked. An unchecked page is checked before it is served (`ensure`: its
Markdown rendered again from the model and compared, its theme rendered again when
its content or the navigation changed), and a background pass (`settle`) checks the
rest and then writes the search index. No page is served from an older model.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs import utils as mkdocs_utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page

from generator.errors import BuildError
from generator.model import Handbook, page_path
from generator.model.render_inputs import RenderInputs
from generator.shared.parallel import gc_paused
from generator.site.macros import DATA_FILE, define_env
from generator.site.page_halves import Warnings, search_index
from generator.site.pages import list_downloads, page_texts, site_navigation, write_page
from generator.site.render import Tree, write_macro_data, write_tree

SEARCH_INDEX = "search/search_index.json"


class LiveSite:
    """One site, built in this process and brought up to date page by page."""

    def __init__(self, root: Path) -> None:
        self.root = root                      # holds the tree
        self.lock = threading.RLock()
        self.tree: Tree | None = None
        self.config: MkDocsConfig | None = None
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: Any = None
        self.handbook: Handbook | None = None
        self.inputs: RenderInputs | None = None
        self.markdown: dict[str, str] = {}          # generated pages' text, by src_uri
        self.entries: dict[str, list[Any]] = {}     # search entries, by src_uri
        self.themed: dict[str, str] = {}            # what each page was themed from
        self.unchecked: list[str] = []              # src_uris, in build order
        self.nav_version = ""
        self.search_written = True
        self.static_stale = False                   # 404.html and the sitemap show the nav
        self.wanted = 0                             # callers waiting for the lock

    # The first build --------------------------------------------------------------------

    def render(self, handbook: Handbook, out_dir: Path, inputs: RenderInputs) -> list[Path]:
        """Build the site into `out_dir` (a renderer, as `render_site`)."""
        with self.lock, gc_paused():
            shutil.rmtree(self.root, ignore_errors=True)
            self.root.mkdir(parents=True)
            self.handbook, self.inputs = handbook, inputs
            self.tree = write_tree(handbook, self.root, out_dir, inputs, "mkdocs")
            self.markdown = {path: (self.tree.docs_dir / path).read_text("utf-8")
                             for path in self.tree.texts}
            with _strict():
                self._build()
        return sorted(p for p in out_dir.rglob("*") if p.is_file())

    def _build(self) -> None:
        """mkdocs' `build`, its steps kept apart so that its objects stay."""
        assert self.tree is not None
        config = load_config(str(self.tree.config_file))
        config.plugins.on_startup(command="build", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins["pmo"].share_pages = False  # type: ignore[attr-defined] # entries kept here
        config.plugins.on_pre_build(config=config)
        mkdocs_utils.clean_directory(config.site_dir)
        files = mkdocs_build.get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        mkdocs_build.set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        for file in files.documentation_pages():
            if file.page is None:
                Page(None, file, config)
            assert file.page is not None
            mkdocs_build._populate_page(file.page, config, files)
        env = config.plugins.on_env(env, config=config, files=files)
        files.copy_static_files()
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self._static()
        self.nav_version = self._nav_version()
        for file in files.documentation_pages():
            self._theme(file)
        for file in files.documentation_pages():
            assert file.page is not None
            file.page.validate_anchor_links(files=files,
                                            log_level=config.validation.links.anchors)
        self._write_search()
        self.unchecked = []

    # Updates -----------------------------------------------------------------------------

    def update(self, handbook: Handbook, changed: set[str]) -> None:
        """Take a new model in which the standards `changed` (ids) differ: their pages
        are brought up to date now, every other page when it is asked for or `settle`
        comes to it."""
        with self._first(), _strict(), gc_paused():
            assert self.tree is not None and self.inputs is not None and self.files
            self.handbook = handbook
            docs = self.tree.docs_dir
            downloads = list_downloads(handbook, self.inputs.files)
            assert self.config is not None
            texts = page_texts(handbook, docs, self.tree.env, downloads,
                               site_url=handbook.settings.site_url,
                               directory_urls=self.config["use_directory_urls"])
            write_macro_data(handbook, downloads, self.root / DATA_FILE)
            macros: Any = self.config.plugins["macros"]  # the hand-written pages' data, anew
            define_env(macros)
            macros.env.globals.update(macros.macros)
            self.tree = Tree(self.tree.config_file, docs, self.tree.env, texts)
            first = [page_path(handbook.by_id[i]) for i in sorted(changed)]
            for uri in first:
                self._read(uri)
            navigation = site_navigation(handbook, docs, texts)["nav"]
            if navigation != self.config["nav"]:
                self.config["nav"] = navigation
                self.nav = get_navigation(self.files, self.config)
            version = self._nav_version()
            if version != self.nav_version:
                self.nav_version = version
                self.env.globals["pmo_nav_memo"] = {}
                self.static_stale = True
            order = [f.src_uri for f in self.files.documentation_pages()]
            self.unchecked = [uri for uri in order if uri not in first]
            for uri in first:
                self._theme(self.files.get_file_from_path(uri))
            self.search_written = False

    def ensure(self, src_uri: str) -> None:
        """Check one page before it is served."""
        with self._first():
            if src_uri in self.unchecked:
                self._check(src_uri)
                self.unchecked.remove(src_uri)

    def settle(self, stop: Callable[[], bool] = lambda: False) -> None:
        """Check every page still unchecked, then write the search index. Between pages
        it makes way for an update or a page being served (`wanted`)."""
        while True:
            if self.wanted:
                time.sleep(0.002)
                continue
            with self.lock:
                if stop():
                    return
                if not self.unchecked:
                    self.ensure_static()
                    if not self.search_written:
                        self._write_search()
                    return
                self._check(self.unchecked[0])
                self.unchecked.pop(0)

    @contextlib.contextmanager
    def _first(self) -> Iterator[None]:
        """The lock, taken before the background pass takes it for its next page."""
        self.wanted += 1
        with self.lock:
            self.wanted -= 1
            yield

    def ensure_static(self) -> None:
        """Bring the theme's own pages (404.html, the sitemap) up to date."""
        with self.lock:
            if self.static_stale:
                self._static()

    def _static(self) -> None:
        assert self.config is not None and self.files is not None and self.nav is not None
        for template in self.config.theme.static_templates:
            mkdocs_build._build_theme_template(template, self.env, self.files, self.config,
                                               self.nav)
        for template in self.config.extra_templates:
            mkdocs_build._build_extra_template(template, self.files, self.config, self.nav)
        self.static_stale = False

    def page_of(self, url_path: str) -> str | None:
        """The src_uri of the page served at `url_path` (below the site), if any."""
        with self.lock:
            if self.files is None:
                return None
            wanted = _address(url_path)
            return next((f.src_uri for f in self.files.documentation_pages()
                         if _address(f.url) == wanted), None)

    # Checking a page ---------------------------------------------------------------------

    def _check(self, uri: str) -> None:
        with _strict():
            self._read(uri)
            assert self.files is not None
            self._theme(self.files.get_file_from_path(uri))

    def _read(self, uri: str) -> None:
        """The page's Markdown from the current model; mkdocs reads and renders it again
        when it changed (a hand-written page always: its macros read the model)."""
        assert self.tree is not None and self.config is not None and self.files is not None
        render = self.tree.texts.get(uri)
        if render is not None:
            text = render()
            if text == self.markdown.get(uri):
                return
            self.markdown[uri] = text
            write_page(self.tree.docs_dir, uri, text)
        file = self.files.get_file_from_path(uri)
        assert file is not None and file.page is not None
        mkdocs_build._populate_page(file.page, self.config, self.files)

    def _theme(self, file: File | None) -> None:
        """Theme and write the page, unless nothing it shows changed; keep its search
        entries."""
        assert file is not None and file.page is not None and self.config is not None
        assert self.files is not None and self.nav is not None
        page = file.page
        shown = hashlib.sha256("\0".join((self.nav_version, page.content or "", str(page.title),
                                         repr(_toc(page.toc)), repr(page.meta))
                                        ).encode()).hexdigest()
        if self.themed.get(file.src_uri) == shown:
            return
        index = search_index(self.config)
        start = len(index.entries)
        mkdocs_build._build_page(page, self.config, self.files.documentation_pages(),
                                 self.nav, self.env)
        self.entries[file.src_uri] = index.entries[start:]
        del index.entries[start:]
        self.themed[file.src_uri] = shown
        self.search_written = False

    def _nav_version(self) -> str:
        """What every page's navigation shows: its sections, and the pages' order, titles
        and addresses."""
        assert self.config is not None and self.nav is not None
        return hashlib.sha256(repr((self.config["nav"], [(p.title, p.url)
                                                         for p in self.nav.pages])
                                   ).encode()).hexdigest()

    def _write_search(self) -> None:
        assert self.config is not None and self.files is not None
        index = search_index(self.config)
        index.entries = [e for f in self.files.documentation_pages()
                         for e in self.entries.get(f.src_uri, [])]
        data = index.generate_search_index(None)
        index.entries = []
        target = Path(self.config.site_dir) / SEARCH_INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_text(data, encoding="utf-8")
        partial.replace(target)
        self.search_written = True


@contextlib.contextmanager
def _strict() -> Iterator[None]:
    """mkdocs as `mkdocs build --strict` runs it: any warning fails the work, and so
    does a plugin that ends the process (mkdocs-macros on a macro error), with the
    messages mkdocs logged."""
    with Warnings() as warnings:
        try:
            yield
        except SystemExit as err:
            warnings.messages.append(f"the build stopped (exit status {err.code})")
    if warnings.messages:
        raise BuildError("mkdocs build failed; fix the page or standard it names:\n"
                         + "\n".join(warnings.messages[-60:]))


def _address(url: str) -> str:
    """A page's address as one form: no leading slash, no "index.html", no "./"."""
    url = url.lstrip("/").removesuffix("index.html")
    return "" if url in ("", ".", "./") else url.rstrip("/")


def _toc(items: Any) -> list[Any]:
    """A table of contents as plain values (mkdocs' objects print their address)."""
    return [(i.id, i.title, i.level, _toc(i.children)) for i in items]
