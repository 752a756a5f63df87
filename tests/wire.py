"""What an operation looks like on the wire: the request the model describes, per SDK, and a reply to it.

Everything is derived from the model (``Operation.method/path/params/call``,
each ``Param.example``, the ``Example`` tree and the types), never written per
operation.  What differs between SDKs is a handful of encoding facts, kept in
one :class:`Sdk` record each: how a boolean or a timestamp is written into a
query string, how a date field is sent in a JSON body, which defaults the
model classes fill in, what a request without a body carries.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from generator.model import (
    Api,
    BoolValue,
    DateTimeValue,
    DateValue,
    DecimalValue,
    EnumValue,
    IntValue,
    ListValue,
    Operation,
    Param,
    RefValue,
    StrValue,
    TypeDef,
    TypeRef,
    UuidValue,
    Value,
)

from .recording import Recorded, RecordingServer, Reply
from .support import expected_json

# What every snippet's boilerplate authenticates with.
ACCESS_TOKEN = "YOUR_ACCESS_TOKEN"
# The bytes a binary download answers with, and the bytes of the file an upload snippet reads.
DOWNLOAD_BYTES = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\n\x00\xff%%EOF\n"
UPLOAD_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00upload\x00\xff\xd9"
# Date and timestamp fields in replies, as the SDKs read them: 2020-10-10T00:00:00Z.
SAMPLE_MS_DATE = "/Date(1602288000000+0000)/"


def ms_date_text(value: dt.date) -> str:
    """A date as xero-python sends it: ``/Date(<ms of midnight UTC>)/``."""
    return f"/Date({calendar.timegm(value.timetuple()) * 1000})/"


def js_iso(value: dt.datetime) -> str:
    """``Date.prototype.toISOString``: UTC, milliseconds, ``Z``."""
    utc = value.astimezone(dt.timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


@dataclass(frozen=True)
class Sdk:
    """How one official SDK writes a request (facts checked against the pinned release)."""

    name: str
    booleans: tuple[str, str]  # (false, true) in query strings and headers
    timestamp: Callable[[dt.datetime], str]  # a datetime parameter as text
    body_date: Callable[[dt.date], Any]  # a date value in a JSON body
    model_defaults: bool  # model classes fill the types' @default fields in
    path_safe: str  # characters left unescaped in a path parameter
    bodiless: bytes  # the body of a request without one (GET, DELETE)
    upload_media_type: Callable[[Operation], str]  # Content-Type of a binary upload
    transport_headers: frozenset[str]  # headers of the HTTP stack, not of the API call
    # The Accept header of an operation that answers with no content (None: not sent).
    empty_accept: str | None


TRANSPORT = frozenset(
    {"host", "content-length", "accept-encoding", "connection", "user-agent"}
)

PYTHON = Sdk(
    name="xero-python",
    booleans=("False", "True"),
    timestamp=lambda value: value.isoformat(),
    body_date=ms_date_text,
    model_defaults=True,
    path_safe="",
    bodiless=b"",
    # fixed by the SDK
    upload_media_type=lambda op: "application/octet-stream",
    transport_headers=TRANSPORT,
    empty_accept=None,
)

NODE = Sdk(
    name="xero-node",
    booleans=("false", "true"),
    timestamp=js_iso,
    body_date=dt.date.isoformat,  # date fields are strings in xero-node, sent as given
    model_defaults=False,  # snippets build plain object literals
    path_safe="-_.!~*'()",  # encodeURIComponent
    bodiless=b"{}",
    # the snippet passes the file's media type in the call's options
    upload_media_type=lambda op: op.body.media_type if op.body else "",
    # fetch (generic calls) adds these; with If-Modified-Since it also asks caches not to answer
    transport_headers=TRANSPORT
    | {"accept-language", "sec-fetch-mode", "cache-control", "pragma"},
    empty_accept="",
)


@dataclass(frozen=True)
class Expected:
    method: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    json: Any = None
    body: bytes | None = None  # raw body, when it is not JSON


def text(sdk: Sdk, value: Value) -> str:
    """A parameter value as the SDK writes it into a path, query string or header."""
    if isinstance(value, (StrValue, UuidValue)):
        return value.text
    if isinstance(value, BoolValue):
        return sdk.booleans[value.value]
    if isinstance(value, IntValue):
        return str(value.value)
    if isinstance(value, DecimalValue):
        return value.text
    if isinstance(value, DateValue):
        return value.iso
    if isinstance(value, DateTimeValue):
        return sdk.timestamp(value.value)
    if isinstance(value, EnumValue):
        return value.member
    if isinstance(value, ListValue):
        return ",".join(text(sdk, item) for item in value.items)
    raise TypeError(value)


def expected_request(
    api: Api, op: Operation, sdk: Sdk, generic: bool = False
) -> Expected:
    """The request the model describes for ``op``, as ``sdk`` sends it.

    ``generic`` is a call made without the SDK's typed method (a deprecated operation the
    SDK release dropped): it sends no body where the operation has none.
    """
    path = urlsplit(api.base_url).path.rstrip("/")
    by_name = {p.name: p for p in op.params_in("path")}
    # The SDKs request the operation's x-path where it has one (the PDF endpoints).
    template = op.request_path
    for index, piece in enumerate(re.split(r"\{([^{}]*)\}", template)):
        if index % 2:
            path += quote(text(sdk, by_name[piece].example), safe=sdk.path_safe)
        else:
            path += piece
    query = [(p.name, text(sdk, p.example)) for p in _called(op, "query")]
    headers = {p.name.lower(): text(sdk, p.example) for p in _called(op, "header")}
    headers["authorization"] = f"Bearer {ACCESS_TOKEN}"
    # Accept: what the operation answers with, the success response first (none when it answers nothing).
    accept = next(
        (r.media_type for r in op.responses if r.media_type is not None), None
    )
    if accept is None:
        accept = sdk.empty_accept
    if accept is not None:
        headers["accept"] = accept
    body = op.body
    if body is None:
        headers["content-type"] = "application/json"
        raw = b"" if generic else sdk.bodiless
        return Expected(op.method, path, query, headers, body=raw)
    if body.binary:
        headers["content-type"] = sdk.upload_media_type(op)
        return Expected(op.method, path, query, headers, body=UPLOAD_BYTES)
    headers["content-type"] = "application/json"
    assert body.example is not None
    document = expected_json(
        body.example, date=sdk.body_date, defaults=api if sdk.model_defaults else None
    )
    return Expected(op.method, path, query, headers, json=document)


def _called(op: Operation, location: str) -> list[Param]:
    return [
        a.param for a in op.call if a.param is not None and a.param.location == location
    ]


def recorded_json(request: Recorded) -> Any:
    return json.loads(request.body) if request.body else None


# --------------------------------------------------------------------------- files


def prepare_upload(op: Operation, cwd: Path) -> None:
    """The file a binary-upload snippet reads, where the snippet looks for it."""
    body = op.body
    if body is not None and body.binary:
        (cwd / upload_name(op)).write_bytes(UPLOAD_BYTES)


def upload_name(op: Operation) -> str:
    assert op.body is not None
    source = op.body.source
    if isinstance(source, RefValue):
        param = next(p for p in op.params if p.var == source.var)
        assert isinstance(param.example, StrValue)
        return param.example.text
    assert isinstance(source, StrValue)
    return source.text


# --------------------------------------------------------------------------- replies


def reply(api: Api, op: Operation) -> Reply:
    """A successful answer the SDK can deserialize into the operation's return type."""
    success = op.success
    status = success.status if success is not None else 200
    ref = success.type if success is not None else None
    if ref is None:
        return Reply(status, None, b"")
    if ref.is_binary:
        assert success is not None
        return Reply(
            status, success.media_type or "application/octet-stream", DOWNLOAD_BYTES
        )
    document = sample(api, ref, root=True)
    return Reply(status, "application/json", json.dumps(document).encode())


