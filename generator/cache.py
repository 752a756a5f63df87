"""Caches that make reruns fast.  Every entry is keyed by the content it was computed from.

Per spec tree, two files under the cache directory:

* ``runs/<tree>.json``: the fingerprint of the last run (the generator's code,
  its templates, the options and every file of the spec tree) with the state
  of the output directory it wrote; when both still hold, the run is a no-op;
* ``runs/<tree>.pickle``: parsed documents, the type registry, each operation's
  model draft with its lint findings, and each rendered file, keyed by their inputs.

Nothing in a cache can change the output: a missing, stale or damaged cache
only costs time (the tests compare cached and uncached runs byte for byte).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import orjson

from .errors import Finding

if TYPE_CHECKING:
    from .build import BuildCache
    from .load import DocumentCache

FORMAT = 2
PACKAGE = Path(__file__).resolve().parent


def _stat_digest(roots: list[Path], suffixes: tuple[str, ...] | None) -> Any:
    """A digest of path, size and modification time of every file under ``roots`` (as make sees them)."""
    digest = hashlib.sha256()
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                if suffixes is None or name.endswith(suffixes):
                    path = os.path.join(dirpath, name)
                    try:
                        info = os.stat(path)
                        digest.update(
                            f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n".encode()
                        )
                    except OSError:
                        digest.update(f"{path}\0unreadable\n".encode())
    return digest


@functools.cache
def code_digest() -> str:
    """The generator's own code and templates: a change to either invalidates every cache."""
    templates = PACKAGE / "templates"
    if not templates.is_dir():
        templates = PACKAGE.parent / "templates"
    digest = _stat_digest([PACKAGE, templates], (".py", ".j2"))
    digest.update(f"format {FORMAT}".encode())
    return str(digest.hexdigest())


def tree_fingerprint(specs: Path, options: str) -> str:
    """What a run reads: the code, the options and every file under the spec root."""
    digest = _stat_digest([specs.absolute()], None)
    digest.update(f"{code_digest()}\n{options}".encode())
    return str(digest.hexdigest())


def output_state(out: Path) -> dict[str, list[int]]:
    """Size and modification time of every file under ``out`` (``[-1, -1]`` if it cannot be read)."""
    state: dict[str, list[int]] = {}

    def scan(directory: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(directory))
        except OSError:
            return  # as os.walk does
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                scan(entry.path, f"{prefix}{entry.name}/")
                continue
            try:
                info = entry.stat()
            except OSError:  # a dangling symbolic link
                state[prefix + entry.name] = [-1, -1]
                continue
            if not stat.S_ISDIR(info.st_mode):  # a link to a directory is not followed
                state[prefix + entry.name] = [info.st_size, info.st_mtime_ns]

    scan(str(out), "")
    return state


def _state(path: Path) -> list[int]:
    info = os.stat(path)
    return [info.st_size, info.st_mtime_ns]


