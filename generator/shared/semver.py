"""Semantic versions MAJOR.MINOR.PATCH: the one parser every stage uses."""

from __future__ import annotations

import re

from generator.errors import PmoError

SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
LEVELS = ("patch", "minor", "major")

Version = tuple[int, int, int]


def is_semver(text: str) -> bool:
    """True when `text` is exactly MAJOR.MINOR.PATCH (no sign, no newline, no leading zero)."""
    return SEMVER.fullmatch(text) is not None


def parse_semver(version: str) -> Version:
    """(major, minor, patch) of `X.Y.Z`; PmoError for anything else."""
    match = SEMVER.fullmatch(version)
    if not match:
        raise PmoError(f"{version!r} is not a version: write MAJOR.MINOR.PATCH, e.g. 1.2.0")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def level_rank(level: str | None) -> int:
    return LEVELS.index(level) if level in LEVELS else -1


def bump_level(old: str, new: str) -> str | None:
    """The size of the step from version `old` to `new`, or None when it is not a step up."""
    a, b = parse_semver(old), parse_semver(new)
    if b <= a:
        return None
    if b[0] > a[0]:
        return "major"
    return "minor" if b[1] > a[1] else "patch"


def next_version(old: str, level: str) -> str:
    """The smallest version above `old` with a bump of `level`."""
    major, minor, patch = parse_semver(old)
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"
