"""Literals per language: spec values written as source code, escaped so that they cannot inject.

Spec data is untrusted text.  Every string that reaches a snippet goes
through :func:`string` (a literal that decodes back to exactly the input) or
:func:`comment` (one line of inert comment text).  Characters that are not
printable (controls, format characters such as right-to-left marks, line
and paragraph separators) are always written as escapes, never raw.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

from . import naming
from .languages import JAVA_MONTHS
from .model import (
    BoolValue,
    DateTimeValue,
    DateValue,
    DecimalValue,
    EnumValue,
    IntValue,
    ListValue,
    RefValue,
    StrValue,
    TypeRef,
    UuidValue,
    Value,
)

_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
PHP_MODELS = "\\XeroAPI\\XeroPHP\\Models\\Accounting\\"
RUBY_MODELS = "XeroRuby::Accounting::"


def _unsafe(char: str) -> bool:
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def _safe_ascii(text: str) -> bool:
    """Printable ASCII only: nothing but the simple escapes can be needed."""
    return text.isascii() and text.isprintable()


def _escape(text: str, simple: dict[str, str], escape_char: str) -> str:
    """Escape ``text`` with a table of simple escapes and a style for everything unsafe."""
    if _safe_ascii(text):
        if not any(c in text for c in simple):
            return text
        return text.translate({ord(k): v for k, v in simple.items()})
    out: list[str] = []
    for char in text:
        if char in simple:
            out.append(simple[char])
        elif _unsafe(char):
            code = ord(char)
            if escape_char == "python":
                out.append(
                    f"\\x{code:02x}"
                    if code < 0x100
                    else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
                )
            elif escape_char in ("js", "ruby", "php"):
                if escape_char == "js" and code < 0x100:
                    out.append(f"\\x{code:02x}")
                elif escape_char == "ruby" and code < 0x80:
                    out.append(f"\\x{code:02X}")
                else:
                    out.append(f"\\u{{{code:x}}}")
            elif escape_char == "csharp":
                out.append(f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
            else:  # java: UTF-16 code units; line terminators never as \u escapes
                if code < 0x10000:
                    out.append(f"\\u{code:04x}")
                else:
                    high, low = _surrogates(code)
                    out.append(f"\\u{high:04x}\\u{low:04x}")
        else:
            out.append(char)
    return "".join(out)


def _surrogates(code: int) -> tuple[int, int]:
    code -= 0x10000
    return 0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)


_COMMON = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def string(lang: str, text: str) -> str:
    """A string literal in ``lang`` that evaluates to exactly ``text``."""
    if lang == "python":
        # black's choice: double quotes unless single quotes need fewer backslashes
        double = _escape(text, {**_COMMON, '"': '\\"'}, "python")
        single = _escape(text, {**_COMMON, "'": "\\'"}, "python")
        if single.count("\\") < double.count("\\"):
            return "'" + single + "'"
        return '"' + double + '"'
    if lang == "java":
        return (
            '"'
            + _escape(text, {**_COMMON, '"': '\\"', "\b": "\\b", "\f": "\\f"}, "java")
            + '"'
        )
    if lang == "csharp":
        return (
            '"' + _escape(text, {**_COMMON, '"': '\\"', "\x00": "\\0"}, "csharp") + '"'
        )
    if lang == "node":
        return "'" + _escape(text, {**_COMMON, "'": "\\'"}, "js") + "'"
    if lang == "php":
        if not _safe_ascii(text) and any(_unsafe(c) for c in text):
            return '"' + _escape(text, {**_COMMON, '"': '\\"', "$": "\\$"}, "php") + '"'
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if lang == "ruby":
        if not _safe_ascii(text) and any(_unsafe(c) for c in text):
            return (
                '"' + _escape(text, {**_COMMON, '"': '\\"', "#": "\\#"}, "ruby") + '"'
            )
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"
    raise KeyError(lang)


_CODING = re.compile(r"(?i)(coding)(?=\s*[:=])")


def docstring(text: str, indent: int = 0) -> str:
    """Text for a Python docstring: nothing can end it, it reads back as the flattened text, and
    black leaves it as it is.

    Quotes and backslashes are escaped; a quote that would touch the closing quotes is written
    ``\\x22`` (black would otherwise pad it with a space).  With ``indent`` (the column of the
    opening quotes), long text is wrapped so that no line passes black's line length.
    """
    flat = comment("python", text).replace("\\", "\\\\").replace('"', '\\"')
    if flat.endswith('\\"'):
        flat = flat[:-2] + "\\x22"
    if not indent or indent + 3 + len(flat) <= 88:
        return flat
    lines = textwrap.wrap(
        flat, width=88 - indent - 3, break_long_words=False, break_on_hyphens=False
    )
    return ("\n" + " " * indent).join(lines)


def comment_lines(lang: str, text: str, width: int = 80) -> list[str]:
    """Inert comment text wrapped into lines of at most ``width`` characters (long words kept)."""
    flat = comment(lang, text)
    return textwrap.wrap(
        flat, width=width, break_long_words=False, break_on_hyphens=False
    ) or [""]


def comment(lang: str, text: str) -> str:
    """Inert one-line comment text: unsafe characters become spaces, nothing can end the comment."""
    if not _safe_ascii(text):
        text = "".join(" " if _unsafe(c) else c for c in text)
    flat = " ".join(text.split())
    if lang == "java":
        flat = flat.replace(
            "\\", "\\\\"
        )  # \u escapes are decoded even inside Java comments
    if lang == "php":
        flat = flat.replace("?>", "? >")  # ?> ends PHP mode even inside a // comment
    if lang in ("python", "ruby"):
        # "coding: latin-1" in a first-line comment would change how the file's strings are read
        flat = _CODING.sub(r"\1_", flat)
    return flat


# --------------------------------------------------------------------------- values


def value(lang: str, v: Value) -> str:
    """The expression for a semantic value in ``lang``."""
    if isinstance(v, StrValue):
        return string(lang, v.text)
    if isinstance(v, UuidValue):
        if lang == "csharp":
            return f'Guid.Parse("{v.text}")'
        if lang == "java":
            return f'UUID.fromString("{v.text}")'
        return string(lang, v.text)
    if isinstance(v, DecimalValue):
        return v.text + ("m" if lang == "csharp" else "")
    if isinstance(v, IntValue):
        return str(v.value)
    if isinstance(v, BoolValue):
        if lang == "python":
            return "True" if v.value else "False"
        return "true" if v.value else "false"
    if isinstance(v, DateValue):
        return _date(lang, v)
    if isinstance(v, DateTimeValue):
        return _datetime(lang, v)
    if isinstance(v, EnumValue):
        return enum(lang, v)
    if isinstance(v, RefValue):
        return ("$" if lang == "php" else "") + naming.variable(lang, v.var)
    if isinstance(v, ListValue):
        items = ", ".join(value(lang, item) for item in v.items)
        if lang == "java":
            return f"Arrays.asList({items})"
        if lang == "csharp":
            return f"new List<{csharp_type(v.item)}> {{ {items} }}"
        return f"[{items}]"
    raise TypeError(f"no literal for {v!r}")


def _date(lang: str, v: DateValue) -> str:
    d = v.value
    if lang == "python":
        return f"datetime.date({d.year}, {d.month}, {d.day})"
    if lang == "java":
        return f"LocalDate.of({d.year}, Month.{JAVA_MONTHS[d.month - 1]}, {d.day})"
    if lang == "csharp":
        return f"new DateTime({d.year}, {d.month}, {d.day})"
    return string(
        lang, v.iso
    )  # the Node, PHP and Ruby SDKs take date-only values as YYYY-MM-DD strings


def _datetime(lang: str, v: DateTimeValue) -> str:
    iso = v.iso
    if lang == "python":
        return f"datetime.datetime.fromisoformat({string(lang, iso)})"
    if lang == "java":
        return f"OffsetDateTime.parse({string(lang, iso)})"
    if lang == "csharp":
        return f"DateTime.Parse({string(lang, iso)})"
    if lang == "node":
        return f"new Date({string(lang, iso)})"
    if lang == "php":
        return f"new \\DateTime({string(lang, iso)})"
    return string(lang, iso)


def enum(lang: str, v: EnumValue) -> str:
    """An enum member: the SDK constant, or (Python inline unions, plain-string parameters) the string."""
    if not v.owner or (lang == "python" and v.inline):
        return string(lang, v.member)
    constant = naming.enum_constant(lang, v.member, inline=v.inline, field=v.field)
    if lang == "php":
        return f"{PHP_MODELS}{v.owner}::{constant}"
    if lang == "ruby":
        return f"{RUBY_MODELS}{v.owner}::{constant}"
    if v.inline:
        assert v.field is not None
        return f"{v.owner}.{naming.inline_enum_class(lang, v.field)}.{constant}"
    return f"{v.owner}.{constant}"


# --------------------------------------------------------------------------- types

# A type kind's name in each language (named types keep their own name).
_JAVA_TYPES = {
    "string": "String",
    "uuid": "UUID",
    "number": "Double",
    "integer": "Integer",
    "boolean": "Boolean",
    "date": "LocalDate",
    "datetime": "OffsetDateTime",
    "binary": "byte[]",
    "enum": "String",
}
_CSHARP_TYPES = {
    "string": "string",
    "uuid": "Guid",
    "number": "decimal",
    "integer": "int",
    "boolean": "bool",
    "date": "DateTime",
    "datetime": "DateTime",
    "binary": "byte[]",
    "enum": "string",
}


def java_type(ref: TypeRef) -> str:
    """The Java type of a parameter or variable of type ``ref``."""
    kind = ref.kind
    if kind == "array":
        assert ref.item is not None
        return f"List<{java_type(ref.item)}>"
    return _JAVA_TYPES.get(kind) or str(ref.name)


def csharp_type(ref: TypeRef) -> str:
    kind = ref.kind
    if kind == "array":
        assert ref.item is not None
        return f"List<{csharp_type(ref.item)}>"
    return _CSHARP_TYPES.get(kind) or str(ref.name)
