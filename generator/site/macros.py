"""mkdocs-macros module: model data for the hand-written pages in docs/.

The site build writes `handbook-data.json` beside the generated mkdocs config
(see `generator.site.render.write_macro_data`); this module reads that file, never the
standards' YAML. In a page of docs/:

    {{ handbook.version }}          {{ link("risk-management") }}
    {{ standard("raid-log").owner }}  {{ policy_table() }}   {{ kit_command() }}

An unknown id raises an error, and the build is configured to fail on it.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

DATA_FILE = "handbook-data.json"
TABLE_LIMIT = 40


class MacroError(KeyError):
    """A macro was called with something the handbook does not have."""

    def __str__(self) -> str:
        return str(self.args[0])


def define_env(env: Any) -> None:
    """Register the handbook variables and macros.

    Called once per build by mkdocs-macros, and once per page by Zensical's macros
    extension, whose `MacroEnv` has `project_dir` (the config's folder) and a page
    with a `path`, but no `conf["config_file_path"]` and no `page.file`.
    """
    data = _load_data(_project_dir(env) / DATA_FILE)
    standards: dict[str, dict[str, Any]] = data["standards"]
    env.variables["handbook"] = data["handbook"]
    env.variables["standards"] = standards
    env.variables["tiers"] = data["tiers"]
    env.variables["pmo_types"] = data["pmo_types"]
    env.variables["downloads"] = data["downloads"]

    def here() -> str:
        return posixpath.dirname(page_path(env.page)) if env.page else ""

    def rel(target: str) -> str:
        return posixpath.relpath(target, here() or ".")

    @env.macro
    def standard(standard_id: str) -> dict[str, Any]:
        """A standard's data: id, kind, title, version, status, owner, summary, dates, path."""
        if standard_id not in standards:
            raise MacroError(f"standard({standard_id!r}): no standard has this id; check the "
                             "id in standards/ (ids are lower-case, e.g. 'risk-management')")
        return standards[standard_id]

    @env.macro
    def link(standard_id: str, text: str | None = None) -> str:
        """A Markdown link from the current page to a standard's page."""
        target = standard(standard_id)
        return f"[{text or target['title']}]({rel(target['path'])})"

    @env.macro
    def page_link(path: str, text: str) -> str:
        """A Markdown link to a page below docs/ (generated ones included)."""
        return f"[{text}]({rel(path)})"

    @env.macro
    def download_link(standard_id: str | None = None, text: str | None = None) -> str:
        """A link to a standard's Word file, or to the whole handbook's without an id."""
        if standard_id is None:
            path = data["downloads"]["handbook_word"]
            return f"[{text or posixpath.basename(path)}]({rel(path)})"
        word = data["downloads"]["word"]
        if standard_id not in word:
            raise MacroError(f"download_link({standard_id!r}): only artefacts and policies have "
                             "Word files")
        return f"[{text or standard(standard_id)['title'] + ' (.docx)'}]({rel(word[standard_id])})"

    @env.macro
    def kit_command() -> str:
        """The cookiecutter command that starts a project from the kit, as a code block."""
        return f"```shell\n{data['handbook']['kit_command']}\n```"

    @env.macro
    def kit_link(text: str = "Download the project kit") -> str:
        return f"[{text}]({rel(data['downloads']['kit'])})"

    @env.macro
    def standards_table(kind: str, limit: int = TABLE_LIMIT) -> str:
        """A Markdown table of the standards of one kind in force.

        Beyond `limit` rows it links to the kind's index page instead, so that a
        handbook of thousands of standards does not repeat them on every such page.
        """
        rows = [s for s in standards.values() if s["kind"] == kind and s["status"] != "retired"]
        if len(rows) > limit:
            return (f"This handbook has {len(rows)} of them: see "
                    f"{page_link(data['index_pages'].get(kind, 'index.md'), 'the full list')}.")
        lines = ["| Title | Summary | Owner | Review by |", "|---|---|---|---|"]
        lines += [f"| {link(s['id'])} | {_cell(s['summary'])} | {_owner(s['owner'])} | "
                  f"{s['review_by']} |" for s in rows]
        return "\n".join(lines)

    @env.macro
    def policy_table() -> str:
        """A Markdown table of the policies in force."""
        return standards_table("policy")

    @env.macro
    def tier_table() -> str:
        """The project tiers with their criteria, linking to each tier's tailoring page."""
        lines = ["| Tier | Description | Criteria |", "|---|---|---|"]
        lines += [f"| {page_link(t['path'], t['name'])} | {_cell(t['description'])} | "
                  f"{_cell('; '.join(t['criteria']))} |" for t in data["tiers"]]
        return "\n".join(lines)

    @env.macro
    def obligation_words() -> str:
        """What must, should and may ask (handbook.yaml), and who approves departing from
        them on each tier: the same words as every other page, the Word documents and the
        kit."""
        words = data["obligation_words"]
        lines = [f"- **must**: {words['must']}", f"- **should**: {words['should']}",
                 f"- **may**: {words['may']}", ""]
        lines += [f"- *{r['tier']}*: {r['rule']}" for r in data["deviation_rules"]]
        return "\n".join(lines)

    def _owner(owner: str) -> str:
        return link(owner) if owner in standards else owner


def _project_dir(env: Any) -> Path:
    project_dir = getattr(env, "project_dir", None)
    if project_dir:
        return Path(project_dir)
    return Path(env.conf["config_file_path"]).parent


def page_path(page: Any) -> str:
    """The page's path below docs/ in either engine: mkdocs' `page.file.src_uri`,
    Zensical's `page.path`."""
    file = getattr(page, "file", None)
    return str(file.src_uri if file is not None else page.path)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _load_data(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise RuntimeError(f"{path}: the handbook data for macros is missing or broken ({err}); "
                           "build the site with `pmo build` or `pmo serve`, not `mkdocs` "
                           "directly") from err
    return data
