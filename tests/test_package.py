"""A non-editable install (the built wheel) carries its templates and generates the same output."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from generator.write import read_tree

from .conftest import OUTPUT, ROOT, SPECS


def test_wheel_ships_templates_and_generates_the_committed_output(
    tmp_path: Path,
) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("omg_snippets-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/templates/python/snippet.py.j2" in names
    assert "generator/templates/client/models.py.j2" in names

    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    where = subprocess.run(
        [sys.executable, "-c", "import generator; print(generator.__file__)"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.strip().startswith(str(site))

    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--specs",
            str(SPECS),
            "--out",
            str(out),
            "-q",
        ],
        cwd=tmp_path,
        env=env,
        check=True,
    )
    assert read_tree(out) == read_tree(OUTPUT)
