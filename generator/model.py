"""The language-neutral intermediate model.

Everything here is a frozen :class:`msgspec.Struct` (a dataclass made in C:
quick to define, compare, hash and pickle) and this module imports nothing from the
project: the loader and builder produce these objects, the renderer and the
templates only read them.  Names are carried as :class:`Name` (the words of an
identifier) and values semantically (a date is a :class:`DateValue`), so that
casing and literal syntax are decided per language by filters, never here.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import Literal

from msgspec import Struct, field

# --------------------------------------------------------------------------- names

_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")
_ACRONYM_BOUNDARY = re.compile(r"([A-Z]+)([A-Z][a-z])")
_CASE_BOUNDARY = re.compile(r"([a-z0-9])([A-Z])")


@functools.lru_cache(maxsize=65536)
def split_words(raw: str) -> tuple[str, ...]:
    """Split an identifier into words, keeping each word's case.

    The boundaries are those of the Xero SDKs' attribute rule: an upper-case
    run before a Capital+lower pair (``COGSAccount`` -> ``COGS``, ``Account``),
    and a lower-case letter or digit before an upper-case letter
    (``AddressLine1`` -> ``Address``, ``Line1``).  Any other character
    separates words.
    """
    text = _ACRONYM_BOUNDARY.sub(r"\1 \2", raw)
    text = _CASE_BOUNDARY.sub(r"\1 \2", text)
    return tuple(word for word in _SEPARATORS.split(text) if word)


class Name(Struct, frozen=True, order=True):
    """An identifier as words; languages join and case them."""

    words: tuple[str, ...]

    @classmethod
    def of(cls, raw: str) -> Name:
        return _name_of(raw)

    @property
    def key(self) -> str:
        """Case-insensitive identity: two names with equal keys collide."""
        return "_".join(word.lower() for word in self.words)

    def __str__(self) -> str:
        return self.key


@functools.lru_cache(maxsize=65536)
def _name_of(raw: str) -> Name:
    return Name(split_words(raw))


# --------------------------------------------------------------------------- types

Primitive = Literal[
    "string", "uuid", "number", "integer", "boolean", "date", "datetime", "binary"
]
PRIMITIVES: frozenset[str] = frozenset(
    ("string", "uuid", "number", "integer", "boolean", "date", "datetime", "binary")
)


class Location(Struct, frozen=True):
    """Where a spec element was written: a path as shown to users, and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class TypeRef(Struct, frozen=True):
    """A type expression after parsing.

    ``kind`` is a primitive name, ``"enum"`` (an inline union of string
    literals), ``"named"`` (a reference to a :class:`TypeDef`) or ``"array"``.
    ``binary`` is a string with ``@format("byte")`` or ``@format("binary")``.
    """

    kind: str
    name: str | None = None
    item: TypeRef | None = None
    members: tuple[str, ...] = ()
    format: str | None = None

    @property
    def is_array(self) -> bool:
        return self.kind == "array"

    @property
    def is_named(self) -> bool:
        return self.kind == "named"

    @property
    def is_enum(self) -> bool:
        return self.kind == "enum"

    @property
    def is_binary(self) -> bool:
        return self.kind == "binary"

    def __str__(self) -> str:
        if self.kind == "named":
            return str(self.name)
        if self.kind == "array":
            return f"{self.item}[]"
        if self.kind == "enum":
            return " | ".join(f'"{m}"' for m in self.members)
        return self.kind


class Field(Struct, frozen=True):
    """A property of an object type, under its JSON name (``DueDate``).

    ``sdk_date`` marks a ``string`` field that the SDKs model as a date
    (``"date"``) or a timestamp (``"datetime"``), sent in Microsoft JSON
    date format; OMG has no such format, the OpenAPI companion says so.
    """

    name: str
    type: TypeRef
    required: bool
    default: Value | None
    max_length: int | None
    description: str | None
    loc: Location
    sdk_date: Literal["date", "datetime"] | None = None

    @property
    def words(self) -> Name:
        return Name.of(self.name)


class TypeDef(Struct, frozen=True):
    """A named type from an ``omg.type`` block: an object or an enum alias."""

    name: str
    fields: tuple[Field, ...]
    members: tuple[str, ...]
    is_enum: bool
    description: str | None
    loc: Location

    def field(self, name: str) -> Field | None:
        for candidate in self.fields:
            if candidate.name == name:
                return candidate
        return None


# --------------------------------------------------------------------------- values


class StrValue(Struct, frozen=True):
    text: str
    kind: Literal["str"] = "str"


