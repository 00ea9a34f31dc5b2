"""Fuzzing the loader and the whole source check: any bytes either load or give located
problems, quickly, and never raise.

Hypothesis runs derandomized (the same inputs on every run, no example database), so the
test is deterministic in CI. The inputs mix random bytes, YAML-looking token soup
(anchors, aliases, tags, merge keys, flow and block collections, directives, several
documents), real standards with tokens spliced in or put in place of values, deep
nesting, alias bombs, huge
scalars around the size limit, invalid UTF-8, byte order marks and NUL bytes.
"""

from __future__ import annotations

import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.source.check import check_sources
from generator.source.loader import MAX_DEPTH, MAX_FILE_BYTES, load_document
from tests.support.workspace import MINIMAL

BUDGET = 1.0  # seconds per input
FUZZED = "standards/policies/risk.yaml"
RISK = (MINIMAL / "policies" / "risk.yaml").read_text(encoding="utf-8")

# No explain phase: it traces every line, which would make a failing input look slow too.
FUZZ = settings(derandomize=True, database=None, deadline=None, max_examples=150,
                phases=[Phase.explicit, Phase.generate, Phase.shrink],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.large_base_example])

TOKENS = [
    "&a ", "&b ", "*a", "*b", " *a", "!!str ", "!!python/object:os.system ", "!custom ", "!!map ",
    "!!binary ", "<<: ", "<<: *a", "- ", "? ", ": ", "\n", "\n  ", "\n    ", "  ", "[", "]", "{",
    "}", ", ", "'", '"', "# c", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "|\n",
    ">-\n", "\t", "\x00", "\x07", "\x1b[31m", "\ufeff", "\u2028", "\x85", "\ud83d\ude00", "~",
    "null", "true", "0x1F", "1e400", "-.inf", ".nan", "2026-02-30", "1.1.0\n", "id: ",
    "title: ", "version: ", "requirements:\n  - id: ", "history:\n  - ", "<script>", "{{ 7*7 }}",
    "=cmd|' /C calc'!A0", "RISK-1", "risk", "x" * 300, "\\", "\\u0000", '"\\ud800"',
    "1" * 5000, "0x" + "f" * 5000, "1:" * 3000 + "1", "9" * 19, "-0b" + "1" * 64, "1e99999",
]
PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\x00"]


def _bomb(levels: int, width: int) -> str:
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def _nested(depth: int, flow: bool) -> str:
    if flow:
        return "id: x\nv: " + "[" * depth + "]" * depth + "\n"
    return "id: x\nv:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, depth)) + "  " * depth \
        + "z\n"


def _splice(text: str, cuts: list[tuple[int, str]]) -> str:
    for at, token in sorted(cuts, reverse=True):
        at = at % (len(text) + 1)
        text = text[:at] + token + text[at:]
    return text


def _replace_values(text: str, changes: list[tuple[int, str]]) -> str:
    """`text` with the values of some `key: value` lines replaced by tokens."""
    lines = text.split("\n")
    for at, token in changes:
        index = at % len(lines)
        key, colon, _ = lines[index].partition(": ")
        lines[index] = f"{key}{colon or ': '}{token}"
    return "\n".join(lines)


token_soup = st.lists(st.sampled_from(TOKENS) | st.text(max_size=12), max_size=60).map("".join)
spliced = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(TOKENS)), min_size=1,
                   max_size=8).map(lambda cuts: _splice(RISK, cuts))
replaced = st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(TOKENS)), min_size=1,
                    max_size=4).map(lambda changes: _replace_values(RISK, changes))
structured = st.one_of(
    st.builds(_bomb, st.integers(1, 40), st.integers(1, 40)),
    st.builds(_nested, st.integers(MAX_DEPTH - 2, 1500), st.booleans()),
    st.builds(lambda unit, n: "id: x\nbody: " + unit * (n // max(1, len(unit))) + "\n",
              st.sampled_from(["a", "a b ", "\\u00e9", "<", "#", ":", "é"]),
              st.sampled_from([10_000, MAX_FILE_BYTES - 100, MAX_FILE_BYTES + 1])),
    st.builds(lambda n: "id: x\nitems:\n" + "  - x\n" * n, st.integers(1000, 20_000)),
)


def _encoded(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate becomes invalid UTF-8


yaml_bytes = st.one_of(
    st.binary(max_size=4000),
    st.tuples(st.sampled_from(PREFIXES), token_soup.map(_encoded)).map(b"".join),
    st.tuples(st.sampled_from(PREFIXES), spliced.map(_encoded)).map(b"".join),
    replaced.map(_encoded),
    structured.map(_encoded),
)


@contextmanager
def timed() -> Iterator[None]:
    """Fail an input that takes over BUDGET of processor time (what the input costs, however
    busy the machine is); interrupt one that blocks or runs 10 x BUDGET by the clock."""
    def interrupt(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"an input took over {10 * BUDGET} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 10 * BUDGET)
    started = time.process_time()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert time.process_time() - started < BUDGET


def _only_located_problems(problems: list[Problem], files: set[str]) -> None:
    for problem in problems:
        assert type(problem) is Problem
        assert problem.file in files, problem
        assert problem.line >= 0 and problem.column >= 0 and problem.message, problem


@FUZZ
@given(data=yaml_bytes)
def test_the_loader_loads_or_reports_every_input_quickly(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "risk.yaml"
        path.write_bytes(data)
        with timed():
            document, problems = load_document(path, "policy", FUZZED)
    assert document is not None or problems
    _only_located_problems(problems, {FUZZED})


@pytest.fixture(scope="module")
def tree() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        standards = Path(tmp) / "standards"
        shutil.copytree(MINIMAL, standards)
        check_sources(standards)  # compile the schemas once, outside the timed runs
        yield standards


@settings(FUZZ, max_examples=60, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
    HealthCheck.function_scoped_fixture])
@given(target=st.sampled_from(["policies/risk.yaml", "handbook.yaml", "roles/sponsor.yaml"]),
       data=yaml_bytes)
def test_the_whole_source_check_reports_every_input_quickly(tree: Path, target: str,
                                                            data: bytes) -> None:
    original = (MINIMAL / target).read_bytes()
    (tree / target).write_bytes(data)
    try:
        with timed():
            documents, problems = check_sources(tree)
    finally:
        (tree / target).write_bytes(original)
    assert len(documents) == 10
    files = {f"standards/{p.relative_to(tree).as_posix()}" for p in tree.rglob("*.yaml")}
    _only_located_problems(problems, files)
