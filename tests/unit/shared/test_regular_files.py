"""Input files are read only when they are regular files, without blocking, up to a limit."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.shared import regular_files
from generator.shared.regular_files import UnreadableFile, is_present, read_regular_file


def test_a_regular_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"id: a\n")
    assert read_regular_file(path, 100) == b"id: a\n"


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda p: os.mkfifo(p), "(a named pipe)"),
        (lambda p: p.symlink_to("/dev/zero"), "(a symbolic link)"),
        (lambda p: p.mkdir(), "(a folder)"),
        (lambda p: p.symlink_to(p.parent), "(a symbolic link)"),
        (lambda p: p.symlink_to(p.parent / "nowhere"), "(a symbolic link)"),
        (lambda p: _link_to_regular_file(p), "(a symbolic link)"),
    ],
    ids=["fifo", "link-to-dev-zero", "folder", "link-to-folder", "dangling-link",
         "link-to-regular-file"],
)
def test_anything_but_a_regular_file_is_refused_unopened(make, what: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.yaml"
    make(path)
    assert is_present(path)
    with pytest.raises(UnreadableFile, match=r"not a regular file " + what.replace("(", r"\(")
                       .replace(")", r"\)")) as caught:
        read_regular_file(path, 100)
    assert caught.value.path == path


def _link_to_regular_file(path: Path) -> None:
    (path.parent / "real.yaml").write_text("id: real\n")
    path.symlink_to(path.parent / "real.yaml")


def test_a_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = tmp_path / "regular"
    regular.write_text("x")
    fifo = tmp_path / "x.yaml"
    os.mkfifo(fifo)
    real_lstat = os.lstat
    monkeypatch.setattr(regular_files.os, "lstat",
                        lambda p: real_lstat(regular) if Path(p) == fifo else real_lstat(p))
    with pytest.raises(UnreadableFile, match=r"a named pipe|replaced"):
        read_regular_file(fifo, 100)  # opened with O_NONBLOCK: returns at once


def test_a_link_swapped_in_after_the_check_is_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    regular = tmp_path / "regular"
    regular.write_text("x")
    link = tmp_path / "x.yaml"
    link.symlink_to("/dev/zero")
    real_lstat = os.lstat
    monkeypatch.setattr(regular_files.os, "lstat",
                        lambda p: real_lstat(regular) if Path(p) == link else real_lstat(p))
    with pytest.raises(UnreadableFile, match="cannot read it"):
        read_regular_file(link, 100)


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 3_000_001)
    with pytest.raises(UnreadableFile, match=r"too large \(3.0 MB; at most 2.0 MB\)"):
        read_regular_file(path, 2_000_000)


def test_a_file_that_grows_after_the_check_is_read_only_up_to_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 1000)
    real = os.lstat(path)
    small = os.stat_result((real.st_mode, real.st_ino, real.st_dev, real.st_nlink, real.st_uid,
                            real.st_gid, 10, real.st_atime, real.st_mtime, real.st_ctime))
    monkeypatch.setattr(regular_files.os, "lstat", lambda p: small)
    with pytest.raises(UnreadableFile, match=r"too large \(101 bytes; at most 100 bytes\)"):
        read_regular_file(path, 100)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert not is_present(tmp_path / "none")
    with pytest.raises(UnreadableFile, match="file not found"):
        read_regular_file(tmp_path / "none", 100)
