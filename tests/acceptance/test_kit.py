"""The project kit end to end: the real `cookiecutter` command on the kit `pmo build` wrote."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import pty
import re
import select
import shlex
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.kit.contents import kit_files
from generator.kit.questions import kit_questions, labels
from generator.model import Handbook
from generator.model.applicability import artefacts_for, duties, lifecycle
from generator.pipeline.check import load_handbook
from generator.pipeline.workspace import Workspace
from tests.support.browser import served
from tests.support.workspace import REPO, require_tool

HOSTILE = "Café & <Co> \"Ünï\" 'q' 😀"
TEMPLATE_LOOKING = "{{ 7*7 }} {% raw %} & <b>"
# Answers that give tier 1 (a small, short, low-risk, one-team project): any tier may be
# chosen with them, as a higher tier is the project manager's choice.
GOOD = {"project_manager": "Ana Silva", "sponsor": "Tom O'Berg", "start_date": "2026-03-02",
        "end_date": "2026-07-31", "budget": "80,000", "business_owner": "Lena Park",
        "risk": "low", "reach": "one-team"}
COOKIECUTTER = [sys.executable, "-m", "cookiecutter"]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200"}


@pytest.fixture(scope="module")
def kit(built: Workspace, tmp_path_factory: pytest.TempPathFactory) -> tuple[Handbook, Path]:
    """The shipped handbook's model and the dist/ folder `pmo build` wrote.

    cookiecutter's downloads and replay files go to a temporary folder, not ~.
    """
    home = tmp_path_factory.mktemp("cookiecutter-home")
    config = home / "config.yaml"
    config.write_text(f"cookiecutters_dir: {home / 'templates'}\n"
                      f"replay_dir: {home / 'replay'}\n", encoding="utf-8")
    ENV["COOKIECUTTER_CONFIG"] = str(config)
    return load_handbook(built.standards), built.dist


def cookiecutter(template: Path | str, output: Path, answers: dict[str, str],
                 command: list[str] = COOKIECUTTER,
                 *extra: str) -> subprocess.CompletedProcess[str]:
    """Run the real cookiecutter with --no-input and `key=value` answers."""
    args = [*command, str(template), "--no-input", "-o", str(output), *extra,
            *(f"{k}={v}" for k, v in answers.items())]
    return subprocess.run(args, capture_output=True, text=True, timeout=120, env=ENV)


def expected_files(handbook: Handbook, tier: int, start: str = GOOD["start_date"]) -> set[str]:
    """The files of a project of `tier` started on `start`: its first status file is named
    after the month it starts in."""
    files = {"README.md", ".pmo-kit.json", f"status/{start[:7]}.yaml"}
    for artefact in artefacts_for(handbook, tier):
        for name in kit_files(artefact):
            files.add(f"{'registers' if name.endswith('.xlsx') else 'documents'}/{name}")
    return files


def project_files(project: Path) -> set[str]:
    return {p.relative_to(project).as_posix() for p in project.rglob("*") if p.is_file()}


def office_text(path: Path) -> str:
    """The text of every part that can hold a placeholder."""
    with zipfile.ZipFile(path) as archive:
        return "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                       if re.match(r"(word/(document|header\d*|footer\d*)|docProps/core|"
                                   r"xl/sharedStrings)\.xml$", n))


def assert_documents_filled(handbook: Handbook, project: Path, name: str) -> None:
    placeholders = set(labels(handbook).values())
    for path in sorted((project / "documents").glob("*.docx")):
        document = Document(str(path))
        text = office_text(path)
        assert not [p for p in placeholders if p in text], path.name
        body = "\n".join(p.text for p in document.paragraphs)
        header = "\n".join(p.text for s in document.sections for p in s.header.paragraphs)
        assert name in body + header, path.name


def assert_registers(handbook: Handbook, project: Path, name: str) -> None:
    for path in sorted((project / "registers").glob("*.xlsx")):
        artefact = handbook.get(path.stem)
        table = artefact.register  # type: ignore[attr-defined]
        workbook = load_workbook(path)
        sheet = workbook.worksheets[0]
        assert [c.value for c in sheet[1]] == [c.name for c in table.columns]
        assert sheet.freeze_panes == "A2"
        lists = {}
        for validation in sheet.data_validations.dataValidation:
            assert validation.type == "list"
            sheet_name, cells = validation.formula1.lstrip("=").split("!")
            values = [c[0].value for c in workbook[sheet_name][cells.replace("$", "")]]
            column = re.match(r"[A-Z]+", str(validation.sqref)).group(0)  # type: ignore[union-attr]
            lists[sheet.cell(row=1, column=_column_index(column)).value] = values
        # the risk policy's scale scores are numbers; every other choice is text
        assert lists == {c.name: [int(v) for v in c.choices]
                         if c.scoring in ("probability", "impact") else list(c.choices)
                         for c in table.columns if c.choices}
        assert dict(workbook["About"].values)["Project name"] == name
        assert not [p for p in labels(handbook).values() if p in office_text(path)]


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


@pytest.mark.parametrize("source", ["folder", "zip"])
def test_every_tier_gets_exactly_its_files_filled_in(kit: tuple[Handbook, Path], source: str,
                                                     tmp_path: Path) -> None:
    handbook, dist = kit
    template = (dist / "project-kit" if source == "folder"
                else dist / f"project-kit-{handbook.settings.version}.zip")
    for tier in handbook.settings.tiers:
        slug = f"tier-{tier.id}"
        answers = {"project_name": HOSTILE, "project_slug": slug, **GOOD, "tier": str(tier.id)}
        result = cookiecutter(template, tmp_path, answers)
        assert result.returncode == 0, result.stderr
        project = tmp_path / slug
        assert project_files(project) == expected_files(handbook, tier.id)
        assert_documents_filled(handbook, project, HOSTILE)
        assert_registers(handbook, project, HOSTILE)
        readme = (project / "README.md").read_text("utf-8")
        assert readme.startswith(f"# {HOSTILE}\n")
        for duty in duties(handbook, tier=tier.id, scope="project"):
            assert f"**{duty.word.upper()}**" in readme and f"[{duty.id}](" in readme
        for step in lifecycle(handbook, tier.id):
            assert f"### {step.gate.id} {step.gate.name}" in readme
        record = json.loads((project / ".pmo-kit.json").read_text("utf-8"))
        assert record["tier"] == tier.id and record["kit_version"] == handbook.settings.version
        assert record["pmo_type"] == handbook.settings.pmo_type
        assert record["answers"]["project_name"] == HOSTILE
        assert record["artefacts"] == {a.id: a.version for a in artefacts_for(handbook, tier.id)}
        assert set(record["standards"]) == set(record["artefacts"]) | {
            p.id for p in handbook.policies if p.in_force}


def test_kit_zip_works_from_an_http_url(kit: tuple[Handbook, Path], tmp_path: Path) -> None:
    handbook, dist = kit
    with served(dist) as base:
        url = f"{base}project-kit-{handbook.settings.version}.zip"
        answers = {"project_name": HOSTILE, "project_slug": "from-url", **GOOD, "tier": "1"}
        result = cookiecutter(url, tmp_path, answers)
    assert result.returncode == 0, result.stderr
    assert project_files(tmp_path / "from-url") == expected_files(handbook, 1)


def test_charter_title_page_shows_hostile_name(kit: tuple[Handbook, Path], tmp_path: Path) -> None:
    handbook, dist = kit
    tier = max(t.id for t in handbook.settings.tiers)
    answers = {"project_name": HOSTILE, **GOOD, "tier": str(tier)}
    assert cookiecutter(dist / "project-kit", tmp_path, answers).returncode == 0
    charter = Document(str(next(tmp_path.glob("*/documents/project-charter.docx"))))
    title_page = [p.text for p in charter.paragraphs[:12]]
    assert any(HOSTILE in text for text in title_page), title_page


BAD_INPUTS = [
    ({"project_name": ""}, "project_name is empty"),
    ({"sponsor": " "}, "sponsor is empty"),
    ({"start_date": "2026-02-30"}, "start_date '2026-02-30' is not a real date"),
    ({"end_date": "30/09/2026"}, "end_date '30/09/2026' is not a date written as YYYY-MM-DD"),
    ({"end_date": "2026-01-01"}, "end_date 2026-01-01 is before start_date 2026-03-02"),
    ({"project_slug": "../escape"}, "holds a path separator"),
    ({"project_slug": "a/b"}, "holds a path separator"),
    ({"project_slug": "/tmp/pmo-kit-absolute"}, "holds a path separator"),
    ({"project_slug": ".."}, "holds '..'"),
    ({"project_slug": "what?"}, "characters a folder name cannot have"),
    # characters no Word or Excel file can hold, in any answer (a handbook's own too)
    ({"project_name": "Ware\x01house"}, "project_name holds the control character U+0001"),
    ({"sponsor": "Tom\x0bBerg"}, "sponsor holds the control character U+000B"),
    ({"project_manager": "Ana\ufffe"}, "project_manager holds the character U+FFFE"),
    ({"project_name": "Ware\udcffhouse"}, "project_name holds a byte that is not UTF-8 text"),
    ({"project_slug": "ware\x1fhouse"}, "project_slug holds the control character U+001F"),
    ({"budget": "10\x7f000"}, "budget holds the control character U+007F"),
    ({"business_unit": "Ops\x08"}, "business_unit holds the control character U+0008"),
    ({"budget": "1.5m"}, "budget '1.5m' is not a whole amount"),
    ({"business_owner": ""}, "business_owner is empty"),
    ({"risk": "unsure"}, "risk 'unsure' is not one of the answers: answer low, medium or high"),
    ({"budget": "1000000", "end_date": "2027-03-02"},
     "tier 1 is lower than tier 2, the tier your answers put the project in"),
]


def snapshot(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


@pytest.mark.parametrize(("bad", "message"), BAD_INPUTS, ids=[m for _, m in BAD_INPUTS])
def test_bad_input_fails_with_its_message_and_writes_nothing(
        kit: tuple[Handbook, Path], tmp_path: Path, bad: dict[str, str], message: str) -> None:
    _handbook, dist = kit
    output = tmp_path / "projects"
    output.mkdir()
    (output / "earlier-project").mkdir()
    before = snapshot(tmp_path)
    answers = {"project_name": "Warehouse scanners", **GOOD, "tier": "1", **bad}
    result = cookiecutter(dist / "project-kit", output, answers)
    assert result.returncode != 0
    assert f"kit: {message}" in result.stderr or message in result.stderr, result.stderr
    assert snapshot(tmp_path) == before
    assert not Path("/tmp/pmo-kit-absolute").exists()


# The one formula the kit writes (the RAID log's score): made of cell references only.
SCORE_FORMULA = re.compile(r'^=IF\(AND\(ISNUMBER\(([A-Z]+\d+)\),ISNUMBER\(([A-Z]+\d+)\)\),'
                           r'\1\*\2,(?:""|&quot;&quot;)\)$')
FORMULA_ANSWERS = {"project_name": '=HYPERLINK("http://example.com","x")',
                   "project_manager": "+1+1", "sponsor": "@SUM(1)", "business_owner": "-5+5",
                   "business_unit": "=1+1"}


def test_answers_starting_like_a_formula_stay_text_in_the_project(
        kit: tuple[Handbook, Path], tmp_path: Path) -> None:
    handbook, dist = kit
    tier = max(t.id for t in handbook.settings.tiers)
    answers = {**GOOD, **FORMULA_ANSWERS, "project_slug": "formulas", "tier": str(tier)}
    result = cookiecutter(dist / "project-kit", tmp_path, answers)
    assert result.returncode == 0, result.stderr
    project = tmp_path / "formulas"
    assert_documents_filled(handbook, project, FORMULA_ANSWERS["project_name"])
    registers = sorted((project / "registers").glob("*.xlsx"))
    assert registers
    for path in registers:
        workbook = load_workbook(path)
        about = dict(workbook["About"].values)
        assert about["Project name"] == FORMULA_ANSWERS["project_name"]
        assert about["Sponsor"] == FORMULA_ANSWERS["sponsor"]
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                assert all(c.data_type == "s" or SCORE_FORMULA.match(c.value)
                           for c in row if isinstance(c.value, str)), path
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    xml = archive.read(name).decode("utf-8")
                    formulas = re.findall(r"<f>(.*?)</f>", xml)
                    assert all(SCORE_FORMULA.match(f"={f}") for f in formulas), (path, name)


def test_existing_project_folder_is_never_overwritten(kit: tuple[Handbook, Path],
                                                      tmp_path: Path) -> None:
    _handbook, dist = kit
    (tmp_path / "warehouse" / "notes.txt").parent.mkdir()
    (tmp_path / "warehouse" / "notes.txt").write_text("mine", encoding="utf-8")
    answers = {"project_name": "Warehouse", **GOOD, "tier": "1"}
    refused = cookiecutter(dist / "project-kit", tmp_path, answers)
    assert refused.returncode != 0 and "already exists" in refused.stdout + refused.stderr
    forced = cookiecutter(dist / "project-kit", tmp_path, answers, COOKIECUTTER, "-f")
    assert forced.returncode != 0
    assert "the kit never overwrites a project" in forced.stderr
    assert snapshot(tmp_path) == {"warehouse", "warehouse/notes.txt"}


def type_answers(command: list[str], answers: list[str], cwd: Path) -> str:
    """Run `command` on a terminal and type each answer when its prompt has appeared."""
    master, slave = pty.openpty()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
                               env=ENV)
    os.close(slave)
    output = b""

    def read(until: float) -> None:
        nonlocal output
        while time.monotonic() < until:
            ready, _, _ = select.select([master], [], [], 0.1)
            if not ready:
                return
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            output += chunk

    for index, answer in enumerate(answers, start=1):
        deadline = time.monotonic() + 30
        marker = f"[{index}/{len(answers)}]"
        while marker not in ANSI.sub("", output.decode("utf-8", "replace")):
            assert time.monotonic() < deadline, output.decode("utf-8", "replace")
            read(time.monotonic() + 0.5)
        read(time.monotonic() + 0.3)  # the rest of the prompt
        os.write(master, answer.encode("utf-8") + b"\r")
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        read(time.monotonic() + 0.5)
    read(time.monotonic() + 0.5)
    os.close(master)
    assert process.wait(timeout=5) == 0, output.decode("utf-8", "replace")
    return ANSI.sub("", output.decode("utf-8", "replace"))


def test_template_looking_names_typed_at_the_prompts_come_out_literally(
        kit: tuple[Handbook, Path], tmp_path: Path) -> None:
    handbook, dist = kit
    typed = {"project_name": TEMPLATE_LOOKING, "project_slug": "typed",
             "project_manager": "Ana {{ cookiecutter.sponsor }}", "sponsor": "{% endraw %}Zoë",
             **{k: v for k, v in GOOD.items() if k not in ("project_manager", "sponsor")},
             "tier": "2"}
    answers = [typed.get(q.key, "") for q in kit_questions(handbook)]
    type_answers([*COOKIECUTTER, str(dist / "project-kit"), "-o", str(tmp_path)], answers,
                 tmp_path)
    project = tmp_path / "typed"
    readme = (project / "README.md").read_text("utf-8")
    assert readme.startswith(f"# {TEMPLATE_LOOKING}\n")
    assert "**Project manager:** Ana {{ cookiecutter.sponsor }}" in readme
    assert "**Sponsor:** {% endraw %}Zoë" in readme
    charter = Document(str(project / "documents" / "project-charter.docx"))
    assert any(TEMPLATE_LOOKING in p.text for p in charter.paragraphs[:12])
    assert_documents_filled(handbook, project, TEMPLATE_LOOKING)
    record = json.loads((project / ".pmo-kit.json").read_text("utf-8"))
    assert record["answers"]["project_manager"] == "Ana {{ cookiecutter.sponsor }}"


def test_generated_documents_open_in_libreoffice(kit: tuple[Handbook, Path], tmp_path: Path,
                                                 artifacts: Path) -> None:
    soffice = require_tool("soffice")
    handbook, dist = kit
    tier = max(t.id for t in handbook.settings.tiers)
    answers = {"project_name": HOSTILE, "project_slug": "lo", **GOOD, "tier": str(tier)}
    assert cookiecutter(dist / "project-kit", tmp_path, answers).returncode == 0
    documents = sorted((tmp_path / "lo" / "documents").glob("*.docx"))
    pdf_dir = tmp_path / "pdf"
    result = subprocess.run(
        [soffice, f"-env:UserInstallation=file:///tmp/lo-kit-{os.getpid()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(pdf_dir), *map(str, documents)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    pdfs = {p.stem for p in pdf_dir.glob("*.pdf")}
    assert pdfs == {d.stem for d in documents}
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, str(pdf_dir / "project-charter.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "Café & <Co>" in text
    shutil.copy(pdf_dir / "project-charter.pdf", artifacts / "kit-project-charter-filled.pdf")


@pytest.fixture(scope="module")
def clean_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment holding only cookiecutter (and what it installs)."""
    venv = tmp_path_factory.mktemp("venv") / "kit-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    result = subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                             "--disable-pip-version-check", "cookiecutter"],
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"pip install cookiecutter failed (is PyPI reachable?):\n{result.stderr}")
    return python


