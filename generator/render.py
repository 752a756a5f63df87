"""Render the model through Jinja templates: one snippet per operation and language, and the client stub.

Templates only walk the model; names and literals come from filters defined
in :mod:`generator.naming` and :mod:`generator.literals`, bound per language.
"""

from __future__ import annotations

import functools
import os
import keyword
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
)

from . import literals, naming
from .languages import Language
from .model import Api, Name, Operation, TypeDef, TypeRef


def templates_dir() -> Path:
    """The template folder: inside the installed package, or the project's top-level ``templates/``."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


def make_env(
    templates: Path | None = None, bytecode_dir: Path | None = None
) -> Environment:
    """The one Jinja environment factory, used by the generator and the tests.

    ``bytecode_dir`` keeps compiled templates between runs (Jinja checks each
    template's source before using its cached code); when it cannot be made,
    templates are compiled each run.
    """
    if bytecode_dir is not None:
        try:
            bytecode_dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            bytecode_dir = None
    env = Environment(
        loader=FileSystemLoader(templates or templates_dir()),
        bytecode_cache=(
            FileSystemBytecodeCache(str(bytecode_dir)) if bytecode_dir else None
        ),
        undefined=StrictUndefined,  # a misspelt attribute raises instead of rendering ""
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # we emit code; escaping is the literal filters' job
        auto_reload=False,  # a run's templates do not change: no stat of the source per render
    )
    env.filters.update(
        {
            "snake": lambda raw: naming.snake(_name(raw)),
            "camel": lambda raw: naming.camel(_name(raw)),
            "pascal": lambda raw: naming.pascal(_name(raw)),
            "upper_snake": lambda raw: naming.upper_snake(_name(raw)),
            "python_attr": naming.python_attr,
            "docstring": literals.docstring,
        }
    )
    return env


@functools.lru_cache(maxsize=64)
def _language_env(
    templates: Path, lang: str, bytecode_dir: Path | None = None
) -> Environment:
    """One environment per template folder and language: templates compile once per process."""
    env = make_env(templates, bytecode_dir)
    env.filters.update(language_filters(lang))
    return env


def _name(raw: str | Name) -> Name:
    return raw if isinstance(raw, Name) else Name.of(raw)


def language_filters(lang: str) -> dict[str, Callable[..., Any]]:
    """Filters bound to one language: ``lit``, ``str``, ``comment``, ``var``, ``prop``, ``method`` ..."""

    def prop(field: str, owner: str) -> str:
        if lang in ("python", "ruby"):
            return naming.python_attr(field)
        if lang == "node":
            return naming.node_prop(field)
        if lang == "csharp":
            return naming.csharp_prop(field, owner)
        if lang == "java":
            return naming.java_setter(field)
        return naming.php_setter(field)

    return {
        "lit": functools.partial(literals.value, lang),
        "str": functools.partial(literals.string, lang),
        "comment": functools.partial(literals.comment, lang),
        "comment_lines": functools.partial(literals.comment_lines, lang),
        "var": lambda name: naming.variable(lang, _name(name)),
        "prop": prop,
        "adder": naming.java_adder,
        "method": functools.partial(naming.method, lang),
        "jtype": literals.java_type,
        "cstype": literals.csharp_type,
        "phparg": naming.php_arg,
        "rubyopt": naming.ruby_opt,
    }


class Renderer:
    """Renders snippets and the client stub of one :class:`Api`."""

    def __init__(
        self, api: Api, templates: Path | None = None, bytecode_dir: Path | None = None
    ) -> None:
        self.api = api
        self.templates = templates or templates_dir()
        self.bytecode_dir = bytecode_dir

    def env(self, lang: str) -> Environment:
        return _language_env(self.templates, lang, self.bytecode_dir)

    @staticmethod
    def prepare_templates(
        templates: Path,
        languages: tuple[Language, ...],
        bytecode_dir: Path | None = None,
    ) -> None:
        """Compile the snippet templates of these languages and the macros they import.

        Compiled before render workers fork, a template is compiled once, not once
        in each worker (the macros imported at render time included).
        """
        for lang in languages:
            env = _language_env(templates, lang.key, bytecode_dir)
            folder = lang.template.rpartition("/")[0]
            for name in sorted(os.listdir(templates / folder)):
                if name.endswith(".j2"):
                    env.get_template(f"{folder}/{name}")

    def snippet(self, op: Operation, lang: Language) -> str:
        template = self.env(lang.key).get_template(lang.template)
        return template.render(op=op, api=self.api, lang=lang)

    CLIENT_FILES = ("__init__.py", "models.py", "client.py", "py.typed")

    def client(self, operations: tuple[Operation, ...]) -> dict[str, str]:
        """The client stub package: relative path -> file text."""
        view = ClientView(self.api, operations)
        return {
            f"{view.package}/{name}": self.client_file(view, name)
            for name in self.CLIENT_FILES
        }

    def client_file(self, view: ClientView, name: str) -> str:
        template = self.env("python").get_template(f"client/{name}.j2")
        return template.render(api=self.api, client=view)


class ClientView:
    """What the client templates need beyond the model: the package name and reachable types."""

    def __init__(self, api: Api, operations: tuple[Operation, ...]) -> None:
        self.api = api
        self.operations = operations
        words = [w for w in Name.of(api.title).words if w.lower() != "api"] or ["api"]
        self.package = naming.snake(Name(tuple(words)))
        self.class_name = naming.pascal(Name(tuple(words))) + "Client"
        roots: list[TypeRef] = []
        for op in operations:
            if op.body is not None:
                roots.append(op.body.type)
            roots.extend(r.type for r in op.responses if r.type is not None)
            roots.extend(p.type for p in op.params)
        by_name = {t.name: t for t in api.types}
        seen: set[str] = set()
        stack = list(roots)
        while stack:
            ref = stack.pop()
            while ref.item is not None:
                ref = ref.item
            if ref.kind != "named" or ref.name in seen or ref.name not in by_name:
                continue
            assert ref.name is not None
            seen.add(ref.name)
            stack.extend(f.type for f in by_name[ref.name].fields)
        self._types_text: str | None = None
        self.by_name = by_name
        self.types: tuple[TypeDef, ...] = tuple(by_name[n] for n in sorted(seen))
        self.objects = tuple(t for t in self.types if not t.is_enum)
        self.enums = tuple(t for t in self.types if t.is_enum)
        taken = {t.name for t in self.types}
        self.literal_aliases: dict[tuple[str, str], str] = {}
        for typedef in self.objects:
            for field in typedef.fields:
                if field.type.is_enum or (
                    field.type.item is not None and field.type.item.is_enum
                ):
                    alias = typedef.name + field.name
                    while alias in taken:
                        alias += "Value"
                    taken.add(alias)
                    self.literal_aliases[(typedef.name, field.name)] = alias

    def dependencies(
        self,
        name: str,
        *,
        types_key: str | None = None,
        signature: Callable[[Operation], str] | None = None,
    ) -> str:
        """What a client file is rendered from, as text to key a cache with.

        ``types_key``, a content key of the type registry the API's types come
        from, stands for their text when given.  ``signature`` gives an
        operation's part of ``client.py`` (:meth:`signature` by default; a caller
        may remember it per operation).
        """
        context = (self.api.title, self.api.version, self.api.base_url, self.package)
        if name == "client.py":
            signature = signature or self.signature
            signatures = [signature(op) for op in self.operations]
            return repr((context, signatures, self.error_type()))
        if types_key is not None:
            return repr((context, types_key, [t.name for t in self.types]))
        if self._types_text is None:  # the same for every other file: made once
            self._types_text = repr((context, self.types))
        return self._types_text

    @staticmethod
    def signature(op: Operation) -> str:
        """What ``client.py`` renders of an operation, as text to key a cache with."""
        call = [
            (
                (a.param.name, a.param.location, a.param.type, a.param.required)
                if a.param
                else ("$body", a.body and a.body.type)
            )
            for a in op.call
        ]
        responses = [(r.status, r.type, r.media_type) for r in op.responses]
        return repr((op.id, op.method, op.request_path, op.summary, call, responses))

    # ---- names and types for the templates

    _ANNOTATION_NAMES = frozenset(
        {
            "list",
            "dict",
            "str",
            "int",
            "bool",
            "bytes",
            "float",
            "object",
            "self",
            "cls",
            "data",
        }
    )

    def attr(self, field: str) -> str:
        """A dataclass field name: the SDK's snake name, kept clear of names the module itself uses."""
        name = naming.python_attr(field)
        return (
            name + "_"
            if name in self._ANNOTATION_NAMES or keyword.iskeyword(name)
            else name
        )

    def args(self, op: Operation) -> dict[str, str]:
        """Python argument names of an operation's parameters (wire name -> name), unique."""
        names: dict[str, str] = {}
        used = {"self"}
        for arg in op.call:
            raw = (
                naming.python_attr(arg.param.name)
                if arg.param is not None
                else naming.snake(arg.var)
            )
            if keyword.iskeyword(raw) or raw in self._ANNOTATION_NAMES:
                raw += "_"
            name, n = raw, 2
            while name in used:
                name, n = f"{raw}_{n}", n + 1
            used.add(name)
            names[arg.param.name if arg.param is not None else "$body"] = name
        return names

    def kind(self, ref: TypeRef) -> str:
        """How a value of ``ref`` is converted: str, int, bool, decimal, date, datetime, bytes, enum, literal, object, list."""
        if ref.kind == "array":
            return "list"
        if ref.kind == "named":
            typedef = self.by_name.get(str(ref.name))
            return "enum" if typedef is not None and typedef.is_enum else "object"
        return {
            "string": "str",
            "uuid": "str",
            "number": "decimal",
            "integer": "int",
            "boolean": "bool",
            "enum": "literal",
            "binary": "bytes",
        }.get(ref.kind, ref.kind)

    def annotation(
        self,
        ref: TypeRef,
        owner: str | None = None,
        field: str | None = None,
        models: str = "",
    ) -> str:
        """The Python type of ``ref``; ``models`` prefixes model class names (``models.``)."""
        kind = self.kind(ref)
        if kind == "list":
            assert ref.item is not None
            return f"list[{self.annotation(ref.item, owner, field, models)}]"
        if kind in ("enum", "object"):
            return f"{models}{ref.name}"
        if kind == "literal":
            alias = self.literal_aliases.get((str(owner), str(field)))
            if alias is None:
                return "str"
            return f"{models}{alias}"
        return {
            "str": "str",
            "int": "int",
            "bool": "bool",
            "decimal": "Decimal",
            "date": "_dt.date",
            "datetime": "_dt.datetime",
            "bytes": "bytes",
        }[kind]

    def error_type(self) -> str | None:
        """The model of 400 responses when all operations share one, else None."""
        names = {
            str(r.type.name)
            for op in self.operations
            for r in op.responses
            if r.status == 400 and r.type is not None and r.type.is_named
        }
        return names.pop() if len(names) == 1 else None

    def enum_members(self, typedef: TypeDef) -> list[tuple[str, str]]:
        """(Python member name, value) for a named enum; names made unique deterministically."""
        used: set[str] = set()
        members = []
        for value in typedef.members:
            base = naming.enum_constant("python", value, inline=False)
            if base.startswith("_"):
                base = "V" + base
            name, n = base, 2
            while name in used:
                name, n = f"{base}_{n}", n + 1
            used.add(name)
            members.append((name, value))
        return members
