"""The kit's answer checks, run inside cookiecutter while it asks the questions.

cookiecutter loads this module as a Jinja extension (`_extensions` in cookiecutter.json;
the kit's folder is on its import path). Two of the kit's values call it:

- the tier's default, `pmo_tier_default(cookiecutter)`: the tier the answers so far give;
- the project folder, `pmo_folder(cookiecutter)`, the last value cookiecutter works out
  after the questions and before it writes anything. It checks every answer. At a
  terminal it asks again for each answer that is missing or wrong, showing what is wrong,
  and keeps every other answer; what is typed here replaces the wrong answer in
  cookiecutter's own answers, so the project, its record and the replay file all get it.
  Without a terminal (`--no-input`) it prints one message naming every problem and the
  command to run again with the answers already given, and stops cookiecutter before it
  writes anything (exit status 1, no traceback).

render_kit replaces the two imports below with the source of generator/kit/hooks/tiers.py
and checks.py: this module needs only the standard library and what cookiecutter brings.
"""

from __future__ import annotations

import shlex
import sys
from typing import Any

from jinja2.ext import Extension

from generator.kit.hooks.tiers import check_tier, derived_tier, why  # noqa: E402
from generator.kit.hooks.checks import check_answer  # noqa: E402

KIT = "_pmo_kit"
DEVIATION = "_tier_deviation"  # the reference of an approved lower tier, given on the command line


class AnswersExtension(Extension):
    """Makes `pmo_folder` and `pmo_tier_default` available to the kit's cookiecutter.json."""

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        environment.globals["pmo_folder"] = checked_folder
        environment.globals["pmo_tier_default"] = tier_default


def _given(answers: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in answers.items() if not k.startswith("_")}


def tier_default(answers: dict[str, Any]) -> str:
    """The tier the answers so far give, or empty while an answer it needs is missing."""
    tier = derived_tier(answers[KIT]["tier_rule"], _given(answers))
    return str(tier) if tier else ""


