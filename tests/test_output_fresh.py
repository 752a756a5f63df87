"""output/ is what generating specs/ gives today, byte for byte."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

from generator.write import read_tree

from .conftest import OUTPUT, ROOT, SPECS


def test_committed_output_is_fresh(tmp_path: Path) -> None:
    fresh = tmp_path / "output"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--specs",
            str(SPECS),
            "--out",
            str(fresh),
            "--quiet",
        ],
        cwd=ROOT,
        check=True,
    )
    expected, committed = read_tree(fresh), read_tree(OUTPUT)
    assert sorted(committed) == sorted(
        expected
    ), "files differ: run `make generate` and commit output/"
    for path in sorted(expected):
        if committed[path] != expected[path]:
            diff = difflib.unified_diff(
                committed[path].decode(errors="replace").splitlines(),
                expected[path].decode(errors="replace").splitlines(),
                f"output/{path} (committed)",
                f"output/{path} (generated)",
                lineterm="",
            )
            raise AssertionError(
                "output/ is stale; run `make generate` and commit it\n"
                + "\n".join(list(diff)[:60])
            )
