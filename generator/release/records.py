"""Which releases are recorded, and whether their manifests are as released.

A manifest is written once, by `pmo release`, and never edited: the version rules,
`pmo diff`, release notes and kit checks all trust it. So before any of them reads
one, its record is checked:

- in git, each manifest must equal, byte for byte, its copy in the commit tagged
  `handbook-X.Y.Z` (the release commit), and every tagged manifest must still be
  there. The tag is the record nobody edits by accident; a rewritten manifest is
  refused with the command that restores it. A manifest without its tag cannot be
  checked: `pmo validate` warns (a clone without tags, such as CI's shallow
  checkout, still validates the standards) and `pmo release` refuses it (a release
  must build on a history that can be checked, and tags it);
- in and outside git, every release CHANGELOG.md lists must still have its manifest,
  so deleting a manifest cannot make the version rules forget a release.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problem
from generator.release.git import files_at_tags, git_root, release_tag, release_tags
from generator.release.manifest import list_releases, manifests_dir
from generator.shared.semver import is_semver, parse_semver

CHANGELOG = "CHANGELOG.md"
_SECTION = re.compile(r"^## ([^\s(]+) \(", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Records:
    """What records the releases of the handbook whose standards are in `standards_dir`."""

    standards_dir: Path
    manifests: tuple[str, ...]              # versions with a manifest file, oldest first
    changelog: tuple[str, ...]              # versions with a CHANGELOG.md section
    tagged: tuple[str, ...] | None          # versions with a release tag; None outside git
    problems: tuple[Problem, ...] = ()      # manifests that are not as released
    untagged: tuple[str, ...] = ()          # manifests without their tag (in git)

    def recorded(self) -> list[str]:
        """Every version a record says was released, oldest first."""
        versions = {*self.manifests, *self.changelog, *(self.tagged or ())}
        return sorted(versions, key=parse_semver)

    def warnings(self) -> list[Problem]:
        """One per manifest that cannot be checked: validate warns, a release refuses."""
        return [Problem(manifest_name(self.standards_dir, v), 0, 0, "",
                        f"has no git tag {release_tag(v)}, so it cannot be checked against its "
                        "release: fetch the tags (`git fetch --tags`; in CI, check out with "
                        "tags) or, if the release commit was never tagged, tag it "
                        f"(`git tag {release_tag(v)} <commit>`)") for v in self.untagged]


def manifest_name(standards_dir: Path, version: str) -> str:
    """A manifest's path as the user types it in the handbook repository."""
    return f"{standards_dir.name}/releases/{version}.json"


def changelog_versions(text: str) -> list[str]:
    """The versions of the release sections (`## X.Y.Z (date)`) of CHANGELOG.md's text."""
    return [v for v in _SECTION.findall(text) if is_semver(v)]


def read_records(standards_dir: Path) -> Records:
    """The release records of the handbook, with a located problem for each manifest that
    is not as released."""
    manifests = list_releases(manifests_dir(standards_dir))
    changelog_file = standards_dir.parent / CHANGELOG
    try:
        changelog = changelog_versions(changelog_file.read_text(encoding="utf-8",
                                                                errors="replace"))
    except OSError:
        changelog = []
    tagged = release_tags(standards_dir) if git_root(standards_dir) else None
    problems: list[Problem] = []
    untagged: list[str] = []
    if tagged is not None:
        problems += _compare_with_tags(standards_dir, manifests, tagged)
        untagged = [v for v in manifests if v not in tagged]
    for version in sorted(set(changelog) - set(manifests) - set(tagged or ()),
                          key=parse_semver):
        problems.append(Problem(
            manifest_name(standards_dir, version), 0, 0, "",
            f"{CHANGELOG} records release {version} but its manifest is missing: released "
            "manifests are never deleted (the version rules compare with them); restore it "
            "from your backup or version control"))
    return Records(standards_dir, tuple(manifests), tuple(changelog),
                   None if tagged is None else tuple(tagged), tuple(problems), tuple(untagged))


def _compare_with_tags(standards_dir: Path, manifests: list[str],
                       tagged: list[str]) -> list[Problem]:
    """A problem for each manifest that differs from its tag's copy or is gone."""
    releases = manifests_dir(standards_dir)
    released = files_at_tags(standards_dir,
                             [(release_tag(v), f"releases/{v}.json") for v in tagged])
    problems = []
    for version, content in zip(tagged, released, strict=True):
        name, tag = manifest_name(standards_dir, version), release_tag(version)
        restore = f"restore it with `git checkout {tag} -- {name}`"
        if version not in manifests:
            if content is not None:  # else the tag is not of this handbook's releases
                problems.append(Problem(name, 0, 0, "", f"is missing, but {tag} released it: "
                                        "released manifests are never deleted (the version "
                                        f"rules compare with them); {restore}"))
            continue
        if content is None:
            problems.append(Problem(name, 0, 0, "", f"is not in the commit tagged {tag}: the "
                                    "tag must mark the release commit that wrote it; find that "
                                    f"commit with `git log --diff-filter=A -- {name}` and ask "
                                    "whoever keeps the release tags"))
            continue
        try:
            current = (releases / f"{version}.json").read_bytes()
        except OSError as err:
            current = f"unreadable: {err}".encode()
        if current != content:
            problems.append(Problem(name, 0, 0, "", f"differs from the one tagged {tag}: "
                                    f"released manifests are never edited; {restore}"))
    return problems
