"""Names per language: words joined and cased, reserved words escaped, SDK naming rules.

Every function takes neutral input (a :class:`~generator.model.Name`, a JSON
field name, an enum value) and returns an identifier that is legal in the
target language and matches the official SDK's own naming where the
snippet refers to SDK members (model properties, setters, enum constants,
method names).
"""

from __future__ import annotations

import keyword
import re

from .model import Name

_NON_ALNUM = re.compile(r"[^A-Za-z0-9]")


def snake(name: Name) -> str:
    """``dueDateValue`` -> ``due_date_value``; ``ContactID`` -> ``contact_id`` (the SDK attribute rule)."""
    return "_".join(word.lower() for word in name.words)


def camel(name: Name) -> str:
    """``xero-tenant-id`` -> ``xeroTenantId``; ``IDs`` -> ``iDs``; ``contactID`` -> ``contactID``."""
    words = name.words
    if not words:
        return ""
    return words[0].lower() + "".join(w[:1].upper() + w[1:] for w in words[1:])


def pascal(name: Name) -> str:
    """``updateOrCreateInvoices`` -> ``UpdateOrCreateInvoices``."""
    return "".join(w[:1].upper() + w[1:] for w in name.words)


def upper_snake(name: Name) -> str:
    return "_".join(word.upper() for word in name.words)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- reserved words

# Names the snippets' own boilerplate uses, per language: spec variables must not shadow them.
BOILERPLATE: dict[str, frozenset[str]] = {
    "python": frozenset(
        {
            "api_client",
            "api_instance",
            "api_response",
            "token_store",
            "e",
            "datetime",
            "pathlib",
            "obtain_xero_oauth2_token",
            "store_xero_oauth2_token",
        }
    ),
    "java": frozenset(
        {"accessToken", "apiClient", "apiInstance", "result", "e", "args"}
    ),
    "csharp": frozenset({"accessToken", "apiInstance", "result", "e", "args"}),
    "php": frozenset({"config", "apiInstance", "result", "e", "this"}),
    "node": frozenset({"xero", "response", "error", "err", "main", "fs", "path"}),
    "ruby": frozenset({"xero_client", "creds", "response", "e", "token_set"}),
}

RESERVED: dict[str, frozenset[str]] = {
    "python": frozenset(keyword.kwlist)
    | frozenset(keyword.softkwlist)
    | frozenset(
        {
            "print",
            "type",
            "id",
            "list",
            "dict",
            "str",
            "int",
            "float",
            "bool",
            "bytes",
            "object",
        }
    ),
    "java": frozenset(
        "abstract assert boolean break byte case catch char class const continue default do double else enum "
        "extends final finally float for goto if implements import instanceof int interface long native new "
        "package private protected public return short static strictfp super switch synchronized this throw "
        "throws transient try void volatile while true false null var record yield sealed permits String "
        "List ArrayList Arrays UUID LocalDate OffsetDateTime Month Files Paths System Integer Boolean Double".split()
    ),
    "csharp": frozenset(
        "abstract as base bool break byte case catch char checked class const continue decimal default delegate "
        "do double else enum event explicit extern false finally fixed float for foreach goto if implicit in int "
        "interface internal is lock long namespace new null object operator out override params private "
        "protected public readonly ref return sbyte sealed short sizeof stackalloc static string struct switch "
        "this throw true try typeof uint ulong unchecked unsafe ushort using virtual void volatile while var "
        "async await dynamic nameof value when record Guid DateTime List File Console Task".split()
    ),
    "php": frozenset(),
    "node": frozenset(
        "break case catch class const continue debugger default delete do else enum export extends false finally "
        "for function if import in instanceof new null return super switch this throw true try typeof var void "
        "while with yield let static implements interface package private protected public await async "
        "arguments eval undefined NaN Infinity Date Buffer console process require module exports".split()
    ),
    "ruby": frozenset(
        "BEGIN END alias and begin break case class def defined? do else elsif end ensure false for if in module "
        "next nil not or redo rescue retry return self super then true undef unless until when while yield "
        "__FILE__ __LINE__ __ENCODING__ puts print p require".split()
    ),
}


def escape(lang: str, ident: str) -> str:
    """Make ``ident`` a legal, non-clashing local name in ``lang``."""
    if not ident or ident[0].isdigit():
        ident = "v" + ident
    if ident in RESERVED[lang] or ident in BOILERPLATE[lang]:
        return (
            "@" + ident if lang == "csharp" and ident in RESERVED[lang] else ident + "_"
        )
    return ident


def variable(lang: str, name: Name) -> str:
    """A local variable in ``lang`` (without PHP's ``$``)."""
    raw = snake(name) if lang in ("python", "ruby") else camel(name)
    return escape(lang, raw)


# --------------------------------------------------------------------------- SDK members


_NON_IDENT = re.compile(r"[^A-Za-z0-9_]")


