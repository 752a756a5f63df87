"""The model builder on specs/: the seed's data slips are caught and repaired, the tree is right."""

from __future__ import annotations

import datetime as dt

from generator import lint, load_api
from generator.model import (
    DateDecl,
    DateValue,
    EnumValue,
    ListBuild,
    ListValue,
    ObjectBuild,
    RefValue,
    UuidValue,
)

from ..conftest import SPECS


def test_seed_findings() -> None:
    findings = [(f.line, f.code, f.message) for f in lint(SPECS)]
    assert findings == [
        (
            25,
            "placeholder",
            "x-example[0]: Ruby override \"'YYYY-MM-DD'\" of date 'dateValue' is a placeholder; using 2020-10-10 (from default)",
        ),
        (
            34,
            "override",
            "x-example[1]: C# override 'new DateTime(2020, 10, 10)' of date 'dueDateValue' is 2020-10-10, not 2020-10-28 (from default); using 2020-10-28",
        ),
        (
            38,
            "placeholder",
            "x-example[1]: Ruby override \"'YYYY-MM-DD'\" of date 'dueDateValue' is a placeholder; using 2020-10-28 (from default)",
        ),
        (
            137,
            "field-name",
            "x-example[15]: keyPascal 'Date' of 'dueDate' is not the field of Invoice that is meant; using DueDate",
        ),
    ]


def test_seed_operation_model() -> None:
    api, _ = load_api(SPECS)
    [op] = api.operations
    assert (op.id, op.method, op.path, op.summary) == (
        "updateOrCreateInvoices",
        "POST",
        "/Invoices",
        "Updates or creates one or more sales invoices or purchase bills",
    )
    assert [a.var.key for a in op.call] == [
        "xero_tenant_id",
        "invoices",
        "summarize_errors",
        "unitdp",
        "idempotency_key",
    ]
    assert [(p.name, p.location, p.required) for p in op.params] == [
        ("xero-tenant-id", "header", True),
        ("summarizeErrors", "query", False),
        ("unitdp", "query", False),
        ("Idempotency-Key", "header", False),
    ]
    assert [str(r.type) for r in op.responses] == ["Invoices", "Error"]
    example = op.example
    assert example is not None and example.body.key == "invoices"
    kinds = [(type(s).__name__, s.var.key) for s in example.statements]
    assert kinds == [
        ("DateDecl", "date_value"),
        ("DateDecl", "due_date_value"),
        ("ObjectBuild", "contact"),
        ("ObjectBuild", "line_item"),
        ("ListBuild", "line_items"),
        ("ObjectBuild", "invoice"),
        ("ObjectBuild", "invoices"),
    ]
    dates = {
        s.var.key: s.value.value for s in example.statements if isinstance(s, DateDecl)
    }
    assert dates == {
        "date_value": dt.date(2020, 10, 10),
        "due_date_value": dt.date(2020, 10, 28),
    }
    invoice = next(
        s
        for s in example.statements
        if isinstance(s, ObjectBuild) and s.type_name == "Invoice"
    )
    fields = {fs.field.name: fs.value for fs in invoice.fields}
    assert list(fields) == [
        "Type",
        "Contact",
        "Date",
        "DueDate",
        "LineItems",
        "Reference",
        "Status",
    ]
    assert fields["Type"] == EnumValue("Invoice", "Type", "ACCREC")
    assert fields["DueDate"] == RefValue(example.statements[1].var)
    contact = next(
        s
        for s in example.statements
        if isinstance(s, ObjectBuild) and s.type_name == "Contact"
    )
    assert contact.fields[0].value == UuidValue("00000000-0000-0000-0000-000000000000")
    lines = next(s for s in example.statements if isinstance(s, ListBuild))
    assert lines.item_type == "LineItem"
    wrapper = example.statements[-1]
    assert isinstance(wrapper, ObjectBuild) and isinstance(
        wrapper.fields[0].value, ListValue
    )
    assert isinstance(example.statements[0].value, DateValue)
