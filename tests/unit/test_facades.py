"""The Java and C# SDK facades: shapes of xero-java and Xero.NetStandard.OAuth2, generated from the model."""

from __future__ import annotations

import re

import pytest
from msgspec.structs import replace

from generator.facades import date_fields, render_facades
from generator.model import Api, TypeRef

from ..conftest import needs_shared

MODELS = "com/xero/models/accounting"


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_without_a_companion_string_fields_given_a_date_by_an_example_are_dates(
    seed_api: Api,
) -> None:
    invoice = seed_api.type("Invoice")
    date = next(f for f in invoice.fields if f.name == "Date")
    string_date = replace(date, type=TypeRef("string"))
    fields = tuple(string_date if f.name == "Date" else f for f in invoice.fields)
    types = tuple(
        replace(t, fields=fields) if t.name == "Invoice" else t for t in seed_api.types
    )
    api = replace(seed_api, types=types)
    found = date_fields(api)
    assert found[("Invoice", "Date")] == "date"
    assert ("Invoice", "Reference") not in found
    invoice_java = squash(render_facades(api, "java")[f"{MODELS}/Invoice.java"])
    assert (
        "public void setDate(LocalDate date) { this.date = date.toString(); }"
        in invoice_java
    )
    assert "public DateTime? Date { get; set; }" in squash(
        render_facades(api, "csharp")["Models.cs"]
    )


@needs_shared
def test_corpus_dates_come_from_the_companion(corpus_api: Api) -> None:
    found = date_fields(corpus_api)
    assert found[("Allocation", "Date")] == "date"  # required, set by no example
    assert found[("Invoice", "UpdatedDateUTC")] == "datetime"
    assert found[("Invoice", "ExpectedPaymentDate")] == "date"


def test_java_model_has_setters_adders_fluent_methods_and_nested_enums(
    seed_api: Api,
) -> None:
    invoice = squash(render_facades(seed_api, "java")[f"{MODELS}/Invoice.java"])
    assert "package com.xero.models.accounting;" in invoice
    assert 'public enum TypeEnum { ACCPAY("ACCPAY"),' in invoice
    assert "public void setType(TypeEnum type)" in invoice
    assert "public void setContact(Contact contact)" in invoice
    assert "public Invoice addLineItemsItem(LineItem item)" in invoice
    assert "public Invoice reference(String reference)" in invoice
    assert "public void setInvoiceID(UUID invoiceID)" in invoice
    assert "public void setCurrencyRate(Double currencyRate)" in invoice
    assert "public void setLineAmountTypes(LineAmountTypes lineAmountTypes)" in invoice


def test_java_date_typed_fields_take_a_local_date(seed_api: Api) -> None:
    invoice = squash(render_facades(seed_api, "java")[f"{MODELS}/Invoice.java"])
    assert "public void setDueDate(LocalDate dueDate)" in invoice


@needs_shared
def test_java_sdk_date_fields_keep_a_string_and_take_a_local_date(
    corpus_api: Api,
) -> None:
    invoice = squash(render_facades(corpus_api, "java")[f"{MODELS}/Invoice.java"])
    assert "private String dueDate;" in invoice
    assert "public void setDueDate(String dueDate)" in invoice
    assert (
        "public void setDueDate(LocalDate dueDate) { this.dueDate = dueDate.toString(); }"
        in invoice
    )
    assert "public LocalDate getDueDateAsDate()" in invoice
    assert "public void setUpdatedDateUTC(OffsetDateTime updatedDateUTC)" in invoice
    assert "public void setReference(LocalDate" not in invoice


def test_java_named_enum_constants_carry_their_values(seed_api: Api) -> None:
    types = squash(render_facades(seed_api, "java")[f"{MODELS}/LineAmountTypes.java"])
    assert (
        'public enum LineAmountTypes { EXCLUSIVE("Exclusive"), INCLUSIVE("Inclusive"), NOTAX("NoTax");'
        in types
    )
    currency = squash(render_facades(seed_api, "java")[f"{MODELS}/CurrencyCode.java"])
    assert '_TRY("TRY")' in currency


@needs_shared
def test_java_names_follow_the_sdk_quirks(corpus_api: Api) -> None:
    files = render_facades(corpus_api, "java")
    assert (
        "public void setCoGSAccountCode(String coGSAccountCode)"
        in files[f"{MODELS}/Purchase.java"]
    )
    organisation = files[f"{MODELS}/Organisation.java"]
    assert "public enum PropertyClassEnum" in organisation
    assert (
        "public void setPropertyClass(PropertyClassEnum propertyClass)" in organisation
    )