class UuidValue(Struct, frozen=True):
    text: str
    kind: Literal["uuid"] = "uuid"


class DecimalValue(Struct, frozen=True):
    value: Decimal
    kind: Literal["decimal"] = "decimal"

    @property
    def text(self) -> str:
        """The value with at least one decimal digit: ``1`` -> ``1.0``."""
        text = format(self.value, "f")
        return text if "." in text else text + ".0"


class IntValue(Struct, frozen=True):
    value: int
    kind: Literal["int"] = "int"


class BoolValue(Struct, frozen=True):
    value: bool
    kind: Literal["bool"] = "bool"


class DateValue(Struct, frozen=True):
    value: dt.date
    kind: Literal["date"] = "date"

    @property
    def iso(self) -> str:
        return self.value.isoformat()


class DateTimeValue(Struct, frozen=True):
    value: dt.datetime
    kind: Literal["datetime"] = "datetime"

    @property
    def iso(self) -> str:
        """ISO 8601 with the precision the value has (milliseconds stay milliseconds)."""
        micro = self.value.microsecond
        timespec = (
            "seconds"
            if micro == 0
            else ("milliseconds" if micro % 1000 == 0 else "microseconds")
        )
        return self.value.isoformat(timespec=timespec)


class EnumValue(Struct, frozen=True):
    """A member of an enum.

    ``owner`` is the class that declares it: the enum alias type itself
    (``LineAmountTypes``) or, for an inline union, the object type holding the
    field (``Invoice``, field ``Type``).  ``member`` is the JSON value.
    """

    owner: str
    field: str | None
    member: str
    kind: Literal["enum"] = "enum"

    @property
    def inline(self) -> bool:
        return self.field is not None


class RefValue(Struct, frozen=True):
    """A reference to a variable declared earlier in the snippet."""

    var: Name
    kind: Literal["ref"] = "ref"


class ListValue(Struct, frozen=True):
    """A list literal (of references or scalars) with its element type."""

    item: TypeRef
    items: tuple[Value, ...]
    kind: Literal["list"] = "list"


Value = (
    StrValue
    | UuidValue
    | DecimalValue
    | IntValue
    | BoolValue
    | DateValue
    | DateTimeValue
    | EnumValue
    | RefValue
    | ListValue
)


# --------------------------------------------------------------------------- example tree


class FieldSet(Struct, frozen=True):
    """One property assignment of an object build."""

    field: Field
    value: Value


class DateDecl(Struct, frozen=True):
    """A date variable, declared before anything else."""

    var: Name
    value: DateValue
    kind: Literal["date"] = "date"


class ObjectBuild(Struct, frozen=True):
    """An object of a model class, built from field assignments."""

    var: Name
    type_name: str
    fields: tuple[FieldSet, ...]
    kind: Literal["object"] = "object"


class ListBuild(Struct, frozen=True):
    """A list variable holding earlier-declared objects."""

    var: Name
    item_type: str
    items: tuple[Name, ...]
    kind: Literal["list"] = "list"


Statement = DateDecl | ObjectBuild | ListBuild


class Example(Struct, frozen=True):
    """The decoded ``x-example``: statements in declaration order.

    Every reference points to an earlier statement; ``body`` names the
    variable passed as the request body.
    """

    statements: tuple[Statement, ...]
    body: Name

    @property
    def dates(self) -> tuple[DateDecl, ...]:
        return tuple(s for s in self.statements if isinstance(s, DateDecl))

    @property
    def builds(self) -> tuple[ObjectBuild | ListBuild, ...]:
        return tuple(s for s in self.statements if not isinstance(s, DateDecl))


# --------------------------------------------------------------------------- operations

ParamIn = Literal["path", "query", "header"]


class Param(Struct, frozen=True):
    """An operation parameter with the example value snippets declare."""

    name: str
    location: ParamIn
    type: TypeRef
    required: bool
    example: Value
    default: Value | None
    description: str | None
    loc: Location

    @property
    def var(self) -> Name:
        return Name.of(self.name)


class Body(Struct, frozen=True):
    """The request body: a model type, or bytes read from a file."""

    type: TypeRef
    var: Name
    example: Example | None
    loc: Location
    media_type: str = "application/json"
    # binary bodies: the file to read (a reference or a path)
    source: Value | None = None

    @property
    def binary(self) -> bool:
        return self.type.is_binary


class Response(Struct, frozen=True):
    status: int
    type: TypeRef | None
    loc: Location
    media_type: str | None = None

    @property
    def binary(self) -> bool:
        return self.type is not None and self.type.is_binary


