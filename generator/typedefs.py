"""Types: ``omg.type`` blocks into a registry of :class:`TypeDef`, type expressions into :class:`TypeRef`.

Types are indexed by the name they declare, never by file name.  This module
also knows how a spec value (an annotation argument, an ``x-example``
default) becomes a semantic :class:`~generator.model.Value` of a given type.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from typing import Any

from msgspec import Struct

from .errors import Diagnostics, close_matches
from .load import Block, SpecTree
from .model import (
    PRIMITIVES,
    BoolValue,
    DateTimeValue,
    DateValue,
    DecimalValue,
    EnumValue,
    Field,
    IntValue,
    ListValue,
    Location,
    StrValue,
    TypeDef,
    TypeRef,
    UuidValue,
    Value,
)
from .schema import SchemaSyntaxError, SType, parse_block

_ALIASES = {"int": "integer", "bool": "boolean", "double": "number", "float": "number"}
_FORMAT_KINDS = {
    "byte": "binary",
    "binary": "binary",
    "uuid": "uuid",
    "date": "date",
    "date-time": "datetime",
}
_TYPE_NAME = re.compile(r"[A-Z][A-Za-z0-9_]*")
_FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_DECLARED = re.compile(r"\s*type\s+([A-Za-z_][A-Za-z0-9_]*)\s*=")


class ValueMismatch(Exception):
    """A value that does not fit its type; the message says what was expected."""


class _Pending(Struct):
    name: str
    stype: SType
    loc: Location
    base: int
    description: str | None


class TypeRegistry:
    """All named types of a spec tree."""

    def __init__(
        self, types: dict[str, TypeDef], broken: frozenset[str] = frozenset()
    ) -> None:
        self.types = types
        self.broken = broken  # declared, but with errors reported at the declaration

    def __contains__(self, name: object) -> bool:
        return name in self.types

    def get(self, name: str) -> TypeDef | None:
        return self.types.get(name)

    def sorted(self) -> tuple[TypeDef, ...]:
        return tuple(self.types[name] for name in sorted(self.types))

    def suggest(self, name: str) -> str:
        close = close_matches(name, self.types, n=3)
        if close:
            return f" (did you mean {', '.join(close)}?)"
        return ""

    def reachable(self, roots: list[TypeRef]) -> list[str]:
        """Names of the types reachable from ``roots``, sorted."""
        seen: set[str] = set()
        stack = [r for r in roots]
        while stack:
            ref = stack.pop()
            while ref.item is not None:
                ref = ref.item
            if ref.kind != "named" or ref.name in seen or ref.name not in self.types:
                continue
            assert ref.name is not None
            seen.add(ref.name)
            stack.extend(f.type for f in self.types[ref.name].fields)
        return sorted(seen)


def build_registry(tree: SpecTree, diag: Diagnostics) -> TypeRegistry:
    """Parse every ``omg.type`` block of the tree into a registry."""
    pending: dict[str, _Pending] = {}
    broken: set[str] = set()
    for document in tree.documents:
        for block in document.blocks:
            if block.kind != "type":
                continue
            declared = _declaration(block, diag, broken)
            if declared is None:
                continue
            name, stype, line = declared
            loc = Location(block.file, line)
            if name in pending:
                other = pending[name].loc
                diag.error(
                    loc.file,
                    loc.line,
                    f"type '{name}' is declared twice (first at {other}); expected one declaration per name",
                    "type",
                )
                continue
            pending[name] = _Pending(name, stype, loc, block.line - 1, document.title)
    names = set(pending)
    types: dict[str, TypeDef] = {}
    for name in sorted(pending):
        types[name] = _typedef(pending[name], names, diag, broken)
    registry = TypeRegistry(types, frozenset(broken - names))
    _check_cycles(registry, diag)
    return registry


def _declaration(
    block: Block, diag: Diagnostics, broken: set[str]
) -> tuple[str, SType, int] | None:
    """The name and type a block declares; the name of a block with errors goes to ``broken``.

    References to a broken type are not reported again: the one error at the
    declaration says what is wrong.
    """
    declared = _DECLARED.match(block.text)
    try:
        parsed = parse_block(block.text, declaration=True)
    except SchemaSyntaxError as exc:
        diag.error(block.file, block.line + exc.line - 1, exc.message, "syntax")
        if declared is not None:
            broken.add(declared.group(1))
        return None
    assert parsed.name is not None
    line = block.line + parsed.line - 1
    broken.add(parsed.name)  # until it passes the checks below
    if not _TYPE_NAME.fullmatch(parsed.name):
        diag.error(
            block.file,
            line,
            f"type name '{parsed.name}' must start with an upper-case letter",
            "type",
        )
        return None
    if parsed.type.kind not in ("object", "enum"):
        diag.error(
            block.file,
            line,
            f"type '{parsed.name}' must be an object '{{ ... }}' or an enum '\"A\" | \"B\"'",
            "type",
        )
        return None
    broken.discard(parsed.name)
    return parsed.name, parsed.type, line


def _typedef(
    pending: _Pending, names: set[str], diag: Diagnostics, broken: set[str]
) -> TypeDef:
    stype, loc = pending.stype, pending.loc
    if stype.kind == "enum":
        return TypeDef(
            pending.name, (), tuple(stype.members), True, pending.description, loc
        )
    fields = []
    for prop in stype.props:
        ploc = Location(loc.file, pending.base + prop.line)
        if not _FIELD_NAME.fullmatch(prop.key):
            diag.error(
                ploc.file,
                ploc.line,
                f"field name {prop.key!r} of type {pending.name} is not an identifier; "
                "expected letters, digits and '_', starting with a letter",
                "type",
            )
            continue
        ref = type_ref(prop.type, ploc, names, diag, broken)
        if ref is None:
            continue
        fields.append(
            make_field(
                prop.key,
                ref,
                not prop.optional,
                prop.type,
                prop.description,
                ploc,
                diag,
            )
        )
    return TypeDef(pending.name, tuple(fields), (), False, pending.description, loc)


def make_field(
    name: str,
    ref: TypeRef,
    required: bool,
    stype: SType,
    description: str | None,
    loc: Location,
    diag: Diagnostics,
) -> Field:
    """A field with its ``@default`` and ``@maxLength`` applied."""
    default: Value | None = None
    max_length: int | None = None
    for annotation in _annotations(stype):
        arg = annotation.args[0]
        if annotation.name == "default":
            try:
                default = coerce(arg, ref)
            except ValueMismatch as exc:
                diag.error(loc.file, loc.line, f"@default of '{name}': {exc}", "value")
        elif annotation.name == "maxLength":
            if not isinstance(arg, int) or isinstance(arg, bool) or arg < 0:
                diag.error(
                    loc.file,
                    loc.line,
                    f"@maxLength of '{name}' must be a non-negative integer",
                    "value",
                )
            else:
                max_length = arg
    return Field(name, ref, required, default, max_length, description, loc)


def _annotations(stype: SType) -> list[Any]:
    found = list(stype.annotations)
    if stype.item is not None:
        found.extend(stype.item.annotations)
    return found


def annotation(stype: SType, name: str) -> Any:
    """The argument of annotation ``@name`` on ``stype``, or ``None``."""
    for candidate in _annotations(stype):
        if candidate.name == name:
            return candidate.args[0]
    return None


def type_ref(
    stype: SType,
    loc: Location,
    names: set[str] | TypeRegistry,
    diag: Diagnostics,
    broken: Collection[str] = (),
) -> TypeRef | None:
    """Resolve a parsed type expression; unknown names are reported, broken ones skipped quietly."""
    if stype.kind == "array":
        assert stype.item is not None
        item = type_ref(stype.item, loc, names, diag, broken)
        return None if item is None else TypeRef("array", item=item)
    if stype.kind == "enum":
        return TypeRef("enum", members=tuple(stype.members))
    if stype.kind == "literal":
        return TypeRef("string")
    if stype.kind == "object":
        diag.error(
            loc.file,
            loc.line,
            "inline object types are not supported; declare a named type with omg.type",
            "type",
        )
        return None
    assert stype.name is not None
    lowered = _ALIASES.get(stype.name.lower(), stype.name.lower())
    if lowered in PRIMITIVES:
        fmt = annotation(stype, "format")
        fmt = str(fmt) if fmt is not None else None
        kind = lowered
        if lowered == "string" and fmt in _FORMAT_KINDS:
            kind = _FORMAT_KINDS[fmt]
        return TypeRef(kind, format=fmt)
    known = names.types.keys() if isinstance(names, TypeRegistry) else names
    if isinstance(names, TypeRegistry):
        broken = names.broken
    if stype.name not in known and stype.name in broken:
        return None  # its declaration has errors, reported there
    if stype.name not in known:
        close = close_matches(stype.name, sorted(known), n=3)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        primitives = ", ".join(sorted(PRIMITIVES - {"binary"}))
        diag.error(
            loc.file,
            loc.line,
            f"unknown type '{stype.name}'{hint}; expected a declared type or one of {primitives}",
            "unknown-type",
        )
        return None
    return TypeRef("named", name=stype.name)


def _check_cycles(registry: TypeRegistry, diag: Diagnostics) -> None:
    """Report types that contain themselves through required, non-array fields.

    Such a type has no finite value.  Each strongly connected group of types is
    reported once, with one cycle through its first type; the search is
    iterative and linear, so long chains of types cost no stack.
    """
    edges = {
        name: [
            f
            for f in typedef.fields
            if f.required and f.type.kind == "named" and f.type.name in registry
        ]
        for name, typedef in sorted(registry.types.items())
    }
    for group in _strong_components(
        {name: [str(f.type.name) for f in fields] for name, fields in edges.items()}
    ):
        start = min(group)
        chain = _cycle(start, group, edges)
        if chain is None:
            continue  # a single type that does not refer to itself
        steps = [start, *(str(f.type.name) for f in chain)]
        if len(steps) > 8:  # a long circle: its ends say enough
            steps = [*steps[:4], f"... ({len(steps) - 7} more)", *steps[-3:]]
        names = " -> ".join(steps)
        first = chain[0]
        diag.error(
            first.loc.file,
            first.loc.line,
            f"type cycle through required fields: {names}; make one of the fields optional",
            "type-cycle",
        )


def _strong_components(graph: dict[str, list[str]]) -> list[set[str]]:
    """Tarjan's strongly connected components, without recursion, in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[set[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = graph.get(node, [])
            if position < len(targets):
                work.append((node, position + 1))
                target = targets[position]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                group = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def _cycle(
    start: str, group: set[str], edges: dict[str, list[Field]]
) -> list[Field] | None:
    """The shortest chain of fields from ``start`` back to itself inside ``group``."""
    came: dict[str, tuple[str, Field] | None] = {start: None}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for name in frontier:
            for f in edges.get(name, []):
                target = str(f.type.name)
                if target == start:
                    chain = [f]
                    step = came[name]
                    while step is not None:
                        chain.append(step[1])
                        step = came[step[0]]
                    return chain[::-1]
                if target in group and target not in came:
                    came[target] = (name, f)
                    following.append(target)
        frontier = following
    return None


