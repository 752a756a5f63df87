"""The block grammar: the corpus subset, comments as descriptions, clear syntax errors."""

from __future__ import annotations

import pytest

from generator.schema import SchemaSyntaxError, parse_block


def test_object_with_comments_annotations_enums_and_arrays() -> None:
    block = parse_block(
        "type T = {\n"
        '  "xero-tenant-id": string  // Tenant // with a URL https://x.y\n'
        '  Rate?: number @format("double")\n'
        '  Kind?: "A" | "B-C" | "UTC+12"  // kinds\n'
        "  Ids?: uuid[]\n"
        '  On?: boolean @default("false")\n'
        '  Name?: string @maxLength(255) @example("it\'s")\n'
        "}",
        declaration=True,
    )
    assert block.name == "T"
    props = {p.key: p for p in block.type.props}
    assert list(props) == ["xero-tenant-id", "Rate", "Kind", "Ids", "On", "Name"]
    assert props["xero-tenant-id"].description == "Tenant // with a URL https://x.y"
    assert not props["xero-tenant-id"].optional and props["Rate"].optional
    assert props["Rate"].type.annotations[0].args == ["double"]
    assert props["Kind"].type.members == ["A", "B-C", "UTC+12"]
    assert props["Ids"].type.kind == "array" and props["Ids"].type.item.name == "uuid"  # type: ignore[union-attr]
    assert [(a.name, a.args) for a in props["Name"].type.annotations] == [
        ("maxLength", [255]),
        ("example", ["it's"]),
    ]
    assert props["Name"].line == 7


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("{\n  a: string\n", 1, "'{' opened here is never closed; expected '}'"),
        ("{\n  a string\n}", 2, "expected ':' after property 'a', found 'string'"),
        (
            "{\n  a: string @deprecated\n}",
            2,
            "unknown annotation '@deprecated'; expected one of @format, @maxLength, @default, @example",
        ),
        (
            "{\n  a: T[][]\n}",
            2,
            "arrays of arrays are not supported; expected one '[]' as in Part[]",
        ),
        (
            "{\n  a: string\n  a: integer\n}",
            3,
            "duplicate property 'a'; expected each name once",
        ),
        (
            '{\n  a: "x\n}',
            2,
            'string starting with " is never closed on its line; expected a closing "',
        ),
        (
            "{ a: string b: string }",
            1,
            "expected a new line or ',' after property 'a', found 'b'",
        ),
        ("{\n  true: string\n}", 2, "expected a property name, found 'true'"),
        ("{\n  a: / \n}", 2, "unexpected '/'; comments start with '//'"),
        (
            '{\n  a: "\\u12"\n}',
            2,
            "malformed \\u escape; expected four hex digits such as \\u00e9",
        ),
        (
            '{\n  a: "\\ud83d"\n}',
            2,
            "escape \\ud83d is half of a surrogate pair; expected a whole character",
        ),
    ],
)
def test_syntax_errors_name_the_line_and_what_was_expected(
    text: str, line: int, message: str
) -> None:
    with pytest.raises(SchemaSyntaxError) as raised:
        parse_block(text, declaration=False)
    assert (raised.value.line, raised.value.message) == (line, message)


def test_unicode_escapes_decode_whole_characters() -> None:
    block = parse_block('"\\u00e9\\ud83d\\ude00" | "\\u0000"', declaration=False)
    assert block.type.members == ["\u00e9\U0001f600", "\x00"]
