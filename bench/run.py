"""Benchmark: whole-process wall time and peak memory of the generator, with a peer for scale.

Run with ``make bench``.  Each figure is the median of several runs of a fresh
process (``python -m generator generate ...``), measured with ``os.wait4``
(wall clock around the child, its peak resident set size).  Cases:

* a calibration loop (the same pure-Python work every time: it shows how fast the
  machine was during the run) and the floor: ``python -c "import generator"``;
* the whole corpus (237 operations x 6 languages, manifest and docs outputs), cold:
  empty generator cache, fresh output directory; then the same with the whole-API client;
* a rerun with nothing changed, and a rerun after editing one spec;
* the corpus copied ten times under new operationIds, to show how the cost grows;
* a peer: openapi-generator-cli generating the Python client from the OpenAPI document.

The corpus is read from ../shared at run time (never copied into the project);
the 10x corpus is assembled in a temporary directory.  What a run leaves behind is
moved aside, not deleted, before the next one (see ``set_aside``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "omg-xero"
OPENAPI = ROOT.parent / "shared" / "corpus" / "openapi" / "xero_accounting.yaml"


# The same work every time: its figure shows how fast the machine was during the run.
CALIBRATION = "sum(i * i for i in range(3_000_000))"


def measure(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS MiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        assert proc.stderr is not None
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr.read().decode()}")
    return wall, usage.ru_maxrss / 1024


def median_run(runs: int, prepare: Callable[[], None], argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, list[float]]:
    walls, peaks = [], []
    for _ in range(runs):
        prepare()
        wall, peak = measure(argv, env, cwd)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks), walls


def report(label: str, result: tuple[float, float, list[float]], target: str = "") -> float:
    wall, peak, walls = result
    spread = f"{min(walls):.3f}-{max(walls):.3f}"
    print(f"{label:<46} {wall:7.3f} s  (runs {spread})  peak {peak:6.1f} MiB  {target}", flush=True)
    return wall


# The file system's share of a cold run: as many small files as the output has, in as many folders.
FILES_PROBE = (240, 7)


def probe_files(work: Path, runs: int) -> tuple[float, float, list[float]]:
    """Wall time to create FILES_PROBE's files in ``work``: how fast the file system was."""
    walls = []
    data = b"x" * 4096
    for run in range(runs):
        base = work / "trash" / f"probe-{run}"
        start = time.perf_counter()
        base.mkdir()
        for folder in range(FILES_PROBE[0]):
            directory = base / str(folder)
            directory.mkdir()
            for name in range(FILES_PROBE[1]):
                (directory / f"{name}.txt").write_bytes(data)
        walls.append(time.perf_counter() - start)
    return statistics.median(walls), 0.0, walls