def test_java_accounting_api_has_the_sdk_signatures(seed_api: Api) -> None:
    api = squash(
        render_facades(seed_api, "java")["com/xero/api/client/AccountingApi.java"]
    )
    assert "package com.xero.api.client;" in api
    assert "public static AccountingApi getInstance(ApiClient apiClient)" in api
    assert (
        "public Invoices updateOrCreateInvoices( String accessToken, String xeroTenantId, Invoices invoices, "
        "Boolean summarizeErrors, Integer unitdp, String idempotencyKey) throws IOException"
    ) in api


@needs_shared
def test_java_binary_and_bodiless_operations(corpus_api: Api) -> None:
    api = squash(
        render_facades(corpus_api, "java")["com/xero/api/client/AccountingApi.java"]
    )
    assert (
        "public ByteArrayInputStream getInvoiceAsPdf( String accessToken, String xeroTenantId, UUID invoiceID)"
        in api
    )
    assert (
        "public Attachments createInvoiceAttachmentByFileName( String accessToken, String xeroTenantId, "
        "UUID invoiceID, String fileName, byte[] body, Boolean includeOnline, String idempotencyKey, "
        "String mimeType) throws IOException"
    ) in api
    assert (
        "public void deleteItem( String accessToken, String xeroTenantId, UUID itemID) throws IOException"
        in api
    )
    assert "OffsetDateTime ifModifiedSince" in api and "List<UUID> iDs" in api
    assert "LocalDate date," in api


def test_java_support_classes(seed_api: Api) -> None:
    files = render_facades(seed_api, "java")
    assert (
        "public class XeroException extends RuntimeException"
        in files["com/xero/api/XeroException.java"]
    )
    assert "package org.threeten.bp;" in files["org/threeten/bp/LocalDate.java"]
    assert "OCTOBER" in files["org/threeten/bp/Month.java"]


def test_csharp_models_are_auto_properties_with_nullable_values_and_plain_enums(
    seed_api: Api,
) -> None:
    models = squash(render_facades(seed_api, "csharp")["Models.cs"])
    assert "namespace Xero.NetStandard.OAuth2.Model.Accounting" in models
    assert "public TypeEnum Type { get; set; }" in models
    assert "public Guid? InvoiceID { get; set; }" in models
    assert "public decimal? CurrencyRate { get; set; }" in models
    assert "public List<LineItem> LineItems { get; set; }" in models
    assert "public LineAmountTypes LineAmountTypes { get; set; }" in models
    assert (
        "public enum LineAmountTypes { Exclusive = 1, Inclusive = 2, NoTax = 3 }"
        in models
    )


def test_csharp_dates_are_date_times_and_wrappers_prefix_their_list(
    seed_api: Api,
) -> None:
    models = squash(render_facades(seed_api, "csharp")["Models.cs"])
    assert "public DateTime? DueDate { get; set; }" in models
    assert "public string Reference { get; set; }" in models
    assert "public List<Invoice> _Invoices { get; set; }" in models


def test_csharp_accounting_api_is_async_with_optional_nulls(seed_api: Api) -> None:
    api = squash(render_facades(seed_api, "csharp")["Api.cs"])
    assert "namespace Xero.NetStandard.OAuth2.Api" in api
    assert (
        "public Task<Invoices> UpdateOrCreateInvoicesAsync( string accessToken, string xeroTenantId, "
        "Invoices invoices, bool? summarizeErrors = null, int? unitdp = null, string idempotencyKey = null, "
        "CancellationToken cancellationToken = default(CancellationToken))"
    ) in api
    client = squash(render_facades(seed_api, "csharp")["Client.cs"])
    assert (
        "namespace Xero.NetStandard.OAuth2.Client { public class ApiException : Exception"
        in client
    )


@needs_shared
def test_csharp_binary_bodiless_and_required_value_parameters(corpus_api: Api) -> None:
    api = squash(render_facades(corpus_api, "csharp")["Api.cs"])
    assert (
        "public Task<System.IO.Stream> GetInvoiceAsPdfAsync( string accessToken, string xeroTenantId, Guid invoiceID,"
        in api
    )
    assert (
        "public Task DeleteItemAsync( string accessToken, string xeroTenantId, Guid itemID,"
        in api
    )
    assert "DateTime? ifModifiedSince = null" in api
    assert "List<Guid> iDs = null" in api


@pytest.mark.parametrize("lang", ["java", "csharp"])
def test_facades_are_deterministic(seed_api: Api, lang: str) -> None:
    assert render_facades(seed_api, lang) == render_facades(seed_api, lang)  # type: ignore[arg-type]
