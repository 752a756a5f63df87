"""Literals per language: values written as code; hostile strings escaped, never injected."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from generator import literals
from generator.model import (
    BoolValue,
    DateTimeValue,
    DateValue,
    DecimalValue,
    EnumValue,
    IntValue,
    ListValue,
    Name,
    RefValue,
    StrValue,
    TypeRef,
    UuidValue,
)

LANGS = ["python", "java", "csharp", "php", "node", "ruby"]
UUID = "00000000-0000-0000-0000-000000000000"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            StrValue("Foobar"),
            {
                "python": '"Foobar"',
                "java": '"Foobar"',
                "csharp": '"Foobar"',
                "php": "'Foobar'",
                "node": "'Foobar'",
                "ruby": "'Foobar'",
            },
        ),
        (
            UuidValue(UUID),
            {
                "python": f'"{UUID}"',
                "java": f'UUID.fromString("{UUID}")',
                "csharp": f'Guid.Parse("{UUID}")',
                "php": f"'{UUID}'",
                "node": f"'{UUID}'",
                "ruby": f"'{UUID}'",
            },
        ),
        (
            DecimalValue(Decimal(1)),
            {
                "python": "1.0",
                "java": "1.0",
                "csharp": "1.0m",
                "php": "1.0",
                "node": "1.0",
                "ruby": "1.0",
            },
        ),
        (
            DecimalValue(Decimal("2.25")),
            {
                "python": "2.25",
                "java": "2.25",
                "csharp": "2.25m",
                "php": "2.25",
                "node": "2.25",
                "ruby": "2.25",
            },
        ),
        (IntValue(4), dict.fromkeys(LANGS, "4")),
        (
            BoolValue(True),
            {
                "python": "True",
                "java": "true",
                "csharp": "true",
                "php": "true",
                "node": "true",
                "ruby": "true",
            },
        ),
        (
            DateValue(dt.date(2020, 10, 28)),
            {
                "python": "datetime.date(2020, 10, 28)",
                "java": "LocalDate.of(2020, Month.OCTOBER, 28)",
                "csharp": "new DateTime(2020, 10, 28)",
                "php": "'2020-10-28'",
                "node": "'2020-10-28'",
                "ruby": "'2020-10-28'",
            },
        ),
        (
            DateTimeValue(
                dt.datetime(
                    2020,
                    2,
                    6,
                    12,
                    17,
                    43,
                    202000,
                    tzinfo=dt.timezone(dt.timedelta(hours=-8)),
                )
            ),
            {
                "python": 'datetime.datetime.fromisoformat("2020-02-06T12:17:43.202-08:00")',
                "java": 'OffsetDateTime.parse("2020-02-06T12:17:43.202-08:00")',
                "csharp": 'DateTime.Parse("2020-02-06T12:17:43.202-08:00")',
                "php": "new \\DateTime('2020-02-06T12:17:43.202-08:00')",
                "node": "new Date('2020-02-06T12:17:43.202-08:00')",
                "ruby": "'2020-02-06T12:17:43.202-08:00'",
            },
        ),
        (
            EnumValue("Invoice", "Type", "ACCREC"),
            {
                "python": '"ACCREC"',
                "java": "Invoice.TypeEnum.ACCREC",
                "csharp": "Invoice.TypeEnum.ACCREC",
                "php": "\\XeroAPI\\XeroPHP\\Models\\Accounting\\Invoice::TYPE_ACCREC",
                "node": "Invoice.TypeEnum.ACCREC",
                "ruby": "XeroRuby::Accounting::Invoice::ACCREC",
            },
        ),
        (
            EnumValue("LineAmountTypes", None, "Inclusive"),
            {
                "python": "LineAmountTypes.INCLUSIVE",
                "java": "LineAmountTypes.INCLUSIVE",
                "csharp": "LineAmountTypes.Inclusive",
                "php": "\\XeroAPI\\XeroPHP\\Models\\Accounting\\LineAmountTypes::INCLUSIVE",
                "node": "LineAmountTypes.Inclusive",
                "ruby": "XeroRuby::Accounting::LineAmountTypes::INCLUSIVE",
            },
        ),
        (
            RefValue(Name.of("dueDateValue")),
            {
                "python": "due_date_value",
                "java": "dueDateValue",
                "csharp": "dueDateValue",
                "php": "$dueDateValue",
                "node": "dueDateValue",
                "ruby": "due_date_value",
            },
        ),
        (
            ListValue(TypeRef("uuid"), (UuidValue(UUID),)),
            {
                "python": f'["{UUID}"]',
                "java": f'Arrays.asList(UUID.fromString("{UUID}"))',
                "csharp": f'new List<Guid> {{ Guid.Parse("{UUID}") }}',
                "php": f"['{UUID}']",
                "node": f"['{UUID}']",
                "ruby": f"['{UUID}']",
            },
        ),
    ],
    ids=lambda v: type(v).__name__ if not isinstance(v, dict) else "",
)
def test_values(value: object, expected: dict[str, str]) -> None:
    assert {lang: literals.value(lang, value) for lang in LANGS} == expected  # type: ignore[arg-type]


HOSTILE = [
    'Status=="DRAFT"',
    "it's",
    "back\\slash",
    "new\nline\r\ttab",
    "$HOME ${x} #{x} #@x",
    "*/ ?> <?php \"\"\" '''",
    "nul\x00byte",
    "right\u202eto\u200fleft",
    "é – “quoted” ’",
    "line\u2028sep\u2029",
    "\\u0041 \\x41 \\n",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_python_string_literal_round_trips(text: str) -> None:
    assert eval(literals.string("python", text)) == text


@pytest.mark.skipif(
    shutil.which("node") is None, reason="node is not installed (.ci/run installs it)"
)
@pytest.mark.parametrize("text", HOSTILE)
def test_node_string_literal_round_trips(text: str) -> None:
    literal = literals.string("node", text)
    out = subprocess.run(
        ["node", "-e", f"process.stdout.write(JSON.stringify({literal}))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(out.stdout) == text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text", HOSTILE)
def test_literals_never_carry_raw_line_breaks_or_invisible_characters(
    lang: str, text: str
) -> None:
    literal = literals.string(lang, text)
    assert not any(c in literal for c in "\n\r\x00\u2028\u2029\u202e\u200f")


@pytest.mark.parametrize("lang", LANGS)
def test_comments_are_one_inert_line(lang: str) -> None:
    text = literals.comment(lang, "a\nb */ ?> \\u000a \u202e end")
    assert "\n" not in text and "\u202e" not in text
    if lang == "php":
        assert "?>" not in text
    if lang == "java":
        assert "\\u000a" not in text.replace("\\\\", "")


@pytest.mark.parametrize("lang", ["python", "ruby"])
@pytest.mark.parametrize(
    "text",
    ["coding: latin-1", "# -*- coding: ascii -*-", "vim: set fileencoding=ascii"],
)
def test_comments_never_carry_an_encoding_declaration(lang: str, text: str) -> None:
    # the summary comment is a snippet's first line, where both languages read such a declaration
    assert not re.search(r"(?i)coding\s*[:=]", literals.comment(lang, text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('say """hi"""', 'say \\"\\"\\"hi\\"\\"\\x22'),
        (
            'ends with a quote"',
            "ends with a quote\\x22",
        ),  # a quote before the closing ones: black pads it
        ("back\\slash \\N{x}", "back\\\\slash \\\\N{x}"),
        ("two\nlines \u202e", "two lines"),
    ],
)
def test_docstring_text_stays_inside_its_docstring(text: str, expected: str) -> None:
    inner = literals.docstring(text)
    assert inner == expected
    assert eval(f'"""{inner}"""') == literals.comment("python", text)
