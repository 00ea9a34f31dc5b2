"""The programs that build the site from the generated tree: mkdocs (Material for
MkDocs, the default) and Zensical (its successor from the same team, which reads the
same mkdocs.yml, theme overrides and Markdown extensions).

Both run as child processes on the tree's generated config, in strict mode: a warning
(a broken link or anchor) or a macro error fails the build with the lines worth
reading. Zensical builds into the tree (it refuses a site folder outside the config's
folder); the site is then moved where it was asked for.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.errors import BuildError
from generator.shared.children import run_child

ENGINES = ("mkdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"
ENGINE_VARIABLE = "PMO_SITE_ENGINE"
TIMEOUT = 1800
ZENSICAL_SITE_DIR = "site"  # below the tree: Zensical builds there, the site is moved out
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
# what the mkdocs engine's plugin says, as mkdocs logs it (generator.site.mkdocs_plugin)
_NOTICE = re.compile(r"^INFO\s+-\s+(pmo: .*)$", re.M)


def chosen_engine(value: str | None = None) -> str:
    """The engine `value` names, else PMO_SITE_ENGINE's, else mkdocs; a BuildError
    for any other name."""
    name = (value or os.environ.get(ENGINE_VARIABLE, "")).strip().lower() or DEFAULT_ENGINE
    if name not in ENGINES:
        source = "--engine" if value else ENGINE_VARIABLE
        raise BuildError(f"{source}={name!r} is not a site engine: use one of "
                         f"{', '.join(ENGINES)}")
    return name


def run_engine(engine: str, config_file: Path, site_dir: Path) -> None:
    if engine == "zensical":
        run_zensical(config_file, site_dir)
    else:
        run_mkdocs(config_file)


def run_mkdocs(config_file: Path) -> None:
    """`mkdocs build --strict` on the generated config, with the mkdocs engine's plugin
    (generator.site.mkdocs_plugin); a warning or macro error fails it."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
               "--config-file", str(config_file)]
    _run("mkdocs", command, config_file)


def run_zensical(config_file: Path, site_dir: Path) -> None:
    """`zensical build --strict` on the generated config (its site_dir is
    ZENSICAL_SITE_DIR below the tree); the site is then moved to `site_dir`."""
    command = [sys.executable, "-m", "zensical", "build", "--strict", "--clean",
               "--config-file", str(config_file)]
    _run("zensical", command, config_file)
    built = config_file.parent / ZENSICAL_SITE_DIR
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(built, site_dir)


def _run(engine: str, command: list[str], config_file: Path) -> str:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "NO_COLOR": "1"}
    try:
        result = run_child(command, cwd=config_file.parent, env=env, timeout=TIMEOUT)
    except subprocess.TimeoutExpired as err:
        raise BuildError(f"{engine} build took over {TIMEOUT} s and was stopped") from err
    except FileNotFoundError as err:
        raise BuildError(f"cannot start {engine} ({err}); reinstall PMO Handbook with "
                         "`pip install -e .`") from err
    if result.returncode != 0:
        raise BuildError(f"{engine} build failed; fix the page or standard it names:\n"
                         + problems(result.stdout + result.stderr))
    for notice in notices(result.stdout + result.stderr):
        print(notice, file=sys.stderr, flush=True)
    return result.stdout + result.stderr


def notices(output: str) -> list[str]:
    """What the mkdocs engine's plugin says of a successful build (a shortcut not taken,
    work shared with a second process), one line each."""
    return _NOTICE.findall(_ANSI.sub("", output))


def problems(output: str) -> str:
    """The lines of a build's output worth showing: warnings, errors and macro messages,
    without colours (Zensical ignores NO_COLOR), informational lines or the body of a
    Python traceback (its last line, the error, stays)."""
    keep: list[str] = []
    traceback = False
    for line in _ANSI.sub("", output).splitlines():
        if line.startswith("Traceback (most recent call last)"):
            traceback = True
            continue
        if traceback and (line.startswith(" ") or not line.strip()):
            continue
        traceback = False
        if line.strip() and "end of life" not in line.lower() \
                and not line.startswith(("INFO", "DEBUG", "Build ", "No issues found")):
            keep.append(line.removeprefix("RuntimeError: ").removeprefix("Python error: "))
    return "\n".join(keep[-60:]) or output[-4000:]
