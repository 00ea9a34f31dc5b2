"""The portfolio board pack: the dashboard as a Word document in the house style.

What the reporting policy asks the pack to carry: the dashboard with its narrative, the
decisions asked of the board, the exceptions beyond a project's tolerance, the gate
decisions coming up, and the prioritisation with its funding line. It takes the model's
`Portfolio`, never project files; text from projects is written as plain text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.model import Handbook
from generator.model.breaches import PROJECT, Breach
from generator.model.funding import FUNDED, MANDATORY, Decision, score_text
from generator.model.portfolio import ALL_DIMENSIONS, Portfolio, Row
from generator.word.house import house_document
from generator.word.ooxml import run
from generator.word.shared_parts import author, write_title_page
from generator.word.writer import DocWriter, Properties


def write_board_pack(handbook: Handbook, portfolio: Portfolio, path: Path,
                     day: date | None = None) -> Path:
    """`board-pack.docx` for the portfolio board."""
    w = DocWriter(house_document(handbook.settings.language))
    period = portfolio.period or "no period"
    w.set_header_footer((run(f"Portfolio board pack · {period}"),
                         run(f"{portfolio.title} {portfolio.handbook_version}")),
                        run(f"{author(handbook)} · {handbook.settings.organisation}"))
    details = [
        ("Period", w.cell(period)),
        ("Projects", w.cell(f"{len(portfolio.rows)} reported, {len(portfolio.unread)} could "
                            "not be read")),
        ("Rules", w.cell(", ".join(f"{handbook.title_of(i)} {v}"
                                   for i, v in portfolio.policy_versions.items()))),
        ("Capacity", w.cell(_capacity(portfolio))),
        ("Prepared by", w.cell(author(handbook))),
    ]
    write_title_page(w, handbook, title="Portfolio board pack",
                     subtitle=f"Status, exceptions, gates and prioritisation for {period}",
                     line="", details=details)
    w.contents()
    _summary(w, portfolio)
    _decisions(w, handbook, portfolio)
    _projects(w, portfolio)
    _gates(w, handbook, portfolio)
    _prioritisation(w, portfolio)
    _problems(w, portfolio)
    properties = Properties(
        title=f"Portfolio board pack {period}", subject="Portfolio status and prioritisation",
        keywords="portfolio, board pack", category="Board pack", author=author(handbook),
        version=portfolio.handbook_version, status="Final", identifier=f"board-pack-{period}",
        date=day or date.today())
    return w.save(path, properties)


def _capacity(p: Portfolio) -> str:
    if p.capacity is None:
        return "none given: candidates ranked, no funding line"
    skills = ", ".join(f"{p.prioritisation.skill_name(s) if p.prioritisation else s} "
                       f"{days:g} days" for s, days in p.capacity.skills.items())
    label = f"{p.capacity.label}: " if p.capacity.label else ""
    return f"{label}{p.money(p.capacity.budget)}; {skills}"


def _summary(w: DocWriter, p: Portfolio) -> None:
    w.heading("Summary", 1)
    counts = p.rag_counts()
    overall = counts["overall"]
    w.text(f"{len(p.rows)} projects reported for {p.period or 'this period'}: "
           f"{overall['Red']} Red, {overall['Amber']} Amber and {overall['Green']} Green overall. "
           f"{sum(1 for _, b in p.breaches if b.level == PROJECT)} forecast breaches of a "
           f"project's tolerance need the board; {len(p.decisions_asked)} projects ask for a "
           f"decision; {len(p.unread)} project folders could not be read.")
    w.table(["Dimension", "Green", "Amber", "Red"],
            [[d.capitalize(), *(str(counts[d][r]) for r in ("Green", "Amber", "Red"))]
             for d in ALL_DIMENSIONS], [1.5, 1, 1, 1])


def _decisions(w: DocWriter, handbook: Handbook, p: Portfolio) -> None:
    w.heading("Decisions for the board", 1)
    exceptions = [(r, b) for r, b in p.breaches if b.level == PROJECT]
    w.heading("Exceptions beyond a project's tolerance", 2)
    if exceptions:
        w.table(["Project", "Dimension", "Forecast", "Tolerance", "Route"],
                [[r.project.name, b.dimension.capitalize(), b.measured, b.tolerance,
                  _route(handbook, b)] for r, b in exceptions], [1.3, 0.8, 2.2, 1.2, 1.8])
    else:
        w.text("No forecast breaches a project's tolerance.")
    w.heading("Decisions asked by projects", 2)
    asked = p.decisions_asked
    if asked:
        w.table(["Project", "Decision asked"],
                [[r.project.name, r.status.decision_needed or ""] for r in asked], [1.3, 4.0])
    else:
        w.text("No project asks for a decision this period.")


def _route(handbook: Handbook, breach: Breach) -> str:
    return breach.route.words(handbook.title_of) if breach.route else ""


def _projects(w: DocWriter, p: Portfolio) -> None:
    w.set_landscape(True)
    w.heading("Projects", 1)
    w.text("Worst overall rating first. Trend against the last period: better, same, worse.")
    w.table(["Project", "Tier", *(d.capitalize() for d in ALL_DIMENSIONS), "Trend",
             "Next gate", "Breaches"],
            [[r.project.name, str(r.tier), *(r.status.rag.of(d).rating for d in ALL_DIMENSIONS),
              r.trends["overall"], r.status.next_gate, str(len(r.breaches)) or "0"]
             for r in p.rows] or [["No project could be read", *[""] * 10]],
            [2.0, 0.5, *([0.8] * len(ALL_DIMENSIONS)), 0.9, 0.7, 0.7])
    w.set_landscape(False)
    flagged = [r for r in p.rows if r.status.rag.overall.rating != "Green" or r.breaches]
    if flagged:
        w.heading("Narrative of the projects not Green", 2)
    for row in flagged:
        _narrative(w, row)


def _narrative(w: DocWriter, row: Row) -> None:
    s = row.status
    w.heading(f"{row.project.name}: {s.rag.overall.rating}", 3)
    if s.decision_needed:
        w.para(run("Decision needed: ", bold=True) + run(s.decision_needed))
    for paragraph in (t for t in s.narrative.split("\n\n") if t.strip()):
        w.text(" ".join(paragraph.split()))
    for d in ALL_DIMENSIONS:
        rating = s.rag.of(d)
        if rating.rating != "Green":
            w.para(run(f"{d.capitalize()} ({rating.rating}): ", bold=True) + run(rating.reason))
    if row.changes and row.previous:
        w.para(run(f"Since {row.previous.period}: ", bold=True) + run("; ".join(row.changes)))


def _gates(w: DocWriter, handbook: Handbook, p: Portfolio) -> None:
    w.heading("Gates coming up", 1)
    rows = []
    for r in p.rows:
        rd = r.readiness
        if rd is None:
            continue
        decider = handbook.title_of(rd.step.decider.role)
        state = "Ready" if rd.ready else "Not ready: " + "; ".join(rd.blockers())
        rows.append([r.project.name, f"{rd.gate} {rd.step.gate.name}", decider, state])
    if rows:
        w.table(["Project", "Next gate", "Decided by", "Readiness"], rows, [1.3, 1.3, 1.0, 2.6])
    else:
        w.text("No gate is coming up.")


def _prioritisation(w: DocWriter, p: Portfolio) -> None:
    policy = p.prioritisation
    if policy is None:
        return
    w.heading("Prioritisation", 1)
    w.text(f"Weighted score = the sum of score × weight on the published criteria "
           f"({', '.join(f'{c.name} {c.weight}%' for c in policy.criteria)}). Mandatory items "
           "are funded first; then candidates in rank order while the budget and every "
           f"constrained skill last; a candidate that does not fit is skipped with its reason. "
           f"{policy.tie_rule()} Capacity: {_capacity(p)}.")
    if not p.decisions:
        w.text("No candidate has prioritisation scores this period.")
        return
    w.table(["Rank", "Candidate", "Score", "Cost", "Decision", "Reason"],
            [_ranking_row(d, p) for d in p.decisions], [0.5, 1.6, 0.6, 1.0, 1.2, 2.2])
    line = p.funding_line
    if line is not None:
        w.para(run("Funding line: ", bold=True)
               + run(f"{line.candidate.name} (score {score_text(line.candidate.score)}) is the "
                     "last candidate funded."))


def _ranking_row(d: Decision, p: Portfolio) -> list[str]:
    if d.outcome == MANDATORY:
        decision = "Funded first, mandatory"
    elif d.outcome == FUNDED:
        decision = "Funded" + ("; funding line" if d.funding_line else "")
    else:
        decision = "Skipped" if d.reasons else "Ranked"
    return ["M" if d.outcome == MANDATORY else str(d.rank), d.candidate.name,
            score_text(d.candidate.score), p.money(d.candidate.cost), decision,
            "; ".join(d.reasons)]


def _problems(w: DocWriter, p: Portfolio) -> None:
    if not p.problems:
        return
    w.heading("Project files that could not be read", 1)
    w.text("These projects are left out of the figures above until their files are fixed.")
    w.table(["Where", "Field", "Problem"],
            [[f"{x.file}:{x.line}:{x.column}" if x.line else x.file, x.field, x.message]
             for x in p.problems], [2.0, 1.2, 3.0])
