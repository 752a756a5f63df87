"""YAML out and in for the docs outputs: a safe dumper with fixed options, and a loader for round trips.

Writing: PyYAML's safe dumper with explicit, deterministic options (key order
kept, block style, UTF-8 text, no line folding, no anchors): libyaml's emitter
when PyYAML has it, or PyYAML's own with sequences indented for a round trip.
Multi-line strings become literal blocks, and a string is quoted whenever a
YAML 1.1 reader (PyYAML, SnakeYAML) or a YAML 1.2 reader (js-yaml, which
Redocly uses) could take it for anything but a string.

Reading for a round trip (``generate --apply-to``): a plain (unquoted) scalar
is kept as the text it was written as, a :class:`Plain` string, and written
back plain, unchanged; other strings keep their quoting or block style.  YAML
1.1 and 1.2 readers disagree about plain scalars such as ``yes``, ``090`` or
``2020-10-10``; keeping their text keeps each reader's view of the document
exactly as it was.  Comments, indentation and anchors are not kept (aliases
are written out in full).  :func:`resolve_plain` gives a plain scalar's YAML
1.2 core-schema value, for JSON output.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import yaml

WIDTH = (
    2**31 - 1
)  # no line is ever folded, whatever a string holds (an int: libyaml takes no float)
STR_TAG = "tag:yaml.org,2002:str"
PLAIN_TAG = "tag:omg-snippets:plain"
MERGE_TAG = "tag:yaml.org,2002:merge"

# The YAML 1.2 core schema's implicit scalars (https://yaml.org/spec/1.2.2/#1032-tag-resolution)
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


class Plain(str):
    """A plain scalar as written in the source document."""

    __slots__ = ()


class Styled(str):
    """A quoted or block scalar of the source document, with its style (``'``, ``"``, ``|``, ``>``)."""

    __slots__ = ("style",)
    style: str

    def __new__(cls, value: str, style: str) -> Styled:
        self = super().__new__(cls, value)
        self.style = style
        return self


def resolve_plain(text: str) -> Any:
    """The value of a plain scalar under the YAML 1.2 core schema."""
    if _NULL.match(text):
        return None
    if _BOOL.match(text):
        return text.lower() == "true"
    if _INT.match(text):
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text, 10)
    if _FLOAT.match(text):
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if lowered.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(text)
    return str(text)


def _is_plain_string_in_1_2(text: str) -> bool:
    return isinstance(resolve_plain(text), str) and text != "<<"


# --------------------------------------------------------------------------- writing


if TYPE_CHECKING:
    _SafeDumper = yaml.SafeDumper
else:  # libyaml's emitter when PyYAML has it: the overlay is written some 15 times faster
    _SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class Dumper(_SafeDumper):
    """The safe dumper, with no anchors or aliases; sequences as libyaml writes them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class IndentedDumper(yaml.SafeDumper):
    """:class:`Dumper` with sequences indented under their key, as most OpenAPI documents are.

    libyaml's emitter has no such option, so this is PyYAML's own (slower) emitter.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: Dumper | IndentedDumper, value: str) -> yaml.ScalarNode:
    # A literal block reads like the code it holds; the emitter falls back to a quoted
    # scalar by itself when a block cannot hold the text exactly (trailing spaces,
    # control characters), and never writes plain a text that YAML 1.1 would read as
    # another type.  Texts that YAML 1.2 would read as another type are quoted here.
    if "\n" in value:
        style: str | None = "|"
    elif not _is_plain_string_in_1_2(value):
        style = "'"
    else:
        style = None
    return dumper.represent_scalar(STR_TAG, value, style=style)


def _represent_plain(dumper: Dumper | IndentedDumper, value: Plain) -> yaml.ScalarNode:
    # Tagged as whatever the dumper's own resolver reads the text as, the scalar counts
    # as implicit and is written plain: the same text as in the source.
    tag = dumper.resolve(yaml.ScalarNode, str(value), (True, False))  # type: ignore[no-untyped-call]
    return yaml.ScalarNode(tag, str(value), style=None)


def _represent_styled(
    dumper: Dumper | IndentedDumper, value: Styled
) -> yaml.ScalarNode:
    # A string in its source style; the emitter picks another quoting by itself when
    # that style cannot hold the text exactly.
    return dumper.represent_scalar(STR_TAG, str(value), style=value.style)


for _dumper in (Dumper, IndentedDumper):
    _dumper.add_representer(str, _represent_str)
    _dumper.add_representer(Plain, _represent_plain)
    _dumper.add_representer(Styled, _represent_styled)


def dump_yaml(data: Any, *, indent_sequences: bool = False) -> str:
    """YAML for ``data`` with fixed options: the same data always gives the same text.

    ``indent_sequences`` writes a sequence's items indented under their key (the style of
    most OpenAPI documents, kept by ``--apply-to``) with PyYAML's pure-Python emitter.
    """
    return yaml.dump(
        data,
        Dumper=IndentedDumper if indent_sequences else Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        indent=2,
        width=WIDTH,
        line_break="\n",
        explicit_start=False,
    )


# --------------------------------------------------------------------------- reading

if TYPE_CHECKING:
    _SafeLoader = yaml.SafeLoader
else:  # libyaml's parser when PyYAML has it: a large document loads several times faster
    _SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RoundTripLoader(_SafeLoader):
    """The safe loader, plain scalars kept as :class:`Plain` text, strings as :class:`Styled`."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return MERGE_TAG if value == "<<" else PLAIN_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]


def _construct_plain(loader: yaml.SafeLoader, node: yaml.Node) -> Plain:
    return Plain(loader.construct_scalar(node))  # type: ignore[arg-type]


def _construct_str(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    value = str(loader.construct_scalar(node))  # type: ignore[arg-type]
    style = getattr(node, "style", None)
    return Styled(value, style) if style in ("'", '"', "|", ">") else value


RoundTripLoader.add_constructor(PLAIN_TAG, _construct_plain)
RoundTripLoader.add_constructor(STR_TAG, _construct_str)


def load_round_trip(text: str) -> Any:
    """``text`` as plain data, plain scalars as :class:`Plain`; raises :class:`yaml.YAMLError`."""
    return yaml.load(text, Loader=RoundTripLoader)


def to_json_data(data: Any) -> Any:
    """Loaded data as JSON values: plain scalars resolved by the YAML 1.2 core schema, keys as text."""
    if isinstance(data, dict):
        return {_json_key(key): to_json_data(value) for key, value in data.items()}
    if isinstance(data, list):
        return [to_json_data(item) for item in data]
    if isinstance(data, Plain):
        return resolve_plain(data)
    return data


def _json_key(key: Any) -> str:
    if isinstance(key, str):
        return str(key)
    if isinstance(key, bool) or key is None:
        return "true" if key is True else "false" if key is False else "null"
    if isinstance(key, (int, float)):
        return str(key)
    raise ValueError(f"a mapping key of type {type(key).__name__} cannot be a JSON key")
