"""Every Java and C# snippet of the corpus compiles against SDK facades generated from the model.

Neither official SDK is on a registry we reach; :mod:`generator.facades` renders stand-ins with the
SDKs' packages, class, property, setter and enum names and method signatures from the model.  They
are written to a temporary directory (never ``output/``), and one ``javac`` (JDK 17) and one ``mcs``
(Mono) run compile all snippets with them.  Each snippet must compile with zero errors.
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from generator.facades import write_facades
from generator.model import Api

from .conftest import needs_shared, require_tool
from .test_corpus import corpus_ids

pytestmark = needs_shared

JAVAC_LINE = re.compile(r"^(?P<file>.+?\.java):(?P<line>\d+): error: (?P<text>.*)$")
MCS_LINE = re.compile(
    r"^(?P<file>.+?\.cs)\((?P<line>\d+),(?P<col>\d+)\): error (?P<text>.*)$"
)


def compile_errors(
    completed: subprocess.CompletedProcess[str],
    pattern: re.Pattern[str],
    snippets: Path,
) -> dict[str, list[str]]:
    """Error lines by operationId (``""`` for errors outside the snippets, or a failed run without any)."""
    errors: dict[str, list[str]] = defaultdict(list)
    for line in (completed.stdout + completed.stderr).splitlines():
        match = pattern.match(line)
        if match is None:
            continue
        path = Path(match["file"])
        key = path.stem if path.parent.resolve() == snippets.resolve() else ""
        errors[key].append(line)
    if completed.returncode != 0 and not errors:
        errors[""].append(
            f"exit {completed.returncode}: {completed.stdout}{completed.stderr}"
        )
    return dict(errors)


def error_lines(errors: list[str], pattern: re.Pattern[str]) -> set[int]:
    return {int(m["line"]) for line in errors if (m := pattern.match(line))}


def lay_out(
    corpus_snippets: Path, filename: str, suffix: str, target: Path
) -> list[Path]:
    target.mkdir(parents=True)
    files = []
    for op_dir in sorted(corpus_snippets.iterdir()):
        path = target / f"{op_dir.name}{suffix}"
        path.write_bytes((op_dir / filename).read_bytes())
        files.append(path)
    return files


@pytest.fixture(scope="module")
def javac_errors(
    corpus_api: Api, corpus_snippets: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    javac = require_tool(
        "javac",
        "the Java snippets are compiled with JDK 17",
        "apt-get install openjdk-17-jdk-headless",
    )
    work = tmp_path_factory.mktemp("javac")
    facades = write_facades(corpus_api, "java", work / "facades")
    snippets = lay_out(corpus_snippets, "java.java", ".java", work / "snippets")
    (work / "sources.txt").write_text(
        "\n".join(str(p) for p in [*facades, *snippets]) + "\n", encoding="utf-8"
    )
    completed = subprocess.run(
        [
            javac,
            "-encoding",
            "UTF-8",
            "--release",
            "17",
            "-Xmaxerrs",
            "100000",
            "-d",
            str(work / "classes"),
            f"@{work / 'sources.txt'}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return compile_errors(completed, JAVAC_LINE, work / "snippets")


@pytest.fixture(scope="module")
def mcs_errors(
    corpus_api: Api, corpus_snippets: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    mcs = require_tool(
        "mcs",
        "the C# snippets are compiled with Mono's C# compiler",
        "apt-get install mono-mcs",
    )
    work = tmp_path_factory.mktemp("mcs")
    facades = write_facades(corpus_api, "csharp", work / "facades")
    snippets = lay_out(corpus_snippets, "csharp.cs", ".cs", work / "snippets")
    (work / "sources.rsp").write_text(
        "\n".join(f'"{p}"' for p in [*facades, *snippets]) + "\n", encoding="utf-8"
    )
    completed = subprocess.run(
        [
            mcs,
            "-target:library",
            f"-out:{work / 'snippets.dll'}",
            f"@{work / 'sources.rsp'}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return compile_errors(completed, MCS_LINE, work / "snippets")


@pytest.mark.check("java", "compile")
@pytest.mark.parametrize("op_id", corpus_ids())
def test_java_snippet_compiles_against_the_facades(
    javac_errors: dict[str, list[str]], op_id: str
) -> None:
    assert javac_errors.get("", []) == []
    assert javac_errors.get(op_id, []) == []


@pytest.mark.check("csharp", "compile")
@pytest.mark.parametrize("op_id", corpus_ids())
def test_csharp_snippet_compiles_against_the_facades(
    mcs_errors: dict[str, list[str]], op_id: str
) -> None:
    assert mcs_errors.get("", []) == []
    assert mcs_errors.get(op_id, []) == []


# --------------------------------------------------------------------------- the checks can fail

JAVA_MISTAKES = """
import com.xero.api.ApiClient;
import com.xero.api.client.AccountingApi;
import com.xero.models.accounting.*;
import java.io.IOException;

