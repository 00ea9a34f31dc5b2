"""Turn the kit's files into a project: fill answers into Word, Excel and Markdown, keep the tier's.

Standard library only: render_kit copies this module's source into the kit's
post-generation hook, which runs where only cookiecutter is installed. Answers
are inserted as XML-escaped text, in one pass, and never evaluated as templates; a
character no XML can hold is written as U+FFFD, so a filled file always opens (the
pre-generation hook refuses such answers before anything is written). A placeholder
filled with an answer loses its highlight (its run's Placeholder style); one left
empty is emptied but keeps its style, so typing there is still marked as to check.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import zipfile
from collections.abc import Callable, Mapping
from xml.sax.saxutils import escape

DATA_FILE = ".pmo-kit-data.json"
RECORD_FILE = ".pmo-kit.json"
DOCUMENTS_DIR = "documents"
REGISTERS_DIR = "registers"
# Text elements whose content may hold a placeholder: Word runs, Excel strings, core properties.
TEXT_ELEMENT = (r"(?P<start><(?P<name>w:t|t|dc:title|dc:subject|dc:description|cp:keywords|"
                r"cp:category|dc:creator|cp:lastModifiedBy)(?:\s[^>]*)?>)(?P<text>[^<]*)"
                r"(?P<end></(?P=name)>)")
# A placeholder's own run as the Word renderer writes it (DocWriter.placeholder): the
# character style "Placeholder" (highlighted by the house style) and its text.
PLACEHOLDER_RUN = (r'<w:r><w:rPr><w:rStyle w:val="Placeholder"/></w:rPr>'
                   r"<w:t(?:\s[^>]*)?>(?P<placeholder>[^<]*)</w:t></w:r>")
# Either, in one pass (so a value that looks like a placeholder is never filled again).
FILLABLE = re.compile(f"{PLACEHOLDER_RUN}|{TEXT_ELEMENT}")
# Characters XML 1.0 cannot hold: the pattern of checks.UNHOLDABLE (a hook holds one module).
UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"
FILLED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*)\.xml|docProps/core\.xml|"
                          r"xl/sharedStrings\.xml|xl/worksheets/sheet\d+\.xml)$")


def holdable(text: str) -> str:
    """`text` with every character XML cannot hold replaced by U+FFFD."""
    return UNHOLDABLE.sub(REPLACEMENT, text)


def placeholder_pattern(labels: Mapping[str, str]) -> re.Pattern[str]:
    """One regex matching every placeholder text (e.g. `[Project name]`), longest first."""
    texts = sorted(labels.values(), key=len, reverse=True)
    return re.compile("|".join(re.escape(t) for t in texts))


def fill_text(text: str, values: Mapping[str, str], pattern: re.Pattern[str]) -> str:
    """Replace each placeholder in `text` by its value, in a single pass."""
    return pattern.sub(lambda m: values[m.group(0)], text)


def fill_xml(xml: str, values: Mapping[str, str], pattern: re.Pattern[str]) -> str:
    """Fill placeholders inside text elements of an OOXML part, XML-escaping the values."""
    escaped = {k: escape(holdable(v)) for k, v in values.items()}

    def fill(match: re.Match[str]) -> str:
        run_text = match.group("placeholder")
        if run_text is not None:
            value = escaped.get(run_text, "")
            if value.strip():  # answered: plain text, the placeholder's highlight gone
                return f'<w:r><w:t xml:space="preserve">{value}</w:t></w:r>'
            if run_text not in escaped:
                return match.group(0)
            # left empty: an empty run that keeps the style, where the answer is to go
            return match.group(0).replace(f">{run_text}</w:t>", f">{value}</w:t>")
        start, text = match.group("start"), match.group("text")
        filled = fill_text(text, escaped, pattern)
        if filled == text:
            return match.group(0)
        if match.group("name") in ("w:t", "t") and "xml:space" not in start:
            start = start[:-1] + ' xml:space="preserve">'
        return start + filled + match.group("end")

    return FILLABLE.sub(fill, xml)


def fill_office_file(path: str, values: Mapping[str, str], pattern: re.Pattern[str]) -> None:
    """Rewrite a .docx or .xlsx in place with the answers filled in."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    temporary = path + ".filling"
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if FILLED_PARTS.match(info.filename):
                data = fill_xml(data.decode("utf-8"), values, pattern).encode("utf-8")
            target.writestr(info, data)
    os.replace(temporary, path)


def display_values(data: Mapping[str, object], answers: Mapping[str, str]) -> dict[str, str]:
    """Placeholder text -> what replaces it; the tier shows its name."""
    labels: Mapping[str, str] = data["labels"]  # type: ignore[assignment]
    tier_names: Mapping[str, str] = data["tier_names"]  # type: ignore[assignment]
    values = {}
    for key, text in labels.items():
        value = str(answers.get(key, ""))
        values[text] = tier_names.get(value, value) if key == "tier" else value
    return values


def public_answers(context: Mapping[str, object]) -> dict[str, str]:
    """The answers a person gave: cookiecutter's private `_` keys left out."""
    return {k: str(v) for k, v in context.items() if not k.startswith("_")}


def kit_record(data: Mapping[str, object], tier: Mapping[str, object],
               answers: Mapping[str, str], today: datetime.date) -> dict[str, object]:
    """The `.pmo-kit.json` a generated project keeps."""
    return {
        "kit_version": data["kit_version"],
        "handbook_version": data["handbook_version"],
        "organisation": data["organisation"],
        "pmo_type": data["pmo_type"],
        "tier": int(answers["tier"]),
        "standards": tier["standards"],
        "artefacts": tier["artefacts"],
        "answers": dict(answers),
        "generated_on": today.isoformat(),
    }


def build_project(project_dir: str, answers: Mapping[str, str],
                  today: Callable[[], datetime.date] = datetime.date.today) -> list[str]:
    """Keep and fill the files the project's tier needs; return the files kept."""
    answers = {key: holdable(str(value)) for key, value in answers.items()}
    with open(os.path.join(project_dir, DATA_FILE), encoding="utf-8") as handle:
        data = json.load(handle)
    tier = data["tiers"][str(answers["tier"])]
    values = display_values(data, answers)
    pattern = placeholder_pattern(data["labels"])
    kept = []
    for name in sorted(os.listdir(project_dir)):
        folder = {".docx": DOCUMENTS_DIR, ".xlsx": REGISTERS_DIR}.get(os.path.splitext(name)[1])
        if folder is None:
            continue
        source = os.path.join(project_dir, name)
        if name not in tier["files"]:
            os.remove(source)
            continue
        fill_office_file(source, values, pattern)
        os.makedirs(os.path.join(project_dir, folder), exist_ok=True)
        os.replace(source, os.path.join(project_dir, folder, name))
        kept.append(f"{folder}/{name}")
    with open(os.path.join(project_dir, "README.md"), "w", encoding="utf-8") as handle:
        handle.write(fill_text(tier["readme"], values, pattern))
    record = kit_record(data, tier, answers, today())
    with open(os.path.join(project_dir, RECORD_FILE), "w", encoding="utf-8") as handle:
        json.dump(record, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    os.remove(os.path.join(project_dir, DATA_FILE))
    return [*kept, "README.md", RECORD_FILE]
