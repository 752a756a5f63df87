"""Every PHP and Ruby snippet of the corpus passes its interpreter's syntax check: ``php -l``, ``ruby -c``."""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import needs_shared, require_tool
from .test_corpus import corpus_ids

pytestmark = needs_shared

LINTERS = {
    # lang: (file, command before the file, what a clean file prints, the Debian package)
    "php": ("php.php", ["php", "-l"], "No syntax errors detected", "php-cli"),
    "ruby": ("ruby.rb", ["ruby", "-c"], "Syntax OK", "ruby"),
}


def lint_all(lang: str, snippets: Path) -> dict[str, str]:
    """Run the linter on every snippet of ``lang`` (in parallel); its output by operationId when it complains."""
    filename, command, clean, package = LINTERS[lang]
    tool = require_tool(
        command[0],
        f"the {lang} snippets are checked with `{' '.join(command)}`",
        f"apt-get install {package}",
    )

    def lint(op_dir: Path) -> tuple[str, str]:
        completed = subprocess.run(
            [tool, *command[1:], str(op_dir / filename)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        output = (completed.stdout + completed.stderr).strip()
        ok = completed.returncode == 0 and clean in output and output.count("\n") == 0
        return op_dir.name, "" if ok else f"exit {completed.returncode}: {output}"

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return dict(pool.map(lint, sorted(snippets.iterdir())))


@pytest.fixture(scope="module")
def php_lint(corpus_snippets: Path) -> dict[str, str]:
    return lint_all("php", corpus_snippets)


@pytest.fixture(scope="module")
def ruby_lint(corpus_snippets: Path) -> dict[str, str]:
    return lint_all("ruby", corpus_snippets)


@pytest.mark.check("php", "lint")
@pytest.mark.parametrize("op_id", corpus_ids())
def test_php_snippet_passes_php_lint(php_lint: dict[str, str], op_id: str) -> None:
    assert php_lint[op_id] == ""


@pytest.mark.check("ruby", "lint")
@pytest.mark.parametrize("op_id", corpus_ids())
def test_ruby_snippet_passes_ruby_c(ruby_lint: dict[str, str], op_id: str) -> None:
    assert ruby_lint[op_id] == ""
