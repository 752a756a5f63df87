"""Build the model: documents + types -> :class:`~generator.model.Api` (+ lint findings).

This is the only place that reads ``x-example``.  The flat list of flagged
entries is decoded once into a tree of statements (dates, object builds,
list builds); field names are checked against the target type (the real
field wins over a wrong ``keyPascal``), values are typed by the field they
fill (a date is a date), per-language overrides are validated against the
value and reported when they disagree or are placeholders.  Nothing here
knows about any target language's syntax.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace

from .errors import Diagnostics, Finding, close_matches
from .languages import JAVA_MONTHS
from .load import Block, Document, FrontMatter, SpecTree
from .model import (
    Api,
    Arg,
    Body,
    BoolValue,
    DateDecl,
    DateTimeValue,
    DateValue,
    DecimalValue,
    EnumValue,
    Example,
    Field,
    FieldSet,
    IntValue,
    ListBuild,
    ListValue,
    Location,
    Name,
    ObjectBuild,
    Operation,
    Param,
    ParamIn,
    RefValue,
    Response,
    Statement,
    StrValue,
    TypeDef,
    TypeRef,
    UuidValue,
    Value,
)
from .openapi import (
    Companion,
    CompanionOperation,
    CompanionParam,
    example_text,
    split_list_example,
)
from .schema import SchemaSyntaxError, SType, parse_block
from .typedefs import (
    TypeRegistry,
    ValueMismatch,
    annotation,
    build_registry,
    coerce,
    enum_member,
    make_field,
    type_ref,
)

if TYPE_CHECKING:
    from mimetypes import MimeTypes

METHODS = ("GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS")
ENDPOINT_KEYS = (
    "method",
    "path",
    "operationId",
    "summary",
    "tags",
    "deprecated",
    "security",
    "extensions",
)
ROOT_KEYS = (
    "name",
    "version",
    "baseUrl",
    "servers",
    "contact",
    "termsOfService",
    "securitySchemes",
    "description",
)
_OPERATION_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_LOCATIONS: dict[str, ParamIn] = {"path": "path", "query": "query", "headers": "header"}

# x-example vocabulary (docs/x-example.md section 3.2)
FLAGS = (
    "is_date",
    "is_object",
    "is_list",
    "is_list_add",
    "is_array_add",
    "is_variable",
    "is_uuid",
    "is_money",
    "nonString",
    "is_last",
)
LANG_KEYS = ("csharp", "java", "php", "node", "python", "ruby")
KEYS = (
    "key",
    "keyPascal",
    "keySnake",
    "keyCsharp",
    "object",
    "default",
    "java_datatype",
    "csharp_datatype",
    "python_string",
    *LANG_KEYS,
)
_LANG_NAMES = {
    "csharp": "C#",
    "java": "Java",
    "php": "PHP",
    "node": "Node",
    "python": "Python",
    "ruby": "Ruby",
}


class BuildCache(Struct):
    """Results of earlier builds, each under a key of everything it was computed from.

    ``op_keys`` is filled by :func:`build_api`: operationId -> the key of all
    the inputs of that operation's model (for caches of what is rendered from it);
    so is ``types_key``, the key of all the inputs of the API's types.
    """

    registries: dict[str, TypeRegistry] = field(default_factory=dict)
    drafts: dict[str, tuple[_Endpoint, list[Finding]]] = field(default_factory=dict)
    op_keys: dict[str, str] = field(default_factory=dict)
    types_key: str = ""
    used: set[str] = field(default_factory=set)


def build_api(
    tree: SpecTree,
    diag: Diagnostics,
    companion: Companion | Callable[[], Companion | None] | None = None,
    cache: BuildCache | None = None,
    only: frozenset[str] | None = None,
) -> Api:
    """Build the model from a spec tree (and the OpenAPI document it came from, if any).

    ``companion`` may be a function that waits for it: it is called once the
    types are built, which need no companion.
    """
    registry_key = _key(
        *(
            (b.file, b.line, b.text)
            for d in tree.documents
            for b in d.blocks
            if b.kind == "type"
        )
    )
    registry = cache.registries.get(registry_key) if cache is not None else None
    if registry is None:
        mark = diag.mark()
        registry = build_registry(tree, diag)
        if cache is not None and not diag.since(mark):
            cache.registries = {registry_key: registry}
    if callable(companion):
        companion = companion()
    if companion is not None and companion.dates:
        registry = _with_sdk_dates(registry, companion.dates)
        registry_key = _key(registry_key, sorted(companion.dates.items()))
    root = _root(tree, diag)
    endpoints = [
        d
        for d in tree.documents
        if d.front is not None and ("method" in d.front.data or "path" in d.front.data)
    ]
    chosen = {id(d) for d in endpoints} | {id(root)}
    others = [d for d in tree.documents if id(d) not in chosen]
    for document in others:
        if document.front is not None:
            keys = ", ".join(sorted(document.front.data))
            found = (
                f"has neither 'method' nor 'path' (keys: {keys})"
                if keys
                else "is empty"
            )
            diag.error(
                document.file,
                document.front.first_line,
                f"front matter {found}; expected an endpoint (method, path, operationId) "
                "or the API root (name)",
                "front-matter",
            )
        for block in document.blocks:
            if block.kind != "type":
                diag.error(
                    block.file,
                    block.line - 1,
                    f"omg.{block.kind} block outside an endpoint file; expected it in a file "
                    "with method and path, or in a partial under partials/",
                    "block",
                )
    drafts: list[_Endpoint] = []
    draft_keys: dict[int, str] = {}
    if only is not None:
        endpoints = [
            d
            for d in endpoints
            if d.front is not None and d.front.data.get("operationId") in only
        ]
    for doc in endpoints:
        key = ""
        if cache is not None:
            op_id = doc.front.data.get("operationId") if doc.front is not None else None
            entry = (
                companion.operations.get(op_id)
                if companion and isinstance(op_id, str)
                else None
            )
            key = _key(doc.file, doc.digest, registry_key, repr(entry))
            cache.used.add(key)
            if key in cache.drafts:
                cached, findings = cache.drafts[key]
                diag.extend(findings)
                drafts.append(cached)
                draft_keys[id(cached)] = key
                continue
        mark = diag.mark()
        draft = _Endpoint.read(doc, registry, diag, companion)
        if draft is not None:
            drafts.append(draft)
            draft_keys[id(draft)] = key
            findings = diag.since(mark)
            if cache is not None and all(f.severity == "warning" for f in findings):
                cache.drafts[key] = (draft, list(findings))
    _check_unique_ids(drafts, diag)
    shared = _shared_required_headers(drafts)
    operations = sorted((d.finish(shared) for d in drafts), key=lambda op: op.id)
    if cache is not None:
        context = ",".join(sorted(shared))
        cache.op_keys = {d.id: _key(draft_keys[id(d)], context) for d in drafts}
        cache.types_key = registry_key
    title, version, base_url = "API", None, ""
    if root is not None and root.front is not None:
        data = root.front.data
        title = str(data.get("name") or title)
        version = str(data["version"]) if data.get("version") is not None else None
        servers = data.get("servers")
        if (
            isinstance(servers, list)
            and servers
            and isinstance(servers[0], dict)
            and servers[0].get("url")
        ):
            base_url = str(servers[0]["url"])
        elif data.get("baseUrl"):
            base_url = str(data["baseUrl"])
    return Api(
        title, version, base_url.rstrip("/"), tuple(operations), registry.sorted()
    )


def _key(*parts: object) -> str:
    """A content key: the SHA-256 of the parts' representations."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _with_sdk_dates(
    registry: TypeRegistry, dates: dict[str, dict[str, str]]
) -> TypeRegistry:
    """Mark the string fields the companion says the SDKs model as dates."""
    types = {}
    for name, typedef in registry.types.items():
        marks = dates.get(name, {})
        fields = tuple(
            (
                replace(
                    f, sdk_date="datetime" if marks[f.name] == "datetime" else "date"
                )
                if f.name in marks and f.type.kind == "string"
                else f
            )
            for f in typedef.fields
        )
        types[name] = replace(typedef, fields=fields)
    return TypeRegistry(types)


def _root(tree: SpecTree, diag: Diagnostics) -> Document | None:
    roots = [
        d
        for d in tree.documents
        if d.front is not None
        and "name" in d.front.data
        and "method" not in d.front.data
        and "path" not in d.front.data
    ]
    for extra in roots[1:]:
        assert extra.front is not None
        diag.error(
            extra.file,
            extra.front.first_line,
            f"second API root document (the first is {roots[0].file})",
            "front-matter",
        )
    if not roots:
        return None
    root = roots[0]
    assert root.front is not None
    for key in root.front.data:
        if key not in ROOT_KEYS:
            diag.error(
                root.file,
                root.front.line(key),
                f"unknown key '{key}' in the API root; expected one of {', '.join(ROOT_KEYS)}",
                "front-matter",
            )
    return root


