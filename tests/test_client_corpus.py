"""The client stub for the whole API: strict types, and one request of each kind against a local server."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from pytest_httpserver import HTTPServer

from generator import naming
from generator.model import Api
from generator.render import ClientView

from .conftest import needs_shared
from .support import (
    client_objects,
    expected_json,
    imported,
    mypy_strict,
    operation,
    write_files,
)

pytestmark = needs_shared

TENANT = "YOUR_XERO_TENANT_ID"
ID = "00000000-0000-0000-0000-000000000001"


@pytest.fixture(scope="module")
def client_root(
    corpus_files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return write_files(
        corpus_files, tmp_path_factory.mktemp("corpus-client"), prefix="client/"
    )


@pytest.fixture
def xero(
    client_root: Path, httpserver: HTTPServer
) -> Iterator[tuple[ModuleType, object]]:
    with imported(client_root, "xero_accounting") as package:
        with package.XeroAccountingClient(
            "TOKEN", base_url=httpserver.url_for("/api.xro/2.0")
        ) as client:
            yield package, client


def only_request(httpserver: HTTPServer) -> object:
    [(request, _response)] = httpserver.log
    return request


def test_whole_api_client_passes_mypy_strict(
    client_root: Path, corpus_api: Api
) -> None:
    client = (client_root / "xero_accounting" / "client.py").read_text()
    assert all(
        f"\n    def {naming.method('python', op.id)}(" in client
        for op in corpus_api.operations
    )
    result = mypy_strict(client_root, "xero_accounting")
    assert result.returncode == 0, result.stdout + result.stderr


def test_get_with_path_and_query_parameters(
    xero: tuple[ModuleType, object], httpserver: HTTPServer
) -> None:
    package, client = xero
    httpserver.expect_request(
        f"/api.xro/2.0/Invoices/{ID}", method="GET"
    ).respond_with_json(
        {
            "Invoices": [
                {"InvoiceID": ID, "Total": 12.5, "Date": "/Date(1552262400000+0000)/"}
            ]
        }
    )
    result = client.get_invoice(TENANT, ID, unitdp=4)  # type: ignore[attr-defined]
    request = only_request(httpserver)
    assert request.args.to_dict() == {"unitdp": "4"}  # type: ignore[attr-defined]
    assert request.headers["xero-tenant-id"] == TENANT  # type: ignore[attr-defined]
    assert request.headers["Authorization"] == "Bearer TOKEN"  # type: ignore[attr-defined]
    [invoice] = result.invoices
    assert (invoice.invoice_id, invoice.total, invoice.date) == (
        ID,
        Decimal("12.5"),
        "/Date(1552262400000+0000)/",
    )


def test_list_datetime_and_quoted_parameters(
    xero: tuple[ModuleType, object], httpserver: HTTPServer
) -> None:
    _package, client = xero
    httpserver.expect_request("/api.xro/2.0/Invoices", method="GET").respond_with_json(
        {"Invoices": []}
    )
    since = dt.datetime(
        2020, 2, 6, 12, 17, 43, 202000, tzinfo=dt.timezone(dt.timedelta(hours=-8))
    )
    client.get_invoices(  # type: ignore[attr-defined]
        TENANT,
        if_modified_since=since,
        where='Status=="DRAFT"',
        i_ds=[ID, ID],
        statuses=["DRAFT", "SUBMITTED"],
        page=2,
        include_archived=True,
    )
    request = only_request(httpserver)
    assert request.args.to_dict() == {  # type: ignore[attr-defined]
        "where": 'Status=="DRAFT"',
        "IDs": f"{ID},{ID}",
        "Statuses": "DRAFT,SUBMITTED",
        "page": "2",
        "includeArchived": "true",
    }
    assert request.headers["If-Modified-Since"] == "2020-02-06T12:17:43.202000-08:00"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "op_id",
    [
        "createInvoices",
        "createManualJournals",
        "createTaxRates",
        "createItems",
        "createReceipt",
    ],
)
def test_put_and_post_send_the_example_body(
    op_id: str, xero: tuple[ModuleType, object], httpserver: HTTPServer, corpus_api: Api
) -> None:
    package, client = xero
    op = operation(corpus_api, op_id)
    assert op.example is not None
    view = ClientView(corpus_api, corpus_api.operations)
    body = client_objects(op.example, package.models, view)
    httpserver.expect_request(
        f"/api.xro/2.0{op.request_path}", method=op.method
    ).respond_with_json({})
    getattr(client, naming.method("python", op.id))(TENANT, body)
    request = only_request(httpserver)
    assert request.method == op.method  # type: ignore[attr-defined]
    assert json.loads(request.get_data()) == expected_json(op.example)  # type: ignore[attr-defined]


def test_delete_with_204_returns_none(
    xero: tuple[ModuleType, object], httpserver: HTTPServer
) -> None:
    _package, client = xero
    httpserver.expect_request(
        f"/api.xro/2.0/Items/{ID}", method="DELETE"
    ).respond_with_data("", status=204)
    assert client.delete_item(TENANT, ID) is None  # type: ignore[attr-defined]
    assert only_request(httpserver).method == "DELETE"  # type: ignore[attr-defined]


def test_binary_upload_sends_the_bytes(
    xero: tuple[ModuleType, object], httpserver: HTTPServer
) -> None:
    _package, client = xero
    data = bytes(range(256))
    httpserver.expect_request(
        f"/api.xro/2.0/Invoices/{ID}/Attachments/a b.png", method="PUT"
    ).respond_with_json(
        {
            "Attachments": [
                {"AttachmentID": ID, "FileName": "a b.png", "ContentLength": 256}
            ]
        }
    )
    result = client.create_invoice_attachment_by_file_name(TENANT, ID, "a b.png", data, include_online=True)  # type: ignore[attr-defined]
    request = only_request(httpserver)
    assert request.get_data() == data  # type: ignore[attr-defined]
    assert request.headers["Content-Type"] == "application/octet-stream"  # type: ignore[attr-defined]
    assert request.args.to_dict() == {"IncludeOnline": "true"}  # type: ignore[attr-defined]
    assert result.attachments[0].content_length == 256


def test_pdf_download_returns_bytes_from_the_wire_path(
    xero: tuple[ModuleType, object], httpserver: HTTPServer
) -> None:
    _package, client = xero
    pdf = b"%PDF-1.4\n\x00\xff binary"
    httpserver.expect_request(
        f"/api.xro/2.0/Invoices/{ID}", method="GET"
    ).respond_with_data(pdf, content_type="application/pdf")
    assert client.get_invoice_as_pdf(TENANT, ID) == pdf  # type: ignore[attr-defined]
    assert only_request(httpserver).headers["Accept"] == "application/pdf"  # type: ignore[attr-defined]


def test_400_raises_with_the_validation_errors(
    xero: tuple[ModuleType, object], httpserver: HTTPServer
) -> None:
    package, client = xero
    httpserver.expect_request("/api.xro/2.0/Contacts", method="PUT").respond_with_json(
        {
            "ErrorNumber": 10,
            "Type": "ValidationException",
            "Message": "A validation exception occurred",
            "Elements": [
                {
                    "ContactID": ID,
                    "ValidationErrors": [
                        {"Message": "The contact name must be unique."}
                    ],
                }
            ],
        },
        status=400,
    )
    with pytest.raises(package.BadRequestError) as raised:
        client.create_contacts(TENANT, package.models.Contacts(contacts=[package.models.Contact(name="Bruce")]))  # type: ignore[attr-defined]
    assert raised.value.validation_errors == ["The contact name must be unique."]
    assert raised.value.error.type == "ValidationException"
    assert json.loads(only_request(httpserver).get_data()) == {"Contacts": [{"Name": "Bruce"}]}  # type: ignore[attr-defined]
