"""The outputs and what each needs: the pipeline runs the renderers in order and hands
each one what the earlier ones wrote.

Every renderer has the same signature (generator.model.render_inputs): the model, the
folder to write into, and its inputs. `pmo build --only site` renders the Word files
and the kit too, because the site offers them, but publishes only the site. The
pictures (generator.figures) are drawn first and handed to the Word and site renderers
as files; they are an input only, never published on their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import BuildError
from generator.figures import render_figures
from generator.kit import render_kit
from generator.model import Handbook
from generator.model.render_inputs import RenderInputs
from generator.pipeline.workspace import Progress, Workspace
from generator.shared.parallel import worker_count
from generator.site import render_site
from generator.site.pages import list_downloads
from generator.word import render_word

Renderer = Callable[[Handbook, Path, RenderInputs], list[Path]]


@dataclass(frozen=True, slots=True)
class Output:
    name: str
    render: Renderer
    folder: str                # where it writes, below the staging folder
    needs: tuple[str, ...]     # outputs whose files it is handed
    doing: str                 # what the progress line says
    published: bool = True     # False: only an input of other outputs, never a --only target


OUTPUTS = {
    "figures": Output("figures", render_figures, "dist/figures", (), "Drawing the pictures ...",
                      published=False),
    "word": Output("word", render_word, "dist/word", ("figures",), "Writing Word documents ..."),
    "kit": Output("kit", render_kit, "dist", ("word",), "Writing the project kit ..."),
    "site": Output("site", render_site, "site", ("word", "kit", "figures"),
                   "Building the site ..."),
}
TARGETS = tuple(name for name, output in OUTPUTS.items() if output.published)


def needed(targets: Iterable[str]) -> list[str]:
    """`targets` and every output they need, in rendering order."""
    wanted: set[str] = set()
    todo = list(targets)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(OUTPUTS[name].needs)
    return [name for name in OUTPUTS if name in wanted]


def check_environment() -> None:
    """Refuse a bad PMO_SITE_WORKERS before any output is rendered."""
    try:
        worker_count()
    except ValueError as err:
        raise BuildError(str(err)) from err


def render_outputs(handbook: Handbook, workspace: Workspace, stage: Path,
                   targets: Sequence[str], progress: Progress, *,
                   versioned: bool = False,
                   built: Path | None = None,
                   extra: Mapping[str, Path] | None = None,
                   site_engine: str = "mkdocs",
                   renderers: Mapping[str, Renderer] | None = None) -> dict[str, list[Path]]:
    """Render `targets` (and what they need) into `stage` (site/ and dist/ below it), reading
    the workspace's hand-written pages and site configuration; `versioned` for a site that
    sits in a <version>/ folder of a versioned site. `built` is the dist/ folder of an
    earlier render: what `targets` need is then taken from it, not rendered again (but
    the pictures, which are no target, are drawn again).
    `extra` are files rendered outside the outputs, handed to every renderer under their
    name (a release's redlines, "redlines/<id>-<old>-to-<new>.docx"). `site_engine`
    builds the site: mkdocs or zensical. `renderers` replace outputs' own (the live
    preview's site).
    Return the paths written by output."""
    order = needed(targets)
    if "site" in order:
        check_environment()
    dist = stage / "dist"
    files: dict[str, Path] = dict(extra or {})
    if built is not None:
        # Unpublished outputs (the pictures) are cheap and follow the standards: drawn again.
        order = [name for name in order if name in targets or not OUTPUTS[name].published]
        files.update((p.relative_to(built).as_posix(), p) for p in built.rglob("*")
                     if p.is_file())
    written: dict[str, list[Path]] = {}
    for name in order:
        output = OUTPUTS[name]
        progress(output.doing)
        inputs = RenderInputs(
            files=dict(files), docs_dir=workspace.docs,
            site_config=workspace.mkdocs_yml if workspace.mkdocs_yml.is_file() else None,
            versioned=versioned, site_engine=site_engine)
        render = (renderers or {}).get(name, output.render)
        paths = render(handbook, stage / output.folder, inputs)
        files.update((p.relative_to(dist).as_posix(), p) for p in paths
                     if p.is_relative_to(dist))
        written[name] = paths
    return written


def site_downloads_in(handbook: Handbook, built: Path) -> bool:
    """Whether `built` (the dist/ folder of an earlier render) holds every Word file and
    the kit the site of `handbook` offers, so that the site alone can be rebuilt."""
    downloads = list_downloads(handbook)
    offered = [downloads.kit, downloads.handbook_word, *downloads.word.values()]
    return all((built / path.removeprefix("downloads/")).is_file() for path in offered)
