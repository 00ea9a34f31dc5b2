"""Fixtures the browser tests share: one Chromium per module, and the shipped handbook's
built site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from generator.pipeline.workspace import Workspace
from tests.support.browser import chromium, served


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(built: Workspace) -> Iterator[str]:
    with served(built.site) as url:
        yield url
