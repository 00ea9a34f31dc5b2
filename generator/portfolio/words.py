"""How the dashboard, workbook and board pack word the same facts."""

from __future__ import annotations

from generator.model import Handbook
from generator.model.breaches import Breach
from generator.model.funding import FUNDED, MANDATORY, Decision
from generator.model.portfolio import IMPROVING, NEW, STABLE, WORSENING, Row
from generator.model.project import EMPTY, GUIDANCE, MISSING, PLACEHOLDERS, UNREADABLE

SHORT_STATES = {MISSING: "missing", PLACEHOLDERS: "has kit placeholders",
                GUIDANCE: "not written (guidance left)", EMPTY: "has no rows",
                UNREADABLE: "cannot be opened"}
TREND_ARROWS = {IMPROVING: "▲", STABLE: "=", WORSENING: "▼", NEW: "new"}
TREND_WORDS = {IMPROVING: "better than last period", STABLE: "same as last period",
               WORSENING: "worse than last period", NEW: "first report"}


def route(handbook: Handbook, breach: Breach) -> str:
    """Where the breach goes, in words (`Route.words`)."""
    if breach.route is None:
        return "no escalation route in the tolerances policy"
    return breach.route.words(handbook.title_of)


def outcome(decision: Decision) -> str:
    if decision.outcome == MANDATORY:
        return "Funded first, mandatory"
    if decision.outcome == FUNDED:
        return "Funded" + (": funding line" if decision.funding_line else "")
    return "Skipped" if decision.reasons else "Ranked"


def readiness_text(row: Row) -> str:
    r = row.readiness
    if r is None:
        return f"{row.status.next_gate}: not a gate of its tier"
    if r.ready:
        return "Ready"
    parts = []
    if len(r.missing) > 2:
        parts.append(f"{len(r.missing)} of {len(r.evidence)} pieces of evidence not ready")
    else:
        parts += [f"{e.artefact.title} {SHORT_STATES.get(e.file.state, e.file.state)}"
                  if e.file else f"{e.artefact.title} not looked at" for e in r.missing]
    parts += [f"{b.dimension} exception to decide" for b in r.exceptions]
    if not r.status_read:
        parts.append("no readable status")
    return "Not ready: " + "; ".join(parts)


