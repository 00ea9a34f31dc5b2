"""The project kit: a cookiecutter template that starts a project with its tier's artefacts.

`render_kit` writes `dist/project-kit/` and `dist/project-kit-<version>.zip`:

    project-kit/
      cookiecutter.json          questions with human prompts (__prompts__)
      README.md                  how to use the kit
      hooks/pre_gen_project.py   checks the answers (standard library only)
      hooks/post_gen_project.py  keeps the tier's files and fills the answers in
      {{cookiecutter.__project_dir}}/
        <artefact>.docx          Word templates from the Word renderer (copied unrendered)
        <register>.xlsx          register spreadsheets (copied unrendered)
        .pmo-kit-data.json       per tier: files, standards, README (read, then removed)
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator import kit_checks, kit_fill
from generator.errors import BuildError
from generator.kit_archive import write_zip
from generator.kit_data import (
    PROJECT_DIR,
    cookiecutter_config,
    kit_data,
    kit_files,
    kit_questions,
    page_url,
)
from generator.kit_xlsx import write_register
from generator.model import Artefact, Handbook
from generator.placeholders import answer_label, placeholder

if TYPE_CHECKING:
    from generator.build import Workspace

KIT_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "kit"
HOOK_MODULES = {"pre_gen_project.py": kit_checks, "post_gen_project.py": kit_fill}


@dataclass(frozen=True, slots=True)
class KitFile:
    """A file a project receives, for the README."""

    path: str
    artefact: Artefact
    url: str
    spreadsheet: bool


def render_kit(handbook: Handbook, dist_dir: Path, *, word_dir: Path) -> list[Path]:
    """Write the kit template folder and its zip into `dist_dir`; return both paths."""
    kit_dir = dist_dir / "project-kit"
    if kit_dir.exists():
        shutil.rmtree(kit_dir)
    project_dir = kit_dir / PROJECT_DIR
    project_dir.mkdir(parents=True)
    env = Environment(loader=FileSystemLoader(str(KIT_TEMPLATES)), undefined=StrictUndefined,
                      keep_trailing_newline=True, autoescape=False)
    version = handbook.settings.version
    _write_text(kit_dir / "cookiecutter.json",
                json.dumps(cookiecutter_config(handbook), indent=2, ensure_ascii=False) + "\n")
    for name in HOOK_MODULES:
        _write_text(kit_dir / "hooks" / name, assemble_hook(name))
    _write_text(kit_dir / "README.md", render_kit_readme(handbook, env))
    _copy_templates(handbook, project_dir, word_dir)
    readmes = {t.id: render_project_readme(handbook, t.id, env) for t in handbook.settings.tiers}
    _write_text(project_dir / kit_fill.DATA_FILE,
                json.dumps(kit_data(handbook, readmes), indent=2, ensure_ascii=False) + "\n")
    zip_path = write_zip(kit_dir, dist_dir / f"project-kit-{version}.zip",
                         f"project-kit-{version}")
    return [kit_dir, zip_path]


def assemble_hook(name: str) -> str:
    """A hook's source with its helper module pasted in place of the import of it."""
    module = HOOK_MODULES[name]
    hook = (KIT_TEMPLATES / "hooks" / name).read_text(encoding="utf-8")
    source = Path(module.__file__ or "").read_text(encoding="utf-8")
    source = "\n".join(line for line in source.splitlines()
                       if not line.startswith("from __future__ import"))
    if "endraw" in source or "{%" in source:
        raise BuildError(f"{module.__name__} must not contain Jinja tags: the kit pastes it "
                         "inside a raw block of a hook")
    lines = hook.splitlines(keepends=True)
    marker = f"from {module.__name__} import"
    index = next(i for i, line in enumerate(lines) if line.startswith(marker))
    lines[index] = f"# --- {module.__name__} ---\n{source}\n# --- end of {module.__name__} ---\n"
    return "".join(lines)


def render_kit_readme(handbook: Handbook, env: Environment) -> str:
    """The kit's own README: commands, questions, tiers and the note on templated values."""
    settings = handbook.settings
    name = f"project-kit-{settings.version}.zip"
    source = f"{settings.site_url.rstrip('/')}/downloads/{name}" if settings.site_url else name
    tier_files = {t.id: sorted(f for a in handbook.artefacts_for_tier(t.id) for f in kit_files(a))
                  for t in settings.tiers}
    return env.get_template("README.md.j2").render(
        settings=settings, pmo=settings.pmo_type_info(), kit_source=source,
        questions=kit_questions(handbook), tier_files=tier_files,
        required=kit_checks.NAME_KEYS)


def render_project_readme(handbook: Handbook, tier_id: int, env: Environment) -> str:
    """A tier's project README, with placeholders where the answers go."""
    settings = handbook.settings
    artefacts = handbook.artefacts_for_tier(tier_id)
    files = [KitFile(f"{kit_fill.REGISTERS_DIR if f.endswith('.xlsx') else kit_fill.DOCUMENTS_DIR}"
                     f"/{f}", a, page_url(settings, a), f.endswith(".xlsx"))
             for a in artefacts for f in kit_files(a)]
    paths = {f.artefact.id: f.path for f in files if not f.spreadsheet}
    policies = []
    for policy in handbook.policies:
        requirements = [{"requirement": r, "word": r.obligation.under(settings.pmo_type).upper()}
                        for p, r in handbook.requirements_for_tier(tier_id) if p.id == policy.id]
        if requirements:
            policies.append({"policy": policy, "url": page_url(settings, policy),
                             "requirements": requirements})
    gates = [{"policy": p, "gate": g, "url": page_url(settings, p),
              "decided_by": _title(handbook, g.decision_body),
              "artefacts": [{"title": _title(handbook, a), "path": paths.get(a)}
                            for a in g.artefacts]}
             for p, g in handbook.gates_for_tier(tier_id)]
    questions = [{"label": answer_label(q.key), "placeholder": placeholder(q.key)}
                 for q in kit_questions(handbook) if q.key != "project_slug"]
    return env.get_template("project-README.md.j2").render(
        settings=settings, tier=settings.tier(tier_id), pmo=settings.pmo_type_info(),
        questions=questions, files=files, policies=policies, gates=gates,
        home=settings.site_url or "see the handbook site")


def _title(handbook: Handbook, standard_id: str) -> str:
    standard = handbook.by_id.get(standard_id)
    return standard.title if standard else standard_id


def _copy_templates(handbook: Handbook, project_dir: Path, word_dir: Path) -> None:
    """Copy every artefact's Word template and write its register spreadsheet."""
    stamp = _stamp(handbook)
    tier_ids = {t.id for t in handbook.settings.tiers}
    for artefact in handbook.artefacts:
        if artefact.retired or not tier_ids & set(artefact.tiers):
            continue
        docx = word_dir / f"{artefact.id}.docx"
        if not docx.is_file():
            raise BuildError(f"{docx} is missing: the kit needs the Word renderer's output; "
                             "run `pmo build` (it writes the Word files first)")
        shutil.copyfile(docx, project_dir / docx.name)
        table = artefact.register
        if f"{artefact.id}.xlsx" in kit_files(artefact) and table is not None:
            write_register(handbook, artefact, table, project_dir / f"{artefact.id}.xlsx", stamp)


def _stamp(handbook: Handbook) -> str:
    """A date that only changes with the standards: the latest history entry."""
    dates = [h.date for s in handbook.standards for h in s.history]
    latest = max(dates).isoformat() if dates else "2000-01-01"
    return f"{latest}T00:00:00Z"


def _write_text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return path


def new_project(workspace: Workspace, output_dir: Path) -> Path:
    """`pmo new`: ask each answer (re-asking a wrong one), then generate the project."""
    from generator.kit_new import new_project as ask_and_generate

    return ask_and_generate(workspace, output_dir)