def problems_of(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """(key, problem) for every answer that is missing or wrong, in question order; then
    a tier lower than the answers give."""
    kit = answers[KIT]
    given, checks, tiers = _given(answers), dict(kit["checks"]), tuple(kit["tiers"])
    found = [(key, problem) for key, _ in kit["questions"]
             if (problem := check_answer(key, given.get(key, ""), given, checks, tiers))
             and not (key == "project_slug" and _follows_empty_name(given))]
    found += [(key, problem) for key in given if key not in checks
              and (problem := check_answer(key, given[key], given, checks, tiers))]
    if not found:
        lower = check_tier(kit["tier_rule"], given)
        if lower:
            found.append(("tier", lower))
    return found


def _derived_slug(answers: dict[str, Any]) -> bool:
    """True when the slug is still the one made from the project name: it follows the name,
    and the command to re-run leaves it out."""
    from slugify import slugify

    return str(answers.get("project_slug", "")) == slugify(str(answers.get("project_name", "")))


def _follows_empty_name(given: dict[str, str]) -> bool:
    """An empty slug made from an empty project name: the name is the one problem to name."""
    return not given.get("project_name", "").strip() and not given.get("project_slug", "")


def checked_folder(answers: dict[str, Any]) -> str:
    """Check every answer (asking again at a terminal, or stopping without one); settle the
    tier; return the project folder's name."""
    kit = answers[KIT]
    if str(answers.get(DEVIATION, "")).strip():
        answers["tier_deviation"] = str(answers[DEVIATION]).strip()
    problems = problems_of(answers)
    if problems and _without_input():
        _stop(answers, problems)
    if problems:
        try:
            _ask_again(answers)
        except EOFError:
            _stop(answers, problems_of(answers))
    if not str(answers.get("tier", "")).strip():
        answers["tier"] = tier_default(answers)
    tier = str(answers["tier"])
    deviation = str(answers.get("tier_deviation", "")).strip()
    by = f" by the approved deviation {deviation}" if deviation and check_tier(
        kit["tier_rule"], {**_given(answers), "tier_deviation": ""}) else ""
    print(f"kit: tier {tier} ({kit['tier_names'].get(tier, tier)}){by}; your answers give tier "
          f"{tier_default(answers)}: {why(kit['tier_rule'], _given(answers))}", flush=True)
    return str(answers["project_slug"])


def _without_input() -> bool:
    """True when cookiecutter was told not to ask (`--no-input`), or has no terminal."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_name == "prompt_for_config" and "no_input" in frame.f_locals:
            return bool(frame.f_locals["no_input"])
        frame = frame.f_back  # type: ignore[assignment]
    return not sys.stdin.isatty()


def _ask_again(answers: dict[str, Any]) -> None:
    """Ask again, at cookiecutter's own prompt, for each answer that is missing or wrong."""
    from cookiecutter.prompt import read_user_variable
    from slugify import slugify

    kit = answers[KIT]
    questions = dict(kit["questions"])
    count = len(problems_of(answers))
    which = "1 of your answers needs" if count == 1 else f"{count} of your answers need"
    print(f"\nkit: {which} another look; everything else you typed is kept.", flush=True)
    while problems := problems_of(answers):
        key, problem = problems[0]
        print(f"kit: {problem}", flush=True)
        derived_slug = _derived_slug(answers)
        default = ""
        if key == "project_slug":
            default = slugify(str(answers.get("project_name", "")))
        elif key == "tier":
            default = tier_default(answers)
        text = questions.get(key, key).replace("[", "\\[")
        answers[key] = read_user_variable(key, default, {key: text}, "  ")
        if key == "project_name" and derived_slug:
            answers["project_slug"] = slugify(str(answers["project_name"]))
        if key == "tier" and check_tier(kit["tier_rule"], _given(answers)):
            reference = read_user_variable(
                "tier_deviation", "", {"tier_deviation": "Reference of the approved deviation "
                                       "for this lower tier (Enter to choose the tier again)"},
                "  ")
            if str(reference).strip():
                answers["tier_deviation"] = str(reference).strip()


def _stop(answers: dict[str, Any], problems: list[tuple[str, str]]) -> None:
    """Print every problem and the command to run again, then end cookiecutter (status 1)
    before it writes anything."""
    count = len(problems)
    lines = [f"kit: nothing was written: {count} answer{'s' if count != 1 else ''} "
             f"{'need' if count != 1 else 'needs'} fixing:"]
    lines += [f"  - {problem}" for _, problem in problems]
    lines += ["kit: run the kit again with these answers, after filling in or correcting "
              "the last ones:", f"  {rerun_command(answers, [k for k, _ in problems])}"]
    print("\n".join(lines), file=sys.stderr, flush=True)
    raise SystemExit(1)


def rerun_command(answers: dict[str, Any], wrong: list[str]) -> str:
    """The cookiecutter command that ran, with every answer given as key=value, quoted for
    the shell: the right ones first, then the ones to fill in or correct."""
    template, options = _invocation(answers[KIT]["kit"])
    keys = [k for k, _ in answers[KIT]["questions"]]
    keys += [k for k in _given(answers) if k not in keys and k != "tier_deviation"]
    if str(answers.get(DEVIATION, "")).strip():
        keys.append(DEVIATION)
    if _derived_slug(answers):
        keys.remove("project_slug")
    right = [k for k in keys if k not in wrong and str(answers.get(k, "")) != ""]
    values = [f"{k}={answers.get(k, '')}" for k in [*right, *dict.fromkeys(wrong)]]
    return shlex.join(["cookiecutter", template, "--no-input", *options, *values])


def _invocation(kit: str) -> tuple[str, list[str]]:
    """The template and the options cookiecutter was started with (from its command line)."""
    try:
        from cookiecutter.cli import main as command

        context = command.make_context("cookiecutter", sys.argv[1:], resilient_parsing=True)
        params = context.params
    except Exception:  # not started from the command line: name the kit
        return kit, []
    options = []
    for flag, name in (("--output-dir", "output_dir"), ("--config-file", "config_file"),
                       ("--checkout", "checkout"), ("--directory", "directory")):
        if params.get(name) not in (None, "", "."):
            options += [flag, str(params[name])]
    if params.get("default_config"):
        options.append("--default-config")
    return str(params.get("template") or kit), options
