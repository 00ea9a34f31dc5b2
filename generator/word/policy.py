"""Policy documents: purpose, scope, numbered requirements with the obligation word
under the PMO type in force (and what the words ask, as handbook.yaml says it), gates
with the lifecycle pictures, roles, RACI, approval block and history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.model import Gate, Handbook, Policy, RaciRow, Requirement, Standard
from generator.model.applicability import deviation_rule
from generator.shared.pictures import Picture
from generator.word.ooxml import paragraph, run
from generator.word.policy_rules import write_policy_rules
from generator.word.shared_parts import (
    long_date,
    stamp,
    standard_details,
    standard_properties,
    tier_names,
    write_header_footer,
    write_title_page,
)
from generator.word.writer import BaseDocument, DocWriter, Properties

REQUIREMENT_INDENT = 1300  # twips: the requirement id hangs in this margin


def write_policy_document(base: BaseDocument, handbook: Handbook, policy: Policy,
                          path: Path, pictures: Mapping[str, Picture] | None = None) -> Path:
    """`policies/<id>.docx`: the policy as a controlled document, with `pictures`."""
    w = DocWriter(base, pictures=pictures)
    return w.save(path, compose_policy_document(w, handbook, policy))


def compose_policy_document(w: DocWriter, handbook: Handbook, policy: Policy) -> Properties:
    """Write the whole policy document into `w`; return its properties."""
    write_header_footer(w, handbook, run(f"{policy.title} policy ({policy.code})"),
                        run(f"{stamp(policy)} · {policy.status.capitalize()}"))
    pmo_type = handbook.settings.pmo_type_info()
    details = [
        ("Policy code", w.cell(policy.code)),
        *standard_details(w, handbook, policy),
        ("Approved by", w.cell(handbook.title_of(policy.approved_by))),
        ("PMO type in force", w.cell(f"{pmo_type.title} ({pmo_type.authority.lower()})")),
    ]
    write_title_page(w, handbook, title=f"{policy.title} policy", subtitle=policy.summary,
                     line="", details=details)
    w.contents()
    write_policy_body(w, handbook, policy, level=1)
    return standard_properties(handbook, policy, title=f"{policy.title} policy")


def write_policy_body(w: DocWriter, handbook: Handbook, policy: Policy, *, level: int) -> None:
    """Everything after the contents: the policy, its approval block and its history."""
    write_policy(w, handbook, policy, level=level)
    write_approval(w, handbook, policy, level=level)
    write_history(w, policy, level=level)


def write_policy(w: DocWriter, handbook: Handbook, policy: Policy, *, level: int) -> None:
    """Purpose, scope, body, requirements, gates, roles and RACI."""
    w.at("purpose")
    w.heading("Purpose", level)
    w.markdown(policy.purpose)
    w.at("scope")
    w.heading("Scope", level)
    w.markdown(policy.scope)
    if policy.body.strip():
        w.at("statement")
        w.heading("Policy statement", level)
        w.markdown(policy.body)
    write_policy_rules(w, handbook, policy, level=level)
    write_requirements(w, handbook, policy, level=level)
    if policy.gates:
        w.at("gates")
        w.heading("Gates", level)
        if policy.in_force:
            for tier in handbook.settings.tiers:
                w.picture(f"lifecycle-tier-{tier.id}")
        w.at("gates:table")
        rows = [[f"{g.id} {g.name}", tier_names(handbook, [tier]), _decided_by(handbook, g, tier),
                 "\n".join(g.criteria_for(tier)),
                 ", ".join(handbook.title_of(a) for a in g.evidence_for(tier))]
                for g in policy.gates for tier in g.tiers]
        w.table(["Gate", "Tier", "Decided by", "Criteria", "Evidence"], rows,
                [1.1, 0.8, 1.1, 2.8, 1.4])
    if policy.roles:
        w.at("roles")
        w.heading("Roles and responsibilities", level)
        w.table(["Role", "Responsibility"],
                [[handbook.title_of(r.role), r.responsibility] for r in policy.roles],
                [1.0, 3.0])
    write_raci(w, handbook, policy, level=level)


def _decided_by(handbook: Handbook, gate: Gate, tier: int) -> str:
    decider = gate.decider(tier)
    if decider is None:
        return ""
    title = handbook.title_of(decider.role)
    return f"{title}, {decider.note}" if decider.note else title


def _applies_to(handbook: Handbook, requirement: Requirement) -> str:
    """The tiers of a project's duty; for a duty of the PMO or board, the portfolio."""
    if requirement.scope != "pmo":
        return tier_names(handbook, requirement.tiers)
    if len(requirement.tiers) == len(handbook.settings.tiers):
        return "the whole portfolio (a duty of the PMO or the board, not of a project)"
    return f"projects of {tier_names(handbook, requirement.tiers)}, across the portfolio"


