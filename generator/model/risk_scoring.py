"""The risk policy's scoring kept as data: the probability and impact scales and the RAG
band of every score (probability x impact).

The site's and the Word document's tables, the risk matrix picture and the project kit's
RAID register (its score formula and colour rules) are all made from this one record, so
changing a threshold in the policy changes every one of them together.
"""

from __future__ import annotations

from dataclasses import dataclass

RAG_ORDER = ("red", "amber", "green")  # bands are listed from the most serious down


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleLevel:
    """One step of a scale: its score, a one-word label and what it means."""

    score: int
    label: str
    meaning: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RagBand:
    """The scores from `min_score` up to the next band's, their colour and what to do."""

    rag: str          # red, amber or green
    min_score: int
    action: str

    @property
    def name(self) -> str:
        return self.rag.capitalize()


@dataclass(frozen=True, slots=True, kw_only=True)
class RiskScoring:
    """Probability x impact on the policy's scales; bands from red down to green."""

    probability: tuple[ScaleLevel, ...]
    impact: tuple[ScaleLevel, ...]
    bands: tuple[RagBand, ...]

    @property
    def max_score(self) -> int:
        return self.probability[-1].score * self.impact[-1].score

    def band(self, score: int) -> RagBand:
        """The band a score falls in (the validator keeps every score from 1 covered)."""
        return next(b for b in self.bands if score >= b.min_score)

    def score_range(self, band: RagBand) -> tuple[int, int]:
        """The lowest and highest score of `band`, e.g. (8, 14)."""
        higher = [b.min_score for b in self.bands if b.min_score > band.min_score]
        return band.min_score, (min(higher) - 1 if higher else self.max_score)

    def range_text(self, band: RagBand) -> str:
        low, high = self.score_range(band)
        return f"{low} to {high}" if low != high else str(low)
