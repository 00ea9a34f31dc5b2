"""Versions are exactly MAJOR.MINOR.PATCH: nothing before, nothing after, not even a newline."""

from __future__ import annotations

import pytest

from generator.errors import PmoError
from generator.shared.semver import is_semver, parse_semver


@pytest.mark.parametrize("text", ["1.1.0\n", "\n1.1.0", " 1.1.0", "1.1.0 ", "../../x", "1.1",
                                  "01.1.0", "1.1.0-rc1", "v1.1.0", "1.1.0/..", "", "١.٢.٣"])
def test_anything_but_x_y_z_is_not_a_version(text: str) -> None:
    assert not is_semver(text)
    with pytest.raises(PmoError, match="is not a version: write MAJOR.MINOR.PATCH"):
        parse_semver(text)


def test_x_y_z_is_a_version() -> None:
    assert is_semver("10.0.3") and parse_semver("10.0.3") == (10, 0, 3)
