"""The generated mkdocs configuration: the workspace's mkdocs.yml plus what the build knows.

The base file is read as plain data; tags such as `!ENV` or
`!!python/name:...` are kept as they are and written back unchanged. The build
sets the paths (docs, site, theme overrides, snippets), the navigation, the
header variables, the repository links and the settings the handbook relies on
(macro errors fail the build, ids with hyphens stay whole in search).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.errors import BuildError
from generator.model import Handbook
from generator.site.engines import ZENSICAL_SITE_DIR
from generator.site.plain_text import html_text

SEARCH_SEPARATOR = r'[\s,;:!?=()\[\]"/|]+|\.(?!\d)'
MACROS_MODULE = "generator.site.macros"
HTML_BLOCKS_EXTENSION = "generator.site.html_blocks"
DATA_FILE = "handbook-data.json"


@dataclass(frozen=True, slots=True)
class Tagged:
    """A YAML value with a tag the build does not interpret (`!ENV`, `!!python/name:`)."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)
_Dumper.add_representer(Tagged, _represent_tagged)


@dataclass(frozen=True, slots=True)
class ConfigPaths:
    """Where the generated config points."""

    root: Path            # the temporary tree; the config and the macro data live here
    docs_dir: Path
    site_dir: Path
    includes_dir: Path    # snippets base path (glossary abbreviations)
    abbreviations: str    # file name below includes_dir, appended to every page
    overrides: Path       # the package's theme overrides