def identifier(text: str) -> str:
    """``text`` as an ASCII identifier: other characters become ``_``, a leading digit gets a ``_``.

    Field names are identifiers already (the type registry refuses others);
    this is the guarantee that nothing else can reach code as a member name.
    """
    ident = _NON_IDENT.sub("_", text)
    return "_" + ident if not ident or ident[0].isdigit() else ident


def python_attr(field: str) -> str:
    """xero-python / xero-ruby model attribute: snake case, keywords prefixed with ``_``."""
    attr = identifier(snake(Name.of(field)))
    return "_" + attr if keyword.iskeyword(attr) or attr in ("class",) else attr


def node_prop(field: str) -> str:
    """xero-node model property: lower-first JSON name; ``class`` becomes ``_class``."""
    prop = identifier(lower_first(field))
    return "_" + prop if prop in RESERVED["node"] and prop == prop.lower() else prop


def csharp_prop(field: str, owner: str) -> str:
    """Xero-NetStandard property: the JSON name, prefixed with ``_`` when it equals the class name."""
    field = identifier(field)
    return "_" + field if field == owner else field


def php_setter(field: str) -> str:
    """xero-php-oauth2 setter: PHP method names are case-insensitive, so the JSON name reads best."""
    return "set" + identifier(field)


def java_field(field: str) -> str:
    """xero-java field name (openapi-generator's camelize: a leading acronym loses its first two capitals' case).

    ``ContactID`` -> ``contactID``; ``COGSAccountCode`` -> ``coGSAccountCode``; ``APIKey`` -> ``apIKey``;
    the reserved ``Class`` -> ``propertyClass``.
    """
    field = identifier(field)
    if (
        len(field) > 2
        and field[0].isupper()
        and field[1].isupper()
        and any(c.islower() for c in field)
    ):
        name = field[:2].lower() + field[2:]
    else:
        name = lower_first(field)
    if name in RESERVED["java"]:
        name = "property" + upper_first(name)
    return name


def java_setter(field: str) -> str:
    return "set" + upper_first(java_field(field))


def java_adder(field: str) -> str:
    return "add" + upper_first(java_field(field)) + "Item"


def inline_enum_class(lang: str, field: str) -> str:
    """The nested enum type of an inline union: ``Type`` -> ``TypeEnum`` (Java: ``Class`` -> ``PropertyClassEnum``)."""
    base = upper_first(java_field(field)) if lang == "java" else upper_first(field)
    return base + "Enum"


def enum_constant(
    lang: str, value: str, *, inline: bool, field: str | None = None
) -> str:
    """The SDK constant for an enum value (docs: research on each SDK's generated enums).

    * Java, Python: upper case, every other character ``_`` (``UTC+12`` -> ``UTC_12``, ``NoTax`` -> ``NOTAX``).
    * C#, Node: the value without non-alphanumerics, case kept (``UTC12``, ``NoTax``).
    * PHP, Ruby: upper snake case of the value's words (``NoTax`` -> ``NO_TAX``); PHP inline members are
      prefixed with the field (``TYPE_ACCREC``).
    Empty values and values starting with a digit get a prefix so that the result is an identifier
    (``_`` and, for Ruby, whose constants are capitalised, ``N``); C# keywords are escaped with ``@``.
    """
    if lang in ("java", "python"):
        constant = _NON_ALNUM.sub("_", value).upper()
    elif lang in ("csharp", "node"):
        constant = _NON_ALNUM.sub("", value)
    else:
        text = re.sub(r"[^A-Za-z0-9]+", "_", value.replace("+", ""))
        text = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", text)
        constant = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", text).strip("_").upper()
    if not constant.strip("_"):  # nothing but punctuation: "_" alone is no Java name
        constant = {"java": "_EMPTY", "csharp": "Empty", "node": "Empty"}.get(
            lang, "EMPTY"
        )
    if lang == "php" and inline and field is not None:
        constant = upper_snake(Name.of(field)) + "_" + constant
    if constant[0].isdigit():
        constant = (
            "N" if lang == "ruby" else "_"
        ) + constant  # Ruby constants are capitalised
    elif lang == "java" and constant.lower() in RESERVED["java"]:
        constant = "_" + constant
    elif lang == "csharp" and constant in RESERVED["csharp"]:
        constant = "@" + constant
    return constant


def method(lang: str, operation_id: str) -> str:
    name = Name.of(operation_id)
    if lang in ("python", "ruby"):
        return snake(name)
    if lang == "csharp":
        return pascal(name) + "Async"
    return operation_id


def php_arg(param_name: str) -> str:
    """A xero-php-oauth2 parameter name (openapi-generator's underscore: ``IDs`` -> ``ids``)."""
    text = re.sub(r"([A-Z]+)([A-Z][a-z][a-z]+)", r"\1_\2", param_name)
    text = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", text)
    return re.sub(r"[^A-Za-z0-9_]", "_", text).lower()


def ruby_opt(param_name: str) -> str:
    """A xero-ruby options-hash key: the SDK's snake rule with ``-`` as ``_`` (``IDs`` -> ``i_ds``)."""
    return snake(Name.of(param_name))
