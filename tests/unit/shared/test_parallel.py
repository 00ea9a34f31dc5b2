"""Checking on two processes gives exactly what checking on one gives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.pipeline.check import check_standards
from generator.shared.parallel import can_fork, map_halves
from generator.source import check
from tests.support.corpus import generate_corpus


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
    monkeypatch.setattr(check, "PARALLEL_FROM", 10_000)
    serial_documents, serial = check_standards(standards)
    assert can_fork()  # so the next call really runs on two processes
    monkeypatch.setattr(check, "PARALLEL_FROM", 2)
    parallel_documents, parallel = check_standards(standards)
    assert len(serial) >= 2
    assert parallel == serial
    assert [d.data for d in parallel_documents] == [d.data for d in serial_documents]
    assert all(p.line > 0 for p in parallel)


def test_one_site_worker_keeps_the_work_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """PMO_SITE_WORKERS=1: one call with every item, here; otherwise two halves."""
    def where(items):  # type: ignore[no-untyped-def]
        return [(os.getpid(), len(items))] * len(items)

    if not can_fork():
        pytest.skip("one core, or no fork: map_halves never splits here")
    assert len({pid for pid, _ in map_halves(where, list(range(10)), minimum=2)}) == 2
    monkeypatch.setenv("PMO_SITE_WORKERS", "1")
    assert set(map_halves(where, list(range(10)), minimum=2)) == {(os.getpid(), 10)}
