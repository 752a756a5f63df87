"""Run generated Python snippets one after another in this process, each against its own API host.

Usage: python run_python.py JOBS.json RESULTS.json, where JOBS.json is a list of
``{"key", "file", "base_url", "cwd"}``.  The only thing changed for a snippet is
``AccountingApi.base_url`` (the class attribute the SDK builds every URL from);
the file itself runs unmodified as ``__main__`` in its own working directory.
Writes ``{key: {"stdout", "stderr", "error"}}``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import sys
import traceback

from xero_python.accounting import AccountingApi


def main(jobs_file: str, results_file: str) -> None:
    with open(jobs_file, encoding="utf-8") as handle:
        jobs = json.load(handle)
    results = {}
    for job in jobs:
        AccountingApi.base_url = job["base_url"]
        os.chdir(job["cwd"])
        out, err = io.StringIO(), io.StringIO()
        error = None
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                runpy.run_path(job["file"], run_name="__main__")
        except (
            BaseException
        ):  # a snippet that raises, exits or is interrupted is a failed run
            error = traceback.format_exc()
        results[job["key"]] = {
            "stdout": out.getvalue(),
            "stderr": err.getvalue(),
            "error": error,
        }
    with open(results_file, "w", encoding="utf-8") as handle:
        json.dump(results, handle)


if __name__ == "__main__":
    main(*sys.argv[1:3])
