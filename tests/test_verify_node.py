"""Every TypeScript snippet of the corpus type-checks with ``tsc --strict`` against xero-node and runs against it.

The pinned toolchain (xero-node, typescript, @types/node) is installed from
``tests/node/package-lock.json`` by ``make node-deps`` (``npm ci``).  One ``tsc --strict --noEmit``
run checks all snippets; one node process (``tests/node/run-snippets.cjs``) then runs them one
after another, unmodified but for the API host, against a recording server on 127.0.0.1.  Each
recorded request must equal the one derived from the model, as for Python.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from generator.languages import BY_KEY
from generator.model import Api

from .conftest import ROOT, IN_CI, needs_shared, require_tool
from .test_corpus import corpus_ids
from .wire import (
    DOWNLOAD_BYTES,
    NODE,
    Run,
    check_request,
    expected_request,
    run_snippets,
)

pytestmark = needs_shared
NODE_DIR = ROOT / "tests" / "node"
NODE_MODULES = NODE_DIR / "node_modules"
TSC_FLAGS = [
    "--strict",
    "--noEmit",
    "--target",
    "es2020",
    "--module",
    "commonjs",
    "--moduleResolution",
    "node",
    "--esModuleInterop",
    "--types",
    "node",
]
DIAGNOSTIC = re.compile(
    r"^(?P<file>[^(\s][^(]*)\((?P<line>\d+),(?P<col>\d+)\): (?P<text>error .*)$"
)


def node_toolchain() -> str:
    node = require_tool(
        "node",
        "the TypeScript snippets are checked with Node.js",
        "apt-get install nodejs npm",
    )
    if not (NODE_MODULES / "xero-node" / "package.json").is_file():
        message = f"{NODE_MODULES} is not installed (make node-deps runs npm ci there)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return node


@pytest.fixture(scope="module")
def tsc_errors(
    corpus_snippets: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[str]]:
    """``tsc --strict --noEmit`` over every node.ts at once: error lines by operationId (``""``: not in a snippet)."""
    node = node_toolchain()
    work = tmp_path_factory.mktemp("tsc")
    (work / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    files = []
    for op_dir in sorted(corpus_snippets.iterdir()):
        target = work / "src" / f"{op_dir.name}.ts"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes((op_dir / "node.ts").read_bytes())
        files.append(f"src/{op_dir.name}.ts")
    # a file of known mistakes rides along, to show that this very run reports errors
    (work / "src" / "mistakes.ts").write_text(TS_MISTAKES, encoding="utf-8")
    files.append("src/mistakes.ts")
    tsc = NODE_MODULES / "typescript" / "bin" / "tsc"
    completed = subprocess.run(
        [node, str(tsc), *TSC_FLAGS, *files],
        cwd=work,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    errors: dict[str, list[str]] = defaultdict(list)
    for line in completed.stdout.splitlines():
        match = DIAGNOSTIC.match(line)
        if match and match["file"].startswith("src/"):
            errors[Path(match["file"]).stem].append(line)
        elif line.strip() and not line.startswith(" "):
            errors[""].append(line)
    if completed.returncode != 0 and not errors:
        errors[""].append(
            f"tsc exited {completed.returncode}: {completed.stdout}{completed.stderr}"
        )
    return dict(errors)


@pytest.mark.check("node", "typecheck")
@pytest.mark.parametrize("op_id", corpus_ids())
def test_node_snippet_type_checks_strictly(
    tsc_errors: dict[str, list[str]], op_id: str
) -> None:
    assert tsc_errors.get("", []) == []
    assert tsc_errors.get(op_id, []) == []


@pytest.fixture(scope="module")
def node_runs(
    corpus_api: Api, corpus_snippets: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Run]:
    """Run every corpus node.ts once in one node process; outputs and recorded requests by operationId."""
    node = node_toolchain()

    def snippet(op_id: str, cwd: Path) -> Path:
        source = cwd / "snippet.ts"
        source.write_bytes((corpus_snippets / op_id / "node.ts").read_bytes())
        return source

    return run_snippets(
        corpus_api,
        tmp_path_factory.mktemp("node-run"),
        snippet,
        [
            node,
            "-r",
            str(NODE_DIR / "api-host.cjs"),
            str(NODE_DIR / "run-snippets.cjs"),
        ],
        env=lambda server: {
            "NODE_PATH": str(NODE_MODULES),
            "XERO_TEST_BASE_URL": server.url("-"),
        },
    )


@pytest.mark.check("node", "run")
@pytest.mark.parametrize("op_id", corpus_ids())
def test_node_snippet_sends_the_modelled_request(
    corpus_api: Api, node_runs: dict[str, Run], op_id: str
) -> None:
    op = next(o for o in corpus_api.operations if o.id == op_id)
    run = node_runs[op_id]
    assert run.result["error"] is None, run.result["error"]
    assert "Status Code:" not in run.result["stderr"], run.result["stderr"]
    generic = op.deprecated and not BY_KEY["node"].keeps_deprecated
    expected = expected_request(corpus_api, op, NODE, generic=generic)
    [request] = run.requests
    check_request(request, expected, NODE)
    if op.download_name is not None:
        assert (run.cwd / op.download_name).read_bytes() == DOWNLOAD_BYTES


# --------------------------------------------------------------------------- the checks can fail

TS_MISTAKES = """import { XeroClient, Invoice } from 'xero-node';

const xero = new XeroClient();
const invoice: Invoice = { type: 'ACCREC' };
const late: Invoice = { dueDate: new Date() };
xero.accountingApi.getInvoice('tenant', 42);
"""


def test_tsc_strict_rejects_what_xero_node_rejects(
    tsc_errors: dict[str, list[str]],
) -> None:
    lines = {
        int(m["line"])
        for line in tsc_errors.get("mistakes", [])
        if (m := DIAGNOSTIC.match(line))
    }
    # a string for an enum member, a Date for a date string, a number for an id
    assert lines == {4, 5, 6}, tsc_errors.get("mistakes")


def test_runner_reports_what_a_snippet_throws_and_prints(tmp_path: Path) -> None:
    node = node_toolchain()
    scripts = {
        "throws": "async function main(): Promise<void> { throw new Error('boom'); }\nmain();\n",
        "prints": "setTimeout(() => console.error('late'), 20);\nconsole.log('early');\n",
    }
    jobs = []
    for key, source in scripts.items():
        (tmp_path / f"{key}.ts").write_text(source, encoding="utf-8")
        jobs.append(
            {
                "key": key,
                "file": str(tmp_path / f"{key}.ts"),
                "cwd": str(tmp_path),
                "base_url": "http://127.0.0.1:9",
            }
        )
    (tmp_path / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    env = {**os.environ, "NODE_PATH": str(NODE_MODULES)}
    completed = subprocess.run(
        [
            node,
            str(NODE_DIR / "run-snippets.cjs"),
            str(tmp_path / "jobs.json"),
            str(tmp_path / "results.json"),
        ],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    assert "Error: boom" in results["throws"]["error"]
    # a snippet is over when nothing it started is pending: its late output is still its own
    assert (
        results["prints"]["stdout"],
        results["prints"]["stderr"],
        results["prints"]["error"],
    ) == ("early\n", "late\n", None)
