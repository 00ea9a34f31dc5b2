"""The one way a Jinja environment is set up: every renderer's templates share its rules.

Output is Markdown, text or code: nothing is autoescaped, so a renderer escapes what it
inserts into HTML itself. A template that writes HTML itself (the portfolio dashboard)
asks for `autoescape=True`, so every value is escaped unless marked safe. Block tags take
their own line away (`trim_blocks`, `lstrip_blocks`), an unknown variable is an error, and
a template's final newline is kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2

from generator.shared.resources import TEMPLATES_DIR

__all__ = ["TEMPLATES_DIR", "create_environment"]



def create_environment(folder: Path, *, filters: Mapping[str, Callable[..., Any]] | None = None,
                       globals: Mapping[str, Any] | None = None,
                       autoescape: bool = False) -> jinja2.Environment:
    """An environment loading templates from `folder`, with the shared whitespace rules."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)), undefined=jinja2.StrictUndefined,
        autoescape=autoescape, trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True)
    env.filters.update(filters or {})
    env.globals.update(globals or {})
    return env
