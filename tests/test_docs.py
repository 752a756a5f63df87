"""Docs outputs: the x-codeSamples overlay and the Markdown pages, for specs/ and the whole corpus."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msgspec.structs import replace
from syrupy.assertion import SnapshotAssertion

from generator.docs import (
    OVERLAY_FILE,
    OperationSamples,
    Pages,
    collect,
    join_overlay,
    overlay_yaml,
    code_fence,
    md_code,
    md_text,
    overlay_target,
)
from generator.languages import LANGUAGES
from generator.model import Api, Operation
from generator.write import sha256
from generator import yamlio
from generator.yamlio import dump_yaml, load_round_trip, to_json_data

from .conftest import SHARED, code_snapshot, needs_shared
from .tabs import read_tabs

OP = "updateOrCreateInvoices"
PAGE = f"docs/{OP}.md"
OPENAPI = SHARED / "corpus" / "openapi" / "xero_accounting.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def render_markdown(text: str, pygments: bool = True) -> str:
    """A page as MkDocs Material renders its Markdown (the extensions the pages are written for)."""
    return markdown.markdown(
        text,
        extensions=[
            "attr_list",
            "toc",
            "pymdownx.highlight",
            "pymdownx.superfences",
            "pymdownx.tabbed",
        ],
        extension_configs={
            "pymdownx.highlight": {
                "pygments_lang_class": True,
                "use_pygments": pygments,
            },
            "pymdownx.tabbed": {"alternate_style": True},
        },
    )


def snippet(files: dict[str, bytes], op_id: str, filename: str) -> str:
    return files[f"snippets/{op_id}/{filename}"].decode()


# --------------------------------------------------------------------------- specs/


def test_page_matches_snapshot(
    seed_files: dict[str, bytes], snapshot: SnapshotAssertion
) -> None:
    assert seed_files[PAGE].decode() == snapshot.use_extension(code_snapshot("md"))


def test_overlay_matches_snapshot(
    seed_files: dict[str, bytes], snapshot: SnapshotAssertion
) -> None:
    assert seed_files[OVERLAY_FILE].decode() == snapshot.use_extension(
        code_snapshot("yaml")
    )


def test_page_has_title_route_and_one_tab_per_language_in_order(
    seed_files: dict[str, bytes], seed_op: Operation
) -> None:
    page = seed_files[PAGE].decode()
    lines = page.splitlines()
    assert lines[0] == f"# {seed_op.summary}"
    assert lines[2] == "`POST /Invoices`"
    assert [line for line in lines if line.startswith("=== ")] == [
        '=== "Python"',
        '=== "Java"',
        '=== "C\\#"',
        '=== "PHP"',
        '=== "TypeScript"',
        '=== "Ruby"',
    ]
    fences = [line.strip() for line in lines if line.strip().startswith("```")]
    assert fences == [
        fence
        for info in ("python", "java", "csharp", "php", "typescript", "ruby")
        for fence in (f"```{info}", "```")
    ]
    # the tab body is the indented block form; blank lines carry no trailing spaces
    assert all(
        line == "" or not line.startswith(" ") or line.startswith("    ")
        for line in lines
    )
    assert not [line for line in lines if line != line.rstrip()]


def test_page_renders_every_snippet_exactly(seed_files: dict[str, bytes]) -> None:
    page = read_tabs(render_markdown(seed_files[PAGE].decode()))
    assert page.h1 == "Updates or creates one or more sales invoices or purchase bills"
    assert [tab.label for tab in page.tabs] == [lang.label for lang in LANGUAGES]
    for lang, tab in zip(LANGUAGES, page.tabs, strict=True):
        assert tab.code == snippet(seed_files, OP, lang.filename), lang.key
        assert f"language-{lang.fence}" in tab.classes


def test_overlay_adds_every_snippet_as_x_code_samples(
    seed_files: dict[str, bytes],
) -> None:
    overlay = yaml.safe_load(seed_files[OVERLAY_FILE])
    assert overlay["overlay"] == "1.0.0"
    assert overlay["info"] == {
        "title": "Xero Accounting API: code samples",
        "version": "10.0.0",
    }
    [action] = overlay["actions"]
    assert action["target"] == "$.paths['/Invoices'].post"
    assert list(action["update"]) == ["x-codeSamples"]
    assert action["update"]["x-codeSamples"] == [
        {
            "lang": lang.linguist,
            "label": lang.label,
            "source": snippet(seed_files, OP, lang.filename),
        }
        for lang in LANGUAGES
    ]
    assert [s["lang"] for s in action["update"]["x-codeSamples"]] == [
        "Python",
        "Java",
        "C#",
        "PHP",
        "TypeScript",
        "Ruby",
    ]


def test_overlay_sources_are_literal_blocks(seed_files: dict[str, bytes]) -> None:
    text = seed_files[OVERLAY_FILE].decode()
    assert len(re.findall(r"(?m)^ +source: \|$", text)) == len(LANGUAGES)


def test_manifest_lists_pages_and_overlay_with_sha256(
    seed_files: dict[str, bytes],
) -> None:
    manifest = json.loads(seed_files["manifest.json"])
    assert manifest["overlay"] == {
        "file": OVERLAY_FILE,
        "sha256": sha256(seed_files[OVERLAY_FILE]),
    }
    assert manifest["operations"][OP]["docs"] == {
        "file": PAGE,
        "sha256": sha256(seed_files[PAGE]),
    }


def test_fence_outgrows_backtick_runs_in_the_snippet(
    seed_api: Api, seed_op: Operation
) -> None:
    odd = replace(
        seed_op,
        summary="Invoice #42: *all* <b>_the_</b> [fields](x) & C:\\path `tick` {#id} #",
        path="/Invoices/`{id}`",
        deprecated=True,
    )
    texts = [
        "a = '''```'''\n",
        "```\n````\nsix ``````\n",
        '=== "Tab"\n    not a tab\n\n</code></pre><script>alert(1)</script>\n',
    ]
    item = OperationSamples(odd, tuple(zip(LANGUAGES, texts, strict=False)))
    page = Pages().page(item)
    assert "\n    ````python\n" in page
    assert "\n    ```````java\n" in page
    assert "\n    ```csharp\n" in page
    assert f"`` {odd.method} /Invoices/`{{id}}` ``" in page
    assert "\n**Deprecated.**\n" in page
    html = render_markdown(page)
    assert "<script>" not in html
    rendered = read_tabs(html)
    assert rendered.h1 == odd.summary
    assert [tab.code for tab in rendered.tabs] == [text[:-1] + "\n" for text in texts]


def test_overlay_target_escapes_quotes_and_backslashes() -> None:
    assert overlay_target("/Invoices", "POST") == "$.paths['/Invoices'].post"
    assert overlay_target("/it's\\here", "get") == "$.paths['/it\\'s\\\\here'].get"


# A line of a snippet: no tabs (Markdown expands them) and not only spaces (Markdown empties
# such lines); everything else, backtick runs, fences, tab markers, HTML, goes.
LINE = st.text(
    alphabet=st.sampled_from(list("`~ =\"'<>&#\\*_-[]()!|{}aZ09é")), max_size=12
).filter(lambda line: line.strip() != "" or line == "")
SNIPPET = (
    st.lists(LINE, min_size=1, max_size=6)
    .map("\n".join)
    .filter(
        lambda text: text.strip() != "" and text[0] != " " and not text.endswith(" ")
    )
)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(SNIPPET)
def test_any_snippet_text_survives_the_page(seed_op: Operation, text: str) -> None:
    text = text.strip("\n") + "\n"
    item = OperationSamples(seed_op, ((LANGUAGES[0], text), (LANGUAGES[4], text)))
    page = read_tabs(render_markdown(Pages().page(item)))
    assert [tab.code for tab in page.tabs] == [text, text]
    assert len(code_fence(text)) > max(
        (len(run) for run in re.findall("`+", text)), default=0
    )


@settings(max_examples=150, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1))
def test_any_summary_reads_the_same_as_a_heading(text: str) -> None:
    expected = " ".join(text.split())
    if not expected:
        return
    html = render_markdown(f"# {md_text(text)}\n\n{md_code(text)}\n")
    page = read_tabs(html)
    assert page.h1 == expected
    code = re.search(r"<p><code>(.*?)</code></p>", html, re.S)
    assert code is not None and unescape(code[1]) == expected


@settings(max_examples=200, deadline=None, database=None, derandomize=True)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
def test_yaml_keeps_any_string_exactly(text: str) -> None:
    data = {"source": text, "list": [text]}
    out = dump_yaml(data)
    assert yaml.safe_load(out) == data  # a YAML 1.1 reader
    assert to_json_data(load_round_trip(out)) == data  # a YAML 1.2 core-schema reader


def test_yaml_output_is_block_style() -> None:
    data = {"a": [{"b": "x\ny\n", "c": "yes"}]}
    assert dump_yaml(data) == "a:\n- b: |\n    x\n    y\n  c: 'yes'\n"
    assert dump_yaml(data, indent_sequences=True) == (
        "a:\n  - b: |\n      x\n      y\n    c: 'yes'\n"
    )


# --------------------------------------------------------------------------- the corpus


def resolve_target(document: dict[str, Any], target: str) -> dict[str, Any]:
    """The operation an overlay target of ours names: ``$.paths['<path>'].<method>``."""
    match = re.fullmatch(r"\$\.paths\['((?:[^'\\]|\\.)*)'\]\.([a-z]+)", target)
    assert match, target
    path = re.sub(r"\\(.)", r"\1", match[1])
    operation = document["paths"][path][match[2]]
    assert isinstance(operation, dict)
    return operation


@needs_shared
def test_corpus_has_a_page_and_an_overlay_action_per_operation(
    corpus_api: Api, corpus_files: dict[str, bytes]
) -> None:
    overlay = yaml.safe_load(corpus_files[OVERLAY_FILE])
    actions = overlay["actions"]
    assert len(actions) == len(corpus_api.operations) == 237
    manifest = json.loads(corpus_files["manifest.json"])
    for op, action in zip(corpus_api.operations, actions, strict=True):
        assert action["description"] == f"{op.id}: SDK code samples"
        samples = action["update"]["x-codeSamples"]
        assert [s["source"] for s in samples] == [
            snippet(corpus_files, op.id, lang.filename) for lang in LANGUAGES
        ]
        page = f"docs/{op.id}.md"
        assert manifest["operations"][op.id]["docs"]["file"] == page
        assert corpus_files[page].decode().startswith("# ")


@needs_shared
def test_corpus_pages_render_every_snippet_exactly(
    corpus_api: Api, corpus_files: dict[str, bytes]
) -> None:
    for op in corpus_api.operations:
        text = corpus_files[f"docs/{op.id}.md"].decode()
        page = read_tabs(
            render_markdown(text, pygments=False)
        )  # faster; same structure
        assert [tab.label for tab in page.tabs] == [lang.label for lang in LANGUAGES]
        assert [tab.code + "\n" for tab in page.tabs] == [
            snippet(corpus_files, op.id, lang.filename) for lang in LANGUAGES
        ], op.id


@needs_shared
def test_corpus_overlay_targets_the_operations_of_the_openapi_document(
    corpus_api: Api, corpus_files: dict[str, bytes]
) -> None:
    """Applied to the document the corpus came from, each action lands on its own operation."""
    document = load_round_trip(OPENAPI.read_text(encoding="utf-8"))
    ids = {
        op.get("operationId")
        for item in document["paths"].values()
        for method, op in item.items()
        if method in METHODS
    }
    overlay = yaml.safe_load(corpus_files[OVERLAY_FILE])
    landed = 0
    for op, action in zip(corpus_api.operations, overlay["actions"], strict=True):
        if op.id not in ids:
            continue  # the Employees operations, which the document no longer has
        assert resolve_target(document, action["target"])["operationId"] == op.id
        landed += 1
    assert landed == 233


@needs_shared
def test_overlay_text_does_not_depend_on_libyaml(
    corpus_files: dict[str, bytes],
) -> None:
    """PyYAML's own emitter, used where PyYAML lacks libyaml, writes the same bytes."""
    assert yamlio.Dumper.__mro__[1] is getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = corpus_files[OVERLAY_FILE].decode()

    class PurePython(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    PurePython.yaml_representers = {**yamlio.Dumper.yaml_representers}
    document = yaml.load(text, Loader=yaml.CSafeLoader)
    options = dict(sort_keys=False, allow_unicode=True, default_flow_style=False)
    again = yaml.dump(
        document, Dumper=PurePython, indent=2, width=yamlio.WIDTH, **options
    )
    assert again == text


@needs_shared
def test_the_overlay_joined_from_cached_actions_is_the_whole_document_dumped(
    corpus_api: Api, corpus_files: dict[str, bytes]
) -> None:
    texts = {
        op.id: {
            lang.key: corpus_files[f"snippets/{op.id}/{lang.filename}"].decode()
            for lang in LANGUAGES
        }
        for op in corpus_api.operations
    }
    samples = collect(corpus_api.operations, LANGUAGES, texts)
    assert corpus_files[OVERLAY_FILE].decode() == overlay_yaml(corpus_api, samples)
    assert join_overlay(corpus_api, []) == overlay_yaml(corpus_api, [])
    assert yaml.safe_load(join_overlay(corpus_api, []))["actions"] == []
