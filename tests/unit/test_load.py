"""The loader: front matter with lines, fenced blocks, partials resolved inside the spec root."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

import generator.load as load_module
from generator.errors import Diagnostics
from generator.load import (
    SUFFIX,
    _EventReader,
    _LocatedYAMLHandler,
    discover,
    load_tree,
)

from ..conftest import CORPUS, SPECS

ENDPOINT = """---
method: GET
path: /Things/{ThingID}
operationId: getThing
extensions:
  x-example:
    - thing: null
      key: thing
---

# Gets a thing

Some prose.

```omg.path
{
  ThingID: uuid  // the id
}
```

```json
{"not": "a spec block"}
```

{{> query/page }}
"""


def write(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def load(root: Path) -> tuple[list[object], Diagnostics]:
    diag = Diagnostics()
    return load_tree(root, diag).documents, diag  # type: ignore[return-value]


def test_front_matter_blocks_and_partials_keep_their_lines(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "endpoints/thing.omg.md": ENDPOINT,
            "partials/query/page.omg.md": "# Page\n\n```omg.query\n{\n  page?: integer\n}\n```\n",
        },
    )
    [doc], diag = load(tmp_path)
    assert diag.errors == []
    assert doc.title == "Gets a thing"  # type: ignore[attr-defined]
    assert doc.description == "Some prose."  # type: ignore[attr-defined]
    assert doc.front.data["operationId"] == "getThing"  # type: ignore[attr-defined]
    assert doc.front.line("operationId") == 4  # type: ignore[attr-defined]
    assert doc.front.line("extensions", "x-example", 0, "key") == 8  # type: ignore[attr-defined]
    assert [(b.kind, b.line) for b in doc.blocks] == [("path", 16), ("query", 4)]  # type: ignore[attr-defined]
    assert doc.blocks[1].file.endswith("partials/query/page.omg.md")  # type: ignore[attr-defined]


def test_discovery_is_sorted_and_skips_partials(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "b/z.omg.md": "# Z\n",
            "a.omg.md": "# A\n",
            "partials/p.omg.md": "# P\n",
            "B.omg.md": "# B\n",
            "notes.md": "# no\n",
        },
    )
    assert [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path)] == [
        "B.omg.md",
        "a.omg.md",
        "b/z.omg.md",
    ]


def test_include_that_escapes_the_root_is_refused(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "spec/e.omg.md": "# E\n\n{{> ../../secret }}\n\n{{> /etc/passwd }}\n",
            "secret.omg.md": "# S\n",
        },
    )
    _docs, diag = load(tmp_path / "spec")
    found = [f.message for f in diag.errors]
    assert found == [
        "include '../../secret' escapes the spec root; expected a name such as 'query/unitdp' under partials/",
        "include '/etc/passwd' escapes the spec root; expected a name such as 'query/unitdp' under partials/",
    ]
    assert [f.line for f in diag.errors] == [3, 5]


def test_include_through_a_symlink_out_of_the_root_is_refused(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "outside/x.omg.md": "```omg.query\n{\n  a?: string\n}\n```\n",
            "spec/e.omg.md": "# E\n\n{{> x }}\n",
        },
    )
    (tmp_path / "spec" / "partials").mkdir()
    os.symlink(
        tmp_path / "outside" / "x.omg.md", tmp_path / "spec" / "partials" / "x.omg.md"
    )
    _docs, diag = load(tmp_path / "spec")
    assert [f.message for f in diag.errors] == [
        "include 'x' resolves outside the spec root (through a symbolic link); expected a file under partials/"
    ]


def test_include_cycles_and_missing_partials(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "e.omg.md": "# E\n\n{{> a }}\n\n{{> gone }}\n",
            "partials/a.omg.md": "# A\n\n{{> b }}\n",
            "partials/b.omg.md": "# B\n\n{{> a }}\n",
        },
    )
    _docs, diag = load(tmp_path)
    found = sorted(f"{Path(f.file).name}:{f.line}: {f.message}" for f in diag.errors)
    assert found[0].startswith("b.omg.md:3: include cycle: ")
    assert found[0].endswith(
        "partials/a.omg.md -> "
        + str(os.path.relpath(tmp_path / "partials/b.omg.md"))
        + " -> "
        + str(os.path.relpath(tmp_path / "partials/a.omg.md"))
        + "; expected partials that do not include each other"
    )
    assert (
        found[1]
        == "e.omg.md:5: partial 'gone' not found; expected partials/gone.omg.md or partials/gone/index.omg.md under the spec root"
    )


def test_unclosed_fence_unknown_block_and_bad_yaml(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a.omg.md": "# A\n\n```omg.query\n{\n",
            "b.omg.md": "# B\n\n```omg.frobnicate\n{}\n```\n",
            "c.omg.md": "---\nmethod: [GET\n---\n# C\n",
            "d.omg.md": "method: GET\npath: /x\n---\n",
        },
    )
    _docs, diag = load(tmp_path)
    found = {Path(f.file).name: (f.line, f.message) for f in diag.errors}
    assert found["a.omg.md"] == (
        3,
        "code fence '```omg.query' opened here is never closed; expected a '```' line",
    )
    assert found["b.omg.md"][0] == 3 and found["b.omg.md"][1].startswith(
        "unknown block kind 'omg.frobnicate'; expected one of omg.path"
    )
    assert found["c.omg.md"][0] == 3 and found["c.omg.md"][1].startswith(
        "invalid YAML in front matter"
    )
    assert found["d.omg.md"] == (
        1,
        "'method: GET' looks like front matter without the opening '---' line; expected '---' on the first line",
    )


# --------------------------------------------------------------------------- front matter YAML

MIXED = """\
operationId: getThing
count: 3
ratio: 0.5
flag: yes
nothing: ~
empty:
date: 2020-10-28
quoted: "007"
single: 'true'
tagged: !!str 12
number: !!int "12"
anchored: &kept value
folded: >
  two
  lines
