"""Write the output tree: format Python with black, add the manifest, swap the tree in atomically.

Single files (a merged OpenAPI document) are replaced atomically too: a
temporary file beside the target, then :func:`os.replace`.

A run renders everything in memory first; only then is a staging directory
next to the output filled and renamed into place, so that a failure at any
point (bad input, a template error, a full disk, Ctrl-C) leaves the previous
output exactly as it was and no staging directory behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
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
    """Replace ``out`` with exactly ``files`` (relative POSIX path -> bytes), atomically."""
    out = out.absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    retired: Path | None = None
    try:
        for relative in sorted(files):
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[relative])
        if out.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.rename(out, retired / "tree")
        try:
            os.rename(staging, out)
        except BaseException:
            if retired is not None:
                os.rename(retired / "tree", out)
            raise
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if retired is not None and not (retired / "tree").exists():
            shutil.rmtree(retired, ignore_errors=True)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)


def write_file(data: bytes, target: Path) -> None:
    """Replace the file ``target`` with ``data`` atomically: a temporary file beside it, then a rename."""
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.new-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(name, mode)
        os.replace(name, target)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative POSIX path -> bytes); empty if ``root`` is missing."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }
