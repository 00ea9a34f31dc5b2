"""Where a handbook repository keeps its sources and outputs, and how progress is told."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Workspace:
    """A handbook repository: standards/, docs/, mkdocs.yml in; site/ and dist/ out."""

    root: Path

    @property
    def standards(self) -> Path:
        return self.root / "standards"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def dist(self) -> Path:
        return self.root / "dist"


Progress = Callable[[str], None]


def print_progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def quiet(_message: str) -> None:
    """A progress callback that says nothing."""
