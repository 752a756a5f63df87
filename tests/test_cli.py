"""The command line: exit codes, messages that name file and line, output written atomically or not at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import generator.render as render_module
from generator import write
from generator.cli import app
from generator.render import Renderer

from .conftest import SPECS

runner = CliRunner()


def make_output(path: Path) -> dict[str, bytes]:
    """A previous output tree that a failed run must leave alone."""
    (path / "snippets").mkdir(parents=True)
    (path / "manifest.json").write_text('{"previous": true}\n')
    (path / "snippets" / "keep.txt").write_text("previous run\n")
    return {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def tree(path: Path) -> dict[str, bytes]:
    return {
        p.relative_to(path).as_posix(): p.read_bytes()
        for p in sorted(path.rglob("*"))
        if p.is_file()
    }


def copy_specs(tmp_path: Path) -> Path:
    target = tmp_path / "specs"
    shutil.copytree(SPECS, target)
    return target


def test_generate_writes_snippets_client_and_manifest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["generate", "--specs", str(SPECS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    files = tree(out)
    assert "manifest.json" in files
    assert {
        f"snippets/updateOrCreateInvoices/{name}"
        for name in (
            "python.py",
            "java.java",
            "csharp.cs",
            "php.php",
            "node.ts",
            "ruby.rb",
        )
    } <= set(files)
    assert "client/xero_accounting/client.py" in files
    assert "keyPascal 'Date' of 'dueDate'" in result.stderr


def test_generate_with_lang_and_no_client(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        [
            "generate",
            "--specs",
            str(SPECS),
            "--out",
            str(out),
            "--lang",
            "python,ruby",
            "--no-client",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    assert sorted(tree(out)) == [
        "docs/updateOrCreateInvoices.md",
        "manifest.json",
        "snippets/updateOrCreateInvoices/python.py",
        "snippets/updateOrCreateInvoices/ruby.rb",
        "x-code-samples.overlay.yaml",
    ]
    page = (out / "docs" / "updateOrCreateInvoices.md").read_text()
    assert [line for line in page.splitlines() if line.startswith("===")] == [
        '=== "Python"',
        '=== "Ruby"',
    ]


def test_generate_without_docs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(
        app,
        ["generate", "--specs", str(SPECS), "--out", str(out), "--no-docs", "-q"],
    )
    assert result.exit_code == 0, result.output
    files = tree(out)
    assert not [p for p in files if p.startswith("docs/") or "overlay" in p]
    manifest = json.loads(files["manifest.json"])
    assert "overlay" not in manifest
    assert "docs" not in manifest["operations"]["updateOrCreateInvoices"]


def test_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "generate",
            "--specs",
            str(SPECS),
            "--out",
            str(tmp_path / "o"),
            "--lang",
            "cobol",
        ],
    )
    assert result.exit_code == 2
    assert "unknown language cobol" in result.output
    assert not (tmp_path / "o").exists()


def test_bad_spec_exits_2_names_file_and_line_and_writes_nothing(
    tmp_path: Path,
) -> None:
    specs = copy_specs(tmp_path)
    seed = specs / "endpoints" / "invoices" / "update-or-create-invoices.omg.md"
    seed.write_text(
        seed.read_text().replace("keyPascal: Invoice\n", "keyPascal: Invoce\n")
    )
    out = tmp_path / "out"
    before = make_output(out)

    result = runner.invoke(app, ["generate", "--specs", str(specs), "--out", str(out)])

    assert result.exit_code == 2
    line = seed.read_text().splitlines().index("      keyPascal: Invoce") + 1
    assert (
        f"update-or-create-invoices.omg.md:{line}: x-example[11]: object 'invoice': unknown type 'Invoce' (did you mean Invoice"
        in result.stderr
    )
    assert "nothing was written" in result.stderr
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "specs"]


def test_strict_turns_findings_into_errors(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = make_output(out)
    result = runner.invoke(
        app, ["generate", "--specs", str(SPECS), "--out", str(out), "--strict"]
    )
    assert result.exit_code == 2
    assert (
        "keyPascal 'Date' of 'dueDate' is not the field of Invoice that is meant; using DueDate"
        in result.stderr
    )
    assert tree(out) == before


def test_template_failure_mid_run_leaves_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = make_output(out)
    calls = {"n": 0}
    original = Renderer.snippet

    def failing(self: Renderer, op: object, lang: object) -> str:
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("template exploded")
        return original(self, op, lang)  # type: ignore[arg-type]

    monkeypatch.setattr(render_module.Renderer, "snippet", failing)
    result = runner.invoke(
        app, ["generate", "--specs", str(SPECS), "--out", str(out), "--no-cache"]
    )
    assert result.exit_code == 3
    assert "template exploded" in result.stderr
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_write_failure_while_staging_leaves_previous_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    before = make_output(out)
    written = {"n": 0}
    original = write._put

    def disk_full(path: Path, data: bytes) -> list[int]:
        written["n"] += 1
        if written["n"] == 4:
            raise OSError(28, "No space left on device")
        return original(path, data)

    monkeypatch.setattr(write, "_put", disk_full)
    argv = ["generate", "--specs", str(SPECS), "--out", str(out), "--no-cache"]
    result = runner.invoke(app, argv)
    monkeypatch.undo()
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_lint_prints_file_line_findings_and_a_summary() -> None:
    result = runner.invoke(app, ["lint", "--specs", str(SPECS)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert all(
        line.startswith("specs/endpoints/invoices/update-or-create-invoices.omg.md:")
        or ".omg.md:" in line
        for line in lines
    )
    assert "0 error(s), 4 warning(s)" in result.stderr
    assert (
        runner.invoke(app, ["lint", "--specs", str(SPECS), "--strict"]).exit_code == 2
    )


def test_missing_spec_directory(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["generate", "--specs", str(tmp_path / "nope"), "--out", str(tmp_path / "out")],
    )
    assert result.exit_code == 2
    assert "spec directory not found" in result.stderr


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["lint", "--specs", str(SPECS)], 0),
        (["lint", "--specs", str(SPECS), "--strict"], 2),
        (["generate", "--specs", "nope", "--out", "out"], 2),
        (["generate", "--bogus"], 2),
    ],
)
def test_the_program_exits_with_the_commands_status_and_all_its_output(
    args: list[str], status: int
) -> None:
    """``python -m generator`` leaves without tearing its heap down: nothing printed may be lost."""
    expected = runner.invoke(app, args, prog_name="omg-snippets")
    process = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=SPECS.parent,
        env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == expected.exit_code == status
    assert process.stdout == expected.stdout
    assert process.stderr == expected.stderr
