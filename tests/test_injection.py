"""No injection: hostile text in any spec field that reaches a snippet stays inert.

Spec files are untrusted.  Hypothesis writes strings made of quotes of every kind, backslashes,
line breaks, ``$``, ``#{}``, ``${}``, ``*/``, ``?>``, ``<?php``, ``\"\"\"``, NUL, encoding
declarations, non-ASCII and invisible characters into the fields that end up in code: the
operation summary (a comment), string parameter examples and defaults, enum members (literals or
SDK constants), the ``where`` clause and x-example values.  Every language must still parse the
whole snippet, and every literal must read back as exactly the input: Python, Node, PHP and Ruby
read it with their own parsers, Java and C# through tree-sitter and a decoder of their escapes.
"""

from __future__ import annotations

import ast
import keyword
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tree_sitter import Node

from generator import literals, load_api, naming
from generator.languages import LANGUAGES
from generator.model import Name
from generator.render import Renderer
from generator.write import BlackFormatter

from .conftest import count_example, syntax_problems, ts_parser
from .interpreters import Interpreter, available, csharp_string, java_string, require

LANGS = [lang.key for lang in LANGUAGES]
INTERPRETED = ("node", "php", "ruby")

FRAGMENTS = [
    *"\"'`\\\n\r\t$#{}@%?<>/*;",
    "\r\n",
    "#{x}",
    "${x}",
    "{$x}",
    "$x",
    "#@x",
    "*/",
    "/*",
    "//",
    "?>",
    "<?php",
    '"""',
    "'''",
    "\x00",
    "\x1b",
    "\x7f",
    "\x85",
    "\\u0041",
    "\\x41",
    "\\n",
    "\\",
    "é",
    "–",
    "“",
    "’",
    "\u202e",
    "\u200f",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\U0001f600",
    "coding: latin-1",
    "-*- coding: ascii -*-",
    "{{",
    "{%",
    "%}",
    "}}",
    "end",
    "class",
    "__END__",
]
CHARACTERS = st.characters(
    exclude_categories=("Cs",)
)  # spec text is UTF-8: no lone surrogates


def hostile(drop: str = "") -> st.SearchStrategy[str]:
    """Strings built from dangerous fragments and arbitrary characters; ``drop`` characters removed."""
    pieces = st.one_of(st.sampled_from(FRAGMENTS), st.text(CHARACTERS, max_size=3))
    return (
        st.lists(pieces, max_size=8)
        .map("".join)
        .map(lambda text: "".join(c for c in text if c not in drop))
    )


@pytest.fixture(scope="module")
def interpreters(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, Interpreter]]:
    workdir = tmp_path_factory.mktemp("read-back")
    running = {
        lang: Interpreter(lang, workdir) for lang in INTERPRETED if available(lang)
    }
    yield running
    for interpreter in running.values():
        interpreter.close()


# --------------------------------------------------------------------------- one literal

# A statement holding the literal, so that tree-sitter can tell whether it stays one literal node.
HOLDERS = {
    "python": "x = {}\n",
    "java": "class A {{ String x = {}; }}\n",
    "csharp": "class A {{ string x = {}; }}\n",
    "php": "<?php\n$x = {};\n",
    "node": "const x = {};\n",
    "ruby": "x = {}\n",
}
STRING_NODES = {
    "python": {"string"},
    "java": {"string_literal"},
    "csharp": {"string_literal"},
    "php": {"string", "encapsed_string"},
    "node": {"string"},
    "ruby": {"string"},
}


def string_nodes(lang: str, source: str) -> list[str]:
    """The text of every string literal node of ``source``, in order."""
    tree = ts_parser(lang).parse(source.encode())
    found: list[str] = []
    stack: list[Node] = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.type in STRING_NODES[lang] and node.text is not None:
            found.append(node.text.decode())
            continue
        stack.extend(reversed(node.children))
    return found


def read_back(
    lang: str, literal: str, interpreters: dict[str, Interpreter]
) -> str | None:
    if lang == "python":
        value = ast.literal_eval(literal)
        return value if isinstance(value, str) else None
    if lang == "java":
        return java_string(literal)
    if lang == "csharp":
        return csharp_string(literal)
    return interpreters[lang].literals([literal])[0]


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=600)
@given(text=hostile())
def test_a_string_literal_reads_back_as_its_text(
    lang: str, text: str, interpreters: dict[str, Interpreter]
) -> None:
    if lang in INTERPRETED:
        require(lang)
    count_example("string literal reads back (per language)")
    literal = literals.string(lang, text)
    source = HOLDERS[lang].format(literal)
    assert syntax_problems(lang, source) == []
    assert string_nodes(lang, source) == [literal]
    assert read_back(lang, literal, interpreters) == text


# --------------------------------------------------------------------------- one comment

COMMENT = {"python": "# ", "ruby": "# "}
PROBE = "é€😀"  # read wrongly if a comment could declare another source encoding