class Mistakes {
    static void main() throws IOException {
        Invoice invoice = new Invoice();
        invoice.setType("ACCREC");
        invoice.setContactID("00000000-0000-0000-0000-000000000000");
        invoice.setStatus(Invoice.StatusEnum.DRAFTED);
        AccountingApi.getInstance(new ApiClient()).updateOrCreateInvoices("token", "tenant", new Invoices(), true, 4);
    }
}
"""

CSHARP_MISTAKES = """
using System;
using Xero.NetStandard.OAuth2.Api;
using Xero.NetStandard.OAuth2.Model.Accounting;

class Mistakes
{
    static async void Run()
    {
        var invoice = new Invoice();
        invoice.Type = "ACCREC";
        invoice.InvoiceID = "00000000-0000-0000-0000-000000000000";
        invoice.Status = Invoice.StatusEnum.DRAFTED;
        await new AccountingApi().UpdateOrCreateInvoicesAsync("token", "tenant", new Invoices(), "true");
    }
}
"""


def test_javac_and_the_facades_reject_what_xero_java_rejects(
    seed_api: Api, tmp_path: Path
) -> None:
    javac = require_tool(
        "javac",
        "the Java snippets are compiled with JDK 17",
        "apt-get install openjdk-17-jdk-headless",
    )
    facades = write_facades(seed_api, "java", tmp_path / "facades")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "Mistakes.java").write_text(
        JAVA_MISTAKES, encoding="utf-8"
    )
    completed = subprocess.run(
        [
            javac,
            "-d",
            str(tmp_path / "classes"),
            *map(str, facades),
            str(tmp_path / "snippets" / "Mistakes.java"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = compile_errors(completed, JAVAC_LINE, tmp_path / "snippets")
    assert sorted(errors) == ["Mistakes"]
    # one error on each wrong line: enum as string, no such setter, no such constant, an argument short
    assert error_lines(errors["Mistakes"], JAVAC_LINE) == {10, 11, 12, 13}


def test_mcs_and_the_facades_reject_what_the_csharp_sdk_rejects(
    seed_api: Api, tmp_path: Path
) -> None:
    mcs = require_tool(
        "mcs",
        "the C# snippets are compiled with Mono's C# compiler",
        "apt-get install mono-mcs",
    )
    facades = write_facades(seed_api, "csharp", tmp_path / "facades")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "Mistakes.cs").write_text(
        CSHARP_MISTAKES, encoding="utf-8"
    )
    completed = subprocess.run(
        [
            mcs,
            "-target:library",
            f"-out:{tmp_path / 'm.dll'}",
            *map(str, facades),
            str(tmp_path / "snippets" / "Mistakes.cs"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = compile_errors(completed, MCS_LINE, tmp_path / "snippets")
    assert sorted(errors) == ["Mistakes"]
    # one error on each wrong line: enum as string, string as Guid?, no such member, string as bool?
    assert error_lines(errors["Mistakes"], MCS_LINE) == {11, 12, 13, 14}