def test_kit_runs_where_only_cookiecutter_is_installed(
        kit: tuple[Handbook, Path], clean_venv: Path, tmp_path: Path) -> None:
    handbook, dist = kit
    for module in ("docx", "openpyxl", "generator", "lxml"):
        probe = subprocess.run([str(clean_venv), "-c", f"import {module}"], capture_output=True,
                               cwd=tmp_path)
        assert probe.returncode != 0, f"{module} must not be importable in the clean venv"
    tier = max(t.id for t in handbook.settings.tiers)
    answers = {"project_name": HOSTILE, "project_slug": "clean", **GOOD, "tier": str(tier)}
    zip_path = dist / f"project-kit-{handbook.settings.version}.zip"
    result = cookiecutter(zip_path, tmp_path, answers, [str(clean_venv), "-m", "cookiecutter"])
    assert result.returncode == 0, result.stderr
    project = tmp_path / "clean"
    assert project_files(project) == expected_files(handbook, tier)
    assert_documents_filled(handbook, project, HOSTILE)
    assert_registers(handbook, project, HOSTILE)
    bad = cookiecutter(zip_path, tmp_path, {**answers, "project_slug": "../out"},
                       [str(clean_venv), "-m", "cookiecutter"])
    assert bad.returncode != 0 and "holds a path separator" in bad.stderr