# --------------------------------------------------------------------------- values


def coerce(
    raw: object,
    ref: TypeRef,
    registry: TypeRegistry | None = None,
    owner: str | None = None,
    field: str | None = None,
) -> Value:
    """The semantic value of ``raw`` (from YAML or an annotation) as type ``ref``.

    Raises :class:`ValueMismatch` naming what was expected.
    """
    kind = ref.kind
    if isinstance(raw, (list, dict)) and kind != "array":
        found = "list" if isinstance(raw, list) else "mapping"
        raise ValueMismatch(
            f"expected a single {_expected(ref)} value, found the {found} {_show(raw)}"
        )
    if kind in ("string", "binary"):
        if isinstance(raw, bool) or raw is None:
            raise ValueMismatch(f"expected a string, found {_show(raw)}")
        if isinstance(raw, float):
            return StrValue(repr(raw))
        if isinstance(raw, (dt.date, dt.datetime)):
            return StrValue(raw.isoformat())
        return StrValue(str(raw))
    if kind == "uuid":
        text = str(raw) if raw is not None and not isinstance(raw, bool) else ""
        try:
            return UuidValue(str(uuid.UUID(text)))
        except ValueError:
            raise ValueMismatch(
                f"expected a UUID such as 00000000-0000-0000-0000-000000000000, found {_show(raw)}"
            ) from None
    if kind == "number":
        if isinstance(raw, bool) or raw is None:
            raise ValueMismatch(f"expected a number, found {_show(raw)}")
        try:
            value = Decimal(str(raw).strip())
        except InvalidOperation:
            raise ValueMismatch(f"expected a number, found {_show(raw)}") from None
        if not value.is_finite():
            raise ValueMismatch(f"expected a finite number, found {_show(raw)}")
        return DecimalValue(value)
    if kind == "integer":
        if isinstance(raw, bool):
            raise ValueMismatch(f"expected an integer, found {_show(raw)}")
        if isinstance(raw, int):
            return IntValue(raw)
        if isinstance(raw, str) and re.fullmatch(r"-?\d{1,18}", raw.strip()):
            return IntValue(int(raw))
        raise ValueMismatch(f"expected an integer, found {_show(raw)}")
    if kind == "boolean":
        if isinstance(raw, bool):
            return BoolValue(raw)
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return BoolValue(raw.strip().lower() == "true")
        raise ValueMismatch(f"expected true or false, found {_show(raw)}")
    if kind == "date":
        if isinstance(raw, dt.datetime):
            return DateValue(raw.date())
        if isinstance(raw, dt.date):
            return DateValue(raw)
        try:
            return DateValue(dt.date.fromisoformat(str(raw).strip()))
        except ValueError:
            raise ValueMismatch(
                f"expected a date YYYY-MM-DD, found {_show(raw)}"
            ) from None
    if kind == "datetime":
        if isinstance(raw, dt.datetime):
            value_dt = raw
        else:
            try:
                value_dt = dt.datetime.fromisoformat(
                    str(raw).strip().replace("Z", "+00:00")
                )
            except ValueError:
                raise ValueMismatch(
                    f"expected a date-time such as 2020-02-06T12:17:43.202-08:00, found {_show(raw)}"
                ) from None
        if value_dt.tzinfo is None:
            value_dt = value_dt.replace(tzinfo=dt.timezone.utc)
        return DateTimeValue(value_dt)
    if kind == "enum":
        text = str(raw)
        if text not in ref.members:
            raise ValueMismatch(
                f"expected one of {_members(ref.members)}, found {_show(raw)}"
            )
        return EnumValue(owner or "", field, text)
    if kind == "array":
        assert ref.item is not None
        items = raw if isinstance(raw, list) else [raw]
        if isinstance(raw, str) and "," in raw and ref.item.kind in ("string", "uuid"):
            items = [part.strip() for part in raw.split(",")]
        return ListValue(
            ref.item,
            tuple(coerce(item, ref.item, registry, owner, field) for item in items),
        )
    if kind == "named" and registry is not None:
        typedef = registry.get(str(ref.name))
        if typedef is not None and typedef.is_enum:
            return enum_member(raw, typedef)
    raise ValueMismatch(f"a value of type {ref} cannot be written as a literal")


def enum_member(raw: object, typedef: TypeDef) -> EnumValue:
    """A member of a named enum, matched exactly or else case-insensitively."""
    text = str(raw)
    if text in typedef.members:
        return EnumValue(typedef.name, None, text)
    folded = [m for m in typedef.members if m.lower() == text.lower()]
    if len(folded) == 1:
        return EnumValue(typedef.name, None, folded[0])
    raise ValueMismatch(
        f"'{text}' is not a member of {typedef.name} ({_members(typedef.members)})"
    )


def _members(members: tuple[str, ...]) -> str:
    shown = ", ".join(members[:8])
    return shown + (f", ... ({len(members)} in all)" if len(members) > 8 else "")


def _expected(ref: TypeRef) -> str:
    return str(ref) if ref.kind != "enum" else "enum"


def _show(raw: object) -> str:
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    text = repr(raw) if isinstance(raw, str) else str(raw)
    return text if len(text) <= 60 else text[:57] + "..."
