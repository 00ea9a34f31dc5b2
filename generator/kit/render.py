"""The project kit: a cookiecutter template that starts a project with its tier's artefacts.

`render_kit` writes `dist/project-kit/` and `dist/project-kit-<version>.zip`:

    project-kit/
      cookiecutter.json          questions with human prompts (__prompts__)
      README.md                  how to use the kit
      pmo_kit_answers.py         checks the answers while cookiecutter asks: asks again at a
                                 terminal, one message and the command to re-run without
      hooks/pre_gen_project.py   checks the answers again (standard library only)
      hooks/post_gen_project.py  keeps the tier's files and fills the answers in
      {{cookiecutter.__project_dir}}/
        <artefact>.docx          Word templates from the Word renderer (copied unrendered)
        <register>.xlsx          register spreadsheets (copied unrendered)
        status/{{...start_date[:7]}}.yaml   the first status file (rendered by cookiecutter)
        .pmo-kit-data.json       per tier: files, standards, README (read, then removed)
"""

from __future__ import annotations

import json
import shlex
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment

from generator.errors import BuildError
from generator.kit.contents import kit_data, kit_files, page_url
from generator.kit.hooks import checks, fill, tiers
from generator.kit.questions import EXTENSION, PROJECT_DIR, cookiecutter_config, kit_questions
from generator.kit.registers import write_register
from generator.kit.status_file import STATUS_PATH, status_template
from generator.model import Artefact, Handbook, answer_label, placeholder
from generator.model.applicability import (
    Duty,
    artefacts_for,
    by_gate,
    deviation_rule,
    duties,
    lifecycle,
    tier_deviation_rule,
)
from generator.model.render_inputs import RenderInputs
from generator.model.tier_criteria import RULE
from generator.shared.archives import EPOCH, zip_folder
from generator.shared.templating import TEMPLATES_DIR, create_environment

KIT_TEMPLATES = TEMPLATES_DIR / "kit"
# Files of the kit made of a template with the kit's standard-library modules pasted in.
PASTED = {"hooks/pre_gen_project.py": (tiers, checks), "hooks/post_gen_project.py": (fill,),
          f"{EXTENSION}.py": (tiers, checks)}
DATA_FILE = fill.DATA_FILE
PM = "project-manager"  # whose duties the project README lists first, by gate


@dataclass(frozen=True, slots=True)
class KitFile:
    """A file a project receives, for the README."""

    path: str
    artefact: Artefact
    url: str | None  # None without a site_url
    spreadsheet: bool


def render_kit(handbook: Handbook, out_dir: Path, inputs: RenderInputs) -> list[Path]:
    """Write the kit template folder and its zip into `out_dir`; return both paths.

    The kit embeds the artefacts' Word templates, which the pipeline hands in
    (`inputs.files`, as `word/<id>.docx`).
    """
    kit_dir = out_dir / "project-kit"
    project_dir = kit_dir / PROJECT_DIR
    project_dir.mkdir(parents=True)
    env = create_environment(KIT_TEMPLATES)
    version = handbook.settings.version
    _write_text(kit_dir / "cookiecutter.json",
                json.dumps(cookiecutter_config(handbook), indent=2, ensure_ascii=False) + "\n")
    for name in PASTED:
        _write_text(kit_dir / name, assemble_hook(name))
    _write_text(kit_dir / "README.md", render_kit_readme(handbook, env))
    _copy_templates(handbook, project_dir, inputs)
    _write_text(project_dir / STATUS_PATH, status_template(handbook))
    readmes = {t.id: render_project_readme(handbook, t.id, env) for t in handbook.settings.tiers}
    _write_text(project_dir / DATA_FILE,
                json.dumps(kit_data(handbook, readmes), indent=2, ensure_ascii=False) + "\n")
    zip_path = zip_folder(kit_dir, out_dir / f"project-kit-{version}.zip", EPOCH,
                          top=f"project-kit-{version}", normalise=False)
    return [kit_dir, zip_path]


def assemble_hook(name: str) -> str:
    """A hook's (or the answer checks') source with its helper modules pasted in place of
    the imports of them; their imports of each other go, as they are pasted in order."""
    hook = (KIT_TEMPLATES / name).read_text(encoding="utf-8")
    lines = hook.splitlines(keepends=True)
    for module in PASTED[name]:
        source = Path(module.__file__ or "").read_text(encoding="utf-8")
        source = "\n".join(line for line in source.splitlines()
                           if not line.startswith(("from __future__ import",
                                                   "from generator.kit.hooks.")))
        if "endraw" in source or "{%" in source:
            raise BuildError(f"{module.__name__} must not contain Jinja tags: the kit pastes "
                             "it inside a raw block of a hook")
        marker = f"from {module.__name__} import"
        index = next(i for i, line in enumerate(lines) if line.startswith(marker))
        lines[index] = (f"# --- {module.__name__} ---\n{source}\n"
                        f"# --- end of {module.__name__} ---\n")
    return "".join(lines)


