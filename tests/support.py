"""Helpers that interpret the model independently of the templates: expected JSON, client objects."""

from __future__ import annotations

import datetime as dt
import importlib
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

from generator.model import (
    Api,
    BoolValue,
    DateDecl,
    DateTimeValue,
    DateValue,
    DecimalValue,
    EnumValue,
    Example,
    IntValue,
    ListBuild,
    ListValue,
    ObjectBuild,
    Operation,
    RefValue,
    StrValue,
    UuidValue,
    Value,
)
from generator.render import ClientView


def walk_example(
    example: Example,
    convert: Callable[[Value, dict[str, Any]], Any],
    build: Callable[[ObjectBuild, dict[str, Any]], Any],
) -> Any:
    """Evaluate an example tree in order; returns the value of its body variable."""
    env: dict[str, Any] = {}
    for statement in example.statements:
        if isinstance(statement, DateDecl):
            env[statement.var.key] = convert(statement.value, env)
        elif isinstance(statement, ListBuild):
            env[statement.var.key] = [env[item.key] for item in statement.items]
        elif isinstance(statement, ObjectBuild):
            env[statement.var.key] = build(statement, env)
    return env[example.body.key]


def expected_json(
    example: Example,
    *,
    date: Callable[[dt.date], Any] = dt.date.isoformat,
    defaults: Api | None = None,
) -> Any:
    """The JSON body an example describes: PascalCase field names, dates as ``date`` maps them, enums as strings.

    With ``defaults``, every object also carries the ``@default`` fields of its type in that
    API that the example leaves unset (model classes that fill them in send them).
    """

    def convert(value: Value, env: dict[str, Any]) -> Any:
        if isinstance(value, (StrValue, UuidValue)):
            return value.text
        if isinstance(value, DecimalValue):
            return float(value.value)
        if isinstance(value, (IntValue, BoolValue)):
            return value.value
        if isinstance(value, DateValue):
            return date(value.value)
        if isinstance(value, DateTimeValue):
            return value.iso
        if isinstance(value, EnumValue):
            return value.member
        if isinstance(value, RefValue):
            return env[value.var.key]
        if isinstance(value, ListValue):
            return [convert(item, env) for item in value.items]
        raise TypeError(value)

    def build(statement: ObjectBuild, env: dict[str, Any]) -> Any:
        document = {fs.field.name: convert(fs.value, env) for fs in statement.fields}
        if defaults is not None:
            for f in defaults.type(statement.type_name).fields:
                if f.default is not None and f.name not in document:
                    document[f.name] = convert(f.default, env)
        return document

    return walk_example(example, convert, build)


def client_objects(example: Example, models: ModuleType, view: ClientView) -> Any:
    """The example's body built from the generated client's model classes."""

    def convert(value: Value, env: dict[str, Any]) -> Any:
        if isinstance(value, (StrValue, UuidValue)):
            return value.text
        if isinstance(value, DecimalValue):
            return value.value
        if isinstance(value, (IntValue, BoolValue)):
            return value.value
        if isinstance(value, (DateValue, DateTimeValue)):
            return value.value
        if isinstance(value, EnumValue):
            return (
                value.member
                if value.inline
                else getattr(models, value.owner)(value.member)
            )
        if isinstance(value, RefValue):
            return env[value.var.key]
        if isinstance(value, ListValue):
            return [convert(item, env) for item in value.items]
        raise TypeError(value)

    def build(statement: ObjectBuild, env: dict[str, Any]) -> Any:
        cls = getattr(models, statement.type_name)
        kwargs = {}
        for fs in statement.fields:
            value = convert(fs.value, env)
            if fs.field.type.kind == "string" and isinstance(value, dt.date):
                value = (
                    value.isoformat()
                )  # a date into a field the spec types as a string
            kwargs[view.attr(fs.field.name)] = value
        return cls(**kwargs)

    return walk_example(example, convert, build)


def python_value(value: Value) -> Any:
    """A parameter example as a plain Python value (for the generated client)."""
    if isinstance(value, (StrValue, UuidValue)):
        return value.text
    if isinstance(value, DecimalValue):
        return value.value
    if isinstance(value, (IntValue, BoolValue, DateValue, DateTimeValue)):
        return value.value
    if isinstance(value, EnumValue):
        return value.member
    if isinstance(value, ListValue):
        return [python_value(item) for item in value.items]
    raise TypeError(value)


def ms_date(text: str) -> dt.date:
    """A ``/Date(ms)/`` or ``/Date(ms+0000)/`` value as a UTC calendar date."""
    assert text.startswith("/Date(") and text.endswith(")/"), text
    millis = int(text[6:-2].split("+")[0])
    return dt.datetime.fromtimestamp(millis / 1000, tz=dt.timezone.utc).date()


def decimal_json(data: bytes) -> Any:
    import json

    return json.loads(data, parse_float=Decimal)


@contextmanager
def imported(client_root: Path, package: str) -> Iterator[ModuleType]:
    """Import a generated client package from ``client_root``, and forget it afterwards."""
    sys.path.insert(0, str(client_root))
    try:
        importlib.invalidate_caches()
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(client_root))
        for name in [
            n for n in sys.modules if n == package or n.startswith(package + ".")
        ]:
            del sys.modules[name]


def write_files(files: dict[str, bytes], root: Path, prefix: str = "") -> Path:
    for relative, data in files.items():
        if relative.startswith(prefix):
            target = root / relative[len(prefix) :]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return root


def operation(api: Api, op_id: str) -> Operation:
    return next(op for op in api.operations if op.id == op_id)


def mypy_strict(root: Path, package: str) -> subprocess.CompletedProcess[str]:
    """``mypy --strict`` over a package under ``root``, from scratch (its cache inside ``root``)."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--cache-dir",
            str(root / ".mypy"),
            package,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
