"""The generated Python client stub: types check strictly, requests are right, responses parse."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest
from pytest_httpserver import HTTPServer

from generator.model import Api, Operation
from generator.render import ClientView

from .conftest import SEEDS
from .support import (
    client_objects,
    expected_json,
    imported,
    mypy_strict,
    python_value,
    write_files,
)

SEED_RESPONSE = SEEDS / "001_d44ebd515852e6b1.txt"


@pytest.fixture(scope="module")
def client_root(
    seed_files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return write_files(seed_files, tmp_path_factory.mktemp("client"), prefix="client/")


@pytest.fixture
def package(client_root: Path) -> Iterator[ModuleType]:
    with imported(client_root, "xero_accounting") as module:
        yield module


def test_client_passes_mypy_strict(client_root: Path) -> None:
    result = mypy_strict(client_root, "xero_accounting")
    assert result.returncode == 0, result.stdout + result.stderr


def test_request_carries_the_example(
    package: ModuleType, seed_api: Api, seed_op: Operation, httpserver: HTTPServer
) -> None:
    assert seed_op.example is not None
    view = ClientView(seed_api, seed_api.operations)
    invoices = client_objects(seed_op.example, package.models, view)
    httpserver.expect_request("/Invoices", method="POST").respond_with_json(
        {"Invoices": []}
    )

    names = view.args(seed_op)
    positional = [
        invoices if arg.body else python_value(arg.param.example)
        for arg in seed_op.call
        if arg.required
    ]
    keywords = {
        names[arg.param.name]: python_value(arg.param.example)
        for arg in seed_op.call
        if not arg.required
    }
    with package.XeroAccountingClient(
        "ACCESS", base_url=httpserver.url_for("/")
    ) as client:
        result = client.update_or_create_invoices(*positional, **keywords)

    assert result == package.models.Invoices(invoices=[])
    [(request, _response)] = httpserver.log
    assert request.method == "POST"
    assert request.path == "/Invoices"
    assert request.args.to_dict() == {"summarizeErrors": "true", "unitdp": "4"}
    assert request.headers["Authorization"] == "Bearer ACCESS"
    assert request.headers["xero-tenant-id"] == "YOUR_XERO_TENANT_ID"
    assert request.headers["Idempotency-Key"] == "KEY_VALUE"
    assert request.headers["Content-Type"] == "application/json"
    body = json.loads(request.get_data())
    assert body == expected_json(seed_op.example)
    assert body == {
        "Invoices": [
            {
                "Type": "ACCREC",
                "Contact": {"ContactID": "00000000-0000-0000-0000-000000000000"},
                "Date": "2020-10-10",
                "DueDate": "2020-10-28",
                "LineItems": [
                    {
                        "Description": "Foobar",
                        "Quantity": 1.0,
                        "UnitAmount": 20.0,
                        "AccountCode": "000",
                    }
                ],
                "Reference": "Website Design",
                "Status": "DRAFT",
            }
        ]
    }


def test_optional_parameters_left_out_are_not_sent(
    package: ModuleType, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/Invoices", method="POST").respond_with_json({})
    with package.XeroAccountingClient("T", base_url=httpserver.url_for("/")) as client:
        client.update_or_create_invoices("tenant", package.models.Invoices())
    [(request, _response)] = httpserver.log
    assert request.args.to_dict() == {}
    assert "Idempotency-Key" not in request.headers
    assert json.loads(request.get_data()) == {}


@pytest.mark.skipif(
    not SEED_RESPONSE.is_file(),
    reason=f"seed response example not found at {SEED_RESPONSE}",
)
def test_seed_response_parses_into_models(
    package: ModuleType, httpserver: HTTPServer
) -> None:
    record = json.loads(SEED_RESPONSE.read_text(encoding="utf-8"))
    [example] = [
        r["example"] for r in record["responseExamples"] if r["status"] == "200"
    ]
    httpserver.expect_request("/Invoices", method="POST").respond_with_json(example)

    with package.XeroAccountingClient("T", base_url=httpserver.url_for("/")) as client:
        result = client.update_or_create_invoices("tenant", package.models.Invoices())

    [invoice] = result.invoices
    assert invoice.type == "ACCREC"
    assert invoice.invoice_id == "ed255415-e141-4150-aab7-89c3bbbb851c"
    assert invoice.date == dt.date(2019, 3, 11)
    assert invoice.due_date == dt.date(2018, 12, 10)
    assert invoice.updated_date_utc == dt.datetime(
        2019, 3, 11, 17, 58, 46, 117000, tzinfo=dt.timezone.utc
    )
    assert invoice.status == "AUTHORISED"
    assert invoice.line_amount_types == package.models.LineAmountTypes.EXCLUSIVE
    assert invoice.currency_code == package.models.CurrencyCode.NZD
    assert (
        invoice.sub_total,
        invoice.total_tax,
        invoice.total,
        invoice.amount_due,
    ) == (
        Decimal("40.0"),
        Decimal("0.0"),
        Decimal("40.0"),
        Decimal("40.0"),
    )
    assert invoice.contact.name == "Liam Gallagher"
    assert invoice.contact.contact_id == "430fa14a-f945-44d3-9f97-5df5e28441b8"
    assert [a.city for a in invoice.contact.addresses] == ["", "Anytown"]
    assert [p.phone_type for p in invoice.contact.phones] == [
        "DEFAULT",
        "DDI",
        "FAX",
        "MOBILE",
    ]
    assert invoice.contact.contact_groups[0].name == "Oasis"
    [line] = invoice.line_items
    assert (
        line.description,
        line.quantity,
        line.unit_amount,
        line.line_amount,
        line.account_code,
    ) == (
        "Acme Tires",
        Decimal("2.0"),
        Decimal("20.0"),
        Decimal("40.0"),
        "200",
    )
    assert line.tracking == []


def test_validation_errors_raise_the_typed_error(
    package: ModuleType, httpserver: HTTPServer
) -> None:
    error = {
        "ErrorNumber": 10,
        "Type": "ValidationException",
        "Message": "A validation exception occurred",
        "Elements": [
            {
                "ValidationErrors": [
                    {"Message": "Email address must be valid."},
                    {"Message": "Account code '000' is not a valid code."},
                ]
            }
        ],
    }
    httpserver.expect_request("/Invoices", method="POST").respond_with_json(
        error, status=400
    )

    with package.XeroAccountingClient("T", base_url=httpserver.url_for("/")) as client:
        with pytest.raises(package.BadRequestError) as raised:
            client.update_or_create_invoices("tenant", package.models.Invoices())

    assert raised.value.status_code == 400
    assert raised.value.validation_errors == [
        "Email address must be valid.",
        "Account code '000' is not a valid code.",
    ]
    assert raised.value.error.error_number == 10
    assert raised.value.error.message == "A validation exception occurred"
    assert (
        raised.value.error.elements[0].validation_errors[1].message
        == "Account code '000' is not a valid code."
    )


def test_other_errors_raise_api_error(
    package: ModuleType, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/Invoices", method="POST").respond_with_data(
        "down", status=503
    )
    with package.XeroAccountingClient("T", base_url=httpserver.url_for("/")) as client:
        with pytest.raises(package.ApiError) as raised:
            client.update_or_create_invoices("tenant", package.models.Invoices())
    assert raised.value.status_code == 503
    assert not isinstance(raised.value, package.BadRequestError)


def test_models_round_trip_and_omit_absent_fields(package: ModuleType) -> None:
    models = package.models
    invoice = models.Invoice(
        type="ACCPAY",
        date=dt.date(2021, 2, 28),
        line_amount_types=models.LineAmountTypes.NOTAX,
        currency_rate=Decimal("1.5"),
        line_items=[models.LineItem(quantity=Decimal("3"), tracking=[])],
    )
    data = invoice.to_json()
    assert data == {
        "Type": "ACCPAY",
        "LineItems": [{"Quantity": 3, "Tracking": []}],
        "Date": "2021-02-28",
        "LineAmountTypes": "NoTax",
        "CurrencyRate": 1.5,
    }
    assert (
        models.Invoice.from_json(json.loads(json.dumps(data), parse_float=Decimal))
        == invoice
    )
