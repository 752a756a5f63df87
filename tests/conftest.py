"""Shared fixtures: the project's paths, the model of specs/, rendered output, parsers, snapshots."""

from __future__ import annotations

import functools
import os
import shutil
from collections import Counter
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

pytest.register_assert_rewrite("tests.wire")

from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode
from tree_sitter import Language, Node, Parser

from generator import load_api, render_files
from generator.languages import LANGUAGES
from generator.model import Api, Operation
from generator.write import BlackFormatter

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
OUTPUT = ROOT / "output"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "omg-xero"
SEEDS = SHARED / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Property tests run the same examples on every run (derandomized) and keep no database, so a
# CI run executes exactly the examples each test asks for; HYPOTHESIS_PROFILE=dev explores anew.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", settings.get_profile("ci"), derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

EXAMPLES: Counter[str] = Counter()


def count_example(test: str) -> None:
    """Count one executed Hypothesis example of ``test``, for the terminal summary."""
    EXAMPLES[test] += 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if EXAMPLES:
        total = sum(EXAMPLES.values())
        terminalreporter.write_sep(
            "-", f"hypothesis: {total} examples in {len(EXAMPLES)} property tests"
        )
        for test, n in sorted(EXAMPLES.items()):
            terminalreporter.write_line(f"{n:7d}  {test}")


needs_shared = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the shared corpus is not at {CORPUS} (clone the project beside ../shared)",
)


def code_snapshot(suffix: str) -> type[SingleFileSnapshotExtension]:
    """A syrupy extension that stores each snapshot as a source file with a real suffix."""

    class CodeSnapshot(SingleFileSnapshotExtension):
        _write_mode = WriteMode.TEXT
        file_extension = suffix

    return CodeSnapshot


@functools.cache
def ts_parser(lang: str) -> Parser:
    """A tree-sitter parser for a snippet language key."""
    if lang == "python":
        import tree_sitter_python as grammar

        return Parser(Language(grammar.language()))
    if lang == "java":
        import tree_sitter_java as grammar_java

        return Parser(Language(grammar_java.language()))
    if lang == "csharp":
        import tree_sitter_c_sharp as grammar_cs

        return Parser(Language(grammar_cs.language()))
    if lang == "php":
        import tree_sitter_php as grammar_php

        return Parser(Language(grammar_php.language_php()))
    if lang == "node":
        import tree_sitter_typescript as grammar_ts

        return Parser(Language(grammar_ts.language_typescript()))
    if lang == "ruby":
        import tree_sitter_ruby as grammar_rb

        return Parser(Language(grammar_rb.language()))
    raise KeyError(lang)


def syntax_problems(lang: str, source: str) -> list[str]:
    """Every ERROR and MISSING node of ``source`` as ``line:col kind``; empty when it parses cleanly."""
    tree = ts_parser(lang).parse(source.encode())
    problems: list[str] = []

    def walk(node: Node) -> Iterator[Node]:
        yield node
        for child in node.children:
            yield from walk(child)

    for node in walk(tree.root_node):
        if node.is_error or node.is_missing:
            row, col = node.start_point
            kind = "MISSING " + node.type if node.is_missing else "ERROR"
            problems.append(f"{row + 1}:{col + 1} {kind}")
    return problems


@pytest.fixture(autouse=True, scope="session")
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Tests never read or fill the user's cache (tests of the cache pass their own directory)."""
    cache = tmp_path_factory.mktemp("omg-snippets-cache")
    previous = os.environ.get("OMG_SNIPPETS_CACHE")
    os.environ["OMG_SNIPPETS_CACHE"] = str(cache)
    yield cache
    if previous is None:
        del os.environ["OMG_SNIPPETS_CACHE"]
    else:
        os.environ["OMG_SNIPPETS_CACHE"] = previous


@pytest.fixture(scope="session")
def formatter(tmp_path_factory: pytest.TempPathFactory) -> BlackFormatter:
    return BlackFormatter(tmp_path_factory.mktemp("black-cache"))


@pytest.fixture(scope="session")
def seed_api() -> Api:
    api, _findings = load_api(SPECS)
    return api


@pytest.fixture(scope="session")
def seed_op(seed_api: Api) -> Operation:
    return next(op for op in seed_api.operations if op.id == "updateOrCreateInvoices")


@pytest.fixture(scope="session")
def seed_files(seed_api: Api, formatter: BlackFormatter) -> dict[str, bytes]:
    """The output tree of specs/, rendered in memory."""
    return render_files(seed_api, formatter=formatter)


@pytest.fixture(scope="session")
def corpus_api() -> Api:
    if not CORPUS.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    api, _findings = load_api(CORPUS)
    return api


@pytest.fixture(scope="session")
def corpus_files(corpus_api: Api, formatter: BlackFormatter) -> dict[str, bytes]:
    """The output tree of the whole corpus (snippets, client, manifest), rendered in memory."""
    return render_files(corpus_api, formatter=formatter)


@pytest.fixture(scope="session")
def corpus_snippets(
    corpus_files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The corpus snippets on disk: ``<dir>/<operationId>/<lang file>``."""
    root = tmp_path_factory.mktemp("corpus-snippets")
    for relative, data in corpus_files.items():
        if relative.startswith("snippets/"):
            target = root / relative[len("snippets/") :]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return root


# --------------------------------------------------------------------------- toolchains

IN_CI = bool(os.environ.get("CI"))


def require_tool(name: str, why: str, install: str) -> str:
    """The path of ``name``; skips (fails in CI, where .ci/run installs everything) when it is missing."""
    found = shutil.which(name)
    if found is None:
        message = f"{name} not found: {why} ({install})"
        if IN_CI:
            pytest.fail(message + "; .ci/run should have installed it")
        pytest.skip(message)
    return found


# --------------------------------------------------------------------------- per-language summary

# Checks in the order the summary lists them.
CHECK_KINDS = ("parse", "compile", "typecheck", "lint", "run")
_TALLY = pytest.StashKey[dict[tuple[str, str], Counter[str]]]()
_SKIPS = pytest.StashKey[dict[tuple[str, str], set[str]]]()


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_TALLY] = {}
    config.stash[_SKIPS] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    marker = item.get_closest_marker("check")
    counts = report.when == "call" or (report.when == "setup" and not report.passed)
    if marker is not None and counts:
        lang, kind = marker.args
        tally = item.config.stash[_TALLY].setdefault((lang, kind), Counter())
        tally[report.outcome] += 1
        if report.skipped and isinstance(report.longrepr, tuple):
            item.config.stash[_SKIPS].setdefault((lang, kind), set()).add(
                str(report.longrepr[2]).removeprefix("Skipped: ")
            )
    return report


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    """One line per language: ``python: parse 237 passed, 0 failed; run 237 passed, 0 failed``."""
    tally = config.stash[_TALLY]
    if not tally:
        return
    terminalreporter.ensure_newline()
    terminalreporter.section("snippets checked per language")
    for lang in LANGUAGES:
        parts = []
        for kind in CHECK_KINDS:
            counts = tally.get((lang.key, kind))
            if counts is None:
                continue
            part = f"{kind} {counts['passed']} passed, {counts['failed']} failed"
            if counts["skipped"]:
                reasons = "; ".join(
                    sorted(config.stash[_SKIPS].get((lang.key, kind), ()))
                )
                part += f", {counts['skipped']} skipped ({reasons})"
            parts.append(part)
        if parts:
            terminalreporter.line(f"{lang.key}: " + "; ".join(parts))
