"""handbook.yaml: the organisation, version, PMO types, the PMO type in force, tiers and
their criteria, and the language the standards are written in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.model.convert import from_data
from generator.model.tier_criteria import TierCriteria

PMO_TYPES = ("supportive", "controlling", "directive")
DEFAULT_LANGUAGE = "en-GB"
OBLIGATION_RANK = {"may": 0, "should": 1, "must": 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class PmoType:
    id: str
    title: str
    authority: str
    description: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Tier:
    id: int
    name: str
    description: str
    criteria: tuple[str, ...]  # in words, made from the handbook's tier_criteria


@dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """An extra kit answer declared in handbook.yaml."""

    key: str
    question: str
    default: str = ""
    required: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ObligationWords:
    """What must, should and may ask of a project, said once."""

    must: str
    should: str
    may: str

    def of(self, word: str) -> str:
        meaning: str = getattr(self, word)
        return meaning


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviationRule:
    """Who approves departing from a requirement for some tiers, and where it is recorded."""

    tiers: tuple[int, ...]
    approver: str
    consult: str | None
    record: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Deviations:
    """Who may approve not following a should, and setting aside a must, by tier."""

    should: tuple[DeviationRule, ...]
    must: tuple[DeviationRule, ...]

    def rule(self, word: str, tier: int) -> DeviationRule | None:
        rules: tuple[DeviationRule, ...] = getattr(self, word)
        return next((r for r in rules if tier in r.tiers), None)


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """handbook.yaml: the organisation, version, PMO type in force and tiers."""

    organisation: str
    organisation_short: str
    title: str
    version: str
    pmo_type: str
    pmo_types: tuple[PmoType, ...]
    tiers: tuple[Tier, ...]
    tier_criteria: TierCriteria
    answers: tuple[Answer, ...]
    obligation_words: ObligationWords
    deviations: Deviations
    site_url: str | None
    repository_url: str | None
    edit_uri: str | None
    language: str = DEFAULT_LANGUAGE  # the proofing language of every Word document

    @property
    def pmo_name(self) -> str:
        """Who documents and tracked changes are by: the organisation's PMO ("Northwind PMO")."""
        return f"{self.organisation_short} PMO"

    def tier(self, tier_id: int) -> Tier:
        return next(t for t in self.tiers if t.id == tier_id)

    def pmo_type_info(self, pmo_type: str | None = None) -> PmoType:
        wanted = pmo_type or self.pmo_type
        return next(t for t in self.pmo_types if t.id == wanted)


def build_settings(data: Mapping[str, Any]) -> Settings:
    """Settings from handbook.yaml's validated data."""
    organisation = data["organisation"]
    criteria = from_data(TierCriteria, data["tier_criteria"])
    return Settings(
        organisation=organisation["name"],
        organisation_short=organisation.get("short_name", organisation["name"]),
        title=data["title"],
        version=data["version"],
        pmo_type=data["pmo_type"],
        pmo_types=tuple(
            PmoType(**t) for t in sorted(data["pmo_types"], key=lambda t: PMO_TYPES.index(t["id"]))
        ),
        tiers=tuple(
            Tier(id=t["id"], name=t["name"], description=t["description"],
                 criteria=criteria.sentences(t["id"]))
            for t in sorted(data["tiers"], key=lambda t: t["id"])
        ),
        tier_criteria=criteria,
        answers=tuple(Answer(**a) for a in data.get("answers", ())),
        obligation_words=from_data(ObligationWords, data["obligation_words"]),
        deviations=from_data(Deviations, data["deviations"]),
        site_url=data.get("site_url"),
        repository_url=data.get("repository_url"),
        edit_uri=data.get("edit_uri"),
        language=data.get("language", DEFAULT_LANGUAGE),
    )
