"""write_tree: the output is replaced all or nothing, whatever fails and when."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import write
from generator.write import read_tree, write_tree

OLD = {"a.txt": b"old a\n", "d/b.txt": b"old b\n", "d/gone.txt": b"stale\n"}
NEW = {"a.txt": b"new a\n", "d/b.txt": b"old b\n", "e/f/c.txt": b"new c\n"}


def files_on_disk(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))


def test_new_output_is_staged_and_renamed(tmp_path: Path) -> None:
    write_tree(NEW, tmp_path / "out")
    assert read_tree(tmp_path / "out") == NEW
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_existing_output_is_updated_in_place(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    unchanged_inode = os.stat(out / "d" / "b.txt").st_ino
    write_tree(NEW, out)
    assert read_tree(out) == NEW
    assert os.stat(out / "d" / "b.txt").st_ino == unchanged_inode
    assert files_on_disk(out) == ["a.txt", "d", "d/b.txt", "e", "e/f", "e/f/c.txt"]


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4])  # the update takes four renames
@pytest.mark.parametrize(
    "error", [OSError(28, "No space left on device"), KeyboardInterrupt()]
)
def test_a_failure_while_committing_restores_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_at: int, error: BaseException
) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    calls = {"n": 0}
    original = os.replace

    def failing_replace(src: object, dst: object) -> None:
        calls["n"] += 1
        if calls["n"] == fail_at:
            raise error
        original(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(write.os, "replace", failing_replace)
    with pytest.raises(type(error)):
        write_tree(NEW, out)
    monkeypatch.undo()
    assert read_tree(out) == OLD
    assert files_on_disk(out) == ["a.txt", "d", "d/b.txt", "d/gone.txt"]


def test_a_failure_while_staging_restores_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    write_tree(OLD, out)
    original = write._put

    def disk_full(path: Path, data: bytes) -> list[int]:
        if path.name.startswith("c.txt"):
            raise OSError(28, "No space left on device")
        return original(path, data)

    monkeypatch.setattr(write, "_put", disk_full)
    with pytest.raises(OSError):
        write_tree(NEW, out)
    monkeypatch.undo()
    assert read_tree(out) == OLD
    assert files_on_disk(out) == ["a.txt", "d", "d/b.txt", "d/gone.txt"]


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53), max_value=2**53)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(st.dictionaries(st.text(), _JSON, max_size=6))
def test_the_manifest_has_the_bytes_of_the_standard_library_form(
    manifest: dict[str, object],
) -> None:
    expected = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False)
    assert write.manifest_json(manifest) == (expected + "\n").encode()
