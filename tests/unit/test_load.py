"""The loader: front matter with lines, fenced blocks, partials resolved inside the spec root."""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import Diagnostics
from generator.load import discover, load_tree

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
