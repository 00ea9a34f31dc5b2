"""What the kit asks: its questions and the cookiecutter.json that asks them.

`kit_questions` lists the prompts in order: the model's built-in answers, handbook.yaml's,
the choice criteria of the tiers (risk, reach), the answers artefacts' fields take, and
the tier last, defaulting to the tier the answers give. `cookiecutter_config` turns them
into the kit's cookiecutter.json, with the data the kit's answer checks run on
(`_pmo_kit`): they run inside cookiecutter (templates/kit/pmo_kit_answers.py, loaded as a
Jinja extension) when it works out the project folder's name after the questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.model import BUILTIN_ANSWERS, Handbook, answer_label, placeholder
from generator.model.answers import answer_checks
from generator.model.applicability import tier_deviation_rule

EXTENSION = "pmo_kit_answers"  # the module at the kit's top, see templates/kit/
# The folder cookiecutter creates once the answers are checked (and asked again).
PROJECT_DIR_EXPRESSION = "{{ pmo_folder(cookiecutter) }}"
TIER_DEFAULT = "{{ pmo_tier_default(cookiecutter) }}"
PROJECT_DIR = "{{cookiecutter.__project_dir}}"


@dataclass(frozen=True, slots=True)
class KitQuestion:
    """One kit prompt: the answer key, the question, its default and whether it is required."""

    key: str
    question: str
    default: str = ""
    required: bool = False
    shown_default: str = ""  # the default in words, where `default` is a Jinja expression


def kit_questions(handbook: Handbook) -> tuple[KitQuestion, ...]:
    """Every question the kit asks, in order (the tier last, once the criteria are known)."""
    settings = handbook.settings
    criteria = settings.tier_criteria
    tiers = [str(t.id) for t in settings.tiers]
    questions = []
    tier = None
    for a in BUILTIN_ANSWERS:
        text = a.question.format(unit=criteria.budget.unit,
                                 tiers=f"{', '.join(tiers[:-1])} or {tiers[-1]}"
                                 if len(tiers) > 1 else tiers[0])
        question = KitQuestion(a.key, text, a.default, a.check in ("name", "amount"),
                               a.shown_default)
        if a.key == "tier":
            tier = KitQuestion(a.key, text, TIER_DEFAULT, False, a.shown_default)
        else:
            questions.append(question)
    known = {q.key for q in questions} | {"tier"}
    for answer in settings.answers:
        if answer.key not in known:
            questions.append(KitQuestion(answer.key, answer.question, answer.default,
                                         answer.required))
            known.add(answer.key)
    for choice in criteria.choices:
        if choice.key not in known:
            questions.append(KitQuestion(choice.key, choice.question, required=True))
            known.add(choice.key)
    for key in answer_keys(handbook):
        if key not in known:
            questions.append(KitQuestion(key, answer_label(key)))
            known.add(key)
    assert tier is not None
    return (*questions, tier)


def answer_keys(handbook: Handbook) -> tuple[str, ...]:
    """Answer keys the artefacts' fields take, in order of first use."""
    keys: dict[str, None] = {}
    for artefact in handbook.artefacts:
        for section in artefact.sections:
            for field in section.fields:
                if field.answer:
                    keys.setdefault(field.answer)
    return tuple(keys)


def kit_checks(handbook: Handbook) -> dict[str, Any]:
    """What the kit's answer checks need (cookiecutter.json `_pmo_kit`): how each answer
    is checked, the tiers and their names, the tier criteria with who approves a lower tier,
    the questions in order and the kit's file name."""
    settings = handbook.settings
    tiers = tuple(t.id for t in settings.tiers)
    rule = settings.tier_criteria.as_data(tiers)
    rule["deviation"] = {str(t): tier_deviation_rule(handbook, t) for t in tiers}
    return {
        "checks": [list(item) for item in answer_checks(settings).items()],  # ordered
        "tiers": [str(t) for t in tiers],
        "tier_names": {str(t.id): t.name for t in settings.tiers},
        "tier_rule": rule,
        "questions": [[q.key, q.question] for q in kit_questions(handbook)],
        "kit": f"project-kit-{settings.version}.zip",
    }


def cookiecutter_config(handbook: Handbook) -> dict[str, object]:
    """The kit's cookiecutter.json: the checks' data first, then the questions, the folder
    (whose rendering checks the answers), human prompts and private settings."""
    config: dict[str, object] = {"_extensions": [f"{EXTENSION}.AnswersExtension"],
                                 "_pmo_kit": kit_checks(handbook)}
    prompts: dict[str, object] = {}
    for question in kit_questions(handbook):
        config[question.key] = question.default
        prompts[question.key] = _rich_escape(question.question
                                             + (" (required)" if question.required else ""))
    config["_tier_deviation"] = ""
    config["__project_dir"] = PROJECT_DIR_EXPRESSION
    config["__prompts__"] = prompts
    config["_copy_without_render"] = ["*.docx", "*.xlsx", "*.pmo-kit-data.json"]
    config["_pmo_kit_version"] = handbook.settings.version
    return config


def labels(handbook: Handbook) -> dict[str, str]:
    """Answer key -> the placeholder text templates carry for it."""
    return {q.key: placeholder(q.key) for q in kit_questions(handbook)}


def _rich_escape(text: str) -> str:
    """cookiecutter shows prompts through rich, which reads `[...]` as markup."""
    return text.replace("[", "\\[")