class Arg(Struct, frozen=True):
    """One argument of the SDK call, in call order: a parameter or the body."""

    param: Param | None = None
    body: Body | None = None

    @property
    def var(self) -> Name:
        if self.param is not None:
            return self.param.var
        assert self.body is not None
        return self.body.var

    @property
    def required(self) -> bool:
        return self.param.required if self.param is not None else True


class Operation(Struct, frozen=True, dict=True):  # dict: for its cached properties
    id: str
    method: str
    path: str
    summary: str | None
    description: str | None
    deprecated: bool
    tags: tuple[str, ...]
    scopes: tuple[str, ...]
    params: tuple[Param, ...]
    body: Body | None
    call: tuple[Arg, ...]
    responses: tuple[Response, ...]
    loc: Location
    download_name: str | None = None
    wire_path: str = (
        ""  # the path requests go to (x-path), when it differs from the spec's path key
    )

    @property
    def name(self) -> Name:
        return Name.of(self.id)

    @property
    def success(self) -> Response | None:
        """The 2xx response, if any."""
        for response in self.responses:
            if 200 <= response.status < 300:
                return response
        return None

    @property
    def returns(self) -> TypeRef | None:
        success = self.success
        return success.type if success is not None else None

    @property
    def example(self) -> Example | None:
        return self.body.example if self.body is not None else None

    @functools.cached_property
    def path_parts(self) -> tuple[tuple[str, Param | None], ...]:
        """The request path as literal text and path parameters, in order."""
        parts: list[tuple[str, Param | None]] = []
        by_name = {p.name: p for p in self.params if p.location == "path"}
        for index, piece in enumerate(re.split(r"\{([^{}]*)\}", self.request_path)):
            if index % 2:
                parts.append(("", by_name[piece]))
            elif piece:
                parts.append((piece, None))
        return tuple(parts)

    @property
    def request_path(self) -> str:
        """The path the request goes to (the spec's path unless x-path says otherwise)."""
        return self.wire_path or self.path

    def params_in(self, location: ParamIn) -> tuple[Param, ...]:
        return tuple(p for p in self.params if p.location == location)

    @functools.cached_property
    def values(self) -> tuple[Value, ...]:
        """Every value the snippet writes: parameter examples and example fields, lists flattened."""
        found: list[Value] = []
        for param in self.params:
            found.extend(_flatten(param.example))
        example = self.example
        if example is not None:
            for statement in example.statements:
                if isinstance(statement, DateDecl):
                    found.append(statement.value)
                elif isinstance(statement, ObjectBuild):
                    for fs in statement.fields:
                        found.extend(_flatten(fs.value))
        return tuple(found)

    @functools.cached_property
    def value_kinds(self) -> frozenset[str]:
        """The kinds of value in the snippet (``"uuid"``, ``"date"``, ``"list"`` ...), for imports."""
        kinds = {v.kind for v in self.values}
        example = self.example
        if any(isinstance(p.example, ListValue) for p in self.params) or (
            example is not None
            and any(isinstance(s, ListBuild) for s in example.statements)
        ):
            kinds.add("list")
        return frozenset(kinds)

    @functools.cached_property
    def classes(self) -> tuple[str, ...]:
        """Model classes the snippet constructs or declares lists of, sorted."""
        example = self.example
        if example is None:
            return ()
        names = {s.type_name for s in example.statements if isinstance(s, ObjectBuild)}
        names |= {s.item_type for s in example.statements if isinstance(s, ListBuild)}
        return tuple(sorted(names))

    @functools.cached_property
    def named_enums(self) -> tuple[str, ...]:
        """Enum types whose members the snippet names, sorted."""
        return tuple(
            sorted(
                {
                    v.owner
                    for v in self.values
                    if isinstance(v, EnumValue) and v.owner and not v.inline
                }
            )
        )

    @functools.cached_property
    def enum_owners(self) -> tuple[str, ...]:
        """Classes that declare the inline enums the snippet names, sorted."""
        return tuple(
            sorted(
                {v.owner for v in self.values if isinstance(v, EnumValue) and v.inline}
            )
        )


def _flatten(value: Value) -> list[Value]:
    if isinstance(value, ListValue):
        return [value, *(v for item in value.items for v in _flatten(item))]
    return [value]


class Api(Struct, frozen=True):
    """Everything the renderer needs: operations sorted by id, types by name."""

    title: str
    version: str | None
    base_url: str
    operations: tuple[Operation, ...]
    types: tuple[TypeDef, ...] = field(default=())

    def type(self, name: str) -> TypeDef:
        for typedef in self.types:
            if typedef.name == name:
                return typedef
        raise KeyError(name)
