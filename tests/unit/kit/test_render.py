"""render_kit: the cookiecutter template, its data, hooks and zip, from the model."""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
import shlex
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from cookiecutter.environment import StrictEnvironment
from docx import Document
from openpyxl import load_workbook

from generator.errors import BuildError
from generator.kit import render_kit
from generator.kit.hooks.checks import slug_is_safe
from generator.kit.hooks.fill import DATA_FILE
from generator.kit.questions import (
    EXTENSION,
    PROJECT_DIR,
    PROJECT_DIR_EXPRESSION,
    cookiecutter_config,
)
from generator.kit.render import (
    KIT_TEMPLATES,
    assemble_hook,
    render_kit_readme,
    render_project_readme,
)
from generator.model import Handbook, placeholder
from generator.model.applicability import deviation_rule
from generator.model.render_inputs import RenderInputs
from generator.model.tier_criteria import RULE
from generator.shared.templating import create_environment


def make_word_dir(handbook: Handbook, word_dir: Path) -> Path:
    """Stand-in Word templates: a placeholder run in the body, header and footer."""
    word_dir.mkdir(parents=True, exist_ok=True)
    for artefact in handbook.artefacts:
        document = Document()
        document.add_heading(artefact.title, level=1)
        paragraph = document.add_paragraph()
        paragraph.add_run("Project: ")
        paragraph.add_run(placeholder("project_name"))
        document.sections[0].header.paragraphs[0].add_run(placeholder("project_name"))
        document.sections[0].footer.paragraphs[0].add_run(placeholder("tier"))
        document.save(str(word_dir / f"{artefact.id}.docx"))
    return word_dir


def word_inputs(word_dir: Path) -> RenderInputs:
    """The Word files as the pipeline hands them to the kit."""
    return RenderInputs(files={f"word/{p.name}": p for p in word_dir.glob("*.docx")})


