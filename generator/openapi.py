"""OpenAPI documents: the companion a spec tree was converted from.

A spec tree may carry, at its root, the OpenAPI document it was converted
from (the Xero corpus does).  OMG drops what SDK generators need from it:
the parameters' declaration order (the SDKs' argument order) and their
example values.  This module reads just that, as plain data, keyed by
operationId; :mod:`generator.build` decides how it refines the model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct, field

from .errors import Diagnostics
from .load import (
    MAX_FILE_BYTES,
    STR_TAG,
    Block,
    Document,
    FrontMatter,
    SpecTree,
    construct_scalar,
    display_path,
    document_events,
)

SUFFIXES = (".yaml", ".yml", ".json")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
EXTRACT_VERSION = "3"


class CompanionParam(Struct, frozen=True):
    name: str
    location: str  # path, query, header
    required: bool
    example: Any
    schema: dict[str, Any]


class CompanionOperation(Struct, frozen=True):
    id: str
    params: tuple[CompanionParam, ...]
    request_media_type: str | None
    response_media_types: dict[int, str]


class Companion(Struct, frozen=True):
    file: str
    operations: dict[str, CompanionOperation]
    # schema name -> property name -> "date" | "datetime": string properties the SDKs model as dates
    dates: dict[str, dict[str, str]] = field(default_factory=dict)


def find_companion(root: Path) -> Path | None:
    """The OpenAPI document at the top of ``root`` (``openapi:`` in its first lines), if any."""
    for path in sorted(root.iterdir()) if root.is_dir() else []:
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
        if any(
            line.lstrip("{ \"'").startswith("openapi")
            for line in head.splitlines()[:20]
        ):
            return path
    return None


def read_companion(
    path: Path, diag: Diagnostics, cache_dir: Path | None = None
) -> Companion | None:
    """Parameter order and examples per operation; cached by content hash when ``cache_dir`` is given."""
    return start_companion(path, diag, cache_dir, background=False)()


def start_companion(
    path: Path,
    diag: Diagnostics,
    cache_dir: Path | None = None,
    *,
    background: bool = True,
) -> Callable[[], Companion | None]:
    """Start reading the companion; the returned function waits for it.

    When its extract is not cached yet, parsing the (large) document happens
    in a forked process, so that loading the spec files goes on meanwhile.
    """
    shown = display_path(path)
    raw = _read(path, shown, "OpenAPI companion", diag)
    if raw is None:
        return lambda: None
    digest = hashlib.sha256(raw).hexdigest()
    cached = (
        cache_dir / "openapi" / f"{digest}-{EXTRACT_VERSION}.json"
        if cache_dir
        else None
    )
    if cached is not None and cached.is_file():
        try:
            companion = _from_extract(
                shown, json.loads(cached.read_text(encoding="utf-8"))
            )
            return lambda: companion
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is rebuilt below

    def finish(outcome: tuple[str, Any, int]) -> Companion | None:
        kind, value, line = outcome
        if kind == "error":
            diag.error(shown, line, str(value), "openapi")
            return None
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(json.dumps(value), encoding="utf-8")
                os.replace(tmp, cached)
            except OSError:
                pass
        return _from_extract(shown, value)

    if background:
        from . import background as jobs

        job = jobs.start(lambda: _parse_extract(raw))

        def wait() -> Companion | None:
            try:
                outcome = job.result()
            except jobs.BackgroundError as exc:
                outcome = ("error", f"reading the OpenAPI companion failed: {exc}", 0)
            return finish(outcome)

        return wait
    outcome = _parse_extract(raw)
    return lambda: finish(outcome)


def _parse_extract(raw: bytes) -> tuple[str, Any, int]:
    """("ok", extract, 0) or ("error", message, line)."""
    kind, value, line = _parse(raw, _EXTRACTED)
    return (kind, _extract(value), line) if kind == "ok" else (kind, value, line)


def _parse(raw: bytes, keep: Keep = True) -> tuple[str, Any, int]:
    """("ok", document, 0) or ("error", message, line); only what ``keep`` selects is built."""
    try:
        document = load_selected(raw, keep)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        message = f"invalid OpenAPI companion: {getattr(exc, 'problem', exc)}"
        return ("error", message, (mark.line + 1) if mark else 0)
    if not isinstance(document, dict) or "openapi" not in document:
        return ("error", "not an OpenAPI document (no top-level 'openapi' key)", 1)
    return ("ok", document, 0)


_DATE_MARKERS = (("x-is-msdate", "date"), ("x-is-msdate-time", "datetime"))

# What a value of the document is built for: True for all of it; a dict for a
# mapping's listed keys ("*" for any other key; a key not listed is left out),
# each with what to build of its value; False for a key alone (its value None).
Keep = bool | dict[str, "Keep"]

_MEDIA_TYPES: dict[str, Keep] = {"content": {"*": False}}
# What _extract reads: operations' ids, parameters, bodies and responses (their
# media types), shared parameters and bodies, and the date markers of properties.
_EXTRACTED: Keep = {
    "openapi": True,
    "paths": {
        "*": {
            "parameters": True,
            "*": {
                "operationId": True,
                "parameters": True,
                "requestBody": {"$ref": True, **_MEDIA_TYPES},
                "responses": {"*": _MEDIA_TYPES},
            },
        }
    },
    "components": {
        "parameters": True,
        "requestBodies": {"*": _MEDIA_TYPES},
        "schemas": {
            "*": {
                "properties": {
                    "*": {"type": True, **{m: True for m, _ in _DATE_MARKERS}}
                }
            }
        },
    },
}


class _Unselective(Exception):
    """The document uses what only a whole load handles (aliases, merge keys, complex keys)."""


def load_selected(raw: bytes, keep: Keep = True) -> Any:
    """``yaml.safe_load`` of the parts of a document that ``keep`` selects.

    The rest is parsed (its syntax is checked) but never built, which is most of
    the cost of loading a large document.  A document with aliases, merge keys or
    tagged collections is loaded by PyYAML's whole load instead.  A value that
    does not fit its tag (``!!int abc``) raises a ConstructorError at its line.
    """
    loader = _LOADER(raw)
    try:
        return _SelectiveReader(loader).read(keep)
    except _Unselective:
        return yaml.load(raw, Loader=_LOADER)
    finally:
        loader.dispose()


class _SelectiveReader:
    def __init__(self, loader: Any) -> None:
        self.events = document_events(loader)
        self.resolve = loader.resolve

    def read(self, keep: Keep) -> Any:
        root: Any = None
        # per open collection: [its value, what to keep of its items, the key awaiting its value]
        frames: list[list[Any]] = []
        pending: Keep = keep  # what to keep of the next value
        for event in self.events:
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frames.pop()
                continue
            if kind is yaml.AliasEvent:
                raise _Unselective
            frame = frames[-1] if frames else None
            if frame is not None and type(frame[0]) is dict and frame[2] is _NO_KEY:
                if kind is not yaml.ScalarEvent or (
                    event.value == "<<" and event.tag is None and event.implicit[0]
                ):
                    raise _Unselective
                key = self._scalar(event)
                wanted = frame[1]
                if wanted is not True:
                    assert isinstance(wanted, dict)
                    wanted = wanted.get(str(key), wanted.get("*"))
                    if wanted is None:
                        self._skip()
                        continue
                frame[2], pending = key, wanted
                continue
            if frame is not None and type(frame[0]) is list:
                pending = True  # a list is built whole
            value: Any
            if pending is False:
                self._skip(event)
                value = None
            elif kind is yaml.ScalarEvent:
                value = self._scalar(event)
            else:
                if event.tag not in _PLAIN_COLLECTION_TAGS:
                    raise _Unselective  # !!set, !!omap and the like
                value = {} if kind is yaml.MappingStartEvent else []
                # a list, or a value not shaped as selected, is built whole
                below = pending if type(value) is dict else True
                frames.append([value, below, _NO_KEY])
            if frame is None:
                root = value
            elif type(frame[0]) is dict:
                frame[0][frame[2]] = value
                frame[2] = _NO_KEY
            else:
                frame[0].append(value)
        return root

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(yaml.ScalarNode, event.value, event.implicit)
        return event.value if tag == STR_TAG else construct_scalar(event, tag)

    def _skip(self, first: Any = None) -> None:
        """Pass over a value (the one starting at ``first``, or the next one)."""
        event = first if first is not None else next(self.events)
        kind = type(event)
        if kind is not yaml.MappingStartEvent and kind is not yaml.SequenceStartEvent:
            return
        depth = 1
        for event in self.events:
            kind = type(event)
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                depth += 1
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                depth -= 1
                if not depth:
                    return


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NO_KEY = object()
_PLAIN_COLLECTION_TAGS = frozenset(
    {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
)


def _extract(document: dict[str, Any]) -> dict[str, Any]:
    """The JSON-able part we use, per operationId: parameters and media types."""
    shared = (document.get("components") or {}).get("parameters") or {}
    operations: dict[str, Any] = {}
    for item in (document.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        common = item.get("parameters") or []
        for method in METHODS:
            op = item.get(method)
            if not isinstance(op, dict) or not isinstance(op.get("operationId"), str):
                continue
            params = []
            for param in [*common, *(op.get("parameters") or [])]:
                param = _resolve(param, shared)
                if not isinstance(param, dict) or "name" not in param:
                    continue
                params.append(
                    [
                        str(param["name"]),
                        str(param.get("in", "")),
                        bool(param.get("required", False)),
                        _plain(param.get("example")),
                        _plain(param.get("schema") or {}),
                    ]
                )
            body = _resolve_body(op.get("requestBody"), document)
            operations[op["operationId"]] = {
                "params": params,
                "request": _first_media_type(body),
                "responses": {
                    str(status): media
                    for status, response in (op.get("responses") or {}).items()
                    if str(status).isdigit() and (media := _first_media_type(response))
                },
            }
    return {"operations": operations, "dates": _sdk_dates(document)}


def _sdk_dates(document: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Per schema, the string properties marked ``x-is-msdate`` / ``x-is-msdate-time``."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    found: dict[str, dict[str, str]] = {}
    for name, schema in schemas.items() if isinstance(schemas, dict) else ():
        properties = schema.get("properties") if isinstance(schema, dict) else None
        for prop, spec in (properties or {}).items():
            if not isinstance(spec, dict) or spec.get("type") != "string":
                continue
            for marker, kind in _DATE_MARKERS:
                if spec.get(marker) is True:
                    found.setdefault(str(name), {})[str(prop)] = kind
    return found


def _resolve_body(body: Any, document: dict[str, Any]) -> Any:
    ref = body.get("$ref") if isinstance(body, dict) else None
    if isinstance(ref, str) and ref.startswith("#/components/requestBodies/"):
        bodies = (document.get("components") or {}).get("requestBodies") or {}
        return bodies.get(ref.rsplit("/", 1)[-1])
    return body


def _first_media_type(holder: Any) -> str | None:
    content = holder.get("content") if isinstance(holder, dict) else None
    if isinstance(content, dict) and content:
        return str(next(iter(content)))
    return None


def _resolve(param: Any, shared: dict[str, Any]) -> Any:
    ref = param.get("$ref") if isinstance(param, dict) else None
    if isinstance(ref, str) and ref.startswith("#/components/parameters/"):
        return shared.get(ref.rsplit("/", 1)[-1])
    return param


def _plain(value: Any) -> Any:
    """Only JSON values survive (dates and the like become strings)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _from_extract(shown: str, extract: dict[str, Any]) -> Companion:
    operations = {}
    for op_id, data in extract["operations"].items():
        operations[op_id] = CompanionOperation(
            op_id,
            tuple(CompanionParam(*param) for param in data["params"]),
            data["request"],
            {int(status): media for status, media in data["responses"].items()},
        )
    return Companion(shown, operations, extract["dates"])