def read_base_config(path: Path) -> dict[str, Any]:
    """The workspace's mkdocs.yml as data (tags kept)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506
    except (OSError, yaml.YAMLError) as err:
        raise BuildError(f"{path}: cannot read the site configuration ({err}); fix mkdocs.yml "
                         "or delete it to use the default one") from err
    if not isinstance(data, dict):
        raise BuildError(f"{path}: the site configuration must be a mapping of settings")
    return data


def make_config(base: dict[str, Any], handbook: Handbook, paths: ConfigPaths, *,
                base_dir: Path, nav: list[Any], not_in_nav: list[str],
                hand_written: list[str] | None = None,
                versioned: bool = False, grouped_nav: bool = False,
                engine: str = "mkdocs") -> dict[str, Any]:
    """The configuration the build runs: `base` plus paths, nav and handbook data.

    The same settings serve both site engines except these: Zensical (0.0.73) stops on
    an absolute docs_dir and refuses a site_dir outside the config's folder, so for it
    both are relative to `paths.root` (the site is moved out after the build); it gets
    no `pmo` plugin (the mkdocs engine's, generator.site.mkdocs_plugin); its theme is
    the `classic` variant, Material's look, which the overrides and pmo.css are for.

    With `grouped_nav` (a large handbook), sections are no longer all expanded
    in the sidebar: with `navigation.prune`, a page then only carries its own
    section's groups and pages, so the site grows linearly with the standards.
    Macros run on the `hand_written` pages (paths below docs/) and on no other:
    a standard's text is never evaluated, even if its page's front matter broke.
    """
    config = copy.deepcopy(base)
    settings = handbook.settings
    # Plain text from handbook.yaml, HTML-escaped: the theme prints these as they are.
    config.update(site_name=html_text(settings.title), docs_dir=str(paths.docs_dir),
                  site_dir=str(paths.site_dir), nav=nav, strict=True)
    if engine == "zensical":
        config.update(docs_dir=paths.docs_dir.relative_to(paths.root).as_posix(),
                      site_dir=ZENSICAL_SITE_DIR)
    config["copyright"] = config.get("copyright") or f"© {html_text(settings.organisation)}"
    if settings.site_url:
        config["site_url"] = settings.site_url
    _set_repository(config, handbook)
    if not_in_nav:
        config["not_in_nav"] = "\n".join(f"/{p}" for p in not_in_nav)
    _set_theme(config, paths, base_dir, grouped_nav)
    if engine == "zensical":
        config["theme"].setdefault("variant", "classic")
    _set_plugins(config, hand_written or [], engine)
    _set_snippets(config, paths, base_dir)
    extra = dict(config.get("extra") or {})
    extra.update(organisation=html_text(settings.organisation),
                 handbook_title=html_text(settings.title),
                 handbook_version=settings.version, pmo_type=settings.pmo_type)
    if versioned:
        extra["version"] = {**dict(extra.get("version") or {}), "provider": "mike"}
    config["extra"] = extra
    return config


def write_config(config: dict[str, Any], target: Path) -> Path:
    target.write_text(yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True),
                      encoding="utf-8")
    return target


def _set_repository(config: dict[str, Any], handbook: Handbook) -> None:
    settings = handbook.settings
    if settings.repository_url:
        config["repo_url"] = settings.repository_url
        config["edit_uri"] = f"{settings.edit_uri or 'edit/main/'}docs/"
    else:
        config.pop("repo_url", None)
        config.pop("edit_uri", None)


def _set_theme(config: dict[str, Any], paths: ConfigPaths, base_dir: Path,
               grouped_nav: bool) -> None:
    theme = config.get("theme")
    theme = {"name": theme} if isinstance(theme, str) else dict(theme or {"name": "material"})
    if grouped_nav:
        features = [f for f in theme.get("features") or [] if f != "navigation.sections"]
        theme["features"] = [*features, *(["navigation.prune"]
                                          if "navigation.prune" not in features else [])]
    custom = theme.get("custom_dir")
    own = (base_dir / custom).resolve() if isinstance(custom, str) else None
    theme["custom_dir"] = str(own if own is not None and own.is_dir() else paths.overrides)
    config["theme"] = theme


def _plugin_entries(config: dict[str, Any]) -> list[Any]:
    plugins = config.get("plugins")
    if plugins is None:
        return ["search"]
    if isinstance(plugins, dict):
        return [{name: options} for name, options in plugins.items()]
    return list(plugins)


def _set_plugins(config: dict[str, Any], hand_written: list[str], engine: str) -> None:
    """Search keeps hyphenated ids whole; macros run on hand-written pages only and fail
    the build on error; the mkdocs engine gets its `pmo` plugin."""
    entries = _plugin_entries(config)
    names = [e if isinstance(e, str) else next(iter(e)) for e in entries]
    if engine != "mkdocs" and "pmo" in names:
        entries = [e for e, n in zip(entries, names, strict=True) if n != "pmo"]
        names = [n for n in names if n != "pmo"]
    for required in ("search", "macros", *(("pmo",) if engine == "mkdocs" else ())):
        if required not in names:
            entries.append(required)
            names.append(required)
    result = []
    for entry, name in zip(entries, names, strict=True):
        options = {} if isinstance(entry, str) else dict(entry[name] or {})
        if name == "search":
            options.setdefault("separator", SEARCH_SEPARATOR)
        elif name == "macros":
            # the handbook's own module is always loaded (under its current name)
            modules = [m for m in options.get("modules") or [] if not m.startswith("generator.")]
            modules.append(MACROS_MODULE)
            options.update(modules=modules, on_error_fail=True, render_by_default=False,
                           force_render_paths="\n".join(f"/{p}" for p in hand_written))
            options.setdefault("on_undefined", "strict")
        result.append({name: options})
    config["plugins"] = result


def _set_snippets(config: dict[str, Any], paths: ConfigPaths, base_dir: Path) -> None:
    """Append the glossary abbreviations to every page (abbr + pymdownx.snippets)."""
    extensions = list(config.get("markdown_extensions") or [])
    names = [e if isinstance(e, str) else next(iter(e)) for e in extensions]
    if "abbr" not in names:
        extensions.append("abbr")
    if HTML_BLOCKS_EXTENSION not in names:
        extensions.append(HTML_BLOCKS_EXTENSION)
    options: dict[str, Any] = {}
    if "pymdownx.snippets" in names:
        index = names.index("pymdownx.snippets")
        entry = extensions.pop(index)
        options = {} if isinstance(entry, str) else dict(entry["pymdownx.snippets"] or {})
    base_path = options.get("base_path", [])
    base_path = [base_path] if isinstance(base_path, str) else list(base_path)
    options["base_path"] = [str(paths.includes_dir),
                            *(str(base_dir / p) for p in base_path)]
    options["auto_append"] = [*list(options.get("auto_append") or []), paths.abbreviations]
    options["check_paths"] = True
    extensions.append({"pymdownx.snippets": options})
    config["markdown_extensions"] = extensions