@pytest.fixture(scope="module")
def kit(minimal_handbook: Handbook, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("kit")
    word = make_word_dir(minimal_handbook, root / "word")
    render_kit(minimal_handbook, root / "dist", word_inputs(word))
    return root / "dist"


def test_kit_folder_and_zip_are_written(kit: Path, minimal_handbook: Handbook) -> None:
    template = kit / "project-kit" / PROJECT_DIR
    assert sorted(p.name for p in template.iterdir()) == [
        DATA_FILE, "project-charter.docx", "raid-log.xlsx", "status"]
    assert [p.name for p in (template / "status").iterdir()] == [
        "{{ cookiecutter.start_date[:7] }}.yaml"]
    assert (kit / "project-kit" / "hooks" / "pre_gen_project.py").is_file()
    assert (kit / "project-kit" / f"{EXTENSION}.py").is_file()
    assert (kit / f"project-kit-{minimal_handbook.settings.version}.zip").is_file()


def test_zip_has_one_top_folder_listed_first(kit: Path) -> None:
    with zipfile.ZipFile(kit / "project-kit-1.0.0.zip") as archive:
        names = archive.namelist()
        assert names[0] == "project-kit-1.0.0/"
        assert {n.split("/")[0] for n in names} == {"project-kit-1.0.0"}
        assert names == sorted(names)
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert f"project-kit-1.0.0/{PROJECT_DIR}/raid-log.xlsx" in names


def test_zip_is_byte_identical_across_builds(kit: Path, minimal_handbook: Handbook,
                                             tmp_path: Path) -> None:
    word = make_word_dir(minimal_handbook, tmp_path / "word")
    # The stand-in Word files differ in their own timestamps, so copy the first build's.
    for docx in (kit / "project-kit" / PROJECT_DIR).glob("*.docx"):
        (word / docx.name).write_bytes(docx.read_bytes())
    render_kit(minimal_handbook, tmp_path / "dist", word_inputs(word))
    again = (tmp_path / "dist" / "project-kit-1.0.0.zip").read_bytes()
    assert again == (kit / "project-kit-1.0.0.zip").read_bytes()


def test_prompts_are_human_questions_and_the_tier_comes_last(handbook: Handbook) -> None:
    config = cookiecutter_config(handbook)
    prompts = config["__prompts__"]
    assert isinstance(prompts, dict)
    visible = [k for k in config if not k.startswith("_")]
    assert visible == ["project_name", "project_slug", "project_manager", "sponsor",
                       "start_date", "end_date", "budget", "business_unit", "business_owner",
                       "risk", "reach", "tier"]
    assert set(visible) == set(prompts)
    assert config["project_slug"] == "{{ cookiecutter.project_name | slugify }}"
    assert config["tier"] == "{{ pmo_tier_default(cookiecutter) }}"  # never a fixed tier
    assert config["_extensions"] == [f"{EXTENSION}.AnswersExtension"]
    for key in ("project_name", "project_manager", "sponsor", "budget", "business_owner",
                "risk", "reach"):
        assert prompts[key].endswith(" (required)"), key
        assert config[key] == ""
    assert prompts["business_unit"] == "Business unit that owns the project"
    assert config["business_unit"] == "Group Operations"
    assert "Approved budget in EUR" in prompts["budget"]
    assert "Enter takes the tier your answers give" in prompts["tier"]
    fields = {f.answer for a in handbook.artefacts for s in a.sections for f in s.fields
              if f.answer}
    assert fields <= set(visible)
    assert config["_copy_without_render"] == ["*.docx", "*.xlsx", "*.pmo-kit-data.json"]


@pytest.fixture()
def answers_module(kit: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The kit's answer checks as cookiecutter loads them: from the kit's own folder."""
    monkeypatch.syspath_prepend(str(kit / "project-kit"))
    sys.modules.pop(EXTENSION, None)
    return importlib.import_module(EXTENSION)


def _rendered_folder(kit: Path, answers: dict[str, str]) -> str:
    config = json.loads((kit / "project-kit" / "cookiecutter.json").read_text("utf-8"))
    context = {**{k: v for k, v in config.items() if k.startswith("_")}, **answers}
    env = StrictEnvironment(context={"cookiecutter": config})
    return env.from_string(PROJECT_DIR_EXPRESSION).render(cookiecutter=context)


GOOD = {"project_name": "Ok", "project_manager": "Ana", "sponsor": "Tom",
        "start_date": "2026-03-02", "end_date": "2026-05-29", "budget": "50000",
        "tier": "1", "_tier_deviation": ""}


@pytest.mark.parametrize("slug", ["../escape", "a/b", "/abs", "", " x", "..", "C:x", "a\\b"])
def test_without_a_terminal_a_bad_slug_stops_before_a_folder_is_made(
        kit: Path, answers_module: Any, slug: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert not slug_is_safe(slug)
    with pytest.raises(SystemExit) as stopped:
        _rendered_folder(kit, {**GOOD, "project_slug": slug})
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("kit: nothing was written: 1 answer needs fixing:\n  - project_slug")
    assert "kit: run the kit again with these answers" in err


@pytest.mark.parametrize("slug", ["ok-name", "{{ 7 }}", "Projet été"])
def test_a_plain_slug_is_the_folder(kit: Path, answers_module: Any, slug: str) -> None:
    assert _rendered_folder(kit, {**GOOD, "project_slug": slug}) == slug


def test_the_rerun_command_names_every_problem_and_keeps_the_answers(
        kit: Path, answers_module: Any, capsys: pytest.CaptureFixture[str]) -> None:
    answers = {**GOOD, "project_slug": "ok", "project_name": "Café 'x' & y", "sponsor": "",
               "budget": "lots", "start_date": "2026-02-30"}
    with pytest.raises(SystemExit):
        _rendered_folder(kit, answers)
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "kit: nothing was written: 3 answers need fixing:"
    assert [line.split()[1] for line in err[1:4]] == ["sponsor", "start_date", "budget"]
    command = shlex.split(err[-1])
    assert command[:3] == ["cookiecutter", "project-kit-1.0.0.zip", "--no-input"]
    given = command[3:]
    assert given[:4] == ["project_name=Café 'x' & y", "project_slug=ok",
                         "project_manager=Ana", "end_date=2026-05-29"]
    assert given[-3:] == ["sponsor=", "start_date=2026-02-30", "budget=lots"]


def test_a_tier_lower_than_the_answers_give_needs_a_deviation(
        kit: Path, answers_module: Any, capsys: pytest.CaptureFixture[str]) -> None:
    big = {**GOOD, "project_slug": "big", "budget": "1000000", "end_date": "2027-03-02"}
    with pytest.raises(SystemExit):
        _rendered_folder(kit, big)
    err = capsys.readouterr().err
    assert "tier 1 is lower than tier 2, the tier your answers put the project in" in err
    assert "budget 1,000,000 EUR: tier 2" in err  # the minimal handbook has two tiers
    assert "duration 12 months (2026-03-02 to 2027-03-02): tier 2" in err
    assert _rendered_folder(kit, {**big, "tier": "2"}) == "big"
    assert _rendered_folder(kit, {**big, "tier": ""}) == "big"  # Enter: the tier they give
    assert _rendered_folder(kit, {**big, "_tier_deviation": "DEV-7"}) == "big"


def test_hooks_render_to_python_that_never_evaluates_answers() -> None:
    hostile = {"project_name": "{{ 7*7 }} {% raw %} {% endraw %} \"\"\" ''' \\ 😀 é <&>",
               "tier": "1"}
    env = StrictEnvironment(context={"cookiecutter": hostile})
    for name in ("hooks/pre_gen_project.py", "hooks/post_gen_project.py"):
        source = assemble_hook(name)
        assert "from generator" not in source
        rendered = env.from_string(source).render(cookiecutter=hostile)
        namespace: dict[str, object] = {"__name__": "hook"}
        exec(compile(rendered, name, "exec"), namespace)  # defines, does not run main()
        assert namespace["CONTEXT"] == hostile
    checks = assemble_hook(f"{EXTENSION}.py")
    assert "from generator" not in checks
    compile(checks, EXTENSION, "exec")


def test_register_spreadsheet_has_columns_lists_and_frozen_header(kit: Path) -> None:
    workbook = load_workbook(kit / "project-kit" / PROJECT_DIR / "raid-log.xlsx")
    sheet = workbook.worksheets[0]
    assert [c.value for c in sheet[1]] == ["Id", "Type", "Status"]
    assert sheet.freeze_panes == "A2"
    lists = workbook["Lists"]
    assert lists.sheet_state == "hidden"
    found = {}
    for validation in sheet.data_validations.dataValidation:
        cells = lists[validation.formula1.lstrip("=").split("!")[1].replace("$", "")]
        found[str(validation.sqref).split(":")[0]] = [c[0].value for c in cells]
    assert found == {"B2": ["Risk", "Issue"], "C2": ["Open", "Closed"]}
    about = dict(workbook["About"].values)
    assert about["Project name"] == placeholder("project_name")


def test_tier_data_lists_files_standards_and_obligations(kit: Path) -> None:
    data = json.loads((kit / "project-kit" / PROJECT_DIR / DATA_FILE).read_text("utf-8"))
    assert data["tiers"]["1"]["files"] == ["raid-log.xlsx"]
    assert data["tiers"]["2"]["files"] == ["project-charter.docx", "raid-log.xlsx"]
    assert data["tiers"]["1"]["standards"] == {"raid-log": "1.0.0", "risk": "1.0.0"}
    assert data["tiers"]["2"]["artefacts"] == {"project-charter": "1.0.0", "raid-log": "1.0.0"}
    tier1, tier2 = data["tiers"]["1"]["readme"], data["tiers"]["2"]["readme"]
    # no site_url: no link, as a site path leads nowhere from a project folder
    assert "**MUST** RISK-1: " in tier1 and "](" not in tier1 + tier2
    assert "RISK-2" not in tier1
    assert "**SHOULD** RISK-2: " in tier2
    assert "its site address is not set in this kit" in tier2
    assert tier2.startswith(f"# {placeholder('project_name')}\n")


def test_project_readme_links_are_absolute_with_a_site_url(minimal_handbook: Handbook,
                                                           tmp_path: Path) -> None:
    site = "https://pmo.example.org/handbook/"
    settings = dataclasses.replace(minimal_handbook.settings, site_url=site)
    handbook = dataclasses.replace(minimal_handbook, settings=settings)
    render_kit(handbook, tmp_path, word_inputs(make_word_dir(handbook, tmp_path / "word")))
    data = json.loads((tmp_path / "project-kit" / PROJECT_DIR / DATA_FILE).read_text("utf-8"))
    readme = data["tiers"]["2"]["readme"]
    links = re.findall(r"\]\(([^)]*)\)", readme)
    assert links and all(link.startswith(site) for link in links), links
    assert f"**SHOULD** [RISK-2]({site}policies/risk/#RISK-2)" in readme
    assert f"- Example PMO Handbook: <{site}>" in readme


def test_obligation_words_follow_the_pmo_type(minimal_handbook: Handbook, tmp_path: Path) -> None:
    settings = dataclasses.replace(minimal_handbook.settings, pmo_type="supportive")
    supportive = dataclasses.replace(minimal_handbook, settings=settings)
    render_kit(supportive, tmp_path, word_inputs(make_word_dir(supportive, tmp_path / "word")))
    data = json.loads((tmp_path / "project-kit" / PROJECT_DIR / DATA_FILE).read_text("utf-8"))
    assert "**SHOULD** RISK-1:" in data["tiers"]["2"]["readme"]
    assert "**MAY** RISK-2:" in data["tiers"]["2"]["readme"]


def test_missing_word_template_is_a_build_error(minimal_handbook: Handbook,
                                                tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="word/project-charter.docx was not handed to the kit"):
        render_kit(minimal_handbook, tmp_path / "dist", RenderInputs())


def test_kit_readme_warns_that_cookiecutter_renders_command_line_values(kit: Path) -> None:
    text = (kit / "project-kit" / "README.md").read_text("utf-8")
    assert "renders **default values and values given on the command line" in text
    assert "`{{ 7*7 }}`" in text and "cookiecutter project-kit-1.0.0.zip --no-input" in text


def test_kit_readme_prints_the_tier_rule_criteria_and_the_handbooks_words(
        handbook: Handbook) -> None:
    text = render_kit_readme(handbook, create_environment(KIT_TEMPLATES))
    settings = handbook.settings
    assert RULE in text
    for tier in settings.tiers:
        for criterion in tier.criteria:
            assert f"    - {criterion}\n" in text
        assert f"- *{tier.name}*: {deviation_rule(handbook, tier.id)}\n" in text
    for word in ("must", "should", "may"):
        assert f"- **{word}**: {settings.obligation_words.of(word).strip()}\n" in text
    assert "| `budget` | Approved budget in EUR" in text and "| *required* |" in text
    assert "  budget=250000 \\\n" in text and "  reach=cross-team\n" in text
    assert "Budget: 100,000 to 1,000,000 EUR" in text


def test_project_readme_says_what_the_words_mean_as_the_handbook_does(
        handbook: Handbook) -> None:
    text = render_project_readme(handbook, 2, create_environment(KIT_TEMPLATES))
    assert "unless you record why not" not in text
    words = handbook.settings.obligation_words
    assert f"- **MUST**: {words.must.strip()}\n" in text
    assert deviation_rule(handbook, 2) in text
    assert "- **Budget:** [Budget] EUR\n" in text
