"""Is a project ready for a gate: the evidence its tier brings there, present and filled
in; the requirements due at the gate; and no forecast breach of the project's tolerance
left to decide (an exception goes above the project before the gate can pass).

Which gate makes the checks: the gate asked for, or, where the tier merges it into
another (tier 1's G0 and G2 into G1), the gate it is merged into.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model.applicability import Duty, GateStep, duties, lifecycle
from generator.model.breaches import PROJECT, Breach, forecast_breaches
from generator.model.handbook import Handbook
from generator.model.kinds import Artefact
from generator.model.project import EvidenceFile, Project
from generator.model.tolerances import Tolerances


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    artefact: Artefact
    file: EvidenceFile | None     # None when it was not looked at

    @property
    def filled(self) -> bool:
        return self.file is not None and self.file.filled


@dataclass(frozen=True, slots=True)
class Readiness:
    gate: str                     # the gate asked for
    step: GateStep                # the gate that makes its checks for the tier
    evidence: tuple[EvidenceItem, ...]
    duties: tuple[Duty, ...]      # requirements due at the gate (and the gates merged into it)
    breaches: tuple[Breach, ...]
    status_read: bool = True      # False: no readable status, so nothing could be measured

    @property
    def merged_into(self) -> str | None:
        return self.step.gate.id if self.step.gate.id != self.gate else None

    @property
    def missing(self) -> tuple[EvidenceItem, ...]:
        return tuple(e for e in self.evidence if not e.filled)

    @property
    def exceptions(self) -> tuple[Breach, ...]:
        """Breaches of the project's tolerance: decided above the project before the gate."""
        return tuple(b for b in self.breaches if b.level == PROJECT)

    @property
    def ready(self) -> bool:
        return self.status_read and not self.missing and not self.exceptions

    def blockers(self) -> tuple[str, ...]:
        """Why the project is not ready, in words."""
        out = [f"{e.artefact.title}: {e.file.detail if e.file else 'not looked at'}"
               for e in self.missing]
        out += [f"{b.dimension.capitalize()} forecast breaches {b.of}: an exception to decide"
                for b in self.exceptions]
        if not self.status_read:
            out.append("No readable status file: the forecast cannot be measured")
        return tuple(out)


def checked_step(handbook: Handbook, tier: int, gate: str) -> tuple[GateStep | None, str]:
    """The step of `tier`'s lifecycle that checks `gate` (None if the tier never meets it),
    and the gate's id."""
    steps = lifecycle(handbook, tier)
    for step in steps:
        if step.gate.id == gate or any(g.id == gate for g in step.absorbs):
            return step, gate
    return None, gate


def gate_ids(handbook: Handbook, tier: int) -> tuple[str, ...]:
    return tuple(step.gate.id for step in lifecycle(handbook, tier))


def tolerances_in_force(handbook: Handbook) -> Tolerances | None:
    return next((p.tolerances for p in handbook.policies
                 if p.in_force and p.tolerances is not None), None)


def readiness(handbook: Handbook, project: Project, gate: str) -> Readiness | None:
    """The project's readiness for `gate`; None when its tier never meets the gate or its
    kit record could not be read."""
    if project.record is None:
        return None
    tier = project.record.tier
    step, _ = checked_step(handbook, tier, gate)
    if step is None:
        return None
    evidence = tuple(EvidenceItem(a, project.evidence.get(a.id)) for a in step.evidence)
    gates = {step.gate.id, *(g.id for g in step.absorbs)}
    due = tuple(d for d in duties(handbook, tier=tier, scope="project") if d.gate in gates)
    tolerances = tolerances_in_force(handbook)
    status = project.latest
    breaches = forecast_breaches(tolerances, tier, status) if tolerances and status else ()
    return Readiness(gate, step, evidence, due, breaches, status_read=status is not None)
