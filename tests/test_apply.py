"""`generate --apply-to openapi.yaml --out FILE`: the document with x-codeSamples merged in, the rest intact."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import app
from generator.languages import LANGUAGES
from generator.load import display_path
from generator.yamlio import load_round_trip, to_json_data

from .conftest import FIXTURES, OUTPUT, SPECS

runner = CliRunner()
SEED_DOC = FIXTURES / "openapi" / "seed.yaml"
OP = "updateOrCreateInvoices"


def apply(*args: str | Path) -> Any:
    return runner.invoke(
        app, ["generate", "--specs", str(SPECS), *[str(a) for a in args]]
    )


def snippets() -> list[dict[str, str]]:
    return [
        {
            "lang": lang.linguist,
            "label": lang.label,
            "source": (OUTPUT / "snippets" / OP / lang.filename).read_text(),
        }
        for lang in LANGUAGES
    ]


def files_in(path: Path) -> list[str]:
    return sorted(p.name for p in path.iterdir())


def test_merges_samples_into_the_operations_the_specs_define(tmp_path: Path) -> None:
    out = tmp_path / "merged.yaml"
    result = apply("--apply-to", SEED_DOC, "--out", out)
    assert result.exit_code == 0, result.output
    assert (
        f"{SEED_DOC}: x-codeSamples for 1 operation(s); "
        "1 operation(s) the specs do not define left as they were"
    ) in result.stderr
    assert f"wrote {out}" in result.stderr

    before = yaml.safe_load(SEED_DOC.read_text())
    after = yaml.safe_load(out.read_text())
    post = after["paths"]["/Invoices"]["post"]
    # the cURL sample that was there stays first; ours follow in the canonical order
    assert post["x-codeSamples"] == [
        before["paths"]["/Invoices"]["post"]["x-codeSamples"][0],
        *snippets(),
    ]
    # everything else is as it was, key order included
    post.pop("x-codeSamples")
    before["paths"]["/Invoices"]["post"].pop("x-codeSamples")
    assert after == before
    assert list(after["paths"]["/Invoices"]["post"]) == list(
        before["paths"]["/Invoices"]["post"]
    )
    assert list(after) == list(before)


def test_the_rest_of_the_document_keeps_its_text(tmp_path: Path) -> None:
    """Plain scalars that YAML 1.1 and 1.2 read differently come back as written."""
    out = tmp_path / "merged.yaml"
    assert apply("--apply-to", SEED_DOC, "--out", out).exit_code == 0
    text = out.read_text()
    assert "      x-flags: [yes, on, 090, 2020-10-10, ~, \"0123\", 'single']\n" in (
        SEED_DOC.read_text()
    )
    assert (
        "      x-flags:\n        - yes\n        - on\n        - 090\n        - 2020-10-10\n"
        "        - ~\n        - \"0123\"\n        - 'single'\n"
    ) in text
    assert (
        '        "200":\n' in text and '$ref: "#/components/schemas/Invoices"' in text
    )
    source = SEED_DOC.read_text().splitlines()
    merged = text.splitlines()
    # before the flow sequence (written back as a block) and after the x-codeSamples,
    # the lines are those of the source
    flags = source.index(
        "      x-flags: [yes, on, 090, 2020-10-10, ~, \"0123\", 'single']"
    )
    assert merged[:flags] == source[:flags]
    after_source = source.index("      parameters:", flags)
    after_merged = merged.index("      parameters:", flags)
    assert after_merged > after_source + 100  # the six samples went in between
    assert merged[after_merged:] == source[after_source:]


def test_merging_twice_gives_the_same_document(tmp_path: Path) -> None:
    once, twice = tmp_path / "once.yaml", tmp_path / "twice.yaml"
    assert apply("--apply-to", SEED_DOC, "--out", once).exit_code == 0
    assert apply("--apply-to", once, "--out", twice, "-q").exit_code == 0
    assert once.read_bytes() == twice.read_bytes()


def test_json_out_and_json_in(tmp_path: Path) -> None:
    as_yaml, as_json = tmp_path / "merged.yaml", tmp_path / "merged.json"
    assert apply("--apply-to", SEED_DOC, "--out", as_yaml).exit_code == 0
    assert apply("--apply-to", SEED_DOC, "--out", as_json).exit_code == 0
    data = json.loads(as_json.read_text())
    assert data == to_json_data(load_round_trip(as_yaml.read_text()))
    assert data["paths"]["/Invoices"]["post"]["x-flags"] == [
        "yes",
        "on",
        90,
        "2020-10-10",
        None,
        "0123",
        "single",
    ]
    assert list(data["paths"]["/Invoices"]["post"]["responses"]) == ["200", "400"]
    # a JSON document in, YAML out: the same data
    again = tmp_path / "again.yaml"
    assert apply("--apply-to", as_json, "--out", again, "-q").exit_code == 0
    assert to_json_data(load_round_trip(again.read_text())) == data


def test_lang_and_only_select_the_samples(tmp_path: Path) -> None:
    out = tmp_path / "merged.yaml"
    result = apply(
        "--apply-to", SEED_DOC, "--out", out, "--lang", "python,ruby", "--only", OP
    )
    assert result.exit_code == 0, result.output
    samples = yaml.safe_load(out.read_text())["paths"]["/Invoices"]["post"][
        "x-codeSamples"
    ]
    assert [s["label"] for s in samples] == ["cURL", "Python", "Ruby"]


def test_check_tells_whether_the_file_is_stale(tmp_path: Path) -> None:
    out = tmp_path / "merged.yaml"
    assert apply("--apply-to", SEED_DOC, "--out", out, "--check").exit_code == 1
    assert not out.exists()
    assert apply("--apply-to", SEED_DOC, "--out", out, "-q").exit_code == 0
    result = apply("--apply-to", SEED_DOC, "--out", out, "--check")
    assert result.exit_code == 0
    assert "is up to date" in result.stderr
    out.write_text(out.read_text().replace("Ruby", "Rubyy", 1))
    result = apply("--apply-to", SEED_DOC, "--out", out, "--check")
    assert result.exit_code == 1
    assert "is stale" in result.stderr


def test_specs_operations_missing_from_the_document_are_reported(
    tmp_path: Path,
) -> None:
    document = tmp_path / "other.yaml"
    document.write_text(
        SEED_DOC.read_text().replace(
            "operationId: updateOrCreateInvoices", "operationId: somethingElse"
        )
    )
    result = apply("--apply-to", document, "--out", tmp_path / "merged.yaml")
    assert result.exit_code == 0, result.output
    assert "x-codeSamples for 0 operation(s); 2 operation(s)" in result.stderr
    assert (
        "1 operation(s) of the specs not in the document: updateOrCreateInvoices"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "not found; expected an OpenAPI 3 document (YAML or JSON)"),
        ("openapi: 3.0.0\npaths: {a: [\n", "invalid YAML: "),
        (
            "title: not openapi\n",
            "1: not an OpenAPI document (no top-level 'openapi' key)",
        ),
        (
            'swagger: "2.0"\nopenapi: 2.0\npaths: {}\n',
            "'openapi: 2.0' is not supported",
        ),
        ("openapi: 3.0.0\ninfo: {}\n", "has no 'paths' mapping"),
        ("- a list\n", "not an OpenAPI document"),
        (b"openapi: \xff\n", "not UTF-8 text"),
    ],
    ids=["missing", "bad-yaml", "not-openapi", "swagger", "no-paths", "list", "binary"],
)
def test_an_unusable_document_exits_2_and_writes_nothing(
    tmp_path: Path, content: str | bytes | None, message: str
) -> None:
    document = tmp_path / "openapi.yaml"
    if isinstance(content, str):
        document.write_text(content)
    elif isinstance(content, bytes):
        document.write_bytes(content)
    out = tmp_path / "merged.yaml"
    result = apply("--apply-to", document, "--out", out)
    assert result.exit_code == 2
    assert f"{display_path(document)}" in result.stderr
    assert message in result.stderr
    assert f"{out} was not written" in result.stderr
    assert not out.exists()


def test_bad_json_names_the_line(tmp_path: Path) -> None:
    document = tmp_path / "openapi.json"
    document.write_text('{\n  "openapi": "3.0.0",\n  "paths": {,\n}\n')
    result = apply("--apply-to", document, "--out", tmp_path / "merged.json")
    assert result.exit_code == 2
    assert f"{display_path(document)}:3: invalid JSON: " in result.stderr


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (None, "--apply-to needs --out FILE"),
        ("merged.txt", "expected .yaml, .yml or .json"),
        (".", "is a directory"),
    ],
    ids=["no-out", "suffix", "directory"],
)
def test_out_must_name_a_yaml_or_json_file(
    tmp_path: Path, out: str | None, message: str
) -> None:
    args: list[str | Path] = ["--apply-to", SEED_DOC]
    if out is not None:
        args += ["--out", tmp_path / out]
    result = apply(*args)
    assert result.exit_code == 2
    assert message in " ".join(
        result.output.replace("│", " ").split()
    )  # unwrap the box
    assert files_in(tmp_path) == []


def test_a_failed_write_leaves_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "merged.yaml"
    out.write_text("previous\n")
    os.chmod(out, 0o640)

    def disk_full(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    result = apply("--apply-to", SEED_DOC, "--out", out)
    monkeypatch.undo()
    assert result.exit_code == 3
    assert "No space left on device" in result.stderr
    assert out.read_text() == "previous\n"
    assert files_in(tmp_path) == ["merged.yaml"]
    # a successful write keeps the file's mode
    assert apply("--apply-to", SEED_DOC, "--out", out, "-q").exit_code == 0
    assert out.stat().st_mode & 0o777 == 0o640


def test_out_may_be_the_document_itself(tmp_path: Path) -> None:
    document = tmp_path / "openapi.yaml"
    shutil.copy(SEED_DOC, document)
    assert apply("--apply-to", document, "--out", document, "-q").exit_code == 0
    samples = yaml.safe_load(document.read_text())["paths"]["/Invoices"]["post"][
        "x-codeSamples"
    ]
    assert len(samples) == 1 + len(LANGUAGES)
    assert files_in(tmp_path) == ["openapi.yaml"]
