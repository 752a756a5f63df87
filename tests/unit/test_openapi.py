"""The OpenAPI companion: what the SDKs were generated with that OMG does not carry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.errors import Diagnostics
from generator.openapi import _EXTRACTED, _extract, load_selected, read_companion

from ..conftest import SHARED

DOCUMENT = """openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /Invoices/{InvoiceID}/pdf:
    get:
      operationId: getInvoiceAsPdf
      x-path: /Invoices/{InvoiceID}
      parameters:
        - {name: InvoiceID, in: path, required: true, schema: {type: string, format: uuid}}
      responses:
        '200':
          description: pdf
          content:
            application/pdf:
              schema: {type: string, format: binary}
components:
  schemas:
    Invoice:
      type: object
      properties:
        Date: {type: string, x-is-msdate: true}
        UpdatedDateUTC: {type: string, x-is-msdate-time: true}
        Reference: {type: string}
        Total: {type: number, x-is-msdate: true}
"""


def test_companion_reads_date_fields_and_media_types(tmp_path: Path) -> None:
    path = tmp_path / "api.yaml"
    path.write_text(DOCUMENT, encoding="utf-8")
    diag = Diagnostics()
    for cache in (
        None,
        tmp_path / "cache",
        tmp_path / "cache",
    ):  # uncached, cached, read back
        companion = read_companion(path, diag, cache)
        assert companion is not None and not diag.errors
        assert companion.dates == {
            "Invoice": {"Date": "date", "UpdatedDateUTC": "datetime"}
        }
        op = companion.operations["getInvoiceAsPdf"]
        assert op.response_media_types == {200: "application/pdf"}


def companion_documents() -> list[Path]:
    found = sorted((SHARED / "corpus").rglob("*.yaml"))
    return [path for path in found if path.read_bytes().startswith(b"openapi")]


def test_the_extract_of_a_selective_load_is_that_of_a_whole_load(
    tmp_path: Path,
) -> None:
    """Only what the extract reads is built; what it reads comes out the same."""
    (tmp_path / "api.yaml").write_text(DOCUMENT, encoding="utf-8")
    documents = [tmp_path / "api.yaml", *companion_documents()]
    assert len(documents) >= (3 if SHARED.is_dir() else 1)
    for path in documents:
        raw = path.read_bytes()
        whole = yaml.load(raw, Loader=yaml.CSafeLoader)
        selected = load_selected(raw, _EXTRACTED)
        assert _extract(selected) == _extract(whole), path
        assert load_selected(raw) == whole, path  # everything selected: the whole load
        assert set(selected) <= {"openapi", "paths", "components"}
        if len(raw) > 100_000:  # the corpus' documents: most of them is left unbuilt
            assert len(repr(selected)) < len(repr(whole)) / 4, path


SAMPLE = """\
kept: {a: 1, b: [x, {c: 2020-01-01}]}
dropped: {deep: [1, 2, {x: y}]}
listed:
  one: {value: 1, other: 2}
  two: 3
keys: {k1: {big: [1, 2, 3]}, k2: text}
200: {value: yes}
"""


def test_a_selective_load_builds_what_is_selected() -> None:
    keep: Any = {
        "kept": True,
        "listed": {"*": {"value": True}},
        "keys": {"*": False},
        "200": True,
    }
    assert load_selected(SAMPLE.encode(), keep) == {
        "kept": {"a": 1, "b": ["x", {"c": dt.date(2020, 1, 1)}]},
        "listed": {"one": {"value": 1}, "two": 3},
        "keys": {"k1": None, "k2": None},
        200: {"value": True},
    }


@pytest.mark.parametrize(
    "text",
    [
        "base: &b {value: 1}\nkept: *b\n",  # an alias
        "base: &b {value: 1}\nkept: {<<: *b, other: 2}\n",  # a merge key
        "kept: !!set {a, b}\n",  # a tagged collection
    ],
)
def test_what_only_a_whole_load_handles_is_loaded_whole(text: str) -> None:
    assert load_selected(text.encode(), {"kept": True}) == yaml.safe_load(text)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "kept: 1\ndropped: [1, 2\nmore: 3\n",
            3,
        ),  # a syntax error in what is not built
        ("kept: 1\n---\nkept: 2\n", 2),  # a second document
        ("? [complex, key]\n: 1\nkept: 2\n", 1),  # a collection as a key
        ("kept: !!thing 1\n", 1),  # a tag no constructor knows
    ],
)
def test_a_selective_load_refuses_what_a_whole_load_refuses(
    text: str, line: int
) -> None:
    with pytest.raises(yaml.MarkedYAMLError) as whole:
        yaml.load(text.encode(), Loader=yaml.CSafeLoader)
    with pytest.raises(yaml.MarkedYAMLError) as selective:
        load_selected(text.encode(), {"kept": True})
    assert str(selective.value) == str(whole.value)
    assert selective.value.problem_mark is not None
    assert selective.value.problem_mark.line + 1 == line


def test_a_value_that_does_not_fit_its_tag_is_refused_at_its_line() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        load_selected(b"kept:\n  when: !!timestamp soon\n", {"kept": True})
    assert raised.value.problem == "'soon' is not a valid !!timestamp"
    assert raised.value.problem_mark is not None
    assert raised.value.problem_mark.line == 1
    # where it is not built, it is not refused
    assert load_selected(b"other: !!int abc\nkept: 1\n", {"kept": True}) == {"kept": 1}