def example_text(value: Any) -> Any:
    """An OpenAPI example with HTML entities decoded (the Xero document escapes quotes)."""
    if isinstance(value, str) and "&" in value:
        import html  # imported for the values that have entities only

        return html.unescape(value)
    return value


def split_list_example(text: str) -> list[str]:
    """``"a", "b"`` or ``a,b`` as a list of items."""
    return [
        part.strip().strip("\"'")
        for part in text.split(",")
        if part.strip().strip("\"'")
    ]


# --------------------------------------------------------------------------- OpenAPI as input

_PRIMITIVE_FORMATS = {"uuid": "uuid", "date": "date", "date-time": "datetime"}
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_KEYWORDS = frozenset({"true", "false", "null"})


def load_openapi(path: Path, diag: Diagnostics) -> tuple[SpecTree, Companion] | None:
    """An OpenAPI 3 document as the documents the OMG loader would give, and as its own companion.

    Schemas become ``omg.type`` blocks, operations endpoint documents with
    their front matter (x-* extensions, x-example included) and blocks, in the
    OMG grammar; so the model is built by the same code as for OMG specs.
    """
    shown = display_path(path)
    raw = _read(path, shown, "OpenAPI document", diag)
    if raw is None:
        return None
    # parsed once, for both the extract and the conversion
    kind, document, line = _parse(raw)
    if kind == "error":
        diag.error(shown, line, str(document), "openapi")
        return None
    lines = _key_lines(raw.decode("utf-8", "replace"))
    converter = _Converter(document, shown, lines, diag)
    documents = converter.documents()
    return SpecTree(path.parent, documents), _from_extract(shown, _extract(document))


