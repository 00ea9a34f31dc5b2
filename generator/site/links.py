"""Links and words the generated pages use, as Jinja globals.

Plain functions rather than Jinja macros: at 2,000 standards they run hundreds
of thousands of times. Each takes the template context for the page being
rendered (`page`, a path below docs/) and the model (`handbook`).
"""

from __future__ import annotations

import jinja2

from generator.model import Standard, page_path
from generator.site.plain_text import markdown_text


def relative(target: str, page: str) -> str:
    """`target` (a path below docs/) as seen from `page` (another one)."""
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


@jinja2.pass_context
def href(context: jinja2.runtime.Context, target: str) -> str:
    """Link from the page being rendered to `target` (a path below docs/)."""
    return relative(target, context["page"])


@jinja2.pass_context
def link(context: jinja2.runtime.Context, standard: Standard, anchor: str = "") -> str:
    """A Markdown link to a standard's page, titled with its title."""
    title = markdown_text(standard.title)
    return f"[{title}]({relative(page_path(standard), context['page'])}{anchor})"


@jinja2.pass_context
def ref(context: jinja2.runtime.Context, standard_id: str) -> str:
    """A link to the standard with this id, or the id itself when there is none."""
    standard = context["handbook"].by_id.get(standard_id)
    return link(context, standard) if standard is not None else standard_id


def word(value: str | None) -> str:
    """An obligation word in Markdown: **must**, should, *may*."""
    if value == "must":
        return "**must**"
    if value == "should":
        return "should"
    return f"*{value}*" if value else "–"


@jinja2.pass_context
def tiers(context: jinja2.runtime.Context, ids: tuple[int, ...]) -> str:
    """`all tiers`, or links to the tailoring page of each tier."""
    settings = context["settings"]
    if len(ids) == len(settings.tiers):
        return "all tiers"
    return ", ".join(f"[{settings.tier(t).name}]"
                     f"({relative(f'tailoring/tier-{t}.md', context['page'])})" for t in ids)


def only_tiers(item: tuple[int, ...], whole: tuple[int, ...]) -> str:
    """` (tier 1 only)` or ` (tiers 2, 3)` when `item` covers fewer tiers than `whole`."""
    if set(item) >= set(whole):
        return ""
    if len(item) == 1:
        return f" (tier {item[0]} only)"
    return f" (tiers {', '.join(map(str, item))})"
