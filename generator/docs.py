"""Docs outputs: the ``x-codeSamples`` overlay and one Markdown page per operation.

Both are rendered from the model and the snippet texts that :mod:`generator.render`
already produced (after formatting), so the docs show exactly the files in
``snippets/``.  Nothing here reads spec files or writes to disk.

- ``x-code-samples.overlay.yaml``: an OpenAPI Overlay 1.0 document whose actions
  add ``x-codeSamples`` (``lang``, ``label``, ``source``) to each operation, the
  convention Redoc, Redocly, Scalar and others read.  It is serialised by
  PyYAML's safe dumper with fixed options (:mod:`generator.yamlio`), never
  templated by hand.
- ``docs/<operationId>.md``: a page of MkDocs Material content tabs
  (``pymdownx.tabbed`` with ``alternate_style``, ``pymdownx.superfences``), one tab
  per language in the canonical order, rendered from ``templates/docs/page.md.j2``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import Environment
from msgspec import Struct

from .languages import Language
from .model import Api, Operation
from .render import make_env
from .yamlio import dump_yaml

OVERLAY_FILE = "x-code-samples.overlay.yaml"
PAGES_DIR = "docs"
SAMPLES_KEY = "x-codeSamples"
OVERLAY_VERSION = "1.0.0"


class CodeSample(Struct, frozen=True):
    """One entry of ``x-codeSamples``."""

    lang: str  # GitHub Linguist's name of the language
    label: str  # the tab's label
    source: str

    def as_dict(self) -> dict[str, str]:
        return {"lang": self.lang, "label": self.label, "source": self.source}


class OperationSamples(Struct, frozen=True):
    """An operation with its rendered snippets, in the canonical language order."""

    op: Operation
    snippets: tuple[tuple[Language, str], ...]

    @property
    def code_samples(self) -> tuple[CodeSample, ...]:
        return tuple(
            CodeSample(lang.linguist, lang.label, text) for lang, text in self.snippets
        )


def page_path(op_id: str) -> str:
    """The page of an operation inside the output tree (a public contract)."""
    return f"{PAGES_DIR}/{op_id}.md"


# --------------------------------------------------------------------------- overlay


def overlay_target(path: str, method: str) -> str:
    """The JSONPath of an operation: ``$.paths['/Invoices'].post`` (quotes and backslashes escaped)."""
    quoted = path.replace("\\", "\\\\").replace("'", "\\'")
    return f"$.paths['{quoted}'].{method.lower()}"


def overlay_header(api: Api) -> dict[str, Any]:
    """The Overlay 1.0 document's fields before its actions."""
    return {
        "overlay": OVERLAY_VERSION,
        "info": {
            "title": f"{api.title}: code samples",
            "version": api.version or "0.0.0",
        },
    }


def overlay_action(item: OperationSamples) -> dict[str, Any]:
    """The ``update`` action that adds an operation's ``x-codeSamples``."""
    return {
        "target": overlay_target(item.op.path, item.op.method),
        "description": f"{item.op.id}: SDK code samples",
        "update": {SAMPLES_KEY: [sample.as_dict() for sample in item.code_samples]},
    }


def overlay_document(
    api: Api, operations: Sequence[OperationSamples]
) -> dict[str, Any]:
    """The Overlay 1.0 document as plain data: one ``update`` action per operation, in the given order."""
    return {
        **overlay_header(api),
        "actions": [overlay_action(item) for item in operations],
    }


def overlay_yaml(api: Api, operations: Sequence[OperationSamples]) -> str:
    return dump_yaml(overlay_document(api, operations))


def action_yaml(item: OperationSamples) -> str:
    """An action as the overlay's YAML holds it: an item of the top-level ``actions`` list."""
    return dump_yaml([overlay_action(item)])


def join_overlay(api: Api, actions: Sequence[str]) -> str:
    """:func:`overlay_yaml`'s text, from the actions' texts (:func:`action_yaml`), which can be cached.

    A block sequence under a top-level key is written at column 0, so an action's
    text is the same alone as inside the document (a test compares the two).
    """
    header = dump_yaml(overlay_header(api))
    return header + ("actions:\n" + "".join(actions) if actions else "actions: []\n")


# --------------------------------------------------------------------------- Markdown pages

_BACKTICKS = re.compile(r"`+")
_WHITESPACE = re.compile(r"\s+")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#])")


def longest_backtick_run(text: str) -> int:
    return max((len(run) for run in _BACKTICKS.findall(text)), default=0)


def code_fence(text: str) -> str:
    """A backtick fence longer than any backtick run inside ``text`` (at least three)."""
    return "`" * max(3, longest_backtick_run(text) + 1)


def md_text(text: str) -> str:
    """Plain text as one line of inline Markdown: whitespace collapsed, markup and HTML escaped."""
    line = _WHITESPACE.sub(" ", text).strip()
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", line)


def md_code(text: str) -> str:
    """Plain text as an inline code span whose delimiter no backtick run inside can close."""
    line = _WHITESPACE.sub(" ", text).strip()
    ticks = "`" * (longest_backtick_run(line) + 1)
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return f"{ticks}{pad}{line}{pad}{ticks}"


def code_lines(text: str) -> str:
    """A snippet's text without its final line break (the fence closes the block)."""
    return text[:-1] if text.endswith("\n") else text


class Pages:
    """Renders the Markdown page of an operation through ``templates/docs/page.md.j2``."""

    TEMPLATE = "docs/page.md.j2"

    def __init__(
        self, templates: Path | None = None, bytecode_dir: Path | None = None
    ) -> None:
        self.env = _pages_env(templates, bytecode_dir)

    def prepare(self) -> None:
        """Compile the page template."""
        self.env.get_template(self.TEMPLATE)

    def page(self, item: OperationSamples) -> str:
        template = self.env.get_template(self.TEMPLATE)
        return template.render(op=item.op, snippets=item.snippets)


@functools.lru_cache(maxsize=8)
def _pages_env(templates: Path | None, bytecode_dir: Path | None) -> Environment:
    """One environment per template folder: the page template compiles once per process."""
    env = make_env(templates, bytecode_dir)
    env.filters.update(
        {
            "md_text": md_text,
            "md_code": md_code,
            "code_fence": code_fence,
            "code_lines": code_lines,
        }
    )
    return env


def collect(
    operations: Sequence[Operation],
    languages: Sequence[Language],
    texts: Mapping[str, Mapping[str, str]],
) -> list[OperationSamples]:
    """Pair each operation with its snippet texts (``texts[op.id][lang.key]``), in language order."""
    return [
        OperationSamples(
            op, tuple((lang, texts[op.id][lang.key]) for lang in languages)
        )
        for op in operations
    ]
