"""Write the output tree: format Python with black, add the manifest, swap the tree in atomically.

A run renders everything in memory first; only then is a staging directory
next to the output filled and renamed into place, so that a failure at any
point (bad input, a template error, a full disk, Ctrl-C) leaves the previous
output exactly as it was and no staging directory behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

BLACK_LINE_LENGTH = 88


class BlackFormatter:
    """black, in-process, with an explicit mode and a content-addressed cache of its results."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.cache_dir = cache_dir
        self._mode: object | None = None
        self._key_prefix = b""

    def _format_str(self, source: str) -> str:
        # imported on first use: the cache often makes black unnecessary
        from black import format_str
        from black.mode import Mode, TargetVersion

        if self._mode is None:
            self._mode = Mode(
                target_versions={TargetVersion.PY311},
                line_length=BLACK_LINE_LENGTH,
                string_normalization=True,
                is_pyi=False,
            )
        assert isinstance(self._mode, Mode)
        return format_str(source, mode=self._mode)

    def key(self, source: str) -> str:
        if not self._key_prefix:
            from importlib.metadata import version

            self._key_prefix = (
                f"black-{version('black')}-py311-{BLACK_LINE_LENGTH}\n".encode()
            )
        return hashlib.sha256(self._key_prefix + source.encode()).hexdigest()

    def format(self, source: str) -> str:
        cached = self._cache_path(source)
        if cached is not None and cached.is_file():
            return cached.read_text(encoding="utf-8")
        result = self._format_str(source)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(result, encoding="utf-8", newline="\n")
                os.replace(tmp, cached)
            except OSError:
                pass  # a cache that cannot be written only costs time
        return result

    def _cache_path(self, source: str) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = self.key(source)
        return self.cache_dir / digest[:2] / digest


def default_cache_dir() -> Path:
    """``$OMG_SNIPPETS_CACHE``, else ``$XDG_CACHE_HOME/omg-snippets``, else ``~/.cache/omg-snippets``."""
    explicit = os.environ.get("OMG_SNIPPETS_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "omg-snippets"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest_json(manifest: Mapping[str, object]) -> bytes:
    return (
        json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    ).encode()


def write_tree(files: Mapping[str, bytes], out: Path) -> None:
    """Replace ``out`` with exactly ``files`` (relative POSIX path -> bytes), atomically.

    The tree is written to a staging directory beside ``out``; the previous
    output is moved aside and the staging directory renamed into its place,
    with Ctrl-C and termination held back for those two renames.  Whatever
    fails or interrupts the run, ``out`` is the previous tree or the new one,
    never a mix, and the staging directories are removed.
    """
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    retired: Path | None = None
    try:
        for relative in sorted(files):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[relative])
        with _signals_held():
            if out.exists():
                retired = Path(
                    tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent)
                )
                os.rename(out, retired / "tree")
            os.rename(staging, out)
    except BaseException:
        if retired is not None and (retired / "tree").exists() and not out.exists():
            os.rename(retired / "tree", out)  # the previous output goes back
        shutil.rmtree(staging, ignore_errors=True)
        if retired is not None:
            shutil.rmtree(retired, ignore_errors=True)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back (delivered on exit) where the platform allows it."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative POSIX path -> bytes); empty if ``root`` is missing."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
