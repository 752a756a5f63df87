"""The generated Python snippet runs, unmodified but for the API host, against the official xero-python SDK."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from generator.model import Operation

from .support import expected_json, ms_date

# Loaded by Python at start-up from PYTHONPATH: points the SDK at the test server, the snippet stays as written.
HOST_SHIM = """
import os
from xero_python.accounting import AccountingApi
AccountingApi.base_url = os.environ["XERO_TEST_BASE_URL"]
"""


def run_snippet(
    source: str, base_url: str, workdir: Path
) -> subprocess.CompletedProcess[str]:
    (workdir / "sitecustomize.py").write_text(HOST_SHIM, encoding="utf-8")
    script = workdir / "snippet.py"
    script.write_text(source, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(workdir), "XERO_TEST_BASE_URL": base_url}
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_python_snippet_sends_the_example_through_xero_python(
    seed_files: dict[str, bytes],
    seed_op: Operation,
    httpserver: HTTPServer,
    tmp_path: Path,
) -> None:
    httpserver.expect_request("/api.xro/2.0/Invoices", method="POST").respond_with_json(
        {
            "Invoices": [
                {"InvoiceID": "ed255415-e141-4150-aab7-89c3bbbb851c", "Type": "ACCREC"}
            ]
        }
    )
    source = seed_files["snippets/updateOrCreateInvoices/python.py"].decode()

    result = run_snippet(source, httpserver.url_for("/api.xro/2.0"), tmp_path)

    assert result.returncode == 0, result.stderr
    assert "ed255415-e141-4150-aab7-89c3bbbb851c" in result.stdout
    [(request, _response)] = httpserver.log
    assert request.method == "POST"
    assert request.path == "/api.xro/2.0/Invoices"
    assert request.args.to_dict() == {"summarizeErrors": "True", "unitdp": "4"}
    assert request.headers["xero-tenant-id"] == "YOUR_XERO_TENANT_ID"
    assert request.headers["Idempotency-Key"] == "KEY_VALUE"
    assert request.headers["Authorization"] == "Bearer YOUR_ACCESS_TOKEN"
    body = json.loads(request.get_data())
    [invoice] = body["Invoices"]
    assert invoice["Type"] == "ACCREC"
    assert invoice["Contact"]["ContactID"] == "00000000-0000-0000-0000-000000000000"
    assert ms_date(invoice["Date"]) == ms_date("/Date(1602288000000)/")  # 2020-10-10
    assert str(ms_date(invoice["DueDate"])) == "2020-10-28"
    assert invoice["LineItems"] == [
        {
            "Description": "Foobar",
            "Quantity": 1.0,
            "UnitAmount": 20.0,
            "AccountCode": "000",
        }
    ]
    assert invoice["Reference"] == "Website Design"
    assert invoice["Status"] == "DRAFT"
    # Everything the example describes arrives (the SDK adds its own defaults, such as HasErrors: false).
    assert seed_op.example is not None
    expected = expected_json(seed_op.example, date=lambda d: d)
    [wanted] = expected["Invoices"]
    for key, value in wanted.items():
        sent = invoice[key]
        if key in ("Date", "DueDate"):
            sent = ms_date(sent)
        elif isinstance(value, dict):
            sent = {k: sent[k] for k in value}
        assert sent == value, key


def test_python_snippet_reports_validation_errors(
    seed_files: dict[str, bytes], httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/api.xro/2.0/Invoices", method="POST").respond_with_json(
        {
            "ErrorNumber": 10,
            "Type": "ValidationException",
            "Message": "A validation exception occurred",
        },
        status=400,
    )
    source = seed_files["snippets/updateOrCreateInvoices/python.py"].decode()
    result = run_snippet(source, httpserver.url_for("/api.xro/2.0"), tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Validation errors: (400)")
    assert "ValidationException" in result.stdout


@pytest.mark.parametrize("marker", ["xero_python", "AccountingApi"])
def test_snippet_never_hard_codes_a_host(
    seed_files: dict[str, bytes], marker: str
) -> None:
    source = seed_files["snippets/updateOrCreateInvoices/python.py"].decode()
    assert marker in source
    assert "http://" not in source and "https://" not in source