class RunCache:
    """The caches of one spec tree."""

    def __init__(self, cache_dir: Path, specs: Path) -> None:
        tree = hashlib.sha256(str(specs.resolve()).encode()).hexdigest()[:24]
        self.bytecode_dir = cache_dir / "jinja"
        self.state_path = cache_dir / "runs" / f"{tree}.pickle"
        self.fresh_path = cache_dir / "runs" / f"{tree}.json"
        self.documents: DocumentCache = {}
        self._build: BuildCache | None = None
        self.rendered: dict[str, bytes] = {}
        self.used: set[str] = set()
        self._record: dict[str, Any] | None = None

    @property
    def build(self) -> BuildCache:
        if self._build is None:
            from .build import (
                BuildCache,
            )  # not needed, nor imported, when the run is a no-op

            self._build = BuildCache()
        return self._build

    # ---- the no-op check

    def _last_run(self) -> dict[str, Any]:
        """The record of the last run (empty if there is none or it is damaged), read once."""
        if self._record is None:
            try:
                record = orjson.loads(self.fresh_path.read_bytes())
            except (OSError, ValueError):
                record = None
            self._record = record if isinstance(record, dict) else {}
        return self._record

    def up_to_date(self, fingerprint: str, out: Path) -> list[Finding] | None:
        """The findings of the last run, if it had the same inputs and ``out`` is as it left it."""
        record = self._last_run()
        if record.get("fingerprint") != fingerprint:
            return None
        if record.get("out") != str(out.absolute()) or not out.is_dir():
            return None
        if record.get("files") != output_state(out):
            return None
        return [Finding(**finding) for finding in record.get("findings", [])]

    def unchanged(
        self, out: Path, digests: dict[str, str], current: dict[str, list[int]]
    ) -> dict[str, list[int]]:
        """The files that ``out`` already holds with these contents (per the last run's record).

        ``digests`` maps each file of the new tree to the SHA-256 of its bytes and
        ``current`` is the :func:`output_state` of ``out``; the result maps each
        unchanged file to its size and modification time.
        """
        record = self._last_run()
        if record.get("out") != str(out.absolute()):
            return {}
        recorded, recorded_digests = record.get("files", {}), record.get("sha256", {})
        return {
            path: current[path]
            for path, digest in digests.items()
            if path in current
            and current[path] == recorded.get(path)
            and recorded_digests.get(path) == digest
        }

    def record(
        self,
        fingerprint: str,
        out: Path,
        findings: list[Finding],
        digests: dict[str, str],
        known: dict[str, list[int]],
    ) -> None:
        """Record the run that wrote ``out``; ``known`` holds the size and modification time
        of the files whose state is known already (found in place, or just written).
        """
        state = {
            path: known.get(path) or _state(out / path) for path in sorted(digests)
        }
        record = {
            "fingerprint": fingerprint,
            "out": str(out.absolute()),
            "files": state,
            "sha256": digests,
            "findings": [
                {
                    "file": f.file,
                    "line": f.line,
                    "message": f.message,
                    "code": f.code,
                    "severity": f.severity,
                }
                for f in findings
            ],
        }
        _write_atomically(self.fresh_path, orjson.dumps(record))
        self._record = record

    # ---- documents, models and rendered files

    def load(self) -> None:
        try:
            with self.state_path.open("rb") as handle:
                state: Any = pickle.load(handle)
        except (
            OSError,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            TypeError,
            ValueError,
        ):
            return
        if not isinstance(state, dict) or state.get("code") != code_digest():
            return
        self.documents = state["documents"]
        self._build = state["build"]
        self.rendered = state["rendered"]

    def render_key(self, *parts: object) -> str:
        return hashlib.sha256(repr((code_digest(), *parts)).encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        data = self.rendered.get(key)
        if data is not None:
            self.used.add(key)
        return data

    def put(self, key: str, data: bytes) -> None:
        self.rendered[key] = data
        self.used.add(key)

    def save_meanwhile(
        self, prune: bool = True, detach: bool = False
    ) -> Callable[[], None]:
        """:meth:`save` in a forked process while this one goes on; call the result to wait for it.

        With ``detach``, the saving process is left to finish on its own (it may
        outlive this one, so that a command's exit is not held up by its cache)
        and the result returns at once.  Where the platform cannot fork, the
        state is saved before this returns.
        """
        if not hasattr(os, "fork"):
            self.save(prune)
            return lambda: None
        pid = os.fork()
        if pid == 0:  # the child leaves without running the parent's exit handlers
            try:
                if detach:
                    _detach()
                self.save(prune)
            finally:
                os._exit(0)

        def wait() -> None:
            os.waitpid(pid, 0)  # with detach, the intermediate process: it ends at once

        return wait

    def save(self, prune: bool = True) -> None:
        """Write the state atomically, keeping only what this run used (the rest is stale).

        A run of a few operations (``prune`` false) keeps the entries of the others.
        """
        if prune:
            self.build.drafts = {
                k: v for k, v in self.build.drafts.items() if k in self.build.used
            }
            self.rendered = {key: self.rendered[key] for key in sorted(self.used)}
        self.build.used = set()
        state = {
            "code": code_digest(),
            "documents": self.documents,
            "build": self.build,
            "rendered": self.rendered,
        }
        _write_atomically(
            self.state_path, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)
        )


def _detach() -> None:
    """Go on in an orphaned grandchild: the parent reaps this child at once, and the
    grandchild holds none of its streams (a caller reading them sees their end when
    the parent exits) and ignores the Ctrl-C meant for the command."""
    import signal

    if os.fork() != 0:
        os._exit(0)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    null = os.open(os.devnull, os.O_RDWR)
    for stream in (0, 1, 2):
        os.dup2(null, stream)
    os.close(null)


def _write_atomically(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        pass  # a cache that cannot be written only costs time
