"""Malformed specs: every problem reported as ``file:line: message``, exit code 2, nothing written.

Each folder of ``tests/fixtures/bad_specs`` is a spec root with one kind of mistake.  The CLI runs
on a copy of it from a temporary working directory, so that the paths in the messages are the same
on every machine; the output directory holds a previous tree that must come out byte-identical.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from click.testing import CliRunner

from generator.cli import app

from .conftest import FIXTURES

BAD_SPECS = FIXTURES / "bad_specs"
CASES = sorted(p.name for p in BAD_SPECS.iterdir() if p.is_dir())
FINDING = re.compile(
    r"(?P<file>specs/[^:]+\.omg\.md):(?P<line>[1-9][0-9]*): (?P<message>\S.*)"
)

runner = CliRunner()


def _symlink_out_of_the_root(work: Path) -> None:
    outside = work / "outside" / "secret.omg.md"
    outside.parent.mkdir()
    outside.write_text("# Secret\n\n```omg.query\n{\n  secret?: string\n}\n```\n")
    link = work / "specs" / "partials" / "query" / "secret.omg.md"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)


def _spec_file_out_of_the_root(work: Path) -> None:
    outside = work / "outside" / "passwd"
    outside.parent.mkdir()
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (work / "specs" / "endpoints" / "leak.omg.md").symlink_to(outside)


# Cases that need more than files: what the test builds beside the copied spec root.
SETUP: dict[str, Callable[[Path], None]] = {
    "include-through-symlink": _symlink_out_of_the_root,
    "spec-file-through-symlink": _spec_file_out_of_the_root,
}


def previous_output(out: Path) -> dict[str, bytes]:
    """An output tree from an earlier run, which a failed run must leave alone."""
    files = {
        "manifest.json": b'{"previous": true}\n',
        "snippets/createThing/python.py": b"print('previous run')\n",
        "client/api/__init__.py": b"",
    }
    for relative, data in files.items():
        (out / relative).parent.mkdir(parents=True, exist_ok=True)
        (out / relative).write_bytes(data)
    return tree(out)


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_bad_spec_is_reported_and_nothing_is_written(
    case: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    snapshot: SnapshotAssertion,
) -> None:
    shutil.copytree(BAD_SPECS / case, tmp_path / "specs")
    SETUP.get(case, lambda work: None)(tmp_path)
    before = previous_output(tmp_path / "out")
    entries = sorted(p.name for p in tmp_path.iterdir())
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(app, ["generate", "--specs", "specs", "--out", "out"])

    assert result.exit_code == 2, result.output
    *findings, summary = result.stderr.splitlines()
    assert findings, "no problem was reported"
    assert summary == (
        f"error: {len(findings)} problem(s) in the specs; nothing was written"
    )
    for line in findings:
        match = FINDING.fullmatch(line)
        assert match is not None, f"not 'file:line: message': {line!r}"
        assert (tmp_path / match["file"]).is_file()
    assert findings == sorted(set(findings), key=_order), "unsorted or repeated"
    assert result.stderr == snapshot
    assert tree(tmp_path / "out") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == entries  # no staging left


def _order(line: str) -> tuple[str, int, str]:
    match = FINDING.fullmatch(line)
    assert match is not None
    return match["file"], int(match["line"]), match["message"]


def test_errors_of_several_files_are_reported_in_one_run(tmp_path: Path) -> None:
    shutil.copytree(BAD_SPECS / "errors-in-several-files", tmp_path / "specs")
    result = runner.invoke(
        app,
        ["generate", "--specs", str(tmp_path / "specs"), "--out", str(tmp_path / "o")],
    )
    files = {line.split(":", 1)[0] for line in result.stderr.splitlines()[:-1]}
    assert {Path(f).name for f in files} == {
        "api.omg.md",
        "create-part.omg.md",
        "create-thing.omg.md",
        "size.omg.md",
        "thing.omg.md",
    }
    assert not (tmp_path / "o").exists()


def test_lint_reports_the_same_problems() -> None:
    case = BAD_SPECS / "errors-in-several-files"
    result = runner.invoke(app, ["lint", "--specs", str(case)])
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 6
    assert "6 error(s), 0 warning(s)" in result.stderr
