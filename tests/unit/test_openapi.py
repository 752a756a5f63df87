"""The OpenAPI companion: what the SDKs were generated with that OMG does not carry."""

from __future__ import annotations

from pathlib import Path

from generator.errors import Diagnostics
from generator.openapi import read_companion

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