def copy_corpus(times: int, target: Path) -> None:
    """The corpus with its endpoints copied ``times`` times under new operationIds."""
    shutil.copytree(CORPUS, target, ignore=shutil.ignore_patterns("endpoints"))
    for path in sorted((CORPUS / "endpoints").rglob("*.omg.md")):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(CORPUS / "endpoints")
        for n in range(times):
            copy = text if n == 0 else text.replace("\noperationId: ", f"\noperationId: copy{n}", 1)
            out = target / "endpoints" / f"copy{n}" / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(copy, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-peer", action="store_true", help="skip openapi-generator-cli")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"the corpus is not at {CORPUS}")
    python = sys.executable
    work = Path(tempfile.mkdtemp(prefix="omg-bench-"))
    cache = work / "cache"
    # .pyc files as an installed package has them (a set PYTHONDONTWRITEBYTECODE, even "0", stops that)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["OMG_SNIPPETS_CACHE"] = str(cache)
    out = work / "out"

    def clean() -> None:
        set_aside(cache, out)

    def keep() -> None:
        pass

    trash = work / "trash"
    trash.mkdir()
    counter = iter(range(1_000_000))

    def set_aside(*paths: Path) -> None:
        """Move what an earlier run left out of the way; it is deleted when the benchmark ends.

        Deleting thousands of files right before a run would measure the file system,
        not the generator: for a while after a mass deletion, ext4 searches past the
        freed inodes each time it allocates one (its ``recently_deleted`` check).
        """
        for path in paths:
            if path.exists():
                path.rename(trash / str(next(counter)))

    generate = [python, "-m", "generator", "generate", "--specs", str(CORPUS), "--out", str(out), "-q"]
    print(f"omg-snippets benchmark: median of {args.runs} runs, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
    try:
        report("calibration: a fixed pure-Python loop", median_run(args.runs, keep, [python, "-c", CALIBRATION], env, work), "(machine speed)")
        wall, _peak, walls = probe_files(work, args.runs)
        print(f"{'calibration: ' + str(FILES_PROBE[0] * FILES_PROBE[1]) + ' small files in ' + str(work.parent):<46} {wall:7.3f} s  (runs {min(walls):.3f}-{max(walls):.3f})  (file system speed)", flush=True)
        report("floor: python -c 'import generator'", median_run(args.runs, keep, [python, "-c", "import generator"], env, work))
        cold = report("corpus, cold (empty cache), no client", median_run(args.runs, clean, [*generate, "--no-client"], env, work), "target <= 1.5 s, <= 120 MiB")
        cold_client = report("corpus, cold (empty cache), with client", median_run(args.runs, clean, generate, env, work), "target <= 3 s")
        measure(generate, env, work)  # warm the cache and the output
        report("corpus, rerun with nothing changed", median_run(args.runs, keep, generate, env, work), "target <= 0.35 s")

        edited = work / "edited"
        shutil.copytree(CORPUS, edited)
        spec = edited / "endpoints" / "invoices" / "or-create-invoices-update.omg.md"
        original = spec.read_text(encoding="utf-8")
        edit_out = work / "edit-out"
        edit = [python, "-m", "generator", "generate", "--specs", str(edited), "--out", str(edit_out), "-q"]
        measure(edit, env, work)
        def touch_spec() -> None:
            spec.write_text(original.replace("default: Website Design", f"default: Website Design {next(counter)}"), encoding="utf-8")

        report("corpus, rerun after editing one spec", median_run(args.runs, touch_spec, edit, env, work), "target <= 0.4 s")

        tenfold = work / "tenfold"
        copy_corpus(10, tenfold)
        one = work / "onefold"
        copy_corpus(1, one)
        ten_out = work / "ten-out"

        def clean_ten() -> None:
            set_aside(cache, ten_out)

        base = report(
            "1x corpus (same layout), cold, no client",
            median_run(args.runs, clean_ten, [python, "-m", "generator", "generate", "--specs", str(one), "--out", str(ten_out), "-q", "--no-client"], env, work),
        )
        ten = report(
            "10x corpus (2,370 operations), cold, no client",
            median_run(max(3, args.runs // 2), clean_ten, [python, "-m", "generator", "generate", "--specs", str(tenfold), "--out", str(ten_out), "-q", "--no-client"], env, work),
        )
        print(f"{'10x / 1x':<46} {ten / base:7.2f} x  target <= 10.5 x")

        if not args.no_peer:
            peer_bin = shutil.which("openapi-generator-cli", path=str(Path(python).parent))
            if peer_bin is None or shutil.which("java") is None:
                print("peer: openapi-generator-cli or java not installed (make bench installs the bench extra)")
            else:
                peer_out = work / "peer"
                peer = report(
                    "peer: openapi-generator-cli, python client",
                    median_run(
                        max(3, args.runs // 2),
                        lambda: set_aside(peer_out),
                        [peer_bin, "generate", "-g", "python", "-i", str(OPENAPI), "-o", str(peer_out), "--skip-validate-spec"],
                        env,
                        work,
                    ),
                )
                print(f"{'peer / omg-snippets (corpus, cold, no client)':<46} {peer / cold:7.2f} x")
                print(f"{'peer / omg-snippets (corpus, cold, with client)':<46} {peer / cold_client:7.2f} x")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
