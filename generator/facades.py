"""SDK facades for Java and C#: just enough of xero-java and Xero.NetStandard.OAuth2 to compile snippets against.

Neither official SDK is on a registry the project reaches, so the snippets are
compiled against stand-ins generated from the model: a model class per type
(the SDK's property, setter and adder names, nested enums, date overloads),
a class per named enum, and an ``AccountingApi`` with the SDK's method
signatures.  Names and types come from :mod:`generator.naming` and
:mod:`generator.literals`, the same functions the snippet templates use, so a
snippet and its facade agree by construction where they should; the shapes
(packages, nullability, return types, the Java ``mimeType`` argument) follow
the SDKs' published signatures.  Method bodies only throw:
facades are for compiling, never for running, and never go into ``output/``.

Date fields: OMG types declare them ``string``; the SDKs model the fields the
OpenAPI companion marks ``x-is-msdate`` as dates.  Xero's Java SDK keeps a
``String`` field with a ``setX(LocalDate)`` overload (``OffsetDateTime`` for
``x-is-msdate-time``), its C# SDK types the property ``DateTime?``.  Without a
companion, a field an example assigns a date to is taken as one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import literals, naming
from .model import (
    Api,
    DateTimeValue,
    DateValue,
    Field,
    ObjectBuild,
    Operation,
    RefValue,
    TypeDef,
    TypeRef,
    Value,
)
from .render import make_env

FacadeLang = Literal["java", "csharp"]
DateKind = Literal["date", "datetime"]


@dataclass(frozen=True)
class EnumView:
    name: str  # the class (Java, C#) of the enum
    constants: tuple[tuple[str, str], ...]  # (constant, JSON value)


@dataclass(frozen=True)
class PropertyView:
    field: Field
    name: str  # Java: the field name (``contactID``); C#: the property name (``ContactID``, ``_Invoices``)
    type: str  # the declared type
    setter: str = ""  # Java
    getter: str = ""  # Java
    adder: str = ""  # Java list properties: ``addLineItemsItem``
    item_type: str = ""  # Java list properties: the element type
    date_type: str = (
        ""  # Java date fields: the overload's type (LocalDate, OffsetDateTime)
    )
    enum: EnumView | None = None  # an inline union: the nested enum


@dataclass(frozen=True)
class ClassView:
    typedef: TypeDef
    properties: tuple[PropertyView, ...]


@dataclass(frozen=True)
class ParamView:
    type: str
    name: str
    optional: bool


@dataclass(frozen=True)
class MethodView:
    op: Operation
    name: str
    returns: str  # Java: ``void`` when nothing; C#: the ``Task`` type
    params: tuple[ParamView, ...]


class FacadeView:
    """What the facade templates of one language need, computed from the model."""

    def __init__(self, api: Api, lang: FacadeLang) -> None:
        self.api = api
        self.lang = lang
        self.dates = date_fields(api)
        self.enums = tuple(
            self._enum(t.name, t.members, inline=False, field=None)
            for t in api.types
            if t.is_enum
        )
        self.classes = tuple(self._class(t) for t in api.types if not t.is_enum)
        self.methods = tuple(self._method(op) for op in api.operations)

    # ---- types

    def _enum(
        self, name: str, members: tuple[str, ...], *, inline: bool, field: str | None
    ) -> EnumView:
        constants = tuple(
            (naming.enum_constant(self.lang, m, inline=inline, field=field), m)
            for m in members
        )
        return EnumView(name, constants)

    def _class(self, typedef: TypeDef) -> ClassView:
        return ClassView(
            typedef, tuple(self._property(typedef, f) for f in typedef.fields)
        )

    def _property(self, typedef: TypeDef, field: Field) -> PropertyView:
        ref = field.type
        enum = None
        if ref.is_enum or (ref.item is not None and ref.item.is_enum):
            members = ref.members if ref.is_enum else ref.item.members  # type: ignore[union-attr]
            enum = self._enum(
                naming.inline_enum_class(self.lang, field.name),
                members,
                inline=True,
                field=field.name,
            )
        date = self.dates.get((typedef.name, field.name))
        if self.lang == "java":
            item = self._java_type(ref.item, enum) if ref.item is not None else ""
            return PropertyView(
                field,
                naming.java_field(field.name),
                self._java_type(ref, enum),
                setter=naming.java_setter(field.name),
                getter="get" + naming.upper_first(naming.java_field(field.name)),
                adder=naming.java_adder(field.name) if ref.is_array else "",
                item_type=item,
                date_type=(
                    ("OffsetDateTime" if date == "datetime" else "LocalDate")
                    if date is not None and ref.kind == "string"
                    else ""
                ),
                enum=enum,
            )
        cs_type = (
            "DateTime?"
            if date is not None and ref.kind == "string"
            else self._csharp_type(ref, enum)
        )
        return PropertyView(
            field, naming.csharp_prop(field.name, typedef.name), cs_type, enum=enum
        )

    def _java_type(self, ref: TypeRef, enum: EnumView | None) -> str:
        if ref.is_enum and enum is not None:
            return enum.name
        if ref.is_array and ref.item is not None:
            return f"List<{self._java_type(ref.item, enum)}>"
        return literals.java_type(ref)

    def _csharp_type(self, ref: TypeRef, enum: EnumView | None) -> str:
        """A property type: value types nullable, enums not (as the SDK declares them)."""
        if ref.is_enum and enum is not None:
            return enum.name
        if ref.is_array and ref.item is not None:
            item = (
                enum.name
                if ref.item.is_enum and enum is not None
                else literals.csharp_type(ref.item)
            )
            return f"List<{item}>"
        base = literals.csharp_type(ref)
        return base + "?" if base in _CS_VALUE_TYPES else base

    # ---- operations

    def _method(self, op: Operation) -> MethodView:
        params: list[ParamView] = []
        optional = False
        for arg in op.call:
            if arg.param is not None:
                ref = arg.param.type
                # C#: once a parameter is optional, every later one must be too
                optional = optional or not arg.required
                if self.lang == "java":
                    type_ = literals.java_type(ref)
                else:
                    type_ = literals.csharp_type(ref)
                    if optional and type_ in _CS_VALUE_TYPES:
                        type_ += "?"
            else:
                assert arg.body is not None
                type_ = "byte[]" if arg.body.binary else str(arg.body.type.name)
            params.append(
                ParamView(type_, naming.variable(self.lang, arg.var), optional)
            )
        if self.lang == "java" and op.body is not None and op.body.binary:
            params.append(ParamView("String", "mimeType", False))
        returns = op.returns
        if self.lang == "java":
            result = (
                "void"
                if returns is None
                else (
                    "ByteArrayInputStream" if returns.is_binary else str(returns.name)
                )
            )
        else:
            result = (
                "Task"
                if returns is None
                else (
                    "Task<System.IO.Stream>"
                    if returns.is_binary
                    else f"Task<{returns.name}>"
                )
            )
        return MethodView(op, naming.method(self.lang, op.id), result, tuple(params))


_CS_VALUE_TYPES = frozenset({"Guid", "decimal", "int", "bool", "DateTime"})


def date_fields(api: Api) -> dict[tuple[str, str], DateKind]:
    """(type, field) of the string fields the SDKs take dates for.

    The companion's ``x-is-msdate`` marks (``Field.sdk_date``), and, for specs without
    one, the fields an example assigns a date or timestamp to.
    """
    found: dict[tuple[str, str], DateKind] = {
        (t.name, f.name): f.sdk_date
        for t in api.types
        for f in t.fields
        if f.sdk_date is not None
    }
    for op in api.operations:
        example = op.example
        if example is None:
            continue
        dates: dict[str, Value] = {d.var.key: d.value for d in example.dates}
        for statement in example.statements:
            if not isinstance(statement, ObjectBuild):
                continue
            typedef = api.type(statement.type_name)
            for fs in statement.fields:
                value: Value | None = fs.value
                if isinstance(value, RefValue):
                    value = dates.get(value.var.key)
                key = (statement.type_name, fs.field.name)
                declared = typedef.field(fs.field.name)
                if declared is None or declared.type.kind != "string" or key in found:
                    continue
                if isinstance(value, DateValue):
                    found[key] = "date"
                elif isinstance(value, DateTimeValue):
                    found[key] = "datetime"
    return found


# --------------------------------------------------------------------------- rendering

JAVA_MODELS = "com/xero/models/accounting"


def render_facades(
    api: Api, lang: FacadeLang, templates: Path | None = None
) -> dict[str, str]:
    """The facade sources of ``lang``: relative path -> text."""
    view = FacadeView(api, lang)
    env = make_env(templates)
    env.filters["java_str"] = functools.partial(literals.string, "java")
    env.filters["cs_str"] = functools.partial(literals.string, "csharp")
    files: dict[str, str] = {}
    if lang == "java":
        for name in ("ApiClient", "XeroException"):
            files[f"com/xero/api/{name}.java"] = env.get_template(
                f"facades/java/{name}.java.j2"
            ).render(view=view)
        for name in ("LocalDate", "Month", "OffsetDateTime"):
            files[f"org/threeten/bp/{name}.java"] = env.get_template(
                f"facades/java/threetenbp/{name}.java.j2"
            ).render(view=view)
        files["com/xero/api/client/AccountingApi.java"] = env.get_template(
            "facades/java/AccountingApi.java.j2"
        ).render(view=view)
        model = env.get_template("facades/java/model.java.j2")
        for cls in view.classes:
            files[f"{JAVA_MODELS}/{cls.typedef.name}.java"] = model.render(
                view=view, cls=cls
            )
        enum = env.get_template("facades/java/enum.java.j2")
        for en in view.enums:
            files[f"{JAVA_MODELS}/{en.name}.java"] = enum.render(view=view, enum=en)
        return files
    for name in ("Client", "Api", "Models"):
        files[f"{name}.cs"] = env.get_template(f"facades/csharp/{name}.cs.j2").render(
            view=view
        )
    return files


def write_facades(api: Api, lang: FacadeLang, root: Path) -> list[Path]:
    """Write the facade sources of ``lang`` under ``root``; the written paths, sorted."""
    written = []
    for relative, text in sorted(render_facades(api, lang).items()):
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