def render_kit_readme(handbook: Handbook, env: Environment) -> str:
    """The kit's own README: commands, questions, the tier rule and criteria, the obligation
    words and deviation rules, and the note on templated values."""
    settings = handbook.settings
    name = f"project-kit-{settings.version}.zip"
    source = f"{settings.site_url.rstrip('/')}/downloads/{name}" if settings.site_url else name
    tier_files = {t.id: sorted(f for a in artefacts_for(handbook, t.id) for f in kit_files(a))
                  for t in settings.tiers}
    lowest = min(t.id for t in settings.tiers)
    lower_tier = [f"when your answers give {t.name}: {rule}" for t in settings.tiers
                  if t.id != lowest and (rule := tier_deviation_rule(handbook, t.id))]
    choices = [c.name.lower() for c in settings.tier_criteria.choices]
    return env.get_template("README.md.j2").render(
        settings=settings, pmo=settings.pmo_type_info(), kit_source=source,
        questions=kit_questions(handbook), tier_files=tier_files, tier_rule=RULE,
        choice_names=" and ".join(choices) or "nothing else", lower_tier=lower_tier,
        deviation_rules={t.id: deviation_rule(handbook, t.id) for t in settings.tiers},
        example_command=" \\\n  ".join(
            [f"cookiecutter {shlex.quote(source)} --no-input",
             *(shlex.quote(a) for a in example_answers(handbook))]))


EXAMPLE = {"project_name": "Warehouse scanners", "project_manager": "Ana Silva",
           "sponsor": "Tom Berg", "start_date": "2026-03-02", "end_date": "2026-09-30",
           "budget": "250000", "business_owner": "Lena Park"}


def example_answers(handbook: Handbook) -> list[str]:
    """`key=value` for every answer the kit cannot default, as the kit README shows them."""
    choices = {c.key: next((lv.id for lv in c.levels if lv.tier == 2), c.levels[0].id)
               for c in handbook.settings.tier_criteria.choices}
    values = []
    for question in kit_questions(handbook):
        value = EXAMPLE.get(question.key) or choices.get(question.key)
        if value is None and question.required:
            value = f"<{answer_label(question.key)}>"
        if value is not None:
            values.append(f"{question.key}={value}")
    return values


def render_project_readme(handbook: Handbook, tier_id: int, env: Environment) -> str:
    """A tier's project README, with placeholders where the answers go."""
    settings = handbook.settings
    artefacts = artefacts_for(handbook, tier_id)
    files = sorted((KitFile(f"{fill.REGISTERS_DIR if f.endswith('.xlsx') else fill.DOCUMENTS_DIR}"
                            f"/{f}", a, page_url(settings, a), f.endswith(".xlsx"))
                    for a in artefacts for f in kit_files(a)), key=lambda f: f.path)
    paths = {f.artefact.id: f.path for f in files}
    applying = duties(handbook, tier=tier_id, scope="project")
    gate_names = {step.gate.id: f"{step.gate.id} {step.gate.name}"
                  for step in lifecycle(handbook, tier_id)}
    own = [(gate_names.get(gate or "", "All through the project"), _items(handbook, group))
           for gate, group in by_gate(handbook, [d for d in applying if d.actor == PM])]
    others = [(handbook.title_of(role), _items(handbook, [d for d in applying if d.actor == role]))
              for role in dict.fromkeys(d.actor for d in applying) if role != PM]
    gates = [{"step": step, "url": page_url(settings, step.policy),
              "decided_by": handbook.title_of(step.decider.role)
              + (f", {step.decider.note}" if step.decider.note else ""),
              "artefacts": [{"title": a.title, "path": paths.get(a.id)} for a in step.evidence]}
             for step in lifecycle(handbook, tier_id)]
    unit = {"budget": f" {settings.tier_criteria.budget.unit}"}
    questions = [{"label": answer_label(q.key),
                  "placeholder": placeholder(q.key) + unit.get(q.key, "")}
                 for q in kit_questions(handbook) if q.key != "project_slug"]
    return env.get_template("project-README.md.j2").render(
        settings=settings, tier=settings.tier(tier_id), pmo=settings.pmo_type_info(),
        questions=questions, files=files, own=own, others=others, gates=gates,
        home=settings.site_url, words=settings.obligation_words,
        deviation=deviation_rule(handbook, tier_id))


def _items(handbook: Handbook, group: list[Duty]) -> list[dict[str, object]]:
    """Duties as the README lists them: word, link, trigger, text."""
    settings = handbook.settings
    return [{"word": d.word.upper(), "id": d.id, "permission": d.requirement.permission,
             "url": f"{url}#{d.id}" if (url := page_url(settings, d.policy)) else None,
             "trigger": d.requirement.trigger,
             "text": " ".join(d.requirement.text.split())} for d in group]


def _copy_templates(handbook: Handbook, project_dir: Path, inputs: RenderInputs) -> None:
    """Write each register's workbook (its record); copy every other Word template."""
    stamp = _stamp(handbook)
    kept = {a.id for t in handbook.settings.tiers for a in artefacts_for(handbook, t.id)}
    for artefact in (a for a in handbook.artefacts if a.id in kept):
        table = artefact.register
        if f"{artefact.id}.xlsx" in kit_files(artefact) and table is not None:
            write_register(handbook, artefact, table, project_dir / f"{artefact.id}.xlsx", stamp)
            continue
        docx = inputs.files.get(f"word/{artefact.id}.docx")
        if docx is None or not docx.is_file():
            raise BuildError(f"word/{artefact.id}.docx was not handed to the kit: the kit embeds "
                             "the Word renderer's output; build with `pmo build`")
        shutil.copyfile(docx, project_dir / docx.name)


def _stamp(handbook: Handbook) -> date:
    """A date that only changes with the standards: the latest history entry."""
    return max((h.date for s in handbook.standards for h in s.history), default=date(2000, 1, 1))


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path