def _read(path: Path, shown: str, what: str, diag: Diagnostics) -> bytes | None:
    """The bytes of an OpenAPI document, or None after reporting why it cannot be used."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        diag.error(shown, 0, f"cannot read the {what}: {exc.strerror or exc}", "io")
        return None
    if len(raw) > 8 * MAX_FILE_BYTES:
        diag.error(
            shown,
            0,
            f"{what} is {len(raw) / 1048576:.1f} MiB; "
            f"the limit is {8 * MAX_FILE_BYTES // 1048576} MiB",
            "too-large",
        )
        return None
    return raw


def _key_lines(text: str) -> dict[str, int]:
    """Lines of ``operationId: X`` and of schema names, for messages that point into the document."""
    found: dict[str, int] = {}
    in_schemas = False
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if stripped.startswith("operationId:"):
            found.setdefault(
                "op:" + stripped.split(":", 1)[1].strip().strip("'\""), number
            )
        elif line.startswith("  schemas:"):
            in_schemas = True
        elif (
            in_schemas
            and line.startswith("    ")
            and not line.startswith("     ")
            and stripped.endswith(":")
        ):
            found.setdefault("schema:" + stripped[:-1].strip("'\""), number)
        elif line and not line.startswith(" "):
            in_schemas = False
    return found


class _Converter:
    def __init__(
        self,
        document: dict[str, Any],
        shown: str,
        lines: dict[str, int],
        diag: Diagnostics,
    ) -> None:
        self.document = document
        self.shown = shown
        self.lines = lines
        self.diag = diag
        components = document.get("components") or {}
        self.parameters = components.get("parameters") or {}
        self.bodies = components.get("requestBodies") or {}
        self.responses = components.get("responses") or {}

    def documents(self) -> list[Document]:
        docs = [self.root()]
        for name, schema in (
            (self.document.get("components") or {}).get("schemas") or {}
        ).items():
            line = self.lines.get(f"schema:{name}", 1)
            text = self.type_block(str(name), schema, line)
            if text is not None:
                docs.append(
                    Document(
                        self.shown,
                        None,
                        str(name),
                        line,
                        None,
                        [Block("type", None, text, self.shown, line)],
                        [],
                        f"schema:{name}",
                    )
                )
        for path, item in (self.document.get("paths") or {}).items():
            if not isinstance(item, dict):
                continue
            for method in METHODS:
                op = item.get(method)
                if isinstance(op, dict):
                    docs.append(
                        self.endpoint(
                            str(path), method, op, item.get("parameters") or []
                        )
                    )
        return docs

    def root(self) -> Document:
        info = self.document.get("info") or {}
        data: dict[str, Any] = {"name": str(info.get("title") or "API")}
        if info.get("version") is not None:
            data["version"] = str(info["version"])
        servers = [
            s
            for s in self.document.get("servers") or []
            if isinstance(s, dict) and s.get("url")
        ]
        if servers:
            data["servers"] = [{"url": str(s["url"])} for s in servers]
        return Document(
            self.shown, FrontMatter(data, {}, 1), data["name"], 1, None, [], [], "root"
        )

    def endpoint(
        self, path: str, method: str, op: dict[str, Any], common: list[Any]
    ) -> Document:
        op_id = op.get("operationId")
        line = self.lines.get(f"op:{op_id}", 1)
        data: dict[str, Any] = {
            "method": method.upper(),
            "path": path,
            "operationId": op_id,
            "tags": list(op.get("tags") or []),
        }
        if op.get("deprecated"):
            data["deprecated"] = True
        data["security"] = list(op.get("security") or [])
        extensions = {k: v for k, v in op.items() if str(k).startswith("x-")}
        if extensions:
            data["extensions"] = extensions
        blocks: list[Block] = []
        by_location: dict[str, list[str]] = {"path": [], "query": [], "header": []}
        for param in [*common, *(op.get("parameters") or [])]:
            param = self.resolve(param, "#/components/parameters/", self.parameters)
            if not isinstance(param, dict) or param.get("in") not in by_location:
                continue
            key = self.key(str(param.get("name", "")))
            optional = "" if param.get("required") else "?"
            by_location[str(param["in"])].append(
                f"  {key}{optional}: {self.type_expr(param.get('schema') or {})}"
            )
        for location, kind in (
            ("path", "path"),
            ("query", "query"),
            ("header", "headers"),
        ):
            if by_location[location]:
                text = "{\n" + "\n".join(by_location[location]) + "\n}"
                blocks.append(Block(kind, None, text, self.shown, line))
        body = self.resolve(
            op.get("requestBody"), "#/components/requestBodies/", self.bodies
        )
        schema = self.content_schema(body)
        if schema is not None:
            blocks.append(Block("body", None, self.type_expr(schema), self.shown, line))
        for status, response in (op.get("responses") or {}).items():
            if not str(status).isdigit():
                continue
            response = self.resolve(response, "#/components/responses/", self.responses)
            schema = self.content_schema(response)
            text = self.type_expr(schema) if schema is not None else ""
            blocks.append(Block("response", int(status), text, self.shown, line))
        title = str(op.get("summary") or f"{method.upper()} {path}")
        return Document(
            self.shown,
            FrontMatter(data, {}, line),
            title,
            line,
            None,
            blocks,
            [],
            f"op:{op_id}",
        )

    def resolve(self, value: Any, prefix: str, table: dict[str, Any]) -> Any:
        ref = value.get("$ref") if isinstance(value, dict) else None
        if isinstance(ref, str) and ref.startswith(prefix):
            return table.get(ref[len(prefix) :])
        return value

    def content_schema(self, holder: Any) -> Any:
        content = holder.get("content") if isinstance(holder, dict) else None
        if not isinstance(content, dict) or not content:
            return None
        media = next(iter(content.values()))
        return media.get("schema") if isinstance(media, dict) else None

    def key(self, name: str) -> str:
        return (
            name
            if _IDENT.fullmatch(name) and name not in _KEYWORDS
            else json.dumps(name)
        )

    def type_block(self, name: str, schema: Any, line: int) -> str | None:
        if not isinstance(schema, dict):
            return None
        if schema.get("enum") and schema.get("type", "string") == "string":
            return f"type {name} = {self.type_expr(schema)}"
        if schema.get("type", "object") != "object" and "properties" not in schema:
            self.diag.warn(
                self.shown,
                line,
                f"schema {name} is neither an object nor a string enum; it is left out",
                "openapi",
            )
            return None
        required = set(schema.get("required") or [])
        props = []
        for prop, prop_schema in (schema.get("properties") or {}).items():
            optional = "" if prop in required else "?"
            comment = ""
            description = (
                prop_schema.get("description")
                if isinstance(prop_schema, dict)
                else None
            )
            if isinstance(description, str) and description.strip():
                comment = "  // " + " ".join(description.split())
            props.append(
                f"  {self.key(str(prop))}{optional}: {self.type_expr(prop_schema)}{comment}"
            )
        return f"type {name} = {{\n" + "\n".join(props) + "\n}"

    def type_expr(self, schema: Any) -> str:
        """A schema in the OMG block grammar."""
        if not isinstance(schema, dict):
            return "string"
        ref = schema.get("$ref")
        if isinstance(ref, str):
            return ref.rsplit("/", 1)[-1]
        kind = schema.get("type", "object" if "properties" in schema else "string")
        annotations = []
        if kind == "array":
            return self.type_expr(schema.get("items") or {}) + "[]"
        enum = schema.get("enum")
        if kind == "string" and isinstance(enum, list) and enum:
            return " | ".join(json.dumps(str(member)) for member in enum)
        fmt = schema.get("format")
        if kind == "string":
            base = _PRIMITIVE_FORMATS.get(str(fmt), "string")
            if fmt in ("byte", "binary"):
                annotations.append(f'@format("{fmt}")')
        elif kind in ("number", "integer", "boolean"):
            base = str(kind)
            if fmt is not None:
                annotations.append(f"@format({json.dumps(str(fmt))})")
        else:
            base = "string"
        if isinstance(schema.get("maxLength"), int):
            annotations.append(f"@maxLength({schema['maxLength']})")
        if "default" in schema and isinstance(
            schema["default"], (str, int, float, bool)
        ):
            annotations.append(f"@default({json.dumps(schema['default'])})")
        return " ".join([base, *annotations])
