"""A policy's rules kept as data, as the Word policy shows them: the risk scoring scales
and bands, the tolerances by tier
with the escalation routes, and the prioritisation criteria, scale, capacity and worked
examples. The wording comes from the model, as on the site."""

from __future__ import annotations

from generator.model import Handbook, Policy
from generator.model.funding import MANDATORY, Decision
from generator.model.prioritisation import Prioritisation
from generator.model.risk_scoring import RiskScoring
from generator.model.tolerances import Route, Tolerances, amount
from generator.word.shared_parts import tier_names
from generator.word.writer import DocWriter


def write_policy_rules(w: DocWriter, handbook: Handbook, policy: Policy, *, level: int) -> None:
    """The policy's rules tables, if it keeps rules as data."""
    if policy.risk_scoring is not None:
        write_risk_scoring(w, policy.risk_scoring, level=level)
        if policy.risk_scoring == handbook.risk_scoring:
            w.picture("risk-matrix")
    if policy.tolerances is not None:
        write_tolerances(w, handbook, policy.tolerances, level=level)
    if policy.prioritisation is not None:
        write_prioritisation(w, handbook, policy.prioritisation, level=level)


def write_risk_scoring(w: DocWriter, r: RiskScoring, *, level: int) -> None:
    w.heading("Risk scoring", level)
    w.text(f"A risk's score is its probability times its impact, from 1 to {r.max_score}. "
           "The RAID register works it out and colours it by the bands below.")
    for scale, levels in (("Probability", r.probability), ("Impact", r.impact)):
        w.heading(scale, level + 1)
        w.table(["Score", scale, "Choose it when"],
                [[str(x.score), x.label, x.meaning] for x in levels], [0.6, 1.3, 4.6])
    w.heading("What each score means", level + 1)
    w.table(["Score", "RAG", "What to do"],
            [[r.range_text(b), b.name, b.action] for b in r.bands], [0.9, 0.9, 4.7])


def write_tolerances(w: DocWriter, handbook: Handbook, t: Tolerances, *, level: int) -> None:
    tiers = handbook.settings.tiers
    w.heading("Tolerances by tier", level)
    w.table(["Dimension", "What is measured", *(tier.name for tier in tiers)],
            [[d.name, d.measure, *(d.describe(tier.id, t.currency) for tier in tiers)]
             for d in t.dimensions], [0.9, 1.6, *([1.5] * len(tiers))])
    w.text(t.direction_text())
    w.heading("The project manager's share", level + 1)
    w.text(t.share_text())
    for tier in tiers:
        example = t.manager_example(tier.id)
        if example:
            w.markdown(f"- {tier.name}: {example}.")
    w.heading("Who is told, and who decides", level)
    rows = []
    for label, level_name in (("The project manager's tolerance", "manager"),
                              ("The project's tolerance", "project")):
        cells = [label]
        for tier in tiers:
            entry = t.escalation_for(tier.id)
            cells.append(_route(handbook, entry.route(level_name)) if entry else "–")
        rows.append(cells)
    told = ["Also told"]
    for tier in tiers:
        entry = t.escalation_for(tier.id)
        names = ", ".join(handbook.title_of(r) for r in entry.informed) if entry else ""
        if entry and entry.informed_note:
            names += f", {entry.informed_note}"
        told.append(names or "–")
    rows.append(told)
    w.table(["Forecast breach of", *(tier.name for tier in tiers)], rows,
            [1.2, *([1.6] * len(tiers))])


def _route(handbook: Handbook, route: Route) -> str:
    return route.words(handbook.title_of)


def write_prioritisation(w: DocWriter, handbook: Handbook, p: Prioritisation, *,
                         level: int) -> None:
    w.heading("Criteria and weights", level)
    w.text(f"Candidates of {tier_names(handbook, p.tiers)} are scored on these criteria. "
           f"The weights add up to {p.total_weight}%.")
    w.table(["Criterion", "Weight", f"What a {p.scale.highest} looks like",
             f"What a {p.scale.lowest} looks like"],
            [[c.name + (" (scored inversely)" if c.inverse and "inverse" not in c.name.lower()
                        else ""), f"{c.weight}%", c.highest, c.lowest] for c in p.criteria],
            [1.3, 0.6, 2.0, 2.0])
    w.heading("The scale", level + 1)
    lines = [f"- Each criterion is scored in **whole numbers from {p.scale.lowest} to "
             f"{p.scale.highest}**."]
    lines += [f"- **{c.name}** is scored the other way round: the less of it, the higher the "
              f"score, so a candidate with much of it scores {p.scale.lowest} or "
              f"{p.scale.lowest + 1} and ranks lower." for c in p.criteria if c.inverse]
    lines.append(f"- The weighted score is the sum of score times weight, between "
                 f"{p.scale.lowest:.2f} and {p.scale.highest:.2f}, given to two decimals.")
    lines.append(f"- {p.tie_rule()}")
    w.markdown("\n".join(lines))
    if p.example_scores:
        scores = [str(p.example_scores[c.id]) for c in p.criteria]
        w.text(f"Worked example: a candidate scored {', '.join(scores[:-1])} and {scores[-1]} "
               f"on the criteria above has a weighted score of {p.example_sum()}.")
    w.heading("Capacity", level)
    w.text("Besides the budget, the capacity rule counts the people-days of these constrained "
           f"skills: {', '.join(s.name for s in p.skills)}. An item is mandatory, and funded "
           f"first outside the ranking, only when {p.mandatory_test}.")
    example = p.funding_example
    if example is None:
        return
    skills = list(example.skills)
    w.heading("Worked example: the funding line", level + 1)
    w.text(f"A cycle opens with {amount(example.budget, p.currency)}"
           + "".join(f" and {example.skills[s]:g} people-days of {p.skill_name(s).lower()}"
                     for s in skills) + ".")
    w.table(["Candidate", "Score", "Cost", *(f"{p.skill_name(s)} (days)" for s in skills),
             "Decision", "Left after it"],
            [_decision_row(d, skills, p.currency) for d in p.funding_example_decisions()],
            [1.4, 0.6, 0.9, *([0.8] * len(skills)), 1.6, 1.3])


def _decision_row(d: Decision, skills: list[str], currency: str) -> list[str]:
    c = d.candidate
    if d.outcome == MANDATORY:
        decision = "Funded first"
    elif d.funded:
        decision = "Funded; funding line" if d.funding_line else "Funded"
    else:
        decision = "Skipped: " + "; ".join(d.reasons)
    left = ", ".join([amount(d.budget_left, currency),
                      *(f"{d.skills_left.get(s, 0):g} days" for s in skills)])
    return [c.name, "mandatory" if c.mandatory else f"{(c.score or 0) / 100:.2f}",
            amount(c.cost, currency), *(f"{c.skills.get(s, 0):g}" for s in skills), decision,
            left]
