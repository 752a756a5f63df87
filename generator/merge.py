"""Merge the snippets into an OpenAPI document as ``x-codeSamples`` (``generate --apply-to``).

The document is read as plain data, changed only under the ``x-codeSamples``
key of the operations whose ``operationId`` the specs define, and written back
with its key order intact, as YAML or JSON according to the target's suffix.

YAML goes through :mod:`generator.yamlio`'s round trip: every plain scalar is
written back as the text it was, so YAML 1.1 and YAML 1.2 readers each see
what they saw before; comments, quoting styles and anchors are not kept.  JSON
output gives plain scalars their YAML 1.2 core-schema values, as js-yaml
(Redocly's reader) does, except that dates stay strings.

The merge itself has the semantics of applying the overlay's actions (the
samples are appended to any ``x-codeSamples`` already there) except that
samples with the same ``lang`` and ``label`` as ours, e.g. from an earlier run,
are replaced, so that merging twice gives the same document.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .docs import SAMPLES_KEY, OperationSamples
from .errors import DocumentError, Finding
from .load import MAX_FILE_BYTES, display_path
from .yamlio import dump_yaml, load_round_trip, to_json_data

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
MAX_DOCUMENT_BYTES = 8 * MAX_FILE_BYTES


@dataclass
class MergeReport:
    """What a merge did, by operationId."""

    merged: list[str] = field(default_factory=list)
    skipped: list[str] = field(
        default_factory=list
    )  # in the document, not in the specs
    missing: list[str] = field(
        default_factory=list
    )  # in the specs, not in the document


# --------------------------------------------------------------------------- reading


def read_document(path: Path) -> dict[str, Any]:
    """An OpenAPI 3 document (YAML, or JSON by suffix) as plain data, or :class:`DocumentError`."""
    shown = display_path(path)
    expected = "expected an OpenAPI 3 document (YAML or JSON)"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(
            [Finding(shown, 0, f"not found; {expected}", "io")]
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DocumentError(
            [Finding(shown, 0, f"cannot read: {reason}", "io")]
        ) from None
    if len(raw) > MAX_DOCUMENT_BYTES:
        size = f"{len(raw) / 1048576:.1f} MiB"
        limit = f"{MAX_DOCUMENT_BYTES // 1048576} MiB"
        raise DocumentError(
            [Finding(shown, 0, f"is {size}; the limit is {limit}", "too-large")]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (byte {exc.start}); {expected}"
        raise DocumentError([Finding(shown, 0, message, "encoding")]) from None
    document = _parse(shown, text, path.suffix.lower() in JSON_SUFFIXES)
    if not isinstance(document, dict) or "openapi" not in document:
        message = f"not an OpenAPI document (no top-level 'openapi' key); {expected}"
        raise DocumentError([Finding(shown, 1, message, "openapi")])
    version = str(document["openapi"])
    if not version.startswith("3."):
        message = f"'openapi: {version}' is not supported; expected OpenAPI 3.x"
        raise DocumentError([Finding(shown, 1, message, "openapi")])
    if not isinstance(document.get("paths"), dict):
        message = f"has no 'paths' mapping; {expected}"
        raise DocumentError([Finding(shown, 1, message, "openapi")])
    return document


def _parse(shown: str, text: str, is_json: bool) -> Any:
    if is_json:
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise DocumentError(
                [Finding(shown, exc.lineno, f"invalid JSON: {exc.msg}", "json")]
            ) from None
    try:
        return load_round_trip(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc)
        raise DocumentError(
            [Finding(shown, line, f"invalid YAML: {problem}", "yaml")]
        ) from None


# --------------------------------------------------------------------------- merging


def merge_samples(
    document: dict[str, Any], operations: Sequence[OperationSamples]
) -> MergeReport:
    """Set ``x-codeSamples`` on each operation of ``document`` that ``operations`` has, in place."""
    located: dict[str, dict[str, Any]] = {}
    for item in document["paths"].values():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            op = item.get(method)
            if isinstance(op, dict) and isinstance(op.get("operationId"), str):
                located.setdefault(op["operationId"], op)
    report = MergeReport()
    ours = {item.op.id: item for item in operations}
    for op_id in sorted(ours):
        target = located.get(op_id)
        if target is None:
            report.missing.append(op_id)
            continue
        samples = [sample.as_dict() for sample in ours[op_id].code_samples]
        keys = {(sample["lang"], sample["label"]) for sample in samples}
        existing = target.get(SAMPLES_KEY)
        kept = [
            sample
            for sample in (existing if isinstance(existing, list) else [])
            if not (
                isinstance(sample, dict)
                and (sample.get("lang"), sample.get("label")) in keys
            )
        ]
        target[SAMPLES_KEY] = kept + samples
        report.merged.append(op_id)
    report.skipped = sorted(set(located) - set(ours))
    return report


# --------------------------------------------------------------------------- writing


def output_format(path: Path) -> str:
    """``yaml`` or ``json`` from the target's suffix; ValueError for any other suffix."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        return "yaml"
    if suffix in JSON_SUFFIXES:
        return "json"
    raise ValueError(
        f"cannot tell the format of {path} from its suffix; expected .yaml, .yml or .json"
    )


def dump_document(document: dict[str, Any], fmt: str) -> bytes:
    """The document as UTF-8 YAML or JSON, keys in their original order."""
    if fmt == "json":
        data = to_json_data(document)
        text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
        return (text + "\n").encode()
    return dump_yaml(document, indent_sequences=True).encode()
