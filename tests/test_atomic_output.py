"""A run that fails or is interrupted anywhere leaves the previous output exactly as it was.

Failures are injected at each stage of a run (rendering, black, staging the files, committing them:
the renames of the update in place, or the one rename of a first run) as errors, a full disk and
Ctrl-C; a last test sends a real SIGINT to a running generator.  After each, the output directory
is byte-identical and no staged or retired file is left.
"""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import EXIT_INTERNAL, EXIT_INTERRUPTED, app
from generator.render import Renderer
from generator import write
from generator.write import BlackFormatter, read_tree

from .conftest import ROOT, SPECS

runner = CliRunner()


def previous_output(out: Path) -> dict[str, bytes]:
    (out / "snippets" / "old").mkdir(parents=True)
    (out / "manifest.json").write_bytes(b'{"previous": true}\n')
    (out / "snippets" / "old" / "python.py").write_bytes(b"print('previous')\n")
    return read_tree(out)


def fail_on_call(n: int, exc: BaseException, original: Callable[..., object]) -> object:
    """A stand-in for ``original`` whose ``n``-th call raises ``exc``."""
    calls = {"n": 0}

    def wrapper(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == n:
            raise exc
        return original(*args, **kwargs)

    return wrapper


DISK_FULL = OSError(errno.ENOSPC, "No space left on device")
FAILURES: dict[str, tuple[object, str, int, BaseException]] = {
    # name: (owner, attribute, failing call, exception).  With a previous output the files are
    # committed by os.replace (old version aside, new one in); a first run is one os.rename.
    "template error": (Renderer, "snippet", 3, RuntimeError("template exploded")),
    "black fails": (BlackFormatter, "format", 2, RuntimeError("black gave up")),
    "disk full while staging": (write, "_put", 4, DISK_FULL),
    "moving the first old file aside fails": (
        os,
        "replace",
        1,
        PermissionError(13, "no"),
    ),
    "committing a new file fails": (os, "replace", 2, DISK_FULL),
    "committing a later file fails": (os, "replace", 5, DISK_FULL),
    "Ctrl-C while rendering": (Renderer, "snippet", 2, KeyboardInterrupt()),
    "Ctrl-C while formatting": (BlackFormatter, "format", 1, KeyboardInterrupt()),
    "Ctrl-C while staging": (write, "_put", 3, KeyboardInterrupt()),
    "Ctrl-C while committing": (os, "replace", 3, KeyboardInterrupt()),
}


@pytest.mark.parametrize("with_previous", [True, False], ids=["previous", "first-run"])
@pytest.mark.parametrize("failure", list(FAILURES))
def test_failure_leaves_the_previous_output(
    failure: str, with_previous: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    owner, attribute, n, exc = FAILURES[failure]
    if attribute == "replace" and not with_previous:
        attribute, n = (
            "rename",
            1,
        )  # a first run commits the staged tree with one rename
    out = tmp_path / "out"
    before = previous_output(out) if with_previous else None
    monkeypatch.setattr(
        owner, attribute, fail_on_call(n, exc, getattr(owner, attribute))
    )
    if attribute == "format":  # so that the formatter's cache cannot skip the call
        monkeypatch.setenv("OMG_SNIPPETS_CACHE", str(tmp_path / "cache"))

    # --no-cache: snippets cached by an earlier test would never reach the failing call
    argv = ["generate", "--specs", str(SPECS), "--out", str(out), "--no-cache"]
    result = runner.invoke(app, argv)
    monkeypatch.undo()

    if isinstance(exc, KeyboardInterrupt):
        assert result.exit_code == EXIT_INTERRUPTED
        assert result.stderr == f"interrupted; {out} is unchanged\n"
    else:
        assert result.exit_code == EXIT_INTERNAL
        assert str(exc) in result.stderr and f"{out} is unchanged" in result.stderr
    if before is None:
        assert not out.exists()
    else:
        assert read_tree(out) == before
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "cache")
    assert left == (["out"] if with_previous else [])


def test_a_successful_run_replaces_everything_and_leaves_nothing_beside(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    previous_output(out)
    result = runner.invoke(app, ["generate", "--specs", str(SPECS), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert read_tree(out) == read_tree(ROOT / "output")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def many_operations(root: Path, count: int, name: str = "op") -> Path:
    """specs/ with its one operation copied ``count`` times: a run that takes a while."""
    specs = root / "specs"
    shutil.copytree(SPECS, specs)
    seed = next((specs / "endpoints").rglob("*.omg.md"))
    text = seed.read_text()
    for i in range(count):
        copy = text.replace(
            "operationId: updateOrCreateInvoices", f"operationId: {name}{i}"
        )
        copy = copy.replace("path: /Invoices", f"path: /Invoices{i}")
        (seed.parent / f"copy-{i}.omg.md").write_text(copy)
    return specs


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_real_ctrl_c_leaves_the_previous_output(tmp_path: Path) -> None:
    # names too long for the templates to keep each call under 88 columns: black
    # formats every Python snippet, so that the run takes a while after it starts
    long_name = "updateOrCreateInvoicesWithEveryOptionThatTheAccountingApiOffers"
    specs = many_operations(tmp_path, 40, long_name)
    out = tmp_path / "out"
    before = previous_output(out)
    cache = tmp_path / "cache"  # empty: nothing comes from a cache
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", "--specs", str(specs)]
        + ["--out", str(out), "-q"],
        cwd=ROOT,
        env={**os.environ, "OMG_SNIPPETS_CACHE": str(cache)},
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(cache.rglob("*")) and time.monotonic() < deadline:
        time.sleep(0.02)  # black has formatted its first file: the run is under way
    process.send_signal(signal.SIGINT)
    _stdout, stderr = process.communicate(timeout=60)

    assert process.returncode == EXIT_INTERRUPTED, stderr
    assert stderr == f"interrupted; {out} is unchanged\n"
    assert read_tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "out", "specs"]
