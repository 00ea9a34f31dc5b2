"""Checking on two processes gives exactly what checking on one gives."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator import build
from generator.parallel import can_fork, map_halves

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from corpus import generate_corpus  # noqa: E402


def _squares(items):  # type: ignore[no-untyped-def]
    return [i * i for i in items]


def test_map_halves_keeps_order() -> None:
    assert map_halves(_squares, list(range(11)), minimum=2) == [i * i for i in range(11)]


def test_parallel_and_serial_checks_report_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    standards = generate_corpus(tmp_path, 60, body_words=60)
    late = sorted((standards / "roles").glob("*.yaml"))[-1]  # read by the second process
    late.write_text(late.read_text().replace("owner: role-", "owner: rolle-"))
    artefact = sorted((standards / "artefacts").glob("*.yaml"))[-1]
    artefact.write_text(artefact.read_text().replace("format: document", "format: memo"))
    monkeypatch.setattr(build, "PARALLEL_FROM", 10_000)
    serial_documents, serial = build.check_standards(standards)
    assert can_fork()  # so the next call really runs on two processes
    monkeypatch.setattr(build, "PARALLEL_FROM", 2)
    parallel_documents, parallel = build.check_standards(standards)
    assert len(serial) >= 2
    assert parallel == serial
    assert [d.data for d in parallel_documents] == [d.data for d in serial_documents]
    assert all(p.line > 0 for p in parallel)
