"""The risk scoring kept as data: bands, ranges and the handbook's one scoring."""

from __future__ import annotations

from generator.model import Handbook
from generator.model.risk_scoring import RagBand, RiskScoring, ScaleLevel


def scoring(*mins: int) -> RiskScoring:
    steps = tuple(ScaleLevel(score=i, label=f"s{i}", meaning="m") for i in range(1, 6))
    bands = tuple(RagBand(rag=rag, min_score=low, action="a")
                  for rag, low in zip(("red", "amber", "green"), mins, strict=False))
    return RiskScoring(probability=steps, impact=steps, bands=bands)


def test_every_score_falls_in_the_band_its_range_names() -> None:
    r = scoring(15, 8, 1)
    assert r.max_score == 25
    assert [r.range_text(b) for b in r.bands] == ["15 to 25", "8 to 14", "1 to 7"]
    for score in range(1, r.max_score + 1):
        band = r.band(score)
        low, high = r.score_range(band)
        assert low <= score <= high


def test_two_bands_split_the_scores_between_them() -> None:
    r = scoring(10, 1)
    assert [r.band(s).rag for s in (9, 10, 25)] == ["amber", "red", "red"]
    assert r.range_text(r.bands[1]) == "1 to 9"


def test_the_shipped_handbook_scores_risks_by_its_risk_policy(handbook: Handbook) -> None:
    policy = handbook.get("risk-management")
    assert handbook.risk_scoring is not None
    assert handbook.risk_scoring is getattr(policy, "risk_scoring", None)
    assert [b.rag for b in handbook.risk_scoring.bands] == ["red", "amber", "green"]