@pytest.mark.parametrize("lang", LANGS)
@settings(max_examples=100)
@given(text=hostile())
def test_a_comment_stays_one_inert_line(
    lang: str, text: str, interpreters: dict[str, Interpreter]
) -> None:
    if lang in INTERPRETED:
        require(lang)
    count_example("comment stays inert (per language)")
    line = COMMENT.get(lang, "// ") + literals.comment(lang, text)
    probe = literals.string(lang, PROBE)
    source = (
        "<?php\n" if lang == "php" else ""
    ) + f"{line}\n{HOLDERS[lang].format(probe).removeprefix('<?php' + chr(10))}"
    assert "\n" not in line and syntax_problems(lang, source) == []
    comments = [n for n in _walk(lang, source) if "comment" in n.type]
    assert [c.text.decode().rstrip("\n") for c in comments if c.text] == [line]
    if lang == "python":
        assert _python_strings(source.encode()) == [PROBE]
    elif lang in ("php", "ruby"):
        assert interpreters[lang].program(source) == [PROBE]


def _walk(lang: str, source: str) -> Iterator[Node]:
    stack = [ts_parser(lang).parse(source.encode()).root_node]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.children))


def _python_strings(source: bytes) -> list[str]:
    """String constants as Python reads the file's bytes (an encoding declaration would count)."""
    tree = ast.parse(source)
    return [
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


# --------------------------------------------------------------------------- names

IDENTIFIER = {
    "python": re.compile(r"[A-Za-z_][A-Za-z0-9_]*"),
    "java": re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*"),
    "csharp": re.compile(r"@?[A-Za-z_][A-Za-z0-9_]*"),
    "php": re.compile(r"[A-Za-z_][A-Za-z0-9_]*"),
    "node": re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*"),
    "ruby": re.compile(r"[A-Za-z_][A-Za-z0-9_]*"),
}
RUBY_CONSTANT = re.compile(r"[A-Z][A-Za-z0-9_]*")


@settings(max_examples=600)
@given(text=hostile(), inline=st.booleans(), field=st.sampled_from(["Type", "Status"]))
def test_names_made_from_spec_text_are_identifiers(
    text: str, inline: bool, field: str
) -> None:
    count_example("names are identifiers")
    for lang in LANGS:
        constant = naming.enum_constant(lang, text, inline=inline, field=field)
        assert IDENTIFIER[lang].fullmatch(constant), (lang, constant)
        if lang == "java":
            assert constant != "_" and constant.lower() not in naming.RESERVED["java"]
        if lang == "csharp":
            assert (
                constant.lstrip("@") not in naming.RESERVED["csharp"]
                or constant[0] == "@"
            )
        if lang == "ruby":
            assert RUBY_CONSTANT.fullmatch(constant), constant
        variable = naming.variable(lang, Name.of(text))
        assert IDENTIFIER[lang].fullmatch(variable), (lang, variable)
        assert variable not in naming.RESERVED[lang] or lang == "csharp"
    member_names = [
        naming.python_attr(text),
        naming.node_prop(text),
        naming.csharp_prop(text, "Thing"),
        naming.java_setter(text),
        naming.php_setter(text),
    ]
    assert all(IDENTIFIER["python"].fullmatch(n) for n in member_names), member_names
    assert not keyword.iskeyword(naming.python_attr(text))


# --------------------------------------------------------------------------- whole snippets


def omg_string(text: str) -> str:
    """``text`` as a quoted string of the OMG block grammar."""
    out = []
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and char not in "\u2028\u2029":
            out.append(char)
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            code -= 0x10000
            out.append(
                f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
            )
    return '"' + "".join(out) + '"'


def write_spec(root: Path, f: dict[str, str]) -> None:
    """A spec tree whose every snippet-bound string field holds hostile text."""
    entries = [
        {"thing": None, "is_object": True, "key": "thing", "keyPascal": "Thing"},
        {
            "name": None,
            "key": "name",
            "keyPascal": "Name",
            "default": f["name"],
            "object": "thing",
        },
        {"kind": None, "key": "kind", "keyPascal": "Kind", "nonString": True}
        | {"default": f["kind"], "object": "thing"},
        {"level": None, "key": "level", "keyPascal": "Level", "nonString": True}
        | {"default": f["alias"], "object": "thing", "is_last": True},
    ]
    front = yaml.safe_dump(
        {
            "method": "POST",
            "path": "/Things",
            "operationId": "createThing",
            "security": [{"OAuth2": ["things"]}],
            "extensions": {"x-example": entries},
        },
        sort_keys=False,
    )
    (root / "endpoints").mkdir(parents=True)
    (root / "types").mkdir()
    (root / "endpoints" / "create-thing.omg.md").write_text(
        f"---\n{front}---\n\n# {f['summary']}\n\n"
        "```omg.query\n{\n"
        f"  where?: string @example({omg_string(f['where'])})\n"
        f"  label?: string @default({omg_string(f['label'])})\n"
        f"  mode?: {omg_string(f['mode'])} | \"other\"\n"
        "}\n```\n\n```omg.body\nThing\n```\n\n```omg.response\nThing\n```\n",
        encoding="utf-8",
    )
    (root / "types" / "thing.omg.md").write_text(
        "# Thing\n\n```omg.type\ntype Thing = {\n  Name?: string\n"
        f"  Kind?: {omg_string(f['kind'])} | \"other\"\n  Level?: Mode\n}}\n```\n",
        encoding="utf-8",
    )
    (root / "types" / "mode.omg.md").write_text(
        f"# Mode\n\n```omg.type\ntype Mode = {omg_string(f['alias'])} | \"other\"\n```\n",
        encoding="utf-8",
    )


ENUM_TEXT = hostile().filter(lambda text: text != "other")
SPEC_FIELDS = st.fixed_dictionaries(
    {
        # the H1 is one line, read stripped; the loader refuses NUL and lone CR, and {{> is an include
        "summary": hostile(drop="\n\r\x00").map(lambda t: t.replace("{{>", "{ {>")),
        "where": hostile(),
        "label": hostile(),
        "mode": ENUM_TEXT,
        "name": hostile(),
        "kind": ENUM_TEXT,
        "alias": ENUM_TEXT,
    }
)
FORMATTER = BlackFormatter(None)


@settings(max_examples=600)
@given(fields=SPEC_FIELDS)
def test_hostile_spec_fields_come_out_as_exact_literals(
    fields: dict[str, str], interpreters: dict[str, Interpreter]
) -> None:
    count_example("whole snippets from hostile specs")
    for lang in INTERPRETED:
        if lang not in interpreters and os.environ.get("CI"):
            require(
                lang
            )  # fails in CI; elsewhere tree-sitter stands in for the interpreter
    with tempfile.TemporaryDirectory() as tmp:
        write_spec(Path(tmp), fields)
        api, _findings = load_api(Path(tmp))
    [op] = api.operations
    assert op.summary == fields["summary"].strip()
    renderer = Renderer(api)
    strings = ["where", "label", "mode", "name"]
    for language in LANGUAGES:
        lang = language.key
        source = renderer.snippet(op, language)
        if lang == "python":
            source = FORMATTER.format(source)
        assert syntax_problems(lang, source) == [], (lang, source)
        expected = {fields[k] for k in strings}
        if lang == "python":
            expected.add(
                fields["kind"]
            )  # inline unions are plain strings in xero-python
            found = set(_python_strings(source.encode()))
        elif lang in ("php", "ruby") and lang in interpreters:
            found = set(interpreters[lang].program(source))
        elif lang == "node" and lang in interpreters:
            values = interpreters[lang].literals(string_nodes(lang, source))
            found = {v for v in values if v is not None}
        elif lang == "java":
            found = {java_string(s) for s in string_nodes(lang, source)}
        elif lang == "csharp":
            found = {csharp_string(s) for s in string_nodes(lang, source)}
        else:  # an interpreter missing outside CI: the tree-sitter literal nodes at least parse
            found = expected
        assert expected <= found, (lang, expected - found, source)
        for value, inline in ((fields["kind"], True), (fields["alias"], False)):
            if lang == "python" and inline:
                continue
            constant = naming.enum_constant(lang, value, inline=inline, field="Kind")
            assert IDENTIFIER[lang].fullmatch(constant)
            assert re.search(
                rf"\b{re.escape(constant.lstrip('@'))}\b", source
            ), constant
        if op.summary and literals.comment(lang, op.summary):
            prefix = COMMENT.get(lang, "// ")
            first = next(n for n in _walk(lang, source) if "comment" in n.type)
            assert (
                first.text is not None
            )  # tree-sitter-php may end a comment node with its \n
            assert (
                first.text.rstrip(b"\n")
                == (prefix + literals.comment(lang, op.summary)).encode()
            )
    _check_client(renderer, op.summary or op.id, fields)


def _check_client(renderer: Renderer, summary: str, fields: dict[str, str]) -> None:
    """The client stub compiles; its docstrings and Literal members carry the spec text exactly."""
    files = renderer.client(renderer.api.operations)
    client = ast.parse(files["api/client.py"].encode())
    method = next(
        n
        for n in ast.walk(client)
        if isinstance(n, ast.FunctionDef) and n.name == "create_thing"
    )
    docstring = ast.get_docstring(method, clean=False) or ""
    summary_text = docstring.split("\n\n")[0]  # long summaries are wrapped over lines
    assert " ".join(summary_text.split()) == literals.comment("python", summary)
    models = set(_python_strings(files["api/models.py"].encode()))
    assert {fields["kind"], fields["alias"]} <= models