def test_pmo_new_reasks_only_the_wrong_answer(built: Workspace, tmp_path: Path) -> None:
    handbook = load_handbook(built.standards)
    typed = {"project_name": TEMPLATE_LOOKING, "project_slug": "new-project",
             **GOOD, "project_manager": "Ana", "sponsor": "Zoë", "start_date": "2026-02-30",
             "tier": "3"}
    lines = []
    for question in kit_questions(handbook):
        lines.append(typed.get(question.key, ""))
        if question.key == "start_date":
            lines.append("2026-03-02")  # asked again after the impossible date
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(built.root), "new", "--output-dir",
         str(tmp_path)], input="\n".join(lines) + "\n", capture_output=True, text=True,
        timeout=300, cwd=REPO, env=ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert result.stdout.count("is not a real date") == 1
    assert result.stdout.count("Start date") == 2 and result.stdout.count("Sponsor's") == 1
    project = tmp_path / "new-project"
    assert project_files(project) == expected_files(handbook, 3)
    assert (project / "README.md").read_text("utf-8").startswith(f"# {TEMPLATE_LOOKING}\n")
    assert_documents_filled(handbook, project, TEMPLATE_LOOKING)
    record = json.loads((project / ".pmo-kit.json").read_text("utf-8"))
    assert record["answers"]["start_date"] == "2026-03-02"


