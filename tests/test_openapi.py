"""OpenAPI input: the same model and snippets as the OMG front end, for the operations both share."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator import load_api, load_openapi_api, render_files
from generator.cli import app
from generator.model import Api, Operation, TypeDef
from generator.write import BlackFormatter

from .conftest import CORPUS, SHARED, needs_shared

pytestmark = needs_shared
SOURCE = (
    CORPUS / "xero_accounting.yaml"
)  # the OpenAPI document the OMG corpus was converted from
OPENAPI = (
    SHARED / "corpus" / "openapi" / "xero_accounting.yaml"
)  # a newer edition of the same API


@pytest.fixture(scope="module")
def fronts() -> tuple[Api, Api]:
    omg, _ = load_api(CORPUS)
    openapi, _ = load_openapi_api(SOURCE)
    return omg, openapi


def openapi_ids() -> set[str]:
    document = yaml.load(OPENAPI.read_bytes(), Loader=yaml.CSafeLoader)
    return {
        op["operationId"]
        for item in document["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }


def shape(op: Operation) -> dict[str, Any]:
    """An operation without where it was written: what a front end must agree on."""
    return {
        "method": op.method,
        "path": op.path,
        "wire_path": op.wire_path,
        "summary": op.summary,
        "deprecated": op.deprecated,
        "scopes": op.scopes,
        "call": [(a.param.name, a.param.location, str(a.param.type), a.param.required, a.param.example) if a.param else ("body", str(a.body.type)) for a in op.call],  # type: ignore[union-attr]
        "responses": [(r.status, str(r.type), r.media_type) for r in op.responses],
        "example": _strip(op.example),
        "download": op.download_name,
    }


def _strip(value: Any) -> Any:
    """A model object with source locations and descriptions blanked out, for comparison."""
    import msgspec

    if isinstance(value, msgspec.Struct):
        changes = {
            f.name: _strip(getattr(value, f.name))
            for f in msgspec.structs.fields(value)
            if f.name not in ("loc", "description")
        }
        return tuple(sorted(changes.items()))
    if isinstance(value, tuple):
        return tuple(_strip(v) for v in value)
    return value


def type_shape(typedef: TypeDef) -> Any:
    return (
        typedef.is_enum,
        typedef.members,
        [
            (f.name, str(f.type), f.required, f.default, f.max_length)
            for f in typedef.fields
        ],
    )


def test_same_operations(fronts: tuple[Api, Api]) -> None:
    omg, openapi = fronts
    assert [op.id for op in openapi.operations] == [op.id for op in omg.operations]
    assert len(omg.operations) == 237


def test_same_model_for_every_operation(fronts: tuple[Api, Api]) -> None:
    omg, openapi = fronts
    for ours, theirs in zip(omg.operations, openapi.operations, strict=True):
        assert shape(theirs) == shape(ours), ours.id


def test_same_types(fronts: tuple[Api, Api]) -> None:
    omg, openapi = fronts
    assert [t.name for t in openapi.types] == [t.name for t in omg.types]
    assert [type_shape(t) for t in openapi.types] == [type_shape(t) for t in omg.types]


def test_same_snippets_and_client(fronts: tuple[Api, Api], tmp_path: Path) -> None:
    omg, openapi = fronts
    formatter = BlackFormatter(tmp_path)
    a = render_files(omg, formatter=formatter)
    b = render_files(openapi, formatter=formatter)
    assert (
        len(a) == 237 * 6 + 4 + 237 + 1 + 1
    )  # snippets, client, pages, overlay, manifest
    assert [path for path in a if a[path] != b[path]] == []


def test_the_newer_document_differs_only_where_it_says_more(tmp_path: Path) -> None:
    """The corpus' OpenAPI edition adds parameters (the SDK drift of x-example.md section 6.3) and two operations."""
    omg, _ = load_api(CORPUS)
    newer_ids = openapi_ids()
    shared = sorted({op.id for op in omg.operations} & newer_ids)
    assert sorted(newer_ids - set(shared)) == [
        "deleteBankTransfer",
        "deleteBankTransfers",
    ]
    newer, _ = load_openapi_api(OPENAPI, only=shared)
    extra = {
        op.id: sorted(
            {p.name for p in op.params}
            - {p.name for p in next(o for o in omg.operations if o.id == op.id).params}
        )
        for op in newer.operations
    }
    assert {op_id: names for op_id, names in extra.items() if names} == {
        "getBankTransfers": ["includeDeleted"],
        "getOverpayments": ["References"],
        "getPrepayments": ["InvoiceNumbers"],
    }


def test_cli_generates_from_openapi_and_reports_its_bad_example(tmp_path: Path) -> None:
    runner = CliRunner()
    focused = runner.invoke(
        app,
        [
            "generate",
            "--openapi",
            str(OPENAPI),
            "--out",
            str(tmp_path / "out"),
            "--only",
            "getInvoice",
            "--only",
            "createInvoices",
            "-q",
        ],
    )
    assert focused.exit_code == 0, focused.output
    assert sorted(
        p.parent.name for p in (tmp_path / "out" / "snippets").glob("*/python.py")
    ) == ["createInvoices", "getInvoice"]
    whole = runner.invoke(
        app,
        [
            "generate",
            "--openapi",
            str(OPENAPI),
            "--out",
            str(tmp_path / "whole"),
            "--no-client",
        ],
    )
    assert whole.exit_code == 2
    assert (
        "xero_accounting.yaml:2817: x-example[4]: BankTransfers.BankTransfers holds BankTransfer; 'bankTransferDelete' is BankTransferDelete"
        in whole.stderr
    )
    assert not (tmp_path / "whole").exists()
