"""The six snippets of specs/: snapshots, clean parses, and the checkpoints the official samples get wrong."""

from __future__ import annotations

import re

import black
import pytest
from syrupy.assertion import SnapshotAssertion

from generator.languages import LANGUAGES, Language

from .conftest import code_snapshot, syntax_problems

OP = "updateOrCreateInvoices"


def snippet(files: dict[str, bytes], lang: Language) -> str:
    return files[f"snippets/{OP}/{lang.filename}"].decode()


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.key)
def test_snippet_matches_snapshot(
    seed_files: dict[str, bytes], lang: Language, snapshot: SnapshotAssertion
) -> None:
    assert snippet(seed_files, lang) == snapshot.use_extension(
        code_snapshot(lang.suffix)
    )


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.key)
def test_snippet_parses_without_errors(
    seed_files: dict[str, bytes], lang: Language
) -> None:
    source = snippet(seed_files, lang)
    assert syntax_problems(lang.key, source) == []
    if lang.key == "python":
        compile(source, "python.py", "exec")


def test_python_snippet_is_black_stable(seed_files: dict[str, bytes]) -> None:
    source = snippet(seed_files, LANGUAGES[0])
    assert (
        black.format_str(
            source, mode=black.Mode(target_versions={black.TargetVersion.PY311})
        )
        == source
    )


# The lines where Xero's own samples go wrong (docs/x-example.md section 9), per language.
CHECKPOINTS = {
    "python": [
        "summarize_errors = True",
        "unitdp = 4",
        "debug=False,",
        "date_value = datetime.date(2020, 10, 10)",
        "due_date_value = datetime.date(2020, 10, 28)",
        "due_date=due_date_value,",
        "from xero_python.accounting import (",
    ],
    "java": [
        'String xeroTenantId = "YOUR_XERO_TENANT_ID";',
        "invoice.setDate(dateValue);",
        "invoice.setDueDate(dueDateValue);",
        "LocalDate dueDateValue = LocalDate.of(2020, Month.OCTOBER, 28);",
        "import com.xero.models.accounting.*;",
        "} catch (IOException e) {",
    ],
    "csharp": [
        "invoice.Date = dateValue;",
        "invoice.DueDate = dueDateValue;",
        "var dueDateValue = new DateTime(2020, 10, 28);",
        "using System.Threading.Tasks;",
        "using System.Collections.Generic;",
        "using Xero.NetStandard.OAuth2.Model.Accounting;",
    ],
    "php": [
        "$invoice->setDate($dateValue);",
        "$invoice->setDueDate($dueDateValue);",
        "$dueDateValue = '2020-10-28';",
    ],
    "node": [
        "import { XeroClient, Contact, Invoice, Invoices, LineItem } from 'xero-node';",
        "dueDate: dueDateValue,",
        "const dueDateValue = '2020-10-28';",
        "} catch (err: unknown) {",
    ],
    "ruby": [
        "date_value = '2020-10-10'",
        "due_date_value = '2020-10-28'",
        "due_date: due_date_value,",
        "summarize_errors: summarize_errors,",
    ],
}

# Each language's call, in the official SDK's argument order.
CALL_ORDER = {
    "python": [
        "xero_tenant_id",
        "invoices",
        "summarize_errors=summarize_errors",
        "unitdp=unitdp",
        "idempotency_key=idempotency_key",
    ],
    "java": [
        "accessToken",
        "xeroTenantId",
        "invoices",
        "summarizeErrors",
        "unitdp",
        "idempotencyKey",
    ],
    "csharp": [
        "accessToken",
        "xeroTenantId",
        "invoices",
        "summarizeErrors",
        "unitdp",
        "idempotencyKey",
    ],
    "php": [
        "$xeroTenantId",
        "$invoices",
        "summarize_errors: $summarizeErrors",
        "unitdp: $unitdp",
        "idempotency_key: $idempotencyKey",
    ],
    "node": ["xeroTenantId", "invoices", "summarizeErrors", "unitdp", "idempotencyKey"],
    "ruby": ["xero_tenant_id", "invoices", "opts"],
}
CALLS = {
    "python": r"api_instance\.update_or_create_invoices\((.*?)\)",
    "java": r"apiInstance\.updateOrCreateInvoices\((.*?)\);",
    "csharp": r"apiInstance\.UpdateOrCreateInvoicesAsync\((.*?)\);",
    "php": r"\$apiInstance->updateOrCreateInvoices\((.*?)\);",
    "node": r"xero\.accountingApi\.updateOrCreateInvoices\((.*?)\);",
    "ruby": r"xero_client\.accounting_api\.update_or_create_invoices\((.*?)\)",
}


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.key)
def test_snippet_has_the_corrected_lines(
    seed_files: dict[str, bytes], lang: Language
) -> None:
    lines = {line.strip() for line in snippet(seed_files, lang).splitlines()}
    missing = [line for line in CHECKPOINTS[lang.key] if line not in lines]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.key)
def test_snippet_sets_each_date_field_once_and_no_placeholder(
    seed_files: dict[str, bytes], lang: Language
) -> None:
    source = snippet(seed_files, lang)
    assert "YYYY" not in source
    assert "2020-10-10" in source or "2020, 10, 10" in source or "OCTOBER, 10" in source
    due = re.findall(r"(?i)due_?date\b\s*[:=(]|setDueDate\(|\.DueDate =", source)
    assert len(due) == 1, due


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.key)
def test_snippet_calls_in_sdk_argument_order(
    seed_files: dict[str, bytes], lang: Language
) -> None:
    match = re.search(CALLS[lang.key], snippet(seed_files, lang), re.S)
    assert match is not None
    args = [a.strip() for a in match.group(1).split(",") if a.strip()]
    assert args == CALL_ORDER[lang.key]


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.key)
def test_every_call_argument_is_declared_before_the_call(
    seed_files: dict[str, bytes], lang: Language
) -> None:
    source = snippet(seed_files, lang)
    match = re.search(CALLS[lang.key], source, re.S)
    assert match is not None
    before = source[: match.start()]
    for arg in match.group(1).split(","):
        name = arg.split(":")[-1].split("=")[-1].strip().lstrip("$")
        if name:
            declared = rf"(^|\s|\$){re.escape(name)}(\s*:\s*[\w\[\]<>.]+)?\s*=[^=]"
            assert re.search(declared, before, re.M), f"{name} is not declared"


CLIENT_FILES = ["__init__.py", "client.py", "models.py", "py.typed"]


def test_client_stub_has_its_files(seed_files: dict[str, bytes]) -> None:
    client = sorted(path for path in seed_files if path.startswith("client/"))
    assert client == [f"client/xero_accounting/{name}" for name in CLIENT_FILES]


@pytest.mark.parametrize("name", CLIENT_FILES)
def test_client_stub_matches_snapshot(
    seed_files: dict[str, bytes], name: str, snapshot: SnapshotAssertion
) -> None:
    text = seed_files[f"client/xero_accounting/{name}"].decode()
    assert text == snapshot.use_extension(
        code_snapshot("py" if name.endswith(".py") else "typed")
    )