def test_pmo_new_reasks_an_answer_no_office_file_can_hold(built: Workspace,
                                                         tmp_path: Path) -> None:
    handbook = load_handbook(built.standards)
    typed = {"project_name": "Clean name", "project_slug": "", **GOOD, "project_manager": "Ana",
             "sponsor": "Zoë", "tier": "1"}
    lines: list[bytes] = []
    for question in kit_questions(handbook):
        if question.key == "project_name":
            lines.append(b"Bad\x01name")  # asked again, then the clean name
        if question.key == "sponsor":
            lines.append(b"Zo\xff")  # not UTF-8: asked again
        lines.append(typed.get(question.key, "").encode())
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(built.root), "new", "--output-dir",
         str(tmp_path)], input=b"\n".join(lines) + b"\n", capture_output=True,
        timeout=300, cwd=REPO, env=ENV)
    stdout, stderr = result.stdout.decode(), result.stderr.decode()
    assert result.returncode == 0, stderr + stdout
    assert "Traceback" not in stderr
    assert stdout.count("project_name holds the control character U+0001 (character 4), "
                        "which Word and Excel files cannot hold: remove it") == 1
    assert stdout.count("sponsor holds a byte that is not UTF-8 text (character 3)") == 1
    project = tmp_path / "clean-name"
    assert_documents_filled(handbook, project, "Clean name")
    record = json.loads((project / ".pmo-kit.json").read_text("utf-8"))
    assert record["answers"]["sponsor"] == "Zoë"