flow: {a: [1, "two", {b: null}], c: []}
list:
  - plain
  - - nested
    - [1, 2]
  - key: value
    other:
      deeper: [x]
"""


def composed_lines(
    node: yaml.Node, path: tuple[Any, ...], lines: dict[Any, int]
) -> None:
    """The lines a walk of the composed node tree gives: the reference for the reader's."""
    if path:
        lines.setdefault(path, node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = yaml.constructor.SafeConstructor().construct_object(key_node)
            lines[(*path, str(key))] = key_node.start_mark.line
            composed_lines(value_node, (*path, str(key)), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            composed_lines(item, (*path, index), lines)


def front_matters() -> list[tuple[str, str]]:
    found = [("mixed", MIXED)]
    for root in (SPECS, CORPUS):
        for path in sorted(root.rglob(f"*{SUFFIX}")):
            located = _LocatedYAMLHandler(str(path), Diagnostics()).locate(
                path.read_text(encoding="utf-8")
            )
            if located is not None:
                found.append((str(path.relative_to(root.parent)), located[0]))
    return found


def test_front_matter_reads_as_pyyaml_loads_it_with_every_line() -> None:
    """One pass over the event stream gives PyYAML's values and a composed tree's lines."""
    cases = front_matters()
    assert len(cases) > (200 if CORPUS.is_dir() else 1)
    for name, text in cases:
        lines: dict[Any, int] = {}
        reader = _EventReader(name, Diagnostics(), 0, lines)
        value = reader.read(text)
        expected = yaml.load(text, Loader=yaml.CSafeLoader)
        assert value == (expected if expected is not None else {}), name
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        expected_lines: dict[Any, int] = {}
        if node is not None:
            composed_lines(node, (), expected_lines)
        assert lines == expected_lines, name
        assert reader.root_line == (node.start_mark.line if node is not None else 0)
    value = _EventReader("mixed", Diagnostics(), 0, {}).read(MIXED)
    assert value["date"] == dt.date(2020, 10, 28) and value["flag"] is True
    assert (
        value["quoted"] == "007" and value["tagged"] == "12" and value["number"] == 12
    )


def test_front_matter_keys_are_strings() -> None:
    lines: dict[Any, int] = {}
    text = "1: integer\ntrue: boolean\n~: nothing\n"
    value = _EventReader("f.omg.md", Diagnostics(), 0, lines).read(text)
    assert value == {"1": "integer", "True": "boolean", "None": "nothing"}
    assert lines == {("1",): 0, ("True",): 1, ("None",): 2}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "a: &x 1\nb: *x\n",
            12,
            "YAML aliases are not supported in front matter; write the value out",
        ),
        ("a: 1\n[x, y]: 2\n", 12, "front matter keys must be plain scalars"),
        (
            "a: 1\nb: 2\na: 3\n",
            13,
            "duplicate key 'a' in front matter; expected each key once",
        ),
        (
            "a:\n  b: " + "[" * 32 + "]" * 32 + "\n",
            12,
            "front matter is nested more than 32 levels deep; expected at most 32",
        ),
        ("a: 1\nb: !!int abc\n", 12, "invalid YAML value: 'abc' is not a valid !!int"),
        (
            "a: !!timestamp soon\n",
            11,
            "invalid YAML value: 'soon' is not a valid !!timestamp",
        ),
        ("!!bool maybe: 1\n", 11, "invalid YAML value: 'maybe' is not a valid !!bool"),
        (
            "a: !thing x\n",
            11,
            "invalid YAML value: could not determine a constructor for the tag '!thing'",
        ),
    ],
)
def test_front_matter_problems_name_their_line(
    text: str, line: int, message: str
) -> None:
    diag = Diagnostics()
    assert _EventReader("f.omg.md", diag, 11, {}).read(text) is None
    assert [(f.line, f.message) for f in diag.errors] == [(line, message)]


def test_front_matter_nested_to_the_limit_is_read() -> None:
    text = "a: " + "[" * 31 + "]" * 31 + "\n"  # 32 levels with the mapping
    value = _EventReader("f.omg.md", Diagnostics(), 0, {}).read(text)
    assert repr(value["a"]) == "[" * 31 + "]" * 31


def test_a_second_document_is_refused_as_composing_would() -> None:
    with pytest.raises(yaml.MarkedYAMLError) as raised:
        _EventReader("f.omg.md", Diagnostics(), 0, {}).read("a: 1\n---\nb: 2\n")
    assert raised.value.problem == "but found another document"
    assert raised.value.problem_mark is not None and raised.value.problem_mark.line == 1


def test_a_lone_surrogate_is_refused_where_the_parser_lets_it_through(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """libyaml refuses the escape itself; PyYAML's pure-Python parser, the fallback, does not."""
    monkeypatch.setattr(load_module, "_YAML_LOADER", yaml.SafeLoader)
    diag = Diagnostics()
    assert _EventReader("f.omg.md", diag, 0, {}).read('a: 1\nb: "x\\ud800"\n') is None
    assert [(f.line, f.message) for f in diag.errors] == [
        (
            1,
            "escape \\ud800 is half of a surrogate pair; expected a whole character "
            "(write it as \\U0001F600 or as the character itself)",
        )
    ]
    assert _EventReader("f.omg.md", diag, 0, {}).read('a: "\\u00e9"\n') == {
        "a": "\u00e9"
    }
