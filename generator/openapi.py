"""OpenAPI documents: the companion a spec tree was converted from.

A spec tree may carry, at its root, the OpenAPI document it was converted
from (the Xero corpus does).  OMG drops what SDK generators need from it:
the parameters' declaration order (the SDKs' argument order) and their
example values.  This module reads just that, as plain data, keyed by
operationId; :mod:`generator.build` decides how it refines the model.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Diagnostics
from .load import MAX_FILE_BYTES, display_path

SUFFIXES = (".yaml", ".yml", ".json")
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
EXTRACT_VERSION = "3"


@dataclass(frozen=True)
class CompanionParam:
    name: str
    location: str  # path, query, header
    required: bool
    example: Any
    schema: dict[str, Any]


@dataclass(frozen=True)
class CompanionOperation:
    id: str
    params: tuple[CompanionParam, ...]
    request_media_type: str | None
    response_media_types: dict[int, str]
    sdk_path: str | None = (
        None  # x-path: the path the SDKs request instead of the declared one
    )


@dataclass(frozen=True)
class Companion:
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
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        diag.error(
            shown, 0, f"cannot read the OpenAPI companion: {exc.strerror or exc}", "io"
        )
        return None
    if len(raw) > 8 * MAX_FILE_BYTES:
        diag.error(
            shown,
            0,
            f"OpenAPI companion is {len(raw) / 1048576:.1f} MiB; the limit is {8 * MAX_FILE_BYTES // 1048576} MiB",
            "too-large",
        )
        return None
    digest = hashlib.sha256(raw).hexdigest()
    cached = (
        cache_dir / "openapi" / f"{digest}-{EXTRACT_VERSION}.json"
        if cache_dir is not None
        else None
    )
    if cached is not None and cached.is_file():
        try:
            return _from_extract(shown, json.loads(cached.read_text(encoding="utf-8")))
        except (ValueError, KeyError, TypeError):
            pass  # a damaged cache entry is rebuilt below
    try:
        document = yaml.load(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        diag.error(
            shown,
            (mark.line + 1) if mark else 0,
            f"invalid OpenAPI companion: {getattr(exc, 'problem', exc)}",
            "yaml",
        )
        return None
    if not isinstance(document, dict) or "openapi" not in document:
        diag.error(
            shown, 1, "not an OpenAPI document (no top-level 'openapi' key)", "openapi"
        )
        return None
    extract = _extract(document)
    if cached is not None:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(extract), encoding="utf-8")
            os.replace(tmp, cached)
        except OSError:
            pass
    return _from_extract(shown, extract)


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
                "x-path": (
                    op.get("x-path") if isinstance(op.get("x-path"), str) else None
                ),
            }
    return {"operations": operations, "dates": _sdk_dates(document)}


_DATE_MARKERS = (("x-is-msdate", "date"), ("x-is-msdate-time", "datetime"))


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
            data["x-path"],
        )
    return Companion(shown, operations, extract["dates"])


def example_text(value: Any) -> Any:
    """An OpenAPI example with HTML entities decoded (the Xero document escapes quotes)."""
    if isinstance(value, str):
        return html.unescape(value)
    return value


def split_list_example(text: str) -> list[str]:
    """``"a", "b"`` or ``a,b`` as a list of items."""
    return [
        part.strip().strip("\"'")
        for part in text.split(",")
        if part.strip().strip("\"'")
    ]
