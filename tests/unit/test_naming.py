"""Names: words, cases, SDK member names, reserved words."""

from __future__ import annotations

import keyword

import pytest

from generator import naming
from generator.model import Name, split_words


@pytest.mark.parametrize(
    ("raw", "words", "snake", "camel", "pascal"),
    [
        ("dueDate", ("due", "Date"), "due_date", "dueDate", "DueDate"),
        (
            "dueDateValue",
            ("due", "Date", "Value"),
            "due_date_value",
            "dueDateValue",
            "DueDateValue",
        ),
        ("ContactID", ("Contact", "ID"), "contact_id", "contactID", "ContactID"),
        (
            "COGSAccountCode",
            ("COGS", "Account", "Code"),
            "cogs_account_code",
            "cogsAccountCode",
            "COGSAccountCode",
        ),
        (
            "AddressLine1",
            ("Address", "Line1"),
            "address_line1",
            "addressLine1",
            "AddressLine1",
        ),
        (
            "xero-tenant-id",
            ("xero", "tenant", "id"),
            "xero_tenant_id",
            "xeroTenantId",
            "XeroTenantId",
        ),
        (
            "Idempotency-Key",
            ("Idempotency", "Key"),
            "idempotency_key",
            "idempotencyKey",
            "IdempotencyKey",
        ),
        ("IDs", ("I", "Ds"), "i_ds", "iDs", "IDs"),
        (
            "If-Modified-Since",
            ("If", "Modified", "Since"),
            "if_modified_since",
            "ifModifiedSince",
            "IfModifiedSince",
        ),
        (
            "updateOrCreateInvoices",
            ("update", "Or", "Create", "Invoices"),
            "update_or_create_invoices",
            "updateOrCreateInvoices",
            "UpdateOrCreateInvoices",
        ),
        ("line_items", ("line", "items"), "line_items", "lineItems", "LineItems"),
    ],
)
def test_words_and_cases(
    raw: str, words: tuple[str, ...], snake: str, camel: str, pascal: str
) -> None:
    name = Name.of(raw)
    assert split_words(raw) == words
    assert (naming.snake(name), naming.camel(name), naming.pascal(name)) == (
        snake,
        camel,
        pascal,
    )


@pytest.mark.parametrize(
    ("field", "python", "node", "java_setter", "csharp"),
    [
        ("DueDate", "due_date", "dueDate", "setDueDate", "DueDate"),
        ("ContactID", "contact_id", "contactID", "setContactID", "ContactID"),
        (
            "COGSAccountCode",
            "cogs_account_code",
            "cOGSAccountCode",
            "setCoGSAccountCode",
            "COGSAccountCode",
        ),
        ("APIKey", "api_key", "aPIKey", "setApIKey", "APIKey"),
        ("Class", "_class", "_class", "setPropertyClass", "Class"),
        ("Invoices", "invoices", "invoices", "setInvoices", "_Invoices"),
    ],
)
def test_sdk_member_names(
    field: str, python: str, node: str, java_setter: str, csharp: str
) -> None:
    assert naming.python_attr(field) == python
    assert naming.node_prop(field) == node
    assert naming.java_setter(field) == java_setter
    assert naming.csharp_prop(field, "Invoices") == csharp