# --- a kit that does not lose a project manager's work ------------------------------------

def converse(command: list[str], replies: list[tuple[str, str]], cwd: Path) -> tuple[int, str]:
    """Run `command` on a terminal; for each (prompt, answer) in turn wait until `prompt`
    appears after the last one answered, then type `answer` and Enter."""
    master, slave = pty.openpty()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
                               env=ENV)
    os.close(slave)
    output, seen = b"", 0

    def read(seconds: float) -> None:
        nonlocal output
        ready, _, _ = select.select([master], [], [], seconds)
        if ready:
            with contextlib.suppress(OSError):  # the child has closed the terminal
                output += os.read(master, 65536)

    def text() -> str:
        return ANSI.sub("", output.decode("utf-8", "replace"))

    for prompt, answer in replies:
        deadline = time.monotonic() + 60
        while (found := text().find(prompt, seen)) < 0:
            assert time.monotonic() < deadline and process.poll() is None, (prompt, text())
            read(0.2)
        time.sleep(0.2)
        read(0.1)  # the rest of the prompt
        seen = found + len(prompt)
        os.write(master, answer.encode("utf-8") + b"\r")
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        read(0.2)
    read(0.2)
    os.close(master)
    return process.wait(timeout=5), text()


REQUIRED = {"project_name": "Warehouse scanners", "project_manager": "Ana Silva",
            "sponsor": "Tom Berg", "budget": "1,000,000", "business_owner": "Lena Park",
            "risk": "medium", "reach": "cross-team"}


