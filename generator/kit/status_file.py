"""The project's first status file, `status/<YYYY-MM>.yaml`, as a cookiecutter template.

The kit writes one template; cookiecutter renders its name (the month of the start date)
and its content for the project's tier: the next gate, the budget, the baseline dates, the
placeholders the project manager replaces, and for a tier that is prioritised the scores
of each criterion and the demand on each constrained skill. Only answers the kit has
checked (dates, tier, the budget as a whole amount, reduced to digits) reach the file;
everything else in it comes from the standards, with every `{` written so that Jinja
prints it as it is.
"""

from __future__ import annotations

import re

from generator.model import Handbook
from generator.model.applicability import lifecycle, policies_in_force
from generator.model.prioritisation import Prioritisation

STATUS_PATH = "status/{{ cookiecutter.start_date[:7] }}.yaml"
RAG_PLACEHOLDER = "[Green, Amber or Red]"
DIMENSIONS = ("overall", "schedule", "cost", "scope", "risk", "benefits")
BUDGET = ('{% set b = cookiecutter.budget|string|replace(",", "")|replace(" ", "")'
          '|replace("_", "") %}{% if b.isdigit() %}{{ b }}{% else %}'
          '"[Approved budget in EUR]"{% endif %}')
HEADER = """\
# The project's status for one report period, as data. `pmo gate check` and the PMO's
# portfolio dashboard read it; the status report document tells the same story in words.
# Keep one file per month: for the next period copy this file to status/<YYYY-MM>.yaml
# and update it; never rewrite a past month. Replace every [bracketed] value.
# RAG: Green, forecast within tolerance; Amber, outside it but recoverable by the project
# manager; Red, recovery needs a decision above the project manager.
"""


def literal(text: str) -> str:
    """`text` as Jinja prints it unchanged: every `{` becomes an expression printing one."""
    return re.sub(r"\{", "{{ '{' }}", text)


def comment(text: str) -> str:
    """One line of standard text as a YAML comment."""
    return " ".join(text.split())


def status_template(handbook: Handbook) -> str:
    """The template of the first status file, for every tier of the handbook."""
    prioritisation = next((p.prioritisation for p in policies_in_force(handbook)
                           if p.prioritisation is not None), None)
    branches = []
    for index, tier in enumerate(handbook.settings.tiers):
        keyword = "if" if index == 0 else "elif"
        body = _status_for_tier(handbook, tier.id, prioritisation)
        branches.append(f'{{% {keyword} cookiecutter.tier|string == "{tier.id}" %}}'
                        + body.replace("@BUDGET@", BUDGET))
    return "".join(branches) + "{% endif %}"


def _status_for_tier(handbook: Handbook, tier: int, p: Prioritisation | None) -> str:
    steps = lifecycle(handbook, tier)
    gate = steps[0].gate.id if steps else "[Next gate, e.g. G1]"
    lines = [literal(HEADER),
             "period: \"{{ cookiecutter.start_date[:7] }}\"   # the month this report covers\n",
             f"next_gate: {gate}   # the next gate the project is preparing for\n",
             "rag:\n"]
    for dimension in DIMENSIONS:
        lines += [f"  {dimension}:\n", f"    rating: \"{RAG_PLACEHOLDER}\"\n",
                  "    reason: \"[Why, in one line]\"\n"]
    lines += [
        "narrative: |\n",
        "  [For every Amber or Red: the cause, the variance against the baseline, its impact\n",
        "  and the recovery action with its owner and date. Then one sentence on where the\n",
        "  project ends up. A Green report still says so in two lines.]\n",
        "# decision_needed: Sponsor to approve ... by YYYY-MM-DD (leave out when none)\n",
        "budget: @BUDGET@   # approved budget, EUR\n",
        "forecast_at_completion: @BUDGET@   # estimate at completion (EAC), EUR\n",
        "key_dates:\n",
        "  handover:   # the handover or go-live: the time tolerance is measured on it\n",
        "    baseline: {{ cookiecutter.end_date }}\n",
        "    forecast: {{ cookiecutter.end_date }}\n",
        "  milestones: []   # - {name: ..., baseline: YYYY-MM-DD, forecast: YYYY-MM-DD}\n",
        "# benefits: {target: 0, forecast: 0}   # EUR, from the charter or benefits register\n",
        "# top_risks:   # from the RAID log\n",
        "#   - {id: R-01, title: ..., score: 16, funded_response: false}\n",
    ]
    if p is not None and tier in p.tiers:
        lines += _candidate_block(p)
    return "".join(lines)


def _candidate_block(p: Prioritisation) -> list[str]:
    scale = f"[{p.scale.lowest} to {p.scale.highest}]"
    lines = ["# A candidate for funding: the scores proposed in the mandate and moderated by the\n",
             "# PMO analyst, one per criterion of the prioritisation policy. Delete this block\n",
             "# once the project is funded.\n",
             "prioritisation:\n", "  scores:\n"]
    for criterion in p.criteria:
        lines.append(literal(f"    {criterion.id}: \"{scale}\"   # {comment(criterion.name)} "
                             f"({criterion.weight}%): {p.scale.highest} = "
                             f"{comment(criterion.highest)}\n"))
    lines += [literal(f"  # mandatory: {{cites: ..., date: YYYY-MM-DD}}   # only when "
                      f"{comment(p.mandatory_test)}\n"),
              "  demand:\n", "    budget: @BUDGET@   # EUR\n", "    skills:   # people-days\n"]
    lines += [literal(f"      {skill.id}: 0   # {comment(skill.name)}\n") for skill in p.skills]
    return lines
