"""What the kit asks and what each tier gets, derived from the model.

`kit_questions` lists the prompts; `cookiecutter_config` turns them into the
kit's cookiecutter.json; `tier_contents` says which files, standards and README
a project of each tier receives (the data the post-generation hook reads).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Artefact, Handbook, Settings, Standard
from generator.placeholders import answer_label, placeholder
from generator.urls import page_url_path

# The folder cookiecutter creates before any hook runs: the slug when it is one
# plain folder name (the rule of kit_checks.slug_is_safe, in Jinja), otherwise a
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
        KitQuestion("project_name", "Project name, as it will appear on every document"),
        KitQuestion("project_slug", "Folder name for the project (no spaces, / or ..)",
                    "{{ cookiecutter.project_name | slugify }}",
                    shown_default="the project name in lower case, words joined by -"),
        KitQuestion("project_manager", "Project manager's full name"),
        KitQuestion("sponsor", "Sponsor's full name (accountable for the business case)"),
        KitQuestion("start_date", "Start date, YYYY-MM-DD", "{% now 'local', '%Y-%m-%d' %}",
                    shown_default="today"),
        KitQuestion("end_date", "Planned end date, YYYY-MM-DD",
                    "{% now 'local' + 'days=180', '%Y-%m-%d' %}",
                    shown_default="180 days from today"),
        KitQuestion("tier", "Project tier (decides the artefacts and gates that apply)",
                    tiers[0][0] if tiers else "", tiers),
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
    config["_pmo_kit_version"] = handbook.settings.version
    return config


def labels(handbook: Handbook) -> dict[str, str]:
    """Answer key -> the placeholder text templates carry for it."""
    return {q.key: placeholder(q.key) for q in kit_questions(handbook)}


def page_url(settings: Settings, standard: Standard) -> str:
    """The standard's page address: absolute when the handbook has a site_url."""
    path = page_url_path(standard)
    return f"{settings.site_url.rstrip('/')}/{path}" if settings.site_url else path


def kit_files(artefact: Artefact) -> tuple[str, ...]:
    """The files an artefact gives a project: its Word template, and a spreadsheet if a register."""
    files = [f"{artefact.id}.docx"]
    if artefact.format == "register" and artefact.register is not None:
        files.append(f"{artefact.id}.xlsx")
    return tuple(files)


def tier_standards(handbook: Handbook, tier: int) -> dict[str, str]:
    """id -> version of each standard a `tier` project follows: policies in force, its artefacts."""
    policies = {p.id: p.version for p in handbook.policies if not p.retired}
    artefacts = {a.id: a.version for a in handbook.artefacts_for_tier(tier)}
    return dict(sorted({**policies, **artefacts}.items()))


def tier_contents(handbook: Handbook, tier: int, readme: str) -> dict[str, object]:
    """What the post-generation hook needs for a project of `tier`."""
    artefacts = handbook.artefacts_for_tier(tier)
    return {
        "files": sorted(f for a in artefacts for f in kit_files(a)),
        "artefacts": {a.id: a.version for a in sorted(artefacts, key=lambda a: a.id)},
        "standards": tier_standards(handbook, tier),
        "readme": readme,
    }


def kit_data(handbook: Handbook, readmes: dict[int, str]) -> dict[str, object]:
    """The kit's private data file: versions, placeholder labels, and each tier's contents."""
    settings = handbook.settings
    return {
        "kit_version": settings.version,
        "handbook_version": settings.version,
        "organisation": settings.organisation,
        "pmo_type": settings.pmo_type,
        "labels": labels(handbook),
        "tier_names": {str(t.id): t.name for t in settings.tiers},
        "tiers": {str(t.id): tier_contents(handbook, t.id, readmes[t.id]) for t in settings.tiers},
    }


def _rich_escape(text: str) -> str:
    """cookiecutter shows prompts through rich, which reads `[...]` as markup."""
    return text.replace("[", "\\[")

