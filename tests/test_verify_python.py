"""Every Python snippet of the corpus runs against the official xero-python SDK and sends the request the model describes.

All snippets run in one child process (``runners/run_python.py``), one after another, unmodified
but for the API host, each against its own base URL on a recording server on 127.0.0.1.  The
server answers with a body synthesized from the operation's return type.  Each recorded request
must equal the one derived from the model: method, path, query string, headers and body.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.languages import BY_KEY
from generator.model import Api

from .conftest import needs_shared
from .test_corpus import corpus_ids
from .wire import (
    DOWNLOAD_BYTES,
    PYTHON,
    Run,
    check_request,
    expected_request,
    run_snippets,
)

pytestmark = needs_shared
RUNNER = Path(__file__).parent / "runners" / "run_python.py"


@pytest.fixture(scope="module")
def python_runs(
    corpus_api: Api, corpus_snippets: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Run]:
    """Run every corpus Python snippet once; their outputs and recorded requests by operationId."""
    return run_snippets(
        corpus_api,
        tmp_path_factory.mktemp("python-run"),
        lambda op_id, cwd: corpus_snippets / op_id / "python.py",
        [sys.executable, str(RUNNER)],
        base_path=urlsplit(corpus_api.base_url).path,
    )


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