def _check_unique_ids(drafts: list[_Endpoint], diag: Diagnostics) -> None:
    seen: dict[str, _Endpoint] = {}
    for draft in drafts:
        other = seen.get(draft.id.lower())
        if other is not None:
            diag.error(
                draft.doc.file,
                draft.front.line("operationId"),
                f"duplicate operationId '{draft.id}' (also in {other.doc.file}:{other.front.line('operationId')}); "
                "expected operationIds that differ in more than case",
                "operation-id",
            )
        else:
            seen[draft.id.lower()] = draft


def _shared_required_headers(drafts: list[_Endpoint]) -> frozenset[str]:
    """Required headers that every operation declares: the API's context (the tenant), passed first."""
    common: set[str] | None = None
    for draft in drafts:
        names = {
            p.name.lower()
            for p in draft.params
            if p.location == "header" and p.required
        }
        common = names if common is None else common & names
    return frozenset(common or ())


# --------------------------------------------------------------------------- endpoints


class _Endpoint(Struct):
    """An operation being built; ``finish`` orders its call once all operations are known."""

    doc: Document
    front: FrontMatter
    id: str
    method: str
    path: str
    params: list[Param]
    body: Body | None
    responses: list[Response]
    deprecated: bool
    tags: tuple[str, ...]
    scopes: tuple[str, ...]
    companion: CompanionOperation | None
    wire_path: str = ""
    download_name: str | None = None

    @classmethod
    def read(
        cls,
        doc: Document,
        registry: TypeRegistry,
        diag: Diagnostics,
        companion: Companion | None,
    ) -> _Endpoint | None:
        front = doc.front
        assert front is not None
        data, file = front.data, doc.file
        errors_before = len(diag.errors)
        for key in data:
            if key not in ENDPOINT_KEYS:
                diag.error(
                    file,
                    front.line(key),
                    f"unknown key '{key}' in endpoint front matter; expected one of {', '.join(ENDPOINT_KEYS)}",
                    "front-matter",
                )
        method = data.get("method")
        if not isinstance(method, str) or method.upper() not in METHODS:
            found = (
                "missing 'method'" if method is None else f"unknown method {method!r}"
            )
            diag.error(
                file,
                front.line("method"),
                f"{found}; expected one of {', '.join(METHODS)}",
                "method",
            )
            method = "GET"
        path = data.get("path")
        if not isinstance(path, str) or not path.startswith("/"):
            diag.error(
                file,
                front.line("path"),
                "missing or malformed 'path'; expected a string starting with '/'",
                "path",
            )
            path = "/"
        op_id = data.get("operationId")
        if not isinstance(op_id, str) or not _OPERATION_ID.fullmatch(op_id):
            found = (
                "missing 'operationId'"
                if op_id is None
                else f"operationId {op_id!r} is not an identifier"
            )
            diag.error(
                file,
                front.line("operationId"),
                f"{found}; expected an identifier such as createInvoices",
                "operation-id",
            )
            op_id = "invalid"
        deprecated = data.get("deprecated", False)
        if not isinstance(deprecated, bool):
            diag.error(
                file,
                front.line("deprecated"),
                f"'deprecated' must be true or false, found {deprecated!r}",
                "front-matter",
            )
            deprecated = False
        tags = _strings(data.get("tags", []), file, front.line("tags"), "tags", diag)
        scopes = _scopes(data.get("security", []), file, front, diag)
        extensions = data.get("extensions", {})
        if extensions is None:
            extensions = {}
        if not isinstance(extensions, dict):
            diag.error(
                file,
                front.line("extensions"),
                "'extensions' must be a mapping of x-* keys",
                "front-matter",
            )
            extensions = {}
        for key in extensions:
            if not str(key).startswith("x-"):
                diag.error(
                    file,
                    front.line("extensions", key),
                    f"extension '{key}' must start with 'x-'",
                    "front-matter",
                )
        companion_op = companion.operations.get(op_id) if companion else None
        params = _params(doc, path, registry, diag, companion_op, companion)
        wire_path = extensions.get("x-path", "")
        if wire_path and (
            not isinstance(wire_path, str)
            or not wire_path.startswith("/")
            or sorted(_PLACEHOLDER.findall(wire_path))
            != sorted(_PLACEHOLDER.findall(path))
        ):
            diag.error(
                file,
                front.line("extensions", "x-path"),
                f"x-path {wire_path!r} must be a path starting with '/' "
                f"with the same placeholders as {path}",
                "path",
            )
            wire_path = ""
        body_blocks = [b for b in doc.blocks if b.kind == "body"]
        for extra in body_blocks[1:]:
            diag.error(
                extra.file,
                extra.line - 1,
                "second omg.body block; expected one request body per operation",
                "block",
            )
        example_data = extensions.get("x-example")
        body: Body | None = None
        if body_blocks:
            body = _body(body_blocks[0], doc, example_data, registry, diag)
        elif example_data is not None:
            diag.error(
                file,
                front.line("extensions", "x-example"),
                "x-example given but the operation has no omg.body block; "
                "expected an omg.body block naming the type the example builds",
                "x-example",
            )
        if (
            method.upper() in ("GET", "DELETE", "HEAD")
            and body is not None
            and body.example is None
            and not body.binary
        ):
            pass  # a body on GET/DELETE is unusual but allowed (deleteBatchPaymentByUrlParam)
        responses = _responses(doc, registry, diag, companion_op)
        if len(diag.errors) > errors_before:
            return None
        if body is not None and body.binary:
            body = _upload(body, params, companion_op)
        return cls(
            doc,
            front,
            op_id,
            method.upper(),
            path,
            params,
            body,
            responses,
            deprecated,
            tags,
            scopes,
            companion_op,
            wire_path,
            _download_name(op_id, params, responses),
        )

    def finish(self, shared: frozenset[str]) -> Operation:
        body = self.body
        call = _call_order(self.params, body, shared, self.companion)
        ordered = tuple(a.param for a in call if a.param is not None)
        summary = self.doc.title
        return Operation(
            id=self.id,
            method=self.method,
            path=self.path,
            summary=summary,
            description=self.doc.description,
            deprecated=self.deprecated,
            tags=self.tags,
            scopes=self.scopes,
            params=ordered,
            body=body,
            call=tuple(call),
            responses=tuple(sorted(self.responses, key=lambda r: r.status)),
            loc=Location(self.doc.file, self.front.line("operationId")),
            download_name=self.download_name,
            wire_path=self.wire_path,
        )


def _strings(
    value: object, file: str, line: int, what: str, diag: Diagnostics
) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        diag.error(file, line, f"'{what}' must be a list of strings", "front-matter")
        return ()
    return tuple(value)


def _scopes(
    value: object, file: str, front: FrontMatter, diag: Diagnostics
) -> tuple[str, ...]:
    scopes: list[str] = []
    ok = isinstance(value, list)
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, dict):
            ok = False
            continue
        for names in item.values():
            if names is None:
                continue
            if not isinstance(names, list) or not all(
                isinstance(n, str) for n in names
            ):
                ok = False
                continue
            scopes.extend(names)
    if not ok:
        diag.error(
            file,
            front.line("security"),
            "'security' must be a list of {scheme: [scope, ...]} maps",
            "front-matter",
        )
    return tuple(scopes)


def _parse(block: Block, diag: Diagnostics) -> SType | None:
    try:
        return parse_block(block.text, declaration=False).type
    except SchemaSyntaxError as exc:
        diag.error(block.file, block.line + exc.line - 1, exc.message, "syntax")
        return None


