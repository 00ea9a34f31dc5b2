"""The handbook document's tailoring chapter: what a project of each tier does, from the
model, as the site's tier pages say it (the words and the deviation rule, the artefacts it
produces, its gates with the lifecycle picture, the project manager's duties by gate and
what the other roles do)."""

from __future__ import annotations

from generator.model import Handbook, Role
from generator.model.applicability import (
    Duty,
    artefact_words,
    by_gate,
    duties,
    lifecycle,
    policies_in_force,
)
from generator.model.settings import Tier
from generator.word.ooxml import run
from generator.word.policy import write_obligation_words
from generator.word.writer import DocWriter

PROJECT_MANAGER = "project-manager"  # whose duties come first, by gate (as on the site)
PART_TITLE = "Tailoring by tier"


def write_tailoring(w: DocWriter, handbook: Handbook) -> None:
    """The chapter: one section per tier, for the PMO type in force."""
    pmo_type = handbook.settings.pmo_type_info()
    w.at("tailoring")
    w.heading(PART_TITLE, 1, new_page=True)
    w.text(f"What a project of each tier does, under the PMO type in force ({pmo_type.title}). "
           "The highest criterion a project meets decides its tier.")
    for tier in handbook.settings.tiers:
        write_tier(w, handbook, tier)


def write_tier(w: DocWriter, handbook: Handbook, tier: Tier) -> None:
    w.at(f"tailoring:tier-{tier.id}")
    w.heading(tier.name, 2)
    w.markdown(tier.description)
    w.markdown("\n".join(f"- {criterion}" for criterion in tier.criteria))
    w.heading("What the words mean", 3)
    write_obligation_words(w, handbook, (tier.id,))
    w.heading("What the project produces", 3)
    rows = [[a.title, _asked(a.trigger, word)]
            for a, word in artefact_words(handbook, handbook.settings.pmo_type, tier.id)]
    if rows:
        w.table(["Artefact", "Asked for"], rows, [2.0, 3.0])
    write_gates(w, handbook, tier)
    applying = duties(handbook, tier=tier.id, scope="project")
    own = [d for d in applying if d.actor == PROJECT_MANAGER]
    w.heading("Your duties as project manager", 3)
    gate_names = {g.id: f"{g.id} {g.name}" for p in policies_in_force(handbook) for g in p.gates}
    for gate, items in by_gate(handbook, own):
        w.heading(gate_names[gate] if gate else "All through the project", 4)
        write_duties(w, items)
    if not own:
        w.text("No requirement names the project manager on this tier.")
    others = [d for d in applying if d not in own]
    if others:
        w.heading("What others do on the project", 3)
        for role in handbook.of_type(Role):
            items = [d for d in others if d.actor == role.id]
            if items:
                w.heading(role.title, 4)
                write_duties(w, items)


def _asked(trigger: str | None, word: str | None) -> str:
    if trigger:
        return f"Only when {trigger}"
    return f"Asked for as {word.upper()}" if word else "Offered"


def write_gates(w: DocWriter, handbook: Handbook, tier: Tier) -> None:
    steps = lifecycle(handbook, tier.id)
    if not steps:
        return
    w.heading("Gates", 3)
    w.picture(f"lifecycle-tier-{tier.id}")
    for step in steps:
        decider = handbook.title_of(step.decider.role)
        if step.decider.note:
            decider += f", {step.decider.note}"
        text = run(f"{step.gate.id} {step.gate.name}: ", bold=True) + run(f"decided by {decider}.")
        if step.absorbs:
            text += run(" On this tier it also makes the checks of " + " and ".join(
                f"{g.id} ({g.name})" for g in step.absorbs) + ".")
        w.para(text)
        checks = [*step.criteria, *(f"{a.title} is ready" for a in step.evidence)]
        if checks:
            w.markdown("\n".join(f"- {check}" for check in checks))


def write_duties(w: DocWriter, items: list[Duty]) -> None:
    """Each duty: its word, its id and policy, when it is triggered, its text."""
    for duty in items:
        word = w.obligation(duty.word) + (run(" (permission)") if duty.requirement.permission
                                          else "")
        trigger = (run("When ", italic=True) + w.inline(duty.requirement.trigger)
                   + run(": ", italic=True)) if duty.requirement.trigger else ""
        w.para(word + run(f" {duty.id} ", bold=True) + trigger + w.inline(duty.requirement.text)
               + run(f" ({duty.policy.title})"), "Requirement Detail", indent=(0, 0))
