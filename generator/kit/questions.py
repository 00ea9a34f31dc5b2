"""What the kit asks: its questions and the cookiecutter.json that asks them.

`kit_questions` lists the prompts (the model's built-in answers, then handbook.yaml's,
then the answers artefacts' fields take); `cookiecutter_config` turns them into the
kit's cookiecutter.json.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import BUILTIN_ANSWERS, Handbook, answer_label, placeholder
from generator.model.answers import answer_checks

# The folder cookiecutter creates before any hook runs: the slug when it is one
# plain folder name (the rule of kit.hooks.checks.slug_is_safe, in Jinja), otherwise a
# throw-away name that the failing pre-generation hook makes cookiecutter remove.
PROJECT_DIR_EXPRESSION = (
    "{% set s = cookiecutter.project_slug %}"
    "{% if s|trim and s == s|trim and s != '.' and '..' not in s and '/' not in s"
    " and '\\\\' not in s and ':' not in s %}{{ s }}"
    "{% else %}.pmo-kit-rejected-{{ random_ascii_string(12) }}{% endif %}"
)
PROJECT_DIR = "{{cookiecutter.__project_dir}}"


@dataclass(frozen=True, slots=True)
class KitQuestion:
    """One kit prompt: the answer key, the question, its default and choices if any."""

    key: str
    question: str
    default: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, label)
    shown_default: str = ""  # the default in words, where `default` is a Jinja expression


def kit_questions(handbook: Handbook) -> tuple[KitQuestion, ...]:
    """Every question the kit asks, in order: built-in ones, handbook.yaml's, the artefacts'."""
    tiers = tuple((str(t.id), f"{t.name}: {t.description}") for t in handbook.settings.tiers)
    questions = [
        KitQuestion(a.key, a.question, a.default, shown_default=a.shown_default)
        if a.check != "tier" else KitQuestion(a.key, a.question, tiers[0][0] if tiers else "",
                                              tiers)
        for a in BUILTIN_ANSWERS
    ]
    known = {q.key for q in questions}
    for answer in handbook.settings.answers:
        if answer.key not in known:
            questions.append(KitQuestion(answer.key, answer.question, answer.default))
            known.add(answer.key)
    for key in answer_keys(handbook):
        if key not in known:
            questions.append(KitQuestion(key, answer_label(key)))
            known.add(key)
    return tuple(questions)


def answer_keys(handbook: Handbook) -> tuple[str, ...]:
    """Answer keys the artefacts' fields take, in order of first use."""
    keys: dict[str, None] = {}
    for artefact in handbook.artefacts:
        for section in artefact.sections:
            for field in section.fields:
                if field.answer:
                    keys.setdefault(field.answer)
    return tuple(keys)


def cookiecutter_config(handbook: Handbook) -> dict[str, object]:
    """The kit's cookiecutter.json: questions, human prompts and private settings."""
    config: dict[str, object] = {}
    prompts: dict[str, object] = {}
    for question in kit_questions(handbook):
        text = _rich_escape(question.question)
        if question.choices:
            config[question.key] = [value for value, _ in question.choices]
            prompts[question.key] = {"__prompt__": text,
                                     **{v: _rich_escape(label) for v, label in question.choices}}
        else:
            config[question.key] = question.default
            prompts[question.key] = text
    config["__project_dir"] = PROJECT_DIR_EXPRESSION
    config["__prompts__"] = prompts
    config["_copy_without_render"] = ["*.docx", "*.xlsx", "*.pmo-kit-data.json"]
    config["_pmo_checks"] = list(answer_checks().items())  # a list: cookiecutter sorts keys
    config["_pmo_kit_version"] = handbook.settings.version
    return config


def labels(handbook: Handbook) -> dict[str, str]:
    """Answer key -> the placeholder text templates carry for it."""
    return {q.key: placeholder(q.key) for q in kit_questions(handbook)}


def _rich_escape(text: str) -> str:
    """cookiecutter shows prompts through rich, which reads `[...]` as markup."""
    return text.replace("[", "\\[")