def _params(
    doc: Document,
    path: str,
    registry: TypeRegistry,
    diag: Diagnostics,
    companion: CompanionOperation | None,
    source: Companion | None,
) -> list[Param]:
    params: list[Param] = []
    known = (
        {(p.location, p.name.lower()): p for p in companion.params} if companion else {}
    )
    seen: dict[tuple[str, str], Location] = {}
    variables: dict[str, tuple[str, Location]] = {}
    path_blocks = [b for b in doc.blocks if b.kind == "path"]
    for extra in path_blocks[1:]:
        diag.error(
            extra.file,
            extra.line - 1,
            "second omg.path block; declare every path parameter in one block",
            "block",
        )
    for block in doc.blocks:
        if block.kind not in _LOCATIONS or (
            block.kind == "path" and block is not path_blocks[0]
        ):
            continue
        location = _LOCATIONS[block.kind]
        stype = _parse(block, diag)
        if stype is None:
            continue
        if stype.kind != "object":
            diag.error(
                block.file,
                block.line,
                f"omg.{block.kind} must be an object '{{ name: type ... }}'",
                "block",
            )
            continue
        for prop in stype.props:
            loc = Location(block.file, block.line + prop.line - 1)
            key = (location, prop.key.lower())
            if key in seen:
                diag.error(
                    loc.file,
                    loc.line,
                    f"{location} parameter '{prop.key}' is declared twice (also at {seen[key]})",
                    "param",
                )
                continue
            seen[key] = loc
            var = Name.of(prop.key)
            if not var.words or not var.words[0][0].isalpha():
                diag.error(
                    loc.file,
                    loc.line,
                    f"parameter name {prop.key!r} does not start with a letter; "
                    "expected a name such as 'where' or 'xero-tenant-id'",
                    "param",
                )
                continue
            if var.key in variables:
                other, other_loc = variables[var.key]
                diag.error(
                    loc.file,
                    loc.line,
                    f"parameter '{prop.key}' and parameter '{other}' (at {other_loc}) would both be "
                    f"the variable {var.key}; expected names that differ in more than case and punctuation",
                    "param",
                )
                continue
            variables[var.key] = (prop.key, loc)
            param = _param(
                prop.key,
                location,
                prop.type,
                not prop.optional,
                prop.description,
                loc,
                registry,
                diag,
                known.get(key),
            )
            if param is not None:
                params.append(param)
    front = doc.front
    assert front is not None
    declared_keys = {(p.location, p.name.lower()) for p in params}
    for missing in sorted(set(known) - declared_keys):
        assert source is not None
        diag.warn(
            doc.file,
            front.line("operationId"),
            f"{source.file} declares {missing[0]} parameter '{known[missing].name}', "
            "which this operation does not",
            "companion",
        )
    placeholders = _PLACEHOLDER.findall(path)
    declared = [p.name for p in params if p.location == "path"]
    for name in placeholders:
        if name not in declared and _OPERATION_ID.fullmatch(name):
            diag.error(
                doc.file,
                front.line("path"),
                f"path placeholder '{{{name}}}' has no entry in an omg.path block; "
                f"expected '{name}: string' (or another type) in omg.path",
                "path",
            )
    for param in params:
        if param.location == "path":
            if param.name not in placeholders:
                diag.error(
                    param.loc.file,
                    param.loc.line,
                    f"path parameter '{param.name}' does not appear in the path {path}; "
                    f"expected a '{{{param.name}}}' placeholder there",
                    "path",
                )
            elif not param.required:
                diag.error(
                    param.loc.file,
                    param.loc.line,
                    f"path parameter '{param.name}' must be required (remove the '?')",
                    "path",
                )
    if path.count("{") != path.count("}") or any(
        not n or not _OPERATION_ID.fullmatch(n) for n in placeholders
    ):
        diag.error(
            doc.file,
            front.line("path"),
            f"malformed path placeholder in {path}; expected '{{Name}}'",
            "path",
        )
    return params


def _param(
    name: str,
    location: ParamIn,
    stype: SType,
    required: bool,
    description: str | None,
    loc: Location,
    registry: TypeRegistry,
    diag: Diagnostics,
    companion: CompanionParam | None = None,
) -> Param | None:
    ref = type_ref(stype, loc, registry, diag)
    if ref is None:
        return None
    items = companion.schema.get("items") if companion is not None else None
    if ref.kind == "string" and isinstance(items, dict):
        item = TypeRef("uuid") if items.get("format") == "uuid" else TypeRef("string")
        diag.warn(
            loc.file,
            loc.line,
            f"parameter '{name}' is a string here but a list of {item} in the OpenAPI "
            f"document, as in every SDK; using {item}[]",
            "param-type",
        )
        ref = TypeRef("array", item=item)
    base = ref.item if ref.is_array and ref.item is not None else ref
    if base.is_named:
        typedef = registry.get(str(base.name))
        if typedef is None or not typedef.is_enum:
            diag.error(
                loc.file,
                loc.line,
                f"parameter '{name}' has object type {ref}; parameters must be primitives, enums or arrays of them",
                "param",
            )
            return None
    if location == "path" and ref.is_array:
        diag.error(
            loc.file, loc.line, f"path parameter '{name}' cannot be an array", "param"
        )
        return None
    owner_field = make_field(name, ref, required, stype, description, loc, diag)
    example: Value | None = None
    raw_example = annotation(stype, "example")
    if raw_example is not None:
        try:
            example = coerce(raw_example, ref, registry)
        except ValueMismatch as exc:
            diag.error(
                loc.file, loc.line, f"@example of parameter '{name}': {exc}", "value"
            )
    if example is None and companion is not None and companion.example is not None:
        raw = example_text(companion.example)
        if ref.is_array and isinstance(raw, str):
            raw = split_list_example(raw)
        try:
            example = coerce(raw, ref, registry)
        except ValueMismatch as exc:
            diag.warn(
                loc.file,
                loc.line,
                f"the OpenAPI example of parameter '{name}' does not fit: {exc}; "
                "using a typed example",
                "companion",
            )
    if example is None:
        example = owner_field.default or fallback_value(ref, name, registry)
    if isinstance(example, EnumValue) and not example.owner:
        example = StrValue(
            example.member
        )  # SDKs take inline-union parameters as plain strings
    return Param(
        name, location, ref, required, example, owner_field.default, description, loc
    )


