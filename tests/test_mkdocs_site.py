"""The Markdown pages build into a MkDocs Material site whose HTML holds every snippet, tab by tab."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from msgspec.structs import replace

from generator.docs import OperationSamples, Pages
from generator.languages import LANGUAGES
from generator.model import Operation

from .conftest import CORPUS
from .tabs import read_tabs

# The configuration Material's documentation gives for code blocks and content tabs.
MKDOCS_YML = """\
site_name: Code samples
theme:
  name: material
markdown_extensions:
  - attr_list
  - toc
  - pymdownx.highlight:
      anchor_linenums: true
      line_spans: __span
      pygments_lang_class: true
  - pymdownx.inlinehilite
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""

# Pages from the corpus with the most to get wrong: backticks in the snippets (template
# literals), quotes and special characters in summaries, a deprecated operation.
CORPUS_PAGES = ("getInvoiceAsPdf", "createEmployees", "getReportBalanceSheet")

TRICKY = (
    "# a fence inside\n```\nnot the end\n````\n",
    '=== "Not a tab"\n    indented\n\n</code></pre><script>alert(1)</script>\n',
    "&amp; &lt;b&gt; {{ jinja }} {% raw %} ${x} #{y}\n",
)


def build_site(tmp_path: Path, pages: dict[str, bytes]) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, data in pages.items():
        (docs / name).write_bytes(data)
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return tmp_path / "site"


def tricky_page(op: Operation) -> tuple[bytes, list[tuple[str, str]]]:
    odd = replace(op, id="trickySnippets", summary="<b>Not bold</b> & *not em* #")
    snippets = tuple(zip(LANGUAGES, TRICKY, strict=False))  # the first three tabs
    page = Pages().page(OperationSamples(odd, snippets))
    return page.encode(), [(lang.label, text) for lang, text in snippets]


def test_site_holds_each_snippet_in_its_tab(
    tmp_path: Path,
    seed_files: dict[str, bytes],
    seed_op: Operation,
    request: pytest.FixtureRequest,
) -> None:
    expected: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    pages: dict[str, bytes] = {}

    def add(files: dict[str, bytes], op_id: str, title: str) -> None:
        pages[f"{op_id}.md"] = files[f"docs/{op_id}.md"]
        expected[op_id] = (
            title,
            [
                (lang.label, files[f"snippets/{op_id}/{lang.filename}"].decode())
                for lang in LANGUAGES
            ],
        )

    add(seed_files, seed_op.id, str(seed_op.summary))
    page, tabs = tricky_page(seed_op)
    pages["trickySnippets.md"] = page
    expected["trickySnippets"] = ("<b>Not bold</b> & *not em* #", tabs)
    if CORPUS.is_dir():
        corpus_files: dict[str, bytes] = request.getfixturevalue("corpus_files")
        corpus_api = request.getfixturevalue("corpus_api")
        for op in corpus_api.operations:
            if op.id in CORPUS_PAGES:
                add(corpus_files, op.id, str(op.summary))

    site = build_site(tmp_path, pages)

    for op_id, (title, tabs) in expected.items():
        html = (site / op_id / "index.html").read_text(encoding="utf-8")
        assert "<script>alert(1)</script>" not in html
        rendered = read_tabs(html)
        assert rendered.h1 == title, op_id
        assert len(rendered.tab_sets) == 1, op_id
        assert [tab.label for tab in rendered.tabs] == [label for label, _ in tabs]
        for (label, text), tab, lang in zip(
            tabs, rendered.tabs, LANGUAGES[: len(tabs)], strict=True
        ):
            assert tab.code == text, f"{op_id} / {label}"
            assert f"language-{lang.fence}" in tab.classes, f"{op_id} / {label}"
    assert len(expected) == (5 if CORPUS.is_dir() else 2)
