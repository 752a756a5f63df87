"""The same specs give the same bytes: whatever the hash seed, the discovery order, the number of runs,
whatever was in the output directory before; and black has nothing left to change."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import black

from generator import generate
from generator.build import build_api
from generator.errors import Diagnostics
from generator.load import discover, load_tree
from generator.model import Api
from generator.write import BlackFormatter, read_tree

from .conftest import CORPUS, ROOT, needs_shared
from generator import _companion, render_files


@needs_shared
def test_hash_seeds_give_identical_trees(tmp_path: Path) -> None:
    trees = []
    for seed in ("0", "1", "4242"):
        out = tmp_path / f"out-{seed}"
        env = {
            **os.environ,
            "PYTHONHASHSEED": seed,
            "OMG_SNIPPETS_CACHE": str(tmp_path / "cache"),
        }
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "generate",
                "--specs",
                str(CORPUS),
                "--out",
                str(out),
                "-q",
            ],
            cwd=ROOT,
            env=env,
            check=True,
        )
        trees.append(read_tree(out))
    assert (
        len(trees[0]) == 237 * 6 + 1 + 4 + 237 + 1
    )  # snippets, manifest, client, pages, overlay
    assert trees[0] == trees[1] == trees[2]


@needs_shared
def test_discovery_order_does_not_matter(
    corpus_files: dict[str, bytes], formatter: BlackFormatter
) -> None:
    files = discover(CORPUS)
    random.Random(7).shuffle(files)
    diag = Diagnostics()
    api = build_api(load_tree(CORPUS, diag, files), diag, _companion(CORPUS, diag))
    diag.raise_if_errors()
    assert render_files(api, formatter=formatter) == corpus_files


def test_generating_twice_and_into_existing_output_is_byte_identical(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        subprocess.run(
            [
                sys.executable,
                "-m",
                "generator",
                "generate",
                "--specs",
                str(ROOT / "specs"),
                "--out",
                str(out),
                "-q",
            ],
            cwd=ROOT,
            check=True,
        )
        assert read_tree(out) == read_tree(ROOT / "output")


def test_generating_into_a_stale_output_gives_exactly_the_fresh_tree(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    shutil.copytree(ROOT / "output", out)
    (out / "snippets" / "removedOperation").mkdir()
    (out / "snippets" / "removedOperation" / "python.py").write_text("print('stale')\n")
    (out / "manifest.json").write_text("{}\n")
    (out / "client" / "xero_accounting" / "models.py").unlink()
    generate(ROOT / "specs", out)
    assert read_tree(out) == read_tree(ROOT / "output")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def _black_changes(files: dict[str, bytes]) -> list[str]:
    mode = black.Mode(target_versions={black.TargetVersion.PY311})
    return [
        path
        for path, data in sorted(files.items())
        if path.endswith(".py")
        and black.format_str(data.decode(), mode=mode) != data.decode()
    ]


def test_black_changes_nothing_in_the_python_output() -> None:
    assert _black_changes(read_tree(ROOT / "output")) == []


@needs_shared
def test_black_changes_nothing_in_the_python_output_of_the_corpus(
    corpus_files: dict[str, bytes],
) -> None:
    assert _black_changes(corpus_files) == []


@needs_shared
def test_rendering_in_processes_gives_the_same_tree(
    corpus_api: Api, corpus_files: dict[str, bytes], formatter: BlackFormatter
) -> None:
    """Snippets in a pool of forked workers and the client stub in a forked process, as in one."""
    parallel = render_files(corpus_api, formatter=formatter, jobs=2)
    assert parallel == corpus_files