def fallback_value(ref: TypeRef, name: str, registry: TypeRegistry) -> Value:
    """A typed example for a parameter with neither ``@example`` nor ``@default``."""
    kind = ref.kind
    if kind == "uuid":
        return UuidValue("00000000-0000-0000-0000-000000000000")
    if kind == "integer":
        return IntValue(1)
    if kind == "number":
        return DecimalValue(Decimal("1.0"))
    if kind == "boolean":
        return BoolValue(True)
    if kind == "date":
        return DateValue(dt.date(2020, 1, 1))
    if kind == "datetime":
        return DateTimeValue(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    if kind == "enum":
        return StrValue(ref.members[0])
    if kind == "array" and ref.item is not None:
        return ListValue(ref.item, (fallback_value(ref.item, name, registry),))
    if kind == "named":
        typedef = registry.get(str(ref.name))
        if typedef is not None and typedef.is_enum and typedef.members:
            return EnumValue(typedef.name, None, typedef.members[0])
    words = Name.of(name).words
    return StrValue("YOUR_" + "_".join(w.upper() for w in words))


def _body(
    block: Block,
    doc: Document,
    example_data: object,
    registry: TypeRegistry,
    diag: Diagnostics,
) -> Body | None:
    stype = _parse(block, diag)
    if stype is None:
        return None
    loc = Location(block.file, block.line)
    ref = type_ref(stype, loc, registry, diag)
    if ref is None:
        return None
    if not (ref.is_named or ref.is_binary):
        diag.error(
            block.file,
            block.line,
            f"omg.body must name a type or be 'string @format(\"byte\")', found {ref}",
            "block",
        )
        return None
    if ref.is_named:
        typedef = registry.get(str(ref.name))
        if typedef is not None and typedef.is_enum:
            diag.error(
                block.file,
                block.line,
                f"omg.body cannot be the enum {ref.name}; expected an object type or "
                "'string @format(\"byte\")'",
                "block",
            )
            return None
    if ref.is_binary:
        if example_data is not None:
            front = doc.front
            assert front is not None
            diag.error(
                doc.file,
                front.line("extensions", "x-example"),
                "x-example given for a binary body; binary bodies are read from a file",
                "x-example",
            )
        return Body(ref, Name.of("body"), None, loc)
    var = Name.of(str(ref.name)[0].lower() + str(ref.name)[1:])
    example: Example | None = None
    if example_data is not None:
        front = doc.front
        assert front is not None
        example = _ExampleDecoder(
            doc.file, front, registry, diag, str(ref.name)
        ).decode(example_data)
        if example is not None:
            var = example.body
    if example is None and example_data is None:
        typedef = registry.get(str(ref.name))
        assert typedef is not None
        example = synthesize_example(typedef, registry)
        var = example.body
    return Body(ref, var, example, loc)


def synthesize_example(typedef: TypeDef, registry: TypeRegistry) -> Example:
    """A body for an operation without x-example: the type with its required fields filled in.

    Nested objects are built before the object that holds them.  The walk
    keeps its own stack, so a long chain of types costs no recursion; a type
    met again on the way down (a cycle, reported by the type registry) is left
    out rather than built forever.
    """
    statements: list[Statement] = []
    used: set[str] = set()

    def leaf(f: Field) -> Value | TypeDef:
        """The value of a field, or the type of the object that must be built for it."""
        if f.default is not None:
            return f.default
        ref = f.type
        nested = registry.get(str(ref.name)) if ref.is_named else None
        if nested is not None and not nested.is_enum:
            return nested
        if ref.is_array and ref.item is not None and ref.item.is_named:
            return ListValue(ref.item, ())
        return fallback_value(ref, f.name, registry)

    # names are never freed: a search for a free suffix resumes where the last one stopped
    suffixes: dict[str, int] = {}

    def declare(raw: str) -> Name:
        name, n = Name.of(raw), suffixes.get(raw, 2)
        while name.key in used:
            name, n = Name.of(f"{raw}{n}"), n + 1
        suffixes[raw] = n
        used.add(name.key)
        return name

    # a frame: the type being built, its variable's raw name, its required fields, the fields set so far
    stack: list[tuple[TypeDef, str, list[Field], list[FieldSet]]] = []
    building: set[str] = set()

    def push(target: TypeDef, raw: str) -> None:
        building.add(target.name)
        required = [f for f in target.fields if f.required]
        stack.append((target, raw, required[::-1], []))

    push(typedef, typedef.name[:1].lower() + typedef.name[1:])
    built: Name | None = None
    while stack:
        target, raw, todo, fields = stack[-1]
        if built is not None:
            fields.append(FieldSet(todo.pop(), RefValue(built)))
            built = None
        descended = False
        while todo:
            f = todo[-1]
            value = leaf(f)
            if isinstance(value, TypeDef):
                if value.name not in building:
                    push(value, f.name[:1].lower() + f.name[1:])
                    descended = True
                    break
                todo.pop()  # a cycle: reported as an error already
                continue
            fields.append(FieldSet(todo.pop(), value))
        if descended:
            continue
        stack.pop()
        building.discard(target.name)
        built = declare(raw)
        statements.append(ObjectBuild(built, target.name, tuple(fields)))
    assert built is not None
    return Example(tuple(statements), built)


def _responses(
    doc: Document,
    registry: TypeRegistry,
    diag: Diagnostics,
    companion: CompanionOperation | None,
) -> list[Response]:
    responses: dict[int, Response] = {}
    for block in doc.blocks:
        if block.kind != "response":
            continue
        assert block.status is not None
        loc = Location(block.file, block.line)
        if block.status in responses:
            diag.error(
                block.file,
                block.line - 1,
                f"second omg.response block for status {block.status}",
                "block",
            )
            continue
        ref: TypeRef | None = None
        if not block.empty:
            stype = _parse(block, diag)
            if stype is None:
                continue
            ref = type_ref(stype, loc, registry, diag)
            if ref is None:
                continue
        media = None
        if ref is not None:
            media = "application/json"
            if ref.is_binary:
                media = "application/octet-stream"
                if companion is not None:
                    media = companion.response_media_types.get(block.status, media)
        responses[block.status] = Response(block.status, ref, loc, media)
    return list(responses.values())


def _upload(
    body: Body, params: list[Param], companion: CompanionOperation | None
) -> Body:
    """A binary body with its media type and source: the file a parameter names, else a stand-in."""
    named = _file_param(params)
    if named is not None:
        assert isinstance(named.example, StrValue)
        media = media_type_of(named.example.text)
    elif companion is not None and companion.request_media_type:
        media = companion.request_media_type
    else:
        media = "application/octet-stream"
    source: Value = RefValue(named.var) if named is not None else StrValue("upload.bin")
    return replace(body, media_type=media, source=source)


@functools.cache
def _mime() -> MimeTypes:
    """Python's built-in table only: the same on every machine (made when first needed)."""
    from mimetypes import MimeTypes

    return MimeTypes()


def media_type_of(file_name: str) -> str:
    """The media type of a file name's extension, or application/octet-stream."""
    return _mime().guess_type(file_name, strict=False)[0] or "application/octet-stream"


def _file_param(params: list[Param]) -> Param | None:
    for param in params:
        if param.var.key in ("file_name", "filename") and isinstance(
            param.example, StrValue
        ):
            return param
    return None


def _download_name(
    op_id: str, params: list[Param], responses: list[Response]
) -> str | None:
    """Where a snippet saves a binary response: the FileName argument, else <operationId>.<ext>."""
    success = next((r for r in responses if 200 <= r.status < 300), None)
    if success is None or success.type is None or not success.type.is_binary:
        return None
    named = _file_param(params)
    if named is not None:
        assert isinstance(named.example, StrValue)
        return named.example.text
    media = success.media_type or "application/octet-stream"
    if media == "application/octet-stream":
        # the attachment endpoints say what they return in a contentType parameter
        for param in params:
            if param.var.key == "content_type" and isinstance(param.example, StrValue):
                media = param.example.text
    extension = (
        _mime().guess_extension(media, strict=False)
        or "." + re.sub(r"[^a-z0-9]", "", media.rsplit("/", 1)[-1].lower())[:8]
    )
    return op_id + (extension if extension != "." else ".bin")


def _call_order(
    params: list[Param],
    body: Body | None,
    shared: frozenset[str],
    companion: CompanionOperation | None = None,
) -> list[Arg]:
    """The SDK argument order (docs/x-example.md section 6.1).

    With the OpenAPI document: its parameters, required ones first (a stable
    sort), the body after the required ones.  Without it: API-wide required
    headers (the tenant) first, then the other required parameters in
    declaration order (path, query, headers), the body, the optional
    conditional-request headers (``If-*``), the optional query parameters and
    the other optional headers, each in declaration order.
    """
    if companion is not None:
        index = {
            (p.location, p.name.lower()): i for i, p in enumerate(companion.params)
        }
        if all((p.location, p.name.lower()) in index for p in params):
            ranked = sorted(
                params,
                key=lambda p: (not p.required, index[(p.location, p.name.lower())]),
            )
            args = [Arg(param=p) for p in ranked if p.required]
            if body is not None:
                args.append(Arg(body=body))
            args.extend(Arg(param=p) for p in ranked if not p.required)
            return args

    def rank(param: Param) -> int:
        if param.required:
            return (
                0 if param.location == "header" and param.name.lower() in shared else 1
            )
        if param.location == "header" and param.name.lower().startswith("if-"):
            return 3
        return 4 if param.location != "header" else 5

    ordered = sorted(params, key=rank)  # stable: declaration order within a rank
    args = [Arg(param=p) for p in ordered if rank(p) < 2]
    if body is not None:
        args.append(Arg(body=body))
    args.extend(Arg(param=p) for p in ordered if rank(p) >= 2)
    return args


# --------------------------------------------------------------------------- x-example


class _Obj(Struct):
    var: Name
    type: TypeDef
    line: int
    fields: dict[str, FieldSet] = field(default_factory=dict)
    lists: dict[str, list[Value]] = field(default_factory=dict)
    # list fields filled by array adds: their items are in lists[name] until assembly
    filled: set[str] = field(default_factory=set)
    closed_by_flag: bool = False

    def statement(self) -> ObjectBuild:
        fields = tuple(
            (
                FieldSet(fs.field, replace(fs.value, items=tuple(self.lists[name])))
                if name in self.filled and isinstance(fs.value, ListValue)
                else fs
            )
            for name, fs in self.fields.items()
        )
        return ObjectBuild(self.var, self.type.name, fields)


class _List(Struct):
    var: Name
    line: int
    hint: str | None
    keyPascal: str
    items: list[Name] = field(default_factory=list)
    item_type: str | None = None
    last_add: int = -1


class _Date(Struct):
    var: Name
    value: DateValue
    line: int


_DATE_PATTERNS: dict[str, list[re.Pattern[str]]] = {
    "java": [
        re.compile(
            r"LocalDate\.of\(\s*(\d{4})\s*,\s*Month\.([A-Z]+)\s*,\s*(\d{1,2})\s*\)"
        )
    ],
    "csharp": [
        re.compile(r"new\s+DateTime\(\s*(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)")
    ],
    "php": [
        re.compile(r"new\s+\\?DateTime\(\s*['\"](\d{4})-(\d{2})-(\d{2})['\"]\s*\)")
    ],
    "node": [re.compile(r"['\"](\d{4})-(\d{2})-(\d{2})['\"]")],
    "python": [re.compile(r"['\"](\d{4})-(\d{2})-(\d{2})(?:T[0-9:.]+Z?)?['\"]")],
    "ruby": [
        re.compile(r"['\"](\d{4})-(\d{2})-(\d{2})['\"]"),
        re.compile(r"Date\.new\(\s*(\d{4})\s*,\s*(\d{1,2})\s*,\s*(\d{1,2})\s*\)"),
    ],
}
_NOW = re.compile(r"\b(now|Now|today|Today|NOW)\b")
_PLACEHOLDER_DATE = re.compile(r"[YMD]{2,4}-[MD]{2}-[DMY]{2}|YYYY|\bTODO\b|\.\.\.")


def _parse_date_literal(lang: str, text: str) -> dt.date | str:
    """A fixed date read from a language literal, or a reason why there is none."""
    if _PLACEHOLDER_DATE.search(text):
        return "is a placeholder"
    if _NOW.search(text):
        return "is not a fixed date"
    for pattern in _DATE_PATTERNS.get(lang, []):
        match = pattern.search(text)
        if match:
            year, month, day = match.groups()
            month_number = (
                JAVA_MONTHS.index(month) + 1 if month.isalpha() else int(month)
            )
            try:
                return dt.date(int(year), month_number, int(day))
            except ValueError:
                return "is not a valid date"
    return "cannot be read as a date"


class _ExampleDecoder:
    """Decodes one ``x-example`` list (docs/x-example.md sections 3, 4 and 7)."""

    def __init__(
        self,
        file: str,
        front: FrontMatter,
        registry: TypeRegistry,
        diag: Diagnostics,
        body_type: str,
    ) -> None:
        self.file = file
        self.front = front
        self.registry = registry
        self.diag = diag
        self.body_type = body_type
        self.order: list[tuple[int, str, Name]] = []  # (entry index, kind, var)
        self.objects: dict[str, _Obj] = {}
        self.lists: dict[str, _List] = {}
        self.dates: dict[str, _Date] = {}
        self.names: dict[str, tuple[str, int]] = {}
        self.orphans: list[tuple[_List, tuple[str, int]]] = []
        self.labels: dict[int, str] = {}
        # objects whose declaration failed: their fields and uses are not reported again
        self.broken: set[str] = set()
        self.error_count = 0

    # ---- reporting

    def line(self, index: int, key: str | None = None) -> int:
        return self.front.line(
            "extensions", "x-example", index, *([key] if key else [])
        )

    def error(
        self, index: int, message: str, key: str | None = None, code: str = "x-example"
    ) -> None:
        self.diag.error(
            self.file, self.line(index, key), f"x-example[{index}]: {message}", code
        )
        self.error_count += 1

    def warn(self, index: int, message: str, code: str, key: str | None = None) -> None:
        self.diag.warn(
            self.file, self.line(index, key), f"x-example[{index}]: {message}", code
        )

    def failed(self) -> bool:
        return self.error_count > 0

    # ---- entry points

    def decode(self, data: object) -> Example | None:
        if not isinstance(data, list):
            self.diag.error(
                self.file,
                self.front.line("extensions", "x-example"),
                f"x-example must be a list of entries, found {_a(type(data).__name__)}",
                "x-example",
            )
            return None
        entries: list[tuple[int, dict[str, Any], str]] = []
        for index, entry in enumerate(data):
            checked = self._entry(index, entry)
            if checked is not None:
                entries.append((index, checked, self._kind(checked)))
        if self.failed():
            return None
        open_obj: _Obj | None = None
        for position, (index, entry, kind) in enumerate(entries):
            following = entries[position + 1] if position + 1 < len(entries) else None
            if kind == "field" or (
                kind == "array_add"
                and open_obj is not None
                and entry.get("key") == _raw_key(open_obj.var)
            ):
                pass
            elif open_obj is not None:
                self._close(open_obj)
                open_obj = None
            if kind == "date":
                self._date(index, entry)
            elif kind == "object":
                open_obj = self._object(index, entry)
                if open_obj is not None and entry.get("is_last"):
                    open_obj.closed_by_flag = True
                    if (
                        following is not None
                        and following[2] == "field"
                        and following[1].get("object") == entry.get("key")
                    ):
                        self.warn(
                            index,
                            f"object '{entry.get('key')}' is marked is_last (empty) but fields follow; it ends after its fields",
                            "closing",
                        )
            elif kind == "field":
                open_obj = self._field(index, entry, open_obj, following)
            elif kind == "list":
                self._list(index, entry)
            elif kind == "list_add":
                self._list_add(index, entry)
            elif kind == "array_add":
                open_obj = self._array_add(index, entry, open_obj)
        if open_obj is not None:
            self._close(open_obj)
        for lst, previous in self.orphans:
            self.error(
                lst.line,
                f"'{_raw_key(lst.var)}' is declared twice (first as {_a(previous[0])} in x-example[{previous[1]}])",
                "key",
                "duplicate",
            )
        if self.failed():
            return None
        return self._assemble()

    def _entry(self, index: int, entry: object) -> dict[str, Any] | None:
        if not isinstance(entry, dict) or not entry:
            found = (
                "a list"
                if isinstance(entry, list)
                else ("nothing" if entry is None else repr(entry)[:40])
            )
            self.error(
                index,
                f"expected a mapping (label: null, key: ..., flags), found {found}",
            )
            return None
        keys = list(entry)
        label = keys[0]
        body = {k: entry[k] for k in keys[1:]} if entry[label] is None else dict(entry)
        if entry[label] is None and isinstance(label, str):
            self.labels[index] = label
        for key, value in body.items():
            if key in FLAGS:
                if not isinstance(value, bool):
                    self.error(
                        index,
                        f"flag '{key}' must be true or false, found {value!r}",
                        key,
                    )
            elif key not in KEYS:
                close = close_matches(key, [*FLAGS, *KEYS])
                hint = (
                    f" (did you mean '{close[0]}'?)"
                    if close
                    else f"; expected a flag ({', '.join(FLAGS)}) or a key ({', '.join(KEYS)})"
                )
                self.error(index, f"unknown flag '{key}'{hint}", key, "unknown-flag")
            elif key in (
                "key",
                "keyPascal",
                "keySnake",
                "keyCsharp",
                "object",
                "java_datatype",
                "csharp_datatype",
            ) and not isinstance(value, str):
                self.error(index, f"'{key}' must be a string, found {value!r}", key)
            elif key in LANG_KEYS or key == "python_string":
                if isinstance(value, (list, dict)):
                    self.error(
                        index,
                        f"'{key}' must be a single value, found a {'list' if isinstance(value, list) else 'mapping'}",
                        key,
                        "value",
                    )
        if "key" not in body:
            self.error(
                index, "missing 'key' (the name of the variable, field or list)", None
            )
        elif not _IDENT.fullmatch(str(body["key"])):
            self.error(
                index, f"'key' must be an identifier, found {body['key']!r}", "key"
            )
        return body

    def _kind(self, entry: dict[str, Any]) -> str:
        for flag, kind in (
            ("is_date", "date"),
            ("is_object", "object"),
            ("is_list", "list"),
            ("is_list_add", "list_add"),
            ("is_array_add", "array_add"),
        ):
            if entry.get(flag):
                return kind
        return "field"

    # ---- declarations

    def _declare(self, index: int, raw: str, kind: str) -> Name | None:
        name = Name.of(raw)
        previous = self.names.get(name.key)
        if previous is not None:
            self.error(
                index,
                f"'{raw}' is declared twice (first as {_a(previous[0])} in x-example[{previous[1]}])",
                "key",
                "duplicate",
            )
            return None
        self.names[name.key] = (kind, index)
        return name

    def _date(self, index: int, entry: dict[str, Any]) -> None:
        raw = str(entry["key"])
        sources: list[tuple[str, str]] = []
        if entry.get("default") is not None:
            sources.append(("java", str(entry["default"])))
        for lang in ("node", "python", "php", "csharp", "ruby", "java"):
            if entry.get(lang) is not None:
                sources.append((lang, str(entry[lang])))
        readings = [
            (lang, text, _parse_date_literal(lang, text)) for lang, text in sources
        ]
        fixed = [
            (lang, value)
            for lang, _text, value in readings
            if isinstance(value, dt.date)
        ]
        if not fixed:
            self.error(
                index,
                f"date '{raw}' has no fixed date in 'default' or any language literal; "
                "expected one such as 'LocalDate.of(2020, Month.OCTOBER, 10)'",
                "default",
                "value",
            )
            return
        canonical_source = (
            "default"
            if readings
            and readings[0][0] == "java"
            and entry.get("default") is not None
            and isinstance(readings[0][2], dt.date)
            else _LANG_NAMES[fixed[0][0]]
        )
        canonical = fixed[0][1]
        for position, (lang, text, value) in enumerate(readings):
            which = (
                "default"
                if position == 0 and entry.get("default") is not None
                else lang
            )
            shown = (
                "'default'" if which == "default" else f"{_LANG_NAMES[lang]} override"
            )
            if isinstance(value, dt.date):
                if value != canonical:
                    self.warn(
                        index,
                        f"{shown} {text!r} of date '{raw}' is {value.isoformat()}, not {canonical.isoformat()} (from {canonical_source}); using {canonical.isoformat()}",
                        "override",
                        which,
                    )
            else:
                self.warn(
                    index,
                    f"{shown} {text!r} of date '{raw}' {value}; using {canonical.isoformat()} (from {canonical_source})",
                    "override" if value != "is a placeholder" else "placeholder",
                    which,
                )
        name = self._declare(index, raw, "date")
        if name is not None:
            self.dates[name.key] = _Date(name, DateValue(canonical), index)
            self.order.append((index, "date", name))

    def _object(self, index: int, entry: dict[str, Any]) -> _Obj | None:
        raw = str(entry["key"])
        type_name = entry.get("keyPascal")
        typedef = self.registry.get(str(type_name)) if type_name else None
        if typedef is None or typedef.is_enum:
            what = (
                "missing 'keyPascal'"
                if not type_name
                else f"unknown type '{type_name}'{self.registry.suggest(str(type_name))}"
            )
            self.error(
                index,
                f"object '{raw}': {what}; expected the name of a declared object type",
                "keyPascal",
                "unknown-type",
            )
            self.broken.add(Name.of(raw).key)
            return None
        name = self._declare(index, raw, "object")
        if name is None:
            return None
        obj = _Obj(name, typedef, index)
        self.objects[name.key] = obj
        self.order.append((index, "object", name))
        return obj

    def _close(self, obj: _Obj) -> None:
        if not obj.closed_by_flag and (obj.fields or obj.lists):
            self.warn(
                obj.line,
                f"object '{_raw_key(obj.var)}' is never closed (no is_last on its last field); it ends where its fields end",
                "closing",
            )

    def _field(
        self,
        index: int,
        entry: dict[str, Any],
        open_obj: _Obj | None,
        following: tuple[int, dict[str, Any], str] | None,
    ) -> _Obj | None:
        parent_raw = entry.get("object")
        if parent_raw is None:
            self.error(
                index,
                f"field '{entry['key']}' has no 'object' naming the object it belongs to",
                None,
            )
            return open_obj
        parent_key = Name.of(str(parent_raw)).key
        if parent_key in self.broken:
            return open_obj
        if open_obj is None or open_obj.var.key != parent_key:
            if parent_key in self.objects:
                self.error(
                    index,
                    f"field '{entry['key']}' of object '{parent_raw}' must directly follow that object's other entries",
                    "object",
                    "closing",
                )
            else:
                known = (
                    ", ".join(sorted(_raw_key(o.var) for o in self.objects.values()))
                    or "none"
                )
                self.error(
                    index,
                    f"field '{entry['key']}' belongs to undeclared object '{parent_raw}' (declared objects: {known})",
                    "object",
                    "undeclared",
                )
            return open_obj
        target = self._resolve_field(index, entry, open_obj.type)
        if target is None:
            return open_obj
        value = self._value(index, entry, open_obj.type, target)
        if value is not None:
            if target.name in open_obj.fields:
                self.warn(
                    index,
                    f"field {target.name} of '{parent_raw}' is set twice; the last value wins",
                    "duplicate",
                )
            open_obj.fields[target.name] = FieldSet(target, value)
            open_obj.filled.discard(target.name)
        if entry.get("is_last"):
            continues = following is not None and (
                (
                    following[2] == "field"
                    and Name.of(str(following[1].get("object", ""))).key == parent_key
                )
                or (
                    following[2] == "array_add"
                    and Name.of(str(following[1].get("key", ""))).key == parent_key
                )
            )
            if continues:
                self.warn(
                    index,
                    f"is_last on '{entry['key']}' but object '{parent_raw}' continues with x-example[{following[0] if following else ''}]; it ends where its fields end",
                    "closing",
                )
            else:
                open_obj.closed_by_flag = True
        return open_obj

    def _resolve_field(
        self, index: int, entry: dict[str, Any], typedef: TypeDef
    ) -> Field | None:
        key = str(entry["key"])
        pascal = entry.get("keyPascal")
        from_key = key[:1].upper() + key[1:]
        names = {f.name for f in typedef.fields}
        chosen: str | None = None
        if pascal in names and (from_key not in names or from_key == pascal):
            chosen = str(pascal)
        elif from_key in names:
            chosen = from_key
        else:
            for candidate in (pascal, entry.get("keyCsharp"), key):
                if candidate is None:
                    continue
                folded = [n for n in names if n.lower() == str(candidate).lower()]
                if len(folded) == 1:
                    chosen = folded[0]
                    break
        if chosen is None:
            wanted = pascal or from_key
            close = close_matches(str(wanted), sorted(names))
            hint = f" (did you mean {close[0]}?)" if close else ""
            self.error(
                index,
                f"{typedef.name} has no field '{wanted}'{hint}",
                "keyPascal",
                "unknown-field",
            )
            return None
        if pascal != chosen:
            self.warn(
                index,
                f"keyPascal '{pascal}' of '{key}' is not the field of {typedef.name} that is meant; using {chosen}",
                "field-name",
                "keyPascal",
            )
        elif from_key.lower() != chosen.lower():
            self.warn(
                index,
                f"key '{key}' is not a field of {typedef.name} (keyPascal names {chosen}); using {chosen}",
                "field-name",
                "key",
            )
        csharp_name = entry.get("keyCsharp")
        if csharp_name is not None and csharp_name != chosen:
            self.warn(
                index,
                f"keyCsharp '{csharp_name}' of '{key}' is not a field of {typedef.name}; using {chosen}",
                "field-name",
                "keyCsharp",
            )
        result = typedef.field(chosen)
        assert result is not None
        return result

    def _value(
        self, index: int, entry: dict[str, Any], owner: TypeDef, target: Field
    ) -> Value | None:
        ftype = target.type
        named = self.registry.get(str(ftype.name)) if ftype.is_named else None
        is_reference_type = ftype.is_array or (named is not None and not named.is_enum)
        default = entry.get("default")
        if entry.get("is_variable") or (is_reference_type and entry.get("nonString")):
            if not entry.get("is_variable"):
                self.warn(
                    index,
                    f"field {target.name} refers to variable '{default}' without is_variable; treating it as a reference",
                    "reference",
                )
            return self._reference(index, entry, owner, target)
        if is_reference_type:
            self.error(
                index,
                f"field {owner.name}.{target.name} has type {ftype}; expected is_variable naming a declared variable",
                "default",
                "value",
            )
            return None
        if default is None and "default" not in entry:
            self.error(
                index,
                f"field {owner.name}.{target.name} has no 'default' value",
                None,
                "value",
            )
            return None
        try:
            if named is not None:
                value: Value = enum_member(default, named)
                if value.member != str(default):  # type: ignore[union-attr]
                    self.warn(index, f"'{default}' is not a member of {named.name}; using {value.member}", "enum", "default")  # type: ignore[union-attr]
            elif ftype.is_enum:
                value = self._inline_enum(index, default, owner, target)
            elif (
                ftype.kind == "string"
                and isinstance(default, (int, float))
                and not isinstance(default, bool)
            ):
                value = StrValue(str(default))
            else:
                value = coerce(default, ftype, self.registry)
        except ValueMismatch as exc:
            self.error(
                index, f"value of {owner.name}.{target.name}: {exc}", "default", "value"
            )
            return None
        self._check_flags(index, entry, target, value)
        self._check_overrides(index, entry, target, value)
        return value

    def _inline_enum(
        self, index: int, default: object, owner: TypeDef, target: Field
    ) -> EnumValue:
        members = target.type.members
        text = str(default)
        if text in members:
            return EnumValue(owner.name, target.name, text)
        folded = [m for m in members if m.lower() == text.lower()]
        if len(folded) == 1:
            self.warn(
                index,
                f"'{text}' is not a member of {owner.name}.{target.name}; using {folded[0]}",
                "enum",
                "default",
            )
            return EnumValue(owner.name, target.name, folded[0])
        shown = ", ".join(members[:8]) + (", ..." if len(members) > 8 else "")
        raise ValueMismatch(
            f"'{text}' is not a member of {owner.name}.{target.name} ({shown})"
        )

    def _check_flags(
        self, index: int, entry: dict[str, Any], target: Field, value: Value
    ) -> None:
        if entry.get("is_uuid") and not isinstance(value, UuidValue):
            self.warn(
                index, f"is_uuid on {target.name}, which has type {target.type}", "flag"
            )
        if entry.get("is_money") and not isinstance(value, DecimalValue):
            self.warn(
                index,
                f"is_money on {target.name}, which has type {target.type}",
                "flag",
            )
        if entry.get("nonString") and isinstance(value, (StrValue, UuidValue)):
            self.warn(
                index,
                f"nonString on {target.name}, which is a string field; quoting it",
                "flag",
            )

    def _check_overrides(
        self, index: int, entry: dict[str, Any], target: Field, value: Value
    ) -> None:
        for lang in (*LANG_KEYS, "python_string"):
            override = entry.get(lang)
            if override is None:
                continue
            problem = _override_problem(lang, str(override), value, target)
            if problem is not None:
                shown = (
                    "Python (python_string)"
                    if lang == "python_string"
                    else _LANG_NAMES[lang]
                )
                self.warn(
                    index,
                    f"{shown} override {str(override)!r} of {target.name} {problem}; using {_describe(value)}",
                    "override",
                    lang,
                )

    def _reference(
        self, index: int, entry: dict[str, Any], owner: TypeDef, target: Field
    ) -> Value | None:
        raw = entry.get("default")
        if raw is None:
            self.error(
                index,
                f"field {target.name} is a reference but has no 'default' naming the variable",
                None,
                "undeclared",
            )
            return None
        ref = self._lookup(index, str(raw), "default")
        if ref is None:
            return None
        kind, name = ref
        self._check_var_overrides(index, entry, name)
        ftype = target.type
        if kind == "date":
            if ftype.kind not in ("string", "date", "datetime"):
                self.error(
                    index,
                    f"field {owner.name}.{target.name} has type {ftype}, but '{raw}' is a date",
                    "default",
                    "value",
                )
                return None
            return RefValue(name)
        if kind == "object":
            obj = self.objects[name.key]
            if ftype.is_named and ftype.name == obj.type.name:
                return RefValue(name)
            if (
                ftype.is_array
                and ftype.item is not None
                and ftype.item.name == obj.type.name
            ):
                self.warn(
                    index,
                    f"field {target.name} is a list of {obj.type.name}; wrapping '{raw}' in a list",
                    "reference",
                )
                return ListValue(ftype.item, (RefValue(name),))
            self.error(
                index,
                f"field {owner.name}.{target.name} has type {ftype}, but '{raw}' is a {obj.type.name}",
                "default",
                "value",
            )
            return None
        lst = self.lists[name.key]
        if not ftype.is_array or ftype.item is None or not ftype.item.is_named:
            self.error(
                index,
                f"field {owner.name}.{target.name} has type {ftype}, but '{raw}' is a list",
                "default",
                "value",
            )
            return None
        expected = str(ftype.item.name)
        if lst.item_type is not None and lst.item_type != expected:
            self.error(
                index,
                f"field {owner.name}.{target.name} holds {expected}, but list '{raw}' holds {lst.item_type}",
                "default",
                "value",
            )
            return None
        lst.item_type = expected
        return RefValue(name)

    def _check_var_overrides(
        self, index: int, entry: dict[str, Any], name: Name
    ) -> None:
        """Python and Ruby overrides of a reference must name the variable (in snake case)."""
        snake = "_".join(w.lower() for w in name.words)
        for lang in ("python", "ruby"):
            override = entry.get(lang)
            if override is not None and str(override) != snake:
                self.warn(
                    index,
                    f"{_LANG_NAMES[lang]} override {str(override)!r} names no variable (the variable is {snake})",
                    "undeclared",
                    lang,
                )

    def _lookup(self, index: int, raw: str, key: str) -> tuple[str, Name] | None:
        wanted = Name.of(raw).key
        if wanted in self.broken:
            return None
        for kind, table in (
            ("date", self.dates),
            ("object", self.objects),
            ("list", self.lists),
        ):
            if wanted in table:
                return kind, table[wanted].var
        known = sorted(
            {
                *(_raw_key(d.var) for d in self.dates.values()),
                *(_raw_key(o.var) for o in self.objects.values()),
                *(_raw_key(lst.var) for lst in self.lists.values()),
            }
        )
        close = suggest(raw, known)
        hint = f" (did you mean '{close}'?)" if close else ""
        self.error(
            index,
            f"'{raw}' refers to no variable declared before it{hint}",
            key,
            "undeclared",
        )
        return None

    def _list(self, index: int, entry: dict[str, Any]) -> None:
        raw = str(entry["key"])
        hint = entry.get("csharp") or entry.get("java")
        lst = _List(
            Name.of(raw),
            index,
            str(hint) if hint else None,
            str(entry.get("keyPascal")),
        )
        previous = self.names.get(lst.var.key)
        label = self.labels.get(index, "")
        if (
            previous is not None
            and _IDENT.fullmatch(label)
            and Name.of(label).key not in self.names
        ):
            self.warn(
                index,
                f"list '{raw}' reuses the name of the {previous[0]} declared at "
                f"x-example[{previous[1]}]; naming it '{label}' after its label",
                "duplicate",
                "key",
            )
            raw, lst.var = label, Name.of(label)
        elif previous is not None:
            # Kept aside: a list add under another name may show which list was meant.
            self.orphans.append((lst, previous))
            return
        self._declare(index, raw, "list")
        self.lists[lst.var.key] = lst
        self.order.append((index, "list", lst.var))

    def _list_add(self, index: int, entry: dict[str, Any]) -> None:
        list_raw = str(entry["key"])
        element_raw = entry.get("object")
        lst = self.lists.get(Name.of(list_raw).key)
        if lst is None:
            lst = self._repair_list(index, list_raw)
            if lst is None:
                return
        if element_raw is None:
            self.error(
                index,
                f"list add to '{list_raw}' has no 'object' naming the element",
                None,
            )
            return
        ref = self._lookup(index, str(element_raw), "object")
        if ref is None:
            return
        kind, element = ref
        if kind != "object":
            self.error(
                index,
                f"list '{list_raw}' can only hold objects; '{element_raw}' is {_a(kind)}",
                "object",
                "value",
            )
            return
        item_type = self.objects[element.key].type.name
        if lst.item_type is not None and lst.item_type != item_type:
            self.error(
                index,
                f"list '{list_raw}' holds {lst.item_type}; '{element_raw}' is a {item_type}",
                "object",
                "value",
            )
            return
        self._check_var_overrides(index, entry, element)
        lst.item_type = item_type
        lst.items.append(element)
        lst.last_add = index

    def _repair_list(self, index: int, raw: str) -> _List | None:
        wanted = Name.of(raw)

        def near(lst: _List) -> bool:
            return not lst.items and wanted.key in (lst.var.key + "s", lst.var.key[:-1])

        orphans = [(lst, previous) for lst, previous in self.orphans if near(lst)]
        if len(orphans) == 1 and wanted.key not in self.names:
            lst, previous = orphans[0]
            self.orphans.remove(orphans[0])
            self.warn(
                lst.line,
                f"list '{_raw_key(lst.var)}' reuses the name of the {previous[0]} declared at x-example[{previous[1]}]; "
                f"x-example[{index}] fills it as '{raw}', so it is named '{raw}'",
                "duplicate",
                "key",
            )
            lst.var = wanted
            self._declare(lst.line, raw, "list")
            self.lists[wanted.key] = lst
            self.order.append((lst.line, "list", wanted))
            return lst
        candidates = [lst for lst in self.lists.values() if near(lst)]
        if len(candidates) == 1:
            found = candidates[0]
            self.warn(
                index,
                f"list add to undeclared list '{raw}'; adding to list '{_raw_key(found.var)}' declared at x-example[{found.line}]",
                "undeclared",
            )
            return found
        known = (
            ", ".join(sorted(_raw_key(lst.var) for lst in self.lists.values()))
            or "none"
        )
        self.error(
            index,
            f"list add to undeclared list '{raw}' (declared lists: {known}); "
            f"expected an is_list entry with key: {raw} before it",
            "key",
            "undeclared",
        )
        return None

    def _array_add(
        self, index: int, entry: dict[str, Any], open_obj: _Obj | None
    ) -> _Obj | None:
        wrapper_raw = str(entry["key"])
        wrapper_key = Name.of(wrapper_raw).key
        obj = (
            open_obj
            if open_obj is not None and open_obj.var.key == wrapper_key
            else self.objects.get(wrapper_key)
        )
        if obj is None:
            self.error(
                index,
                f"array add to undeclared object '{wrapper_raw}'",
                "key",
                "undeclared",
            )
            return open_obj
        collection = entry.get("keyPascal")
        target = obj.type.field(str(collection)) if collection else None
        if target is None or not target.type.is_array:
            arrays = [f.name for f in obj.type.fields if f.type.is_array]
            self.error(
                index,
                f"{obj.type.name} has no list field '{collection}'; expected one of {', '.join(arrays) or 'none'}",
                "keyPascal",
                "unknown-field",
            )
            return open_obj
        element_raw = entry.get("object")
        ref = (
            self._lookup(index, str(element_raw), "object")
            if element_raw is not None
            else None
        )
        if ref is None:
            if element_raw is None:
                self.error(index, "array add has no 'object' naming the element", None)
            return open_obj
        kind, element = ref
        item = target.type.item
        assert item is not None
        if kind != "object" or self.objects[element.key].type.name != item.name:
            found = (
                self.objects[element.key].type.name if kind == "object" else f"a {kind}"
            )
            self.error(
                index,
                f"{obj.type.name}.{target.name} holds {item.name}; '{element_raw}' is {found}",
                "object",
                "value",
            )
            return open_obj
        self._check_var_overrides(index, entry, element)
        obj.lists.setdefault(target.name, []).append(RefValue(element))
        if target.name not in obj.filled:  # the items are filled in once, at assembly
            obj.filled.add(target.name)
            obj.fields[target.name] = FieldSet(target, ListValue(item, ()))
        if entry.get("is_last"):
            obj.closed_by_flag = True
        if obj is not open_obj:
            self.error(
                index,
                f"array add to '{wrapper_raw}' must directly follow that object's fields",
                "key",
                "closing",
            )
        return obj

    # ---- assembly

    def _assemble(self) -> Example | None:
        statements: dict[str, Statement] = {}
        position: dict[str, float] = {}
        for index, kind, name in self.order:
            if kind == "date":
                date = self.dates[name.key]
                statements[name.key] = DateDecl(name, date.value)
                position[name.key] = index
            elif kind == "object":
                statements[name.key] = self.objects[name.key].statement()
                position[name.key] = index
            else:
                lst = self.lists[name.key]
                item_type = lst.item_type or lst.hint
                if item_type is None or item_type not in self.registry:
                    self.diag.error(
                        self.file,
                        self.line(lst.line),
                        f"x-example[{lst.line}]: the element type of list '{_raw_key(name)}' cannot be determined; add elements or use it in a field",
                        "x-example",
                    )
                    return None
                if lst.hint is None and lst.keyPascal not in self.registry:
                    self.warn(
                        lst.line,
                        f"list '{_raw_key(name)}' has no java/csharp element type and keyPascal '{lst.keyPascal}' is not a type; its elements are {item_type}",
                        "list-type",
                        "keyPascal",
                    )
                if (
                    lst.hint is not None
                    and lst.item_type is not None
                    and lst.hint != lst.item_type
                ):
                    self.warn(
                        lst.line,
                        f"list '{_raw_key(name)}' is declared with element type '{lst.hint}' but holds {lst.item_type}; using {lst.item_type}",
                        "list-type",
                    )
                statements[name.key] = ListBuild(name, item_type, tuple(lst.items))
                position[name.key] = max(index, lst.last_add)
        roots = [
            s
            for s in statements.values()
            if isinstance(s, ObjectBuild) and s.type_name == self.body_type
        ]
        if not roots:
            self.diag.error(
                self.file,
                self.front.line("extensions", "x-example"),
                f"x-example builds no object of the body type {self.body_type}; "
                f"expected an is_object entry with keyPascal: {self.body_type}",
                "x-example",
            )
            return None
        used = _reachable(roots[-1].var, statements)
        declared_at = {n.key: i for i, _k, n in reversed(self.order)}
        for key, statement in statements.items():
            if key not in used:
                index = (
                    int(position[key])
                    if isinstance(statement, DateDecl)
                    else declared_at[key]
                )
                self.warn(
                    index,
                    f"'{_raw_key(statement.var)}' is never used by the request body; dropping it",
                    "unused",
                )
        ordered, circle = _topological(
            [statements[k] for k in statements if k in used], position
        )
        if circle:
            chain = (
                f"'{_raw_key(circle[0])}' contains itself"
                if len(circle) == 2
                else " -> ".join(f"'{_raw_key(name)}'" for name in circle)
                + " contain each other"
            )
            self.error(
                declared_at[circle[0].key],
                f"{chain}; expected every object and list to be built "
                "from ones declared before it",
                "key",
                "cycle",
            )
            return None
        return Example(tuple(ordered), roots[-1].var)


_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def suggest(wanted: str, known: Iterable[str]) -> str | None:
    """The known name that ``wanted`` most likely misspells: a close match or a transposition."""
    candidates = sorted(known)
    close = close_matches(wanted, candidates)
    if close:
        return close[0]
    letters = sorted(wanted.lower())
    return next((c for c in candidates if sorted(c.lower()) == letters), None)


def _a(noun: str) -> str:
    """``object`` -> ``an object``; ``dict`` reads as ``a mapping``."""
    noun = {"dict": "mapping", "str": "string", "int": "number", "float": "number"}.get(
        noun, noun
    )
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _raw_key(name: Name) -> str:
    """A name in the lowerCamel form the x-example data uses, for messages."""
    words = name.words
    return (
        words[0][:1].lower()
        + words[0][1:]
        + "".join(w[:1].upper() + w[1:] for w in words[1:])
        if words
        else ""
    )


def _references(statement: Statement) -> list[Name]:
    if isinstance(statement, ListBuild):
        return list(statement.items)
    if isinstance(statement, ObjectBuild):
        found: list[Name] = []
        for fs in statement.fields:
            found.extend(_value_refs(fs.value))
        return found
    return []


def _value_refs(value: Value) -> Iterable[Name]:
    if isinstance(value, RefValue):
        yield value.var
    elif isinstance(value, ListValue):
        for item in value.items:
            yield from _value_refs(item)


def _reachable(root: Name, statements: dict[str, Statement]) -> set[str]:
    seen: set[str] = set()
    stack = [root]
    while stack:
        name = stack.pop()
        if name.key in seen or name.key not in statements:
            continue
        seen.add(name.key)
        stack.extend(_references(statements[name.key]))
    return seen


def _topological(
    statements: list[Statement], position: dict[str, float]
) -> tuple[list[Statement], list[Name]]:
    """Statements ordered so that each follows what it references; dates first, then x-example order.

    Also returns the first circle of references met (empty when there is
    none): such statements cannot be written in any order.  The walk keeps
    its own stack, so long chains of references cost no recursion.
    """
    by_key = {s.var.key: s for s in statements}
    done: set[str] = set()
    on_path: set[str] = set()
    result: list[Statement] = []
    circle: list[Name] = []

    def sort_key(s: Statement) -> tuple[int, float]:
        return (0 if isinstance(s, DateDecl) else 1, position[s.var.key])

    def dependencies(s: Statement) -> Iterator[Statement]:
        return iter(
            sorted(
                (by_key[n.key] for n in _references(s) if n.key in by_key),
                key=sort_key,
            )
        )

    for root in sorted(statements, key=sort_key):
        if root.var.key in done:
            continue
        stack = [(root, dependencies(root))]
        on_path.add(root.var.key)
        while stack:
            current, pending = stack[-1]
            for dep in pending:
                key = dep.var.key
                if key in done:
                    continue
                if key in on_path:
                    if not circle:
                        keys = [s.var.key for s, _ in stack]
                        circle = [s.var for s, _ in stack[keys.index(key) :]] + [
                            dep.var
                        ]
                    continue
                on_path.add(key)
                stack.append((dep, dependencies(dep)))
                break
            else:
                stack.pop()
                on_path.discard(current.var.key)
                done.add(current.var.key)
                result.append(current)
    return result, circle


# --------------------------------------------------------------------------- overrides

_SEGMENTS = re.compile(r"::|\\|\.")


def _override_problem(
    lang: str, override: str, value: Value, target: Field
) -> str | None:
    """Why a per-language override disagrees with ``value``, or ``None`` if it agrees."""
    text = override.strip()
    if (
        not text
        or text.upper() in ("TODO", "TBD")
        or "YOUR_" in text.upper()
        and not isinstance(value, StrValue)
    ):
        return "is a placeholder"
    if isinstance(value, EnumValue):
        if lang == "python_string":
            return None if text == value.member else f"is not the member {value.member}"
        segments = [s for s in _SEGMENTS.split(text) if s]
        if not segments:
            return "cannot be read"
        constant = segments[-1]
        owner = (
            segments[-3]
            if value.inline and len(segments) >= 3 and segments[-2].endswith("Enum")
            else (segments[-2] if len(segments) >= 2 else None)
        )
        if lang == "php" and value.inline:
            prefix = "_".join(w.upper() for w in Name.of(str(value.field)).words) + "_"
            if constant.upper().startswith(prefix):
                constant = constant[len(prefix) :]
        if _fold(constant) != _fold(value.member):
            return f"names member {constant}, not {value.member}"
        if owner is not None and owner != value.owner and lang != "python":
            return f"names class {owner}, not {value.owner}"
        if owner is None and lang not in ("python",):
            return f"does not name the class {value.owner}"
        return None
    if isinstance(value, DecimalValue):
        numbers = re.findall(r"-?\d+(?:\.\d+)?", text)
        if numbers and all(float(n) != float(value.value) for n in numbers):
            return f"is not the value {value.text}"
        return None
    if isinstance(value, IntValue):
        return (
            None
            if text.strip("'\"") == str(value.value)
            else f"is not the value {value.value}"
        )
    return None


def _fold(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", text).upper()


def _describe(value: Value) -> str:
    if isinstance(value, EnumValue):
        return f"{value.owner}.{value.field + '.' if value.field else ''}{value.member}"
    if isinstance(value, DecimalValue):
        return value.text
    if isinstance(value, IntValue):
        return str(value.value)
    return "the spec value"
