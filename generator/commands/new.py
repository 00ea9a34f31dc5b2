"""`pmo new`: start a project from the kit, asking each answer and re-asking only a wrong one.

The answers go to cookiecutter's `generate_files` as they were typed: unlike
cookiecutter's own prompts for defaults and command-line values, nothing here
renders an answer as a template. Every answer is checked as the kit checks it
(generator.kit.hooks.checks), including for characters no Word or Excel file can hold, and
asked again until it passes; the tier defaults to the tier the answers give and is never
lower without the reference of an approved deviation (generator.kit.hooks.tiers).
"""

from __future__ import annotations

import datetime
import io
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cookiecutter.exceptions import CookiecutterException
from cookiecutter.generate import generate_files
from slugify import slugify

from generator.errors import PmoError
from generator.kit.hooks.checks import check_answer
from generator.kit.hooks.tiers import check_tier, derived_tier, why
from generator.kit.questions import KitQuestion, kit_checks, kit_questions
from generator.model import Handbook
from generator.model.tier_criteria import RULE
from generator.pipeline.check import load_handbook
from generator.pipeline.outputs import render_outputs
from generator.pipeline.workspace import Workspace, quiet

Ask = Callable[[str], str]
Say = Callable[[str], None]
END_DAYS = 180


def read_answer(prompt: str) -> str:
    """`input`, with bytes that are not UTF-8 read as lone surrogates: the answer checks
    then name the answer and ask again, where a strict decoder would stop with a traceback."""
    stdin = sys.stdin
    if isinstance(stdin, io.TextIOWrapper) and stdin.errors == "strict":
        stdin.reconfigure(errors="surrogateescape")
    return input(prompt)


def new_project(workspace: Workspace, output_dir: Path, *, ask: Ask = read_answer,
                say: Say = print) -> Path:
    """Ask the kit's questions, then generate the project in `output_dir`; return its folder."""
    handbook = load_handbook(workspace.standards)
    output_dir = output_dir.resolve()
    answers = ask_answers(handbook, output_dir, ask, say)
    with tempfile.TemporaryDirectory(prefix="pmo-new-") as temporary:
        stage = Path(temporary)
        render_outputs(handbook, workspace, stage, ("kit",), quiet)
        kit_dir = stage / "dist" / "project-kit"
        config = json.loads((kit_dir / "cookiecutter.json").read_text(encoding="utf-8"))
        context = {"cookiecutter": {
            **answers, "__project_dir": answers["project_slug"],
            "_copy_without_render": config["_copy_without_render"],
            "_pmo_kit": config["_pmo_kit"],
            "_pmo_kit_version": config["_pmo_kit_version"], "_template": str(kit_dir),
            "_output_dir": str(output_dir), "_repo_dir": str(kit_dir), "_checkout": None}}
        output_dir.mkdir(parents=True, exist_ok=True)
        try:
            project = Path(generate_files(repo_dir=str(kit_dir), context=context,
                                          output_dir=str(output_dir)))
        except CookiecutterException as err:
            raise PmoError(f"the kit could not generate the project ({err}); nothing was "
                           "left behind: check the messages above and run `pmo new` again") from err
    say(f"Project ready in {project}")
    return project


def ask_answers(handbook: Handbook, output_dir: Path, ask: Ask, say: Say) -> dict[str, str]:
    """Ask every kit question in turn; a wrong answer is explained and asked again. The tier
    comes last: Enter takes the tier the answers give; a lower one needs the reference of an
    approved deviation."""
    kit = kit_checks(handbook)
    checks, tiers, rule = dict(kit["checks"]), tuple(kit["tiers"]), kit["tier_rule"]
    answers: dict[str, str] = {}
    for question in kit_questions(handbook):
        if question.key == "tier":
            say(f"{RULE} Your answers give tier {derived_tier(rule, answers)}: "
                f"{why(rule, answers)}.")
        while True:
            value = _ask(question, answers, ask, tier_default(rule, answers))
            problem = check_answer(question.key, value, answers, checks, tiers)
            if problem is None and question.key == "project_slug" and (output_dir / value).exists():
                problem = f"{output_dir / value} already exists: choose another project_slug"
            if problem is None and question.key == "tier":
                value = value.strip() or str(derived_tier(rule, answers))
                problem = check_tier(rule, {**answers, "tier": value})
                if problem:
                    say(f"  {problem}")
                    reference = _ask(KitQuestion("tier_deviation", "Reference of the approved "
                                                 "deviation (Enter to choose the tier again)"),
                                     answers, ask)
                    if reference.strip():
                        answers["tier_deviation"] = reference.strip()
                        problem = None
                    else:
                        continue
            if problem is None:
                break
            say(f"  {problem}. Please answer again.")
        answers[question.key] = value
    return answers


def tier_default(rule: dict[str, Any], answers: dict[str, str]) -> str:
    """The tier the answers so far give, offered as the tier question's default."""
    tier = derived_tier(rule, answers)
    return str(tier) if tier else ""


def _ask(question: KitQuestion, answers: dict[str, str], ask: Ask, tier: str = "") -> str:
    default = tier if question.key == "tier" else default_answer(question, answers)
    required = " (required)" if question.required else ""
    try:
        typed = ask(f"{question.question}{required} [{default}]: " if default
                    else f"{question.question}{required}: ")
    except EOFError as err:
        raise PmoError(f"no answer for {question.key}; nothing was written") from err
    return typed or default


def default_answer(question: KitQuestion, answers: dict[str, str]) -> str:
    """The default offered for a question, computed here rather than by Jinja."""
    today = datetime.date.today()
    if question.key == "project_slug":
        return str(slugify(answers.get("project_name", "")))
    if question.key == "start_date":
        return today.isoformat()
    if question.key == "end_date":
        return (today + datetime.timedelta(days=END_DAYS)).isoformat()
    if question.key == "tier":
        return ""  # the tier the answers give, said before the question
    return question.default