@pytest.mark.parametrize(
    ("value", "java", "python", "csharp", "node", "php", "ruby"),
    [
        ("ACCREC", "ACCREC", "ACCREC", "ACCREC", "ACCREC", "ACCREC", "ACCREC"),
        ("NoTax", "NOTAX", "NOTAX", "NoTax", "NoTax", "NO_TAX", "NO_TAX"),
        ("UTC+12", "UTC_12", "UTC_12", "UTC12", "UTC12", "UTC12", "UTC12"),
        (
            "CENTRALSTANDARDTIME(MEXICO)",
            "CENTRALSTANDARDTIME_MEXICO_",
            "CENTRALSTANDARDTIME_MEXICO_",
            "CENTRALSTANDARDTIMEMEXICO",
            "CENTRALSTANDARDTIMEMEXICO",
            "CENTRALSTANDARDTIME_MEXICO",
            "CENTRALSTANDARDTIME_MEXICO",
        ),
        (
            "RECEIVE-OVERPAYMENT",
            "RECEIVE_OVERPAYMENT",
            "RECEIVE_OVERPAYMENT",
            "RECEIVEOVERPAYMENT",
            "RECEIVEOVERPAYMENT",
            "RECEIVE_OVERPAYMENT",
            "RECEIVE_OVERPAYMENT",
        ),
        (
            "1MONTHLY",
            "_1MONTHLY",
            "_1MONTHLY",
            "_1MONTHLY",
            "_1MONTHLY",
            "_1_MONTHLY",
            "N1_MONTHLY",  # xero-ruby: Organisation::N1_MONTHLY (Ruby constants are capitalised)
        ),
        ("class", "_CLASS", "CLASS", "@class", "class", "CLASS", "CLASS"),
        ("TRY", "_TRY", "TRY", "TRY", "TRY", "TRY", "TRY"),
        ("", "_EMPTY", "EMPTY", "Empty", "Empty", "EMPTY", "EMPTY"),
        ("é", "_EMPTY", "EMPTY", "Empty", "Empty", "EMPTY", "EMPTY"),
    ],
)
def test_enum_constants(
    value: str, java: str, python: str, csharp: str, node: str, php: str, ruby: str
) -> None:
    got = {
        lang: naming.enum_constant(lang, value, inline=False)
        for lang in ("java", "python", "csharp", "node", "php", "ruby")
    }
    assert got == {
        "java": java,
        "python": python,
        "csharp": csharp,
        "node": node,
        "php": php,
        "ruby": ruby,
    }


def test_php_inline_enum_constants_carry_the_field() -> None:
    assert (
        naming.enum_constant("php", "ACCREC", inline=True, field="Type")
        == "TYPE_ACCREC"
    )
    assert (
        naming.enum_constant("php", "MOBILE", inline=True, field="PhoneType")
        == "PHONE_TYPE_MOBILE"
    )


@pytest.mark.parametrize(
    ("param", "php", "ruby"),
    [
        ("IDs", "ids", "i_ds"),
        ("ContactIDs", "contact_ids", "contact_i_ds"),
        ("summarizeErrors", "summarize_errors", "summarize_errors"),
        ("TrackingOptionID1", "tracking_option_id1", "tracking_option_id1"),
        ("Idempotency-Key", "idempotency_key", "idempotency_key"),
    ],
)
def test_sdk_argument_names(param: str, php: str, ruby: str) -> None:
    assert naming.php_arg(param) == php
    assert naming.ruby_opt(param) == ruby


@pytest.mark.parametrize("lang", ["python", "java", "csharp", "php", "node", "ruby"])
@pytest.mark.parametrize(
    "word",
    sorted(
        {
            *keyword.kwlist,
            "class",
            "new",
            "function",
            "def",
            "end",
            "this",
            "var",
            "default",
            "e",
            "opts",
        }
    ),
)
def test_reserved_words_come_out_as_legal_distinct_identifiers(
    lang: str, word: str
) -> None:
    out = naming.variable(lang, Name((word,)))
    if (
        word.lower() in naming.RESERVED[lang]
        or word.lower() in naming.BOILERPLATE[lang]
    ):
        assert out != word.lower()
    assert out.lstrip("@").replace("_", "a").isalnum()


@pytest.mark.parametrize(
    ("op", "lang", "method"),
    [
        ("updateOrCreateInvoices", "python", "update_or_create_invoices"),
        ("getContactCISSettings", "ruby", "get_contact_cis_settings"),
        ("updateOrCreateInvoices", "csharp", "UpdateOrCreateInvoicesAsync"),
        ("getInvoice", "java", "getInvoice"),
    ],
)
def test_method_names(op: str, lang: str, method: str) -> None:
    assert naming.method(lang, op) == method
