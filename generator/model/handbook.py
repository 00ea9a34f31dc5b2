"""The whole handbook: settings and standards, with the lookups renderers need."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import Any, TypeVar

from generator.model.convert import from_data
from generator.model.kinds import (
    KINDS,
    Artefact,
    Charter,
    Glossary,
    Pillar,
    Policy,
    Role,
    Term,
    finish,
)
from generator.model.releases import ReleaseNote
from generator.model.review import overdue as review_overdue
from generator.model.risk_scoring import RiskScoring
from generator.model.settings import Settings, build_settings
from generator.model.standard import Standard

S = TypeVar("S", bound=Standard)


@dataclass(frozen=True, slots=True)
class Handbook:
    """The whole handbook: settings and standards, with lookups renderers need."""

    settings: Settings
    standards: tuple[Standard, ...]
    by_id: Mapping[str, Standard]
    referenced_by: Mapping[str, tuple[str, ...]]
    releases: tuple[ReleaseNote, ...] = ()
    # The day review dates are judged against (PMO_TODAY or the clock; a release's date in
    # its bundle); None: nothing is marked overdue.
    as_of: date | None = None

    def get(self, standard_id: str) -> Standard:
        return self.by_id[standard_id]

    def title_of(self, standard_id: str | None) -> str:
        """The title of the standard with this id (a role, an artefact ...), or the id
        itself when no standard has it; "" for no id."""
        if not standard_id:
            return ""
        found = self.by_id.get(standard_id)
        return found.title if found else standard_id

    def overdue(self, standard: Standard) -> bool:
        """The standard's review date has passed (as of `as_of`)."""
        return review_overdue(standard, self.as_of)

    def of_type(self, cls: type[S], include_retired: bool = True) -> tuple[S, ...]:
        return tuple(
            s for s in self.standards if isinstance(s, cls) and (include_retired or not s.retired)
        )

    def of_kind(self, kind: str) -> tuple[Standard, ...]:
        return tuple(s for s in self.standards if s.kind == kind)

    @property
    def policies(self) -> tuple[Policy, ...]:
        return self.of_type(Policy)

    @property
    def artefacts(self) -> tuple[Artefact, ...]:
        return self.of_type(Artefact)

    @property
    def roles(self) -> tuple[Role, ...]:
        return self.of_type(Role)

    @property
    def pillars(self) -> tuple[Pillar, ...]:
        return tuple(sorted(self.of_type(Pillar), key=lambda p: p.pillar_order))

    @property
    def charter(self) -> Charter | None:
        charters = self.of_type(Charter)
        return charters[0] if charters else None

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(t for g in self.of_type(Glossary) for t in g.terms)

    @property
    def risk_scoring(self) -> RiskScoring | None:
        """How risks are scored: the in-force policy that keeps the scoring as data."""
        return next((p.risk_scoring for p in self.policies
                     if p.in_force and p.risk_scoring is not None), None)


def build_model(
    settings_data: Mapping[str, Any], standards: Iterable[tuple[str, str, Mapping[str, Any]]],
    *, built: Iterable[Standard] = (),
) -> Handbook:
    """Build the model from validated data: handbook.yaml and (kind, source, data) triples,
    with the standards already `built` from the same handbook.yaml."""
    settings = build_settings(settings_data)
    built = [*built, *(build_standard(kind, source, data, settings)
                       for kind, source, data in standards)]
    built.sort(key=lambda s: (KINDS.order(s.kind), s.id))
    backlinks: dict[str, list[str]] = {}
    for standard in built:
        for target in _references(standard):
            if target != standard.id and standard.id not in backlinks.setdefault(target, []):
                backlinks[target].append(standard.id)
    return Handbook(
        settings=settings,
        standards=tuple(built),
        by_id=MappingProxyType({s.id: s for s in built}),
        referenced_by=MappingProxyType({k: tuple(v) for k, v in backlinks.items()}),
    )


def build_standard(kind: str, source: str, data: Mapping[str, Any],
                   settings: Settings) -> Standard:
    """One standard of `kind` from its validated data."""
    model = KINDS[kind].model
    assert model is not None
    standard = from_data(model, data, kind=kind, source=source, content_hash=content_hash(data))
    return finish(standard, settings)  # type: ignore[no-any-return]


def content_hash(data: Mapping[str, Any]) -> str:
    """Hash of a standard's content, leaving out its version and history."""
    content = {k: v for k, v in data.items() if k not in ("version", "history")}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _references(standard: Standard) -> Iterable[str]:
    yield from standard.related
    if isinstance(standard, Policy):
        for requirement in standard.requirements:
            yield from requirement.artefacts
        for gate in standard.gates:
            yield from (e.artefact for e in gate.evidence)
    if standard.pillar:
        yield standard.pillar
