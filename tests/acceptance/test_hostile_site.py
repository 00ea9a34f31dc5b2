"""Stored script: nothing in a standard can run in a reader's browser.

Every vector of tests/support/hostile.py is put into fields of every kind: titles and
names that the theme prints, one-line fields, Markdown fields, table cells, glossary
terms, handbook.yaml's own text. Each one either gets a located error from
`pmo validate` (file, line and field) or is published inertly: the site built from what
validation accepts is loaded page by page in Chromium, which must show no dialog, and
no element may carry an `on*` attribute or a javascript:, vbscript: or data: URL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.pipeline.check import check_standards
from tests.support.browser import chromium, served
from tests.support.hostile import VECTORS
from tests.support.workspace import ARTIFACTS, MINIMAL, copy_workspace, require_module, run_build

require_module("playwright.sync_api")  # the browser tests need it, under CI=true too

# (file below standards/, path of the field): every kind of place a text reaches.
FIELDS: list[tuple[str, tuple[Any, ...]]] = [
    ("handbook.yaml", ("title",)), ("handbook.yaml", ("organisation", "name")),
    ("handbook.yaml", ("tiers", 0, "name")), ("handbook.yaml", ("tiers", 1, "description")),
    ("handbook.yaml", ("tier_criteria", "budget", "note")),
    ("handbook.yaml", ("pmo_types", 1, "title")),
    ("handbook.yaml", ("pmo_types", 1, "authority")),
    ("handbook.yaml", ("pmo_types", 0, "description")),
    ("handbook.yaml", ("obligation_words", "should")),
    ("policies/risk.yaml", ("title",)), ("policies/risk.yaml", ("summary",)),
    ("policies/risk.yaml", ("body",)), ("policies/risk.yaml", ("purpose",)),
    ("policies/risk.yaml", ("scope",)), ("policies/risk.yaml", ("requirements", 0, "text")),
    ("policies/risk.yaml", ("requirements", 1, "text")),
    ("policies/risk.yaml", ("requirements", 0, "rationale")),
    ("policies/risk.yaml", ("requirements", 1, "trigger")),
    ("policies/risk.yaml", ("raci", 0, "activity")),
    ("policies/risk.yaml", ("history", 0, "summary")),
    ("artefacts/raid-log.yaml", ("title",)), ("artefacts/raid-log.yaml", ("summary",)),
    ("artefacts/raid-log.yaml", ("purpose",)), ("artefacts/raid-log.yaml", ("body",)),
    ("artefacts/raid-log.yaml", ("sections", 0, "title")),
    ("artefacts/raid-log.yaml", ("sections", 0, "guidance")),
    ("artefacts/raid-log.yaml", ("sections", 1, "table", "columns", 0, "name")),
    ("artefacts/raid-log.yaml", ("sections", 1, "table", "columns", 1, "description")),
    ("artefacts/raid-log.yaml", ("sections", 1, "table", "columns", 1, "choices", 0)),
    ("artefacts/raid-log.yaml", ("sections", 0, "fields", 0, "label")),
    ("artefacts/raid-log.yaml", ("sections", 1, "table", "rows", 0, 1)),
    ("roles/sponsor.yaml", ("title",)), ("roles/sponsor.yaml", ("responsibilities", 0)),
    ("roles/sponsor.yaml", ("body",)),
    ("glossary/glossary.yaml", ("terms", 0, "term")),
    ("glossary/glossary.yaml", ("terms", 0, "definition")),
    ("faq/faq.yaml", ("questions", 0, "question")), ("faq/faq.yaml", ("questions", 0, "answer")),
    ("charter/pmo-charter.yaml", ("services", 0, "name")),
    ("charter/pmo-charter.yaml", ("mandate",)),
]


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


def _field_name(path: tuple[Any, ...]) -> str:
    out = ""
    for item in path:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else str(item))
    return out


def _write(root: Path, assignment: dict[tuple[str, tuple[Any, ...]], str]) -> None:
    files: dict[str, Any] = {}
    for (name, path), value in assignment.items():
        if name not in files:
            files[name] = yaml.safe_load((root / "standards" / name).read_text(encoding="utf-8"))
        _set(files[name], path, value)
    for name, data in files.items():
        (root / "standards" / name).write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


ROUNDS = -(-len(VECTORS) // len(FIELDS))  # each round a handbook of its own


def assignment(round_: int) -> dict[tuple[str, tuple[Any, ...]], str]:
    """The vectors of one round, one per field (the last round wraps to the first ones)."""
    chunk = VECTORS[round_ * len(FIELDS):] + VECTORS
    return dict(zip(FIELDS, chunk, strict=False))


@pytest.fixture(scope="module", params=range(ROUNDS), ids=lambda r: f"round-{r}")
def hostile(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Path, set[tuple[str, tuple[Any, ...]]]]:
    """A handbook of vectors: validated, the refused ones replaced, then built.
    Returns its root and the fields whose vector validation refused."""
    root = copy_workspace(tmp_path_factory.mktemp("hostile") / "handbook", MINIMAL).root
    vectors = assignment(request.param)
    _write(root, vectors)
    refused: set[tuple[str, tuple[Any, ...]]] = set()
    for _attempt in range(3):  # a file that cannot be loaded is schema-checked once it can
        _documents, problems = check_standards(root / "standards")
        if not problems:
            break
        located = {(p.file.removeprefix("standards/"), p.field) for p in problems
                   if p.line > 0 and p.field}
        found = {place for place in vectors
                 if any(name == place[0] and (field == _field_name(place[1])
                                              or field.startswith(_field_name(place[1]) + "["))
                        for name, field in located)}
        assert found - refused, f"problems not located at a vector: {[str(p) for p in problems]}"
        refused |= found
        _write(root, {place: "Refused by validation." for place in found})
    assert check_standards(root / "standards")[1] == []
    result = run_build(root)
    assert result.returncode == 0, result.stderr
    return root, refused


def test_every_vector_is_published_or_refused_somewhere() -> None:
    assert len(VECTORS) >= 40
    covered = {v for r in range(ROUNDS) for v in assignment(r).values()}
    assert covered == set(VECTORS)


@pytest.fixture(scope="module")
def site_url(hostile: tuple[Path, set[Any]]) -> Iterator[str]:
    root, _refused = hostile
    with served(root / "site") as url:
        yield url


ACTIVE = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = (attr.value || "").replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`${el.tagName}[${name}]`);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "background"]
          .includes(name) && /^(javascript|vbscript|data):/.test(value))
        found.push(`${el.tagName}[${name}=${attr.value.slice(0, 40)}]`);
    }
  }
  return found;
}"""


def test_no_page_runs_anything_from_a_standard(hostile: tuple[Path, set[Any]],
                                                site_url: str) -> None:
    root, _refused = hostile
    pages = sorted(p.relative_to(root / "site").as_posix()
                   for p in (root / "site").rglob("index.html"))
    assert len(pages) > 15
    dialogs: list[str] = []
    findings: dict[str, list[str]] = {}
    with chromium() as browser:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"),
                                          dialog.dismiss()))
        for path in pages:
            page.goto(site_url + path.removesuffix("index.html"), wait_until="load")
            page.wait_for_timeout(50)
            active = page.evaluate(ACTIVE)
            if active:
                findings[path] = active
        page.goto(site_url + "policies/risk/")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"hostile-policy-{root.parent.name}.png"),
                        full_page=True)
    assert dialogs == []
    assert findings == {}
