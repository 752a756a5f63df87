"""Redocly CLI (pinned in tools/redocly) lints the OpenAPI documents with our x-codeSamples merged in.

What is asserted, and why:

- The configuration is Redocly's ``recommended`` ruleset (tools/redocly/redocly.yaml).  Its
  ``struct`` rule checks each x-codeSamples entry against Redocly's own type for it (``lang``,
  ``label``, ``source``: strings; no other keys) and an Overlay 1.0 document's shape; a control
  test breaks one sample on purpose and expects exactly that error, so a pass means something.
- The seed document (tests/fixtures/openapi/seed.yaml) lints clean before the merge; after it,
  still no problem at all, and exit status 0.
- Xero's own document has problems of its own (duplicate paths, missing summaries: 18 errors
  and 1127 warnings with this release), so "no problems" cannot be asked of it.  Instead: no
  problem of the merged document points into or mentions x-codeSamples, no rule reports more
  problems (of any severity) than on the unmerged document, and the exit status is no worse.
- The overlay files themselves lint clean as Overlay 1.0 documents.

Without Node.js or the installed tool, the tests skip, saying how to get them; under CI
(``CI`` set) they fail instead, since .ci/run installs Node.js and ``make test`` runs npm ci.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from generator import apply_samples
from generator.cli import app
from generator.docs import OVERLAY_FILE
from generator.write import BlackFormatter

from .conftest import CORPUS, FIXTURES, ROOT, SHARED, SPECS, needs_shared

TOOL_DIR = ROOT / "tools" / "redocly"
REDOCLY = TOOL_DIR / "node_modules" / ".bin" / "redocly"
CONFIG = TOOL_DIR / "redocly.yaml"
SEED_DOC = FIXTURES / "openapi" / "seed.yaml"
XERO_DOC = SHARED / "corpus" / "openapi" / "xero_accounting.yaml"
SAMPLES = "x-codeSamples"


@pytest.fixture(scope="module")
def redocly() -> Path:
    missing = None
    if shutil.which("node") is None:
        missing = "Node.js is not installed (.ci/run installs it)"
    elif not REDOCLY.is_file():
        missing = f"Redocly CLI is not installed in {TOOL_DIR} (run `make tools`)"
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{missing}; CI must run this test")
        pytest.skip(missing)
    return REDOCLY


def lint(redocly: Path, document: Path, cwd: Path) -> tuple[int, list[dict[str, Any]]]:
    """Redocly's exit status and every problem it reports (JSON format, no cap on their number)."""
    env = {
        **os.environ,
        "REDOCLY_TELEMETRY": "off",
        "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true",
        "NO_COLOR": "1",
    }
    run = subprocess.run(
        [
            str(redocly),
            "lint",
            str(document),
            "--config",
            str(CONFIG),
            "--format",
            "json",
            "--max-problems",
            "100000",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert (
        run.stdout.strip()
    ), f"no report from redocly ({run.returncode}): {run.stderr}"
    report = json.loads(run.stdout)
    return run.returncode, report["problems"]


def merge(document: Path, out: Path) -> Path:
    result = CliRunner().invoke(
        app,
        [
            "generate",
            "--specs",
            str(SPECS),
            "--apply-to",
            str(document),
            "--out",
            str(out),
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    return out


def about_samples(problem: dict[str, Any]) -> bool:
    pointers = [loc.get("pointer", "") for loc in problem.get("location", [])]
    return SAMPLES in problem.get("message", "") or any(
        SAMPLES in pointer for pointer in pointers
    )


def by_rule(problems: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    return Counter((p["ruleId"], p["severity"]) for p in problems)


def test_seed_document_lints_clean_with_the_samples(
    redocly: Path, tmp_path: Path
) -> None:
    assert lint(redocly, SEED_DOC, tmp_path) == (0, [])
    merged = merge(SEED_DOC, tmp_path / "merged.yaml")
    samples = yaml.safe_load(merged.read_text())["paths"]["/Invoices"]["post"][SAMPLES]
    assert len(samples) == 7  # the cURL sample that was there, and our six
    assert lint(redocly, merged, tmp_path) == (0, [])


def test_a_malformed_sample_is_caught(redocly: Path, tmp_path: Path) -> None:
    """The control: the ruleset does check x-codeSamples entries."""
    merged = merge(SEED_DOC, tmp_path / "merged.yaml")
    document = yaml.safe_load(merged.read_text())
    samples = document["paths"]["/Invoices"]["post"][SAMPLES]
    samples[1]["source"] = 42
    samples[2]["extra"] = "x"
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(document, sort_keys=False))
    status, problems = lint(redocly, broken, tmp_path)
    assert status == 1
    assert sorted((p["ruleId"], p["location"][0]["pointer"]) for p in problems) == [
        ("struct", "#/paths/~1Invoices/post/x-codeSamples/1/source"),
        ("struct", "#/paths/~1Invoices/post/x-codeSamples/2/extra"),
    ]


@needs_shared
def test_merging_into_xeros_document_adds_no_problem(
    redocly: Path, tmp_path: Path, formatter: BlackFormatter
) -> None:
    merged = tmp_path / "xero_accounting.yaml"
    apply_samples(CORPUS, XERO_DOC, merged, formatter=formatter)
    document = yaml.safe_load(merged.read_text())
    with_samples = [
        op
        for item in document["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and SAMPLES in op
    ]
    assert len(with_samples) == 233
    base_status, base = lint(redocly, XERO_DOC, tmp_path)
    status, problems = lint(redocly, merged, tmp_path)
    assert [p for p in problems if about_samples(p)] == []
    grown = {
        rule: (by_rule(base)[rule], count)
        for rule, count in by_rule(problems).items()
        if count > by_rule(base)[rule]
    }
    assert grown == {}, "rules with more problems after the merge (before, after)"
    assert status <= base_status


def test_seed_overlay_lints_clean(
    redocly: Path, tmp_path: Path, seed_files: dict[str, bytes]
) -> None:
    overlay = tmp_path / OVERLAY_FILE
    overlay.write_bytes(seed_files[OVERLAY_FILE])
    assert lint(redocly, overlay, tmp_path) == (0, [])


@needs_shared
def test_corpus_overlay_lints_clean(
    redocly: Path, tmp_path: Path, corpus_files: dict[str, bytes]
) -> None:
    overlay = tmp_path / OVERLAY_FILE
    overlay.write_bytes(corpus_files[OVERLAY_FILE])
    assert lint(redocly, overlay, tmp_path) == (0, [])