@pytest.mark.parametrize("source", ["folder", "zip"])
def test_enter_at_every_prompt_asks_again_for_the_required_answers_and_keeps_the_rest(
        kit: tuple[Handbook, Path], tmp_path: Path, source: str) -> None:
    handbook, dist = kit
    template = (dist / "project-kit" if source == "folder"
                else dist / f"project-kit-{handbook.settings.version}.zip")
    questions = kit_questions(handbook)
    typed_first = {"start_date": "2026-03-02", "end_date": "2027-03-02",
                   "business_unit": "Warehouse Operations"}  # the rest: Enter
    replies = [(f"[{n}/{len(questions)}]", typed_first.get(q.key, ""))
               for n, q in enumerate(questions, start=1)]
    for question in questions:
        if question.key in REQUIRED:
            replies.append((f"kit: {question.key} is empty", REQUIRED[question.key]))
    code, output = converse([*COOKIECUTTER, str(template), "-o", str(tmp_path)], replies,
                            tmp_path)
    assert code == 0, output
    assert f"kit: {len(REQUIRED)} of your answers need another look; everything else you " \
           "typed is kept." in output
    assert "Traceback" not in output
    # the tier: Enter took the tier the answers give, never tier 1 for 1 M EUR and 12 months
    assert ("kit: tier 2 (Tier 2 – Medium); your answers give tier 2: budget 1,000,000 EUR: "
            "tier 2; duration 12 months (2026-03-02 to 2027-03-02): tier 2") in output
    project = tmp_path / "warehouse-scanners"
    record = json.loads((project / ".pmo-kit.json").read_text("utf-8"))
    assert record["tier"] == 2
    assert {k: record["answers"][k] for k in [*REQUIRED, *typed_first]} == {**REQUIRED,
                                                                          **typed_first}
    assert project_files(project) == expected_files(handbook, 2)
    readme = (project / "README.md").read_text("utf-8")
    assert "- **Business unit:** Warehouse Operations" in readme
    assert "- **Business owner:** Lena Park" in readme


def test_a_wrong_answer_is_asked_again_with_what_is_wrong(kit: tuple[Handbook, Path],
                                                          tmp_path: Path) -> None:
    handbook, dist = kit
    questions = kit_questions(handbook)
    first = {**REQUIRED, "project_name": "Scanners", "start_date": "2026-03-02",
             "end_date": "2026-07-31", "budget": "80k", "risk": "low", "reach": "one-team",
             "tier": "1"}
    replies = [(f"[{n}/{len(questions)}]", first.get(q.key, ""))
               for n, q in enumerate(questions, start=1)]
    replies.append(("kit: budget '80k' is not a whole amount", "80000"))
    code, output = converse([*COOKIECUTTER, str(dist / "project-kit"), "-o", str(tmp_path)],
                            replies, tmp_path)
    assert code == 0, output
    record = json.loads((tmp_path / "scanners" / ".pmo-kit.json").read_text("utf-8"))
    assert record["tier"] == 1 and record["answers"]["budget"] == "80000"
    assert record["answers"]["business_owner"] == "Lena Park"