def write_requirements(w: DocWriter, handbook: Handbook, policy: Policy, *, level: int) -> None:
    pmo_type = handbook.settings.pmo_type_info()
    w.at("requirements")
    w.heading("Requirements", level)
    w.para(run("Each requirement's word depends on the type of PMO; the type in force is ")
           + run(pmo_type.title, bold=True) + run(f" ({pmo_type.authority.lower()}). "
                                                 "Under it:"))
    write_obligation_words(w, handbook, policy.tiers)
    for requirement in policy.requirements:
        w.at(requirement_block(requirement.id))
        word = requirement.obligation.under(handbook.settings.pmo_type)
        w.add(requirement_paragraph(w, requirement.id, w.obligation(word),
                                    w.inline(requirement.text)))
        detail = [f"Applies to: {_applies_to(handbook, requirement)}"]
        if requirement.artefacts:
            detail.append("Evidence: " + ", ".join(handbook.title_of(a)
                                                   for a in requirement.artefacts))
        content = run(" · ".join(detail))
        if requirement.rationale:
            content += run("\nWhy: ", bold=True) + w.inline(requirement.rationale)
        w.para(content, "Requirement Detail", indent=(REQUIREMENT_INDENT, 0))


def write_obligation_words(w: DocWriter, handbook: Handbook, tiers: Sequence[int]) -> None:
    """What must, should and may ask, and who approves departing from them on each of
    `tiers`: handbook.yaml's words and the deviation rule, word for word as on the site."""
    words = handbook.settings.obligation_words
    for word in ("must", "should", "may"):
        w.para(w.obligation(word) + run("\t") + w.inline(words.of(word)), "Requirement Detail",
               tabs=(("left", REQUIREMENT_INDENT),), indent=(REQUIREMENT_INDENT,
                                                             REQUIREMENT_INDENT))
    for tier in handbook.settings.tiers:
        rule = deviation_rule(handbook, tier.id)
        if tier.id in tiers and rule:
            w.para(run(f"{tier.name}: ", bold=True) + run(rule))


def requirement_block(requirement_id: str) -> str:
    """The block key of a requirement's paragraphs (see DocWriter.at)."""
    return f"requirement:{requirement_id}"


def requirement_paragraph(w: DocWriter, requirement_id: str, word_runs: str,
                          text_runs: str) -> str:
    """A requirement: its id hanging in the margin, the obligation word, then its text."""
    return paragraph(run(requirement_id, bold=True) + run("\t") + word_runs + run(" ")
                     + text_runs, w.style("Requirement"),
                     tabs=(("left", REQUIREMENT_INDENT),),
                     indent=(REQUIREMENT_INDENT, REQUIREMENT_INDENT))


def write_raci(w: DocWriter, handbook: Handbook, standard: Standard, *, level: int) -> None:
    """The RACI matrix: one row per activity, one column per role."""
    if not standard.raci:
        return
    w.at("raci")
    roles: list[str] = []
    for row in standard.raci:
        for role in (*row.responsible, row.accountable, *row.consulted, *row.informed):
            if role not in roles:
                roles.append(role)
    w.heading("RACI", level)
    w.text("R responsible, A accountable, C consulted, I informed.", "Caption")
    rows = [[row.activity, *(_raci_letters(row, role) for role in roles)]
            for row in standard.raci]
    w.table(["Activity", *(handbook.title_of(r) for r in roles)], rows,
            [2.5, *([1.0] * len(roles))])


def _raci_letters(row: RaciRow, role: str) -> str:
    letters = [letter for letter, members in (
        ("R", row.responsible), ("A", (row.accountable,)), ("C", row.consulted),
        ("I", row.informed)) if role in members]
    return ", ".join(letters)


def write_approval(w: DocWriter, handbook: Handbook, policy: Policy, *, level: int) -> None:
    """Approval block: approver role, version, effective date, signature and date lines."""
    w.at("approval")
    w.heading("Approval", level)
    line = "_" * 32
    rows = [
        ("Approved by", handbook.title_of(policy.approved_by)),
        ("Name", ""), ("Version", policy.version),
        ("Effective date", long_date(policy.effective)),
        ("Signature", line), ("Date", line),
    ]
    w.cells_table([[w.cell(label), w.cell(value)] for label, value in rows], [1.0, 2.4],
                  label_column=True)


def write_history(w: DocWriter, standard: Standard, *, level: int) -> None:
    w.at("history")
    w.heading("Document history", level)
    w.table(["Version", "Date", "Change", "Summary"],
            [[h.version, h.date.isoformat(), (h.change or "").capitalize(), h.summary]
             for h in standard.history], [0.8, 1.0, 0.8, 4.0])
