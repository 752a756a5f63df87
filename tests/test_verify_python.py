"""Every Python snippet of the corpus runs against the official xero-python SDK and sends the request the model describes.

All snippets run in one child process (``runners/run_python.py``), one after another, unmodified
but for the API host, each against its own base URL on a recording server on 127.0.0.1.  The
server answers with a body synthesized from the operation's return type.  Each recorded request
must equal the one derived from the model: method, path, query string, headers and body.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator.languages import BY_KEY
from generator.model import Api

from .conftest import needs_shared
from .recording import Recorded, RecordingServer
from .test_corpus import corpus_ids
from .wire import (
    DOWNLOAD_BYTES,
    PYTHON,
    check_request,
    expected_request,
    prepare_upload,
    reply,
)

pytestmark = needs_shared
RUNNER = Path(__file__).parent / "runners" / "run_python.py"


@dataclass
class Run:
    result: dict[str, Any]
    requests: list[Recorded]
    cwd: Path


@pytest.fixture(scope="module")
def python_runs(
    corpus_api: Api, corpus_snippets: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Run]:
    """Run every corpus Python snippet once; their outputs and recorded requests by operationId."""
    ops = {op.id: op for op in corpus_api.operations}
    work = tmp_path_factory.mktemp("python-run")
    server = RecordingServer(lambda key, request: reply(corpus_api, ops[key]))
    base_path = urlsplit(corpus_api.base_url).path
    with server.running():
        jobs = []
        for op_id in sorted(ops):
            cwd = work / op_id
            cwd.mkdir()
            prepare_upload(ops[op_id], cwd)
            jobs.append(
                {
                    "key": op_id,
                    "file": str(corpus_snippets / op_id / "python.py"),
                    "base_url": server.url(op_id) + base_path,
                    "cwd": str(cwd),
                }
            )
        (work / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        completed = subprocess.run(
            [
                sys.executable,
                str(RUNNER),
                str(work / "jobs.json"),
                str(work / "results.json"),
            ],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert completed.returncode == 0, completed.stderr
        results = json.loads((work / "results.json").read_text(encoding="utf-8"))
        return {
            op_id: Run(results[op_id], server.requests(op_id), work / op_id)
            for op_id in ops
        }


@pytest.mark.check("python", "run")
@pytest.mark.parametrize("op_id", corpus_ids())
def test_python_snippet_sends_the_modelled_request(
    corpus_api: Api, python_runs: dict[str, Run], op_id: str
) -> None:
    op = next(o for o in corpus_api.operations if o.id == op_id)
    run = python_runs[op_id]
    assert run.result["error"] is None, run.result["error"]
    assert "Exception when calling" not in run.result["stdout"], run.result["stdout"]
    assert "Validation errors" not in run.result["stdout"], run.result["stdout"]
    generic = op.deprecated and not BY_KEY["python"].keeps_deprecated
    expected = expected_request(corpus_api, op, PYTHON, generic=generic)
    [request] = run.requests
    check_request(request, expected, PYTHON)
    if op.download_name is not None:
        assert (run.cwd / op.download_name).read_bytes() == DOWNLOAD_BYTES
