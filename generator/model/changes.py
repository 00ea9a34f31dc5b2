"""What changed in a policy or artefact between two handbook versions, as records of the
model: what a redline and a review pack are written from.

`generator.release.changes` computes them from two models (the diff of `pmo diff`, with
the old and new requirement of each change attached); the pipeline hands them to the
Word renderer, which never reads releases itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.model.handbook import Handbook
from generator.model.kinds import Requirement
from generator.model.standard import Standard

# The kinds of change a requirement can have, in the order a comment lists them.
REQUIREMENT_CHANGES = ("added", "removed", "reworded", "obligation stricter",
                       "obligation looser", "tiers changed")
REDLINED_KINDS = ("policy", "artefact")


def redline_name(standard_id: str, old_label: str, new_label: str) -> str:
    """The file name of a standard's redline: `<id>-<old>-to-<new>.docx`."""
    return f"{standard_id}-{old_label}-to-{new_label}.docx"


def review_pack_name(new_label: str) -> str:
    """The file name of a release's review pack: `release-<X.Y.Z>-review.docx`."""
    return f"release-{new_label}-review.docx"


@dataclass(frozen=True, slots=True, kw_only=True)
class RequirementChange:
    """Everything that changed in one requirement: its kinds of change (REQUIREMENT_CHANGES),
    the requirement before and after (None when added or removed), and what it affects."""

    requirement_id: str
    kinds: tuple[str, ...]
    old: Requirement | None
    new: Requirement | None
    details: tuple[str, ...]    # as `pmo diff` says them: "obligation stricter: ..."
    breaking: bool
    tiers: tuple[int, ...]      # the tiers affected
    pmo_types: tuple[str, ...]  # the PMO types affected

    @property
    def summary(self) -> str:
        """The kinds of change in words: "reworded, obligation stricter"."""
        return ", ".join(self.kinds)


@dataclass(frozen=True, slots=True, kw_only=True)
class StandardChanges:
    """One policy or artefact that changed: both versions and what changed in it."""

    standard_id: str
    kind: str
    title: str
    change: str                 # added, changed or retired
    old: Standard | None        # None when the standard is new
    new: Standard
    requirements: tuple[RequirementChange, ...]
    sections_added: tuple[str, ...]
    sections_removed: tuple[str, ...]
    reasons: tuple[str, ...]    # the history summaries of the versions since the old one
    breaking: bool

    @property
    def old_version(self) -> str | None:
        return self.old.version if self.old is not None else None

    def requirement(self, requirement_id: str) -> RequirementChange | None:
        return next((r for r in self.requirements if r.requirement_id == requirement_id), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeSet:
    """What changed from one handbook version to another, with both models: tracked
    changes are by `author` on `date`."""

    old_label: str              # a release, X.Y.Z
    new_label: str              # a release, or "current" (the working tree)
    date: date
    author: str
    old: Handbook
    new: Handbook
    standards: tuple[StandardChanges, ...]

    def file_name(self, standard_id: str) -> str:
        return redline_name(standard_id, self.old_label, self.new_label)