def sample(
    api: Api, ref: TypeRef, *, root: bool = False, trail: tuple[str, ...] = ()
) -> Any:
    """A value of type ``ref``: objects with their required fields filled (one item in the root's lists)."""
    if ref.is_array:
        assert ref.item is not None
        if root and ref.item.is_named and not api.type(str(ref.item.name)).is_enum:
            return [sample(api, ref.item, trail=trail)]
        return []
    if ref.is_named:
        typedef = api.type(str(ref.name))
        if typedef.is_enum:
            return typedef.members[0]
        if typedef.name in trail:
            return {}
        return sample_object(api, typedef, root, (*trail, typedef.name))
    return sample_scalar(ref)


def sample_object(
    api: Api, typedef: TypeDef, root: bool, trail: tuple[str, ...]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in typedef.fields:
        listed = root and field.type.is_array
        if field.required or listed:
            out[field.name] = (
                SAMPLE_MS_DATE
                if field.sdk_date is not None
                else sample(api, field.type, root=listed, trail=trail)
            )
    return out


def sample_scalar(ref: TypeRef) -> Any:
    if ref.is_enum:
        return ref.members[0]
    return {
        "string": "text",
        "uuid": "00000000-0000-0000-0000-000000000001",
        "number": 1.5,
        "integer": 1,
        "boolean": False,
        "date": "2020-10-10",
        "datetime": SAMPLE_MS_DATE,
    }.get(ref.kind, "text")


# --------------------------------------------------------------------------- comparison


def check_request(request: Recorded, expected: Expected, sdk: Sdk) -> None:
    """Assert that a recorded request is the expected one (query order aside)."""
    assert (request.method, request.path) == (expected.method, expected.path)
    sent_query = sorted(parse_qsl(request.query, keep_blank_values=True))
    assert sent_query == sorted(expected.query)
    headers = {
        k: v for k, v in request.header_map().items() if k not in sdk.transport_headers
    }
    assert headers == expected.headers
    if expected.json is not None:
        assert recorded_json(request) == expected.json
    else:
        assert request.body == expected.body


# --------------------------------------------------------------------------- running snippets


@dataclass
class Run:
    """One snippet's run: the runner's result, the requests the server recorded, its directory."""

    result: dict[str, Any]
    requests: list[Recorded]
    cwd: Path


def run_snippets(
    api: Api,
    work: Path,
    snippet: Callable[[str, Path], Path],
    command: list[str],
    *,
    base_path: str = "",
    env: Callable[[RecordingServer], dict[str, str]] | None = None,
) -> dict[str, Run]:
    """Run one snippet per operation in one runner process, against a recording server.

    ``snippet(op_id, cwd)`` gives the file to run in the operation's working
    directory; ``command`` is the runner, called with a jobs file and a results
    file; ``base_path`` follows each base URL; ``env(server)`` adds variables.
    """
    ops = {op.id: op for op in api.operations}
    server = RecordingServer(lambda key, request: reply(api, ops[key]))
    with server.running():
        jobs = []
        for op_id in sorted(ops):
            cwd = work / op_id
            cwd.mkdir()
            prepare_upload(ops[op_id], cwd)
            jobs.append(
                {
                    "key": op_id,
                    "file": str(snippet(op_id, cwd)),
                    "cwd": str(cwd),
                    "base_url": server.url(op_id) + base_path,
                }
            )
        (work / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        completed = subprocess.run(
            [*command, str(work / "jobs.json"), str(work / "results.json")],
            cwd=work,
            env={**os.environ, **(env(server) if env else {})},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        results = json.loads((work / "results.json").read_text(encoding="utf-8"))
        return {
            op_id: Run(results[op_id], server.requests(op_id), work / op_id)
            for op_id in ops
        }