@pytest.mark.parametrize("source", ["folder", "zip"])
def test_without_a_terminal_one_message_names_every_problem_and_the_command_to_rerun(
        kit: tuple[Handbook, Path], tmp_path: Path, source: str) -> None:
    handbook, dist = kit
    template = (dist / "project-kit" if source == "folder"
                else dist / f"project-kit-{handbook.settings.version}.zip")
    output = tmp_path / "projects"
    output.mkdir()
    given = {"project_name": "Warehouse scanners", "start_date": "2026-03-02",
             "end_date": "2027-03-02", "business_unit": "Warehouse Operations"}
    before = snapshot(tmp_path)
    result = cookiecutter(template, output, given)
    assert result.returncode == 1
    assert snapshot(tmp_path) == before  # nothing written
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    missing = [k for k in REQUIRED if k not in given]
    assert lines[0] == f"kit: nothing was written: {len(missing)} answers need fixing:"
    assert [line.split()[1] for line in lines[1:1 + len(missing)]] == missing
    command = shlex.split(lines[-1])
    assert command[:3] == ["cookiecutter", str(template), "--no-input"]
    assert "--output-dir" in command or "-o" in command
    values = [c for c in command[3:] if "=" in c]
    assert values[:len(given)] == [f"{k}={v}" for k, v in given.items()]
    assert values[len(given):] == [f"{k}=" for k in missing]
    # the same command with the missing answers filled in makes the project
    filled = [f"{c}{REQUIRED[c[:-1]]}" if c[:-1] in REQUIRED else c for c in command[1:]]
    again = subprocess.run([*COOKIECUTTER, *filled], capture_output=True, text=True,
                           timeout=180, env=ENV, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    record = json.loads((output / "warehouse-scanners" / ".pmo-kit.json").read_text("utf-8"))
    assert record["tier"] == 2
    assert record["answers"]["business_unit"] == "Warehouse Operations"


def test_one_million_over_twelve_months_never_gets_a_tier_1_kit(kit: tuple[Handbook, Path],
                                                                tmp_path: Path) -> None:
    handbook, dist = kit
    answers = {"project_name": "Big", **GOOD, "budget": "1000000", "start_date": "2026-03-02",
               "end_date": "2027-03-02"}
    refused = cookiecutter(dist / "project-kit", tmp_path, {**answers, "tier": "1"})
    assert refused.returncode == 1 and not (tmp_path / "big").exists()
    assert "tier 1 is lower than tier 2, the tier your answers put the project in" in \
        refused.stderr
    assert "A lower tier needs a deviation approved by the PMO Lead" in refused.stderr
    made = cookiecutter(dist / "project-kit", tmp_path, answers)  # no tier: the one they give
    assert made.returncode == 0, made.stderr
    record = json.loads((tmp_path / "big" / ".pmo-kit.json").read_text("utf-8"))
    assert record["tier"] == 2
    assert project_files(tmp_path / "big") == expected_files(handbook, 2)
    deviated = cookiecutter(dist / "project-kit", tmp_path,
                            {**answers, "project_slug": "small-by-deviation", "tier": "1",
                             "_tier_deviation": "DEC-2026-014"})
    assert deviated.returncode == 0, deviated.stderr
    record = json.loads((tmp_path / "small-by-deviation" / ".pmo-kit.json").read_text("utf-8"))
    assert record["tier"] == 1 and record["answers"]["tier_deviation"] == "DEC-2026-014"


def test_raid_workbook_scores_recalculated_by_libreoffice(kit: tuple[Handbook, Path],
                                                          tmp_path: Path,
                                                          artifacts: Path) -> None:
    soffice = require_tool("soffice")
    handbook, dist = kit
    answers = {"project_name": "Warehouse scanners", "project_slug": "raid", **GOOD,
               "tier": "2"}
    assert cookiecutter(dist / "project-kit", tmp_path, answers).returncode == 0
    path = tmp_path / "raid" / "registers" / "raid-log.xlsx"
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    column = {name: header.index(name) + 1 for name in header}
    entries = [("R-001", "Risk", 4, 4), ("R-002", "Risk", 3, 3), ("O-001", "Opportunity", 2, 5),
               ("I-001", "Issue", None, None)]
    for row, (ident, kind, probability, impact) in enumerate(entries, start=2):
        sheet.cell(row=row, column=column["ID"], value=ident)
        sheet.cell(row=row, column=column["Type"], value=kind)
        sheet.cell(row=row, column=column["Title"], value=f"Entry {ident}")
        sheet.cell(row=row, column=column["Probability"], value=probability)
        sheet.cell(row=row, column=column["Impact"], value=impact)
    workbook.save(path)
    out = tmp_path / "lo"
    profile = f"-env:UserInstallation=file:///tmp/lo-kit-raid-{os.getpid()}"
    for target in ("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false",
                   "xlsx", "pdf"):
        result = subprocess.run([soffice, profile, "--headless", "--convert-to", target,
                                 "--outdir", str(out), str(path)],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
    rows = list(csv.reader((out / "raid-log.csv").read_text("utf-8").splitlines()))
    score = header.index("Score")
    assert [r[score] for r in rows[1:5]] == ["16", "9", "10", ""]
    recalculated = load_workbook(out / "raid-log.xlsx", data_only=True).worksheets[0]
    assert [recalculated.cell(row=r, column=column["Score"]).value for r in range(2, 6)] == [
        16, 9, 10, None]
    assert recalculated.cell(row=2, column=column["Probability"]).data_type == "n"
    scoring = handbook.risk_scoring
    assert scoring is not None
    letter = get_column_letter(column["Score"])
    rules = {str(r.sqref): [rule.formula[0] for rule in r.rules]
             for r in load_workbook(out / "raid-log.xlsx").worksheets[0].conditional_formatting}
    kept = rules[f"{letter}2:{letter}501"]
    for band in scoring.bands:
        low, high = scoring.score_range(band)
        assert f"AND(ISNUMBER({letter}2),{letter}2>={low},{letter}2<={high})" in kept
    shutil.copy(out / "raid-log.pdf", artifacts / "kit-raid-log-scored.pdf")


def test_a_lower_tier_typed_at_the_prompt_asks_for_the_deviation(kit: tuple[Handbook, Path],
                                                                 tmp_path: Path) -> None:
    handbook, dist = kit
    questions = kit_questions(handbook)
    typed = {**REQUIRED, "project_name": "Big one", "start_date": "2026-03-02",
             "end_date": "2027-03-02", "tier": "1"}
    replies = [(f"[{n}/{len(questions)}]", typed.get(q.key, ""))
               for n, q in enumerate(questions, start=1)]
    replies += [("kit: tier 1 is lower than tier 2", "1"),
                ("Reference of the approved deviation", "DEC-2026-014")]
    code, output = converse([*COOKIECUTTER, str(dist / "project-kit"), "-o", str(tmp_path)],
                            replies, tmp_path)
    assert code == 0, output
    assert "kit: 1 of your answers needs another look" in output
    assert "kit: tier 1 (Tier 1 – Small) by the approved deviation DEC-2026-014; your " \
           "answers give tier 2" in output
    record = json.loads((tmp_path / "big-one" / ".pmo-kit.json").read_text("utf-8"))
    assert record["tier"] == 1 and record["answers"]["tier_deviation"] == "DEC-2026-014"


def test_the_kit_readmes_example_command_makes_a_project(kit: tuple[Handbook, Path],
                                                        tmp_path: Path) -> None:
    """The command the kit README offers to copy works as printed (the address swapped
    for the local zip), with no placeholder left to fill in."""
    handbook, dist = kit
    readme = (dist / "project-kit" / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("Or give every answer on the command line:"):]
    block = block[block.index("```") + 3:]
    command = shlex.split(block[:block.index("```")].replace("\\\n", " "))
    assert command[0] == "cookiecutter" and "--no-input" in command
    assert not [a for a in command if "<" in a or ">" in a]
    zip_path = dist / f"project-kit-{handbook.settings.version}.zip"
    result = subprocess.run([*COOKIECUTTER, str(zip_path), *command[2:], "-o", str(tmp_path)],
                            capture_output=True, text=True, timeout=180, env=ENV)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "warehouse-scanners" / ".pmo-kit.json").is_file()
