"""Lint: each kind of data problem, on a small spec of its own, and every finding of the corpus."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from syrupy.assertion import SnapshotAssertion
from click.testing import CliRunner

from generator import lint
from generator.cli import app

from .conftest import CORPUS, FIXTURES, code_snapshot, needs_shared

LINT = FIXTURES / "lint"

# case -> every finding it must give: (severity, code, line, message)
CASES: dict[str, list[tuple[str, str, int, str]]] = {
    "fieldNameMeant": [
        (
            "warning",
            "field-name",
            15,
            "x-example[1]: keyPascal 'Date' of 'dueDate' is not the field of Thing that is meant; using DueDate",
        )
    ],
    "fieldCaseRepaired": [
        (
            "warning",
            "field-name",
            15,
            "x-example[1]: keyPascal 'CoGSCode' of 'cOGSCode' is not the field of Child that is meant; using COGSCode",
        )
    ],
    "unknownField": [
        (
            "error",
            "unknown-field",
            15,
            "x-example[1]: Thing has no field 'Nmae' (did you mean Name?)",
        )
    ],
    "overrideDisagrees": [
        (
            "warning",
            "override",
            18,
            "x-example[1]: C# override 'Mode.Slow' of Mode names member Slow, not Fast; using Mode.Fast",
        ),
        (
            "warning",
            "override",
            19,
            "x-example[1]: Ruby override 'XeroRuby::Accounting::Fast' of Mode names class Accounting, not Mode; using Mode.Fast",
        ),
    ],
    "datePlaceholder": [
        (
            "warning",
            "override",
            15,
            "x-example[0]: C# override 'new DateTime(2021, 3, 4)' of date 'when' is 2021-03-04, not 2021-03-05 (from default); using 2021-03-05",
        ),
        (
            "warning",
            "placeholder",
            17,
            "x-example[0]: Ruby override \"'YYYY-MM-DD'\" of date 'when' is a placeholder; using 2021-03-05 (from default)",
        ),
    ],
    "enumMemberRepaired": [
        (
            "warning",
            "enum",
            17,
            "x-example[1]: 'FAST' is not a member of Mode; using Fast",
        )
    ],
    "enumMemberUnknown": [
        (
            "error",
            "value",
            17,
            "x-example[1]: value of Thing.Kind: 'C' is not a member of Thing.Kind (A, B)",
        )
    ],
    "undeclaredVariable": [
        (
            "error",
            "undeclared",
            21,
            "x-example[2]: 'chlid' refers to no variable declared before it (did you mean 'child'?)",
        )
    ],
    "objectNeverClosed": [
        (
            "warning",
            "closing",
            9,
            "x-example[0]: object 'child' is never closed (no is_last on its last field); it ends where its fields end",
        )
    ],
    "objectClosedTwice": [
        (
            "warning",
            "closing",
            13,
            "x-example[1]: is_last on 'name' but object 'thing' continues with x-example[2]; it ends where its fields end",
        )
    ],
    "unknownFlag": [
        (
            "error",
            "unknown-flag",
            11,
            "x-example[0]: unknown flag 'is_objcet' (did you mean 'is_object'?)",
        )
    ],
    "unusedObject": [
        (
            "warning",
            "unused",
            9,
            "x-example[0]: 'child' is never used by the request body; dropping it",
        )
    ],
    "listNamedTwice": [
        (
            "warning",
            "duplicate",
            21,
            "x-example[2]: list 'child' reuses the name of the object declared at x-example[0]; naming it 'children' after its label",
        )
    ],
    "referenceWithoutFlag": [
        (
            "warning",
            "reference",
            23,
            "x-example[3]: field Parent refers to variable 'child' without is_variable; treating it as a reference",
        ),
        (
            "warning",
            "undeclared",
            28,
            "x-example[3]: Python override 'kid' names no variable (the variable is child)",
        ),
    ],
}


def spec_tree(case: str, root: Path) -> Path:
    shutil.copytree(LINT / "types", root / "types")
    (root / "endpoints").mkdir()
    shutil.copy(
        LINT / "cases" / f"{case}.omg.md", root / "endpoints" / f"{case}.omg.md"
    )
    return root


def test_every_case_file_has_expectations() -> None:
    assert sorted(
        p.name.removesuffix(".omg.md") for p in (LINT / "cases").glob("*.omg.md")
    ) == sorted(CASES)


@pytest.mark.parametrize("case", sorted(CASES))
def test_lint_finding(case: str, tmp_path: Path) -> None:
    root = spec_tree(case, tmp_path)
    findings = lint(root)
    assert [(f.severity, f.code, f.line, f.message) for f in findings] == CASES[case]
    assert all(
        f.file == os.path.relpath(root / "endpoints" / f"{case}.omg.md")
        for f in findings
    )


@pytest.mark.parametrize("case", ["fieldNameMeant", "unusedObject"])
def test_generate_repairs_warnings_and_strict_refuses_them(
    case: str, tmp_path: Path
) -> None:
    root = spec_tree(case, tmp_path / "specs")
    runner = CliRunner()
    ok = runner.invoke(
        app,
        [
            "generate",
            "--specs",
            str(root),
            "--out",
            str(tmp_path / "out"),
            "--no-client",
        ],
    )
    assert ok.exit_code == 0, ok.output
    strict = runner.invoke(
        app,
        [
            "generate",
            "--specs",
            str(root),
            "--out",
            str(tmp_path / "strict"),
            "--strict",
        ],
    )
    assert strict.exit_code == 2
    assert CASES[case][0][3] in strict.stderr
    assert not (tmp_path / "strict").exists()


def test_repaired_field_is_rendered_with_the_real_name(tmp_path: Path) -> None:
    root = spec_tree("fieldNameMeant", tmp_path / "specs")
    out = tmp_path / "out"
    assert (
        CliRunner()
        .invoke(
            app,
            ["generate", "--specs", str(root), "--out", str(out), "--no-client", "-q"],
        )
        .exit_code
        == 0
    )
    java = (out / "snippets" / "fieldNameMeant" / "java.java").read_text()
    assert 'thing.setDueDate("soon");' in java and "setDate(" not in java


def test_lint_exit_codes_and_summary(tmp_path: Path) -> None:
    runner = CliRunner()
    warnings_only = runner.invoke(
        app, ["lint", "--specs", str(spec_tree("unusedObject", tmp_path / "a"))]
    )
    assert warnings_only.exit_code == 0
    assert warnings_only.stderr.strip() == "0 error(s), 1 warning(s)"
    assert (
        runner.invoke(
            app, ["lint", "--specs", str(tmp_path / "a"), "--strict"]
        ).exit_code
        == 2
    )
    errors = runner.invoke(
        app, ["lint", "--specs", str(spec_tree("unknownFlag", tmp_path / "b"))]
    )
    assert errors.exit_code == 2
    assert "1 error(s), 0 warning(s)" in errors.stderr


@needs_shared
def test_corpus_findings(snapshot: SnapshotAssertion) -> None:
    findings = lint(CORPUS)
    text = "".join(
        f"{os.path.relpath(f.file, os.path.relpath(CORPUS))}:{f.line}: {f.severity}: [{f.code}] {f.message}\n"
        for f in findings
    )
    assert all(f.severity == "warning" for f in findings)
    assert text == snapshot.use_extension(code_snapshot("txt"))
