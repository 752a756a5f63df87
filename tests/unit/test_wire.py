"""The requests the model describes, per SDK, and the comparison that checks recorded ones."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from generator.model import Api, Operation

from ..conftest import needs_shared
from ..recording import Recorded
from ..support import operation
from ..wire import (
    NODE,
    PYTHON,
    check_request,
    expected_request,
    js_iso,
    ms_date_text,
    reply,
)


def test_sdk_encodings() -> None:
    assert ms_date_text(dt.date(2020, 10, 10)) == "/Date(1602288000000)/"
    stamp = dt.datetime.fromisoformat("2020-02-06T12:17:43.202-08:00")
    assert js_iso(stamp) == "2020-02-06T20:17:43.202Z"
    assert PYTHON.timestamp(stamp) == "2020-02-06T12:17:43.202000-08:00"


def test_python_request_of_the_seed(seed_op: Operation, seed_api: Api) -> None:
    expected = expected_request(seed_api, seed_op, PYTHON)
    assert (expected.method, expected.path) == ("POST", "/api.xro/2.0/Invoices")
    assert expected.query == [("summarizeErrors", "True"), ("unitdp", "4")]
    assert expected.headers == {
        "xero-tenant-id": "YOUR_XERO_TENANT_ID",
        "idempotency-key": "KEY_VALUE",
        "authorization": "Bearer YOUR_ACCESS_TOKEN",
        "accept": "application/json",
        "content-type": "application/json",
    }
    [invoice] = expected.json["Invoices"]
    assert invoice["Date"] == "/Date(1602288000000)/"
    assert invoice["DueDate"] == "/Date(1603843200000)/"
    # the types' @default fields, which xero-python's model classes fill in
    assert invoice["HasErrors"] is False
    assert invoice["Contact"] == {
        "ContactID": "00000000-0000-0000-0000-000000000000",
        "HasAttachments": False,
        "HasValidationErrors": False,
    }


def test_node_request_of_the_seed(seed_op: Operation, seed_api: Api) -> None:
    expected = expected_request(seed_api, seed_op, NODE)
    assert expected.query == [("summarizeErrors", "true"), ("unitdp", "4")]
    [invoice] = expected.json["Invoices"]
    assert (invoice["Date"], invoice["DueDate"]) == ("2020-10-10", "2020-10-28")
    assert "HasErrors" not in invoice and invoice["Contact"] == {
        "ContactID": "00000000-0000-0000-0000-000000000000"
    }
    assert invoice["LineItems"] == [
        {
            "Description": "Foobar",
            "Quantity": 1.0,
            "UnitAmount": 20.0,
            "AccountCode": "000",
        }
    ]


def recorded_as(expected_json: object, query: str, **headers: str) -> Recorded:
    return Recorded(
        "POST",
        "/api.xro/2.0/Invoices",
        query,
        tuple(headers.items()) + (("Host", "127.0.0.1"), ("User-Agent", "test")),
        json.dumps(expected_json).encode(),
    )


HEADERS = {
    "xero-tenant-id": "YOUR_XERO_TENANT_ID",
    "Idempotency-Key": "KEY_VALUE",
    "Authorization": "Bearer YOUR_ACCESS_TOKEN",
    "Accept": "application/json",
    "Content-Type": "application/json",
}


def test_check_request_accepts_the_expected_request(
    seed_op: Operation, seed_api: Api
) -> None:
    expected = expected_request(seed_api, seed_op, PYTHON)
    check_request(
        recorded_as(expected.json, "unitdp=4&summarizeErrors=True", **HEADERS),
        expected,
        PYTHON,
    )


@pytest.mark.parametrize(
    "change",
    ["boolean", "missing header", "extra header", "body", "path"],
)
def test_check_request_rejects_any_difference(
    seed_op: Operation, seed_api: Api, change: str
) -> None:
    expected = expected_request(seed_api, seed_op, PYTHON)
    body, query, headers = expected.json, "summarizeErrors=True&unitdp=4", dict(HEADERS)
    if change == "boolean":
        query = "summarizeErrors=true&unitdp=4"
    elif change == "missing header":
        del headers["Idempotency-Key"]
    elif change == "extra header":
        headers["If-Modified-Since"] = "2020-01-01"
    elif change == "body":
        body = {"Invoices": [{**body["Invoices"][0], "HasErrors": True}]}
    request = recorded_as(body, query, **headers)
    if change == "path":
        request = replace(request, path="/api.xro/2.0/Invoices/")
    with pytest.raises(AssertionError):
        check_request(request, expected, PYTHON)


@needs_shared
def test_replies_fill_required_fields_and_one_item_of_the_roots_lists(
    corpus_api: Api,
) -> None:
    allocations = json.loads(
        reply(corpus_api, operation(corpus_api, "createCreditNoteAllocation")).body
    )
    [allocation] = allocations["Allocations"]
    assert allocation["Invoice"] == {}
    assert allocation["Date"] == "/Date(1602288000000+0000)/"
    assert allocation["Amount"] == 1.5
    pdf = reply(corpus_api, operation(corpus_api, "getInvoiceAsPdf"))
    assert (pdf.status, pdf.content_type, pdf.body[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    deleted = reply(corpus_api, operation(corpus_api, "deleteItem"))
    assert (deleted.status, deleted.body) == (204, b"")


@needs_shared
def test_pdf_requests_use_the_wire_path(corpus_api: Api) -> None:
    op = operation(corpus_api, "getInvoiceAsPdf")
    assert op.path == "/Invoices/{InvoiceID}/pdf"
    expected = expected_request(corpus_api, op, NODE)
    assert expected.path == "/api.xro/2.0/Invoices/00000000-0000-0000-0000-000000000000"
    assert expected.headers["accept"] == "application/pdf"
