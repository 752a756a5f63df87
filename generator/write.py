"""Write the output tree: format Python with black, add the manifest, swap the tree in atomically.

Single files (a merged OpenAPI document) are replaced atomically too: a
temporary file beside the target, then :func:`os.replace`.

A run renders everything in memory first; only then is a staging directory
next to the output filled and renamed into place, so that a failure at any
point (bad input, a template error, a full disk, Ctrl-C) leaves the previous
output exactly as it was and no staging directory behind.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson

BLACK_LINE_LENGTH = 88


class BlackFormatter:
    """Makes Python output exactly what black (pinned, explicit mode) would make of it.

    The templates emit black-stable code: exploded calls with magic trailing
    commas, black's quote choice, its blank lines.  What they cannot decide is
    a line too long because of a long name or string.  Such a line, when it is
    a whole simple statement, goes through black alone: dedented, with the line
    length less its indent, which is how black measures an indented line, and
    indented back.  Any other too-long line makes black format the top-level
    chunk (the text between two blank lines at column 0) that holds it.  Results
    are cached by content.  ``always=True`` runs black on every whole file
    instead.  A test asserts that black changes nothing in any output file.
    """

    def __init__(self, cache_dir: Path | None, *, always: bool = False) -> None:
        self.cache_dir = cache_dir
        self.always = always
        self._modes: dict[int, object] = {}
        self._key_prefix = b""
        self.calls = 0  # how many times black itself ran (for the benchmark)

    def format(self, source: str) -> str:
        if self.always:
            return self._black(source)
        chunks = source.split("\n\n\n")
        for index, chunk in enumerate(chunks):
            lines = chunk.split("\n")
            long = [
                i for i, line in enumerate(lines) if _width(line) > BLACK_LINE_LENGTH
            ]
            if not long:
                continue
            if _simple_statements(lines, long):
                for i in reversed(long):
                    lines[i] = self._statement(lines[i])
                chunks[index] = "\n".join(lines)
                continue
            last = index == len(chunks) - 1
            formatted = self._black(chunk if last else chunk + "\n")
            chunks[index] = formatted if last else formatted.rstrip("\n")
        return "\n\n\n".join(chunks)

    def _statement(self, line: str) -> str:
        """One simple statement on one line, formatted by black at its indent."""
        body = line.lstrip(" ")
        indent = line[: len(line) - len(body)]
        formatted = self._black(body + "\n", BLACK_LINE_LENGTH - len(indent))
        return "\n".join(
            indent + part if part else part
            for part in formatted.rstrip("\n").split("\n")
        )

    def _black(self, source: str, line_length: int = BLACK_LINE_LENGTH) -> str:
        cached = self._cache_path(source, line_length)
        if cached is not None and cached.is_file():
            return cached.read_text(encoding="utf-8")
        result = self._format_str(source, line_length)
        if cached is not None:
            try:
                cached.parent.mkdir(parents=True, exist_ok=True)
                tmp = cached.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(result, encoding="utf-8", newline="\n")
                os.replace(tmp, cached)
            except OSError:
                pass  # a cache that cannot be written only costs time
        return result

    def _format_str(self, source: str, line_length: int = BLACK_LINE_LENGTH) -> str:
        # imported on first use: most runs never need black at all
        from black import format_str
        from black.mode import Mode, TargetVersion

        mode = self._modes.get(line_length)
        if mode is None:
            mode = self._modes[line_length] = Mode(
                target_versions={TargetVersion.PY311},
                line_length=line_length,
                string_normalization=True,
                is_pyi=False,
            )
        assert isinstance(mode, Mode)
        self.calls += 1
        return format_str(source, mode=mode)

    def key(self, source: str, line_length: int = BLACK_LINE_LENGTH) -> str:
        if not self._key_prefix:
            from importlib.metadata import version

            self._key_prefix = f"black-{version('black')}-py311\n".encode()
        return hashlib.sha256(
            self._key_prefix + f"{line_length}\n".encode() + source.encode()
        ).hexdigest()

    def _cache_path(self, source: str, line_length: int) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = self.key(source, line_length)
        return self.cache_dir / digest[:2] / digest


# A logical line that starts with one of these is a compound statement's header (or a
# decorator): black cannot format it without its body.
_COMPOUND = frozenset(
    "async class def elif else except finally for if match case try while with @".split()
)


def _simple_statements(lines: list[str], indices: list[int]) -> bool:
    """Whether each of ``lines[i]`` for ``i`` in ``indices`` is a whole simple statement.

    A whole statement: one physical line, indented by spaces in steps of four,
    not inside a bracket or a string, and neither a compound statement's header
    nor a bare string (black treats a docstring by its place).
    """
    import io
    import tokenize

    starts: dict[int, list[tokenize.TokenInfo]] = {}
    current: list[tokenize.TokenInfo] = []
    skip = {
        tokenize.NL,
        tokenize.COMMENT,
        tokenize.INDENT,
        tokenize.DEDENT,
        tokenize.ENCODING,
    }
    try:
        text = "\n".join(lines) + "\n"
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type in skip:
                continue
            if token.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
                if current:
                    first, last = current[0], current[-1]
                    if first.start[0] == last.end[0] == token.start[0]:
                        starts[first.start[0] - 1] = current
                current = []
                continue
            current.append(token)
    except (tokenize.TokenError, SyntaxError):
        return False
    for index in indices:
        tokens = starts.get(index)
        if tokens is None:
            return False
        first = tokens[0]
        if first.start[1] % 4 or lines[index][: first.start[1]].strip(" "):
            return False
        if first.string in _COMPOUND or tokens[-1].string == ":":
            return False
        if first.type == tokenize.STRING:  # alone, black would take it for a docstring
            return False
    return True


def _width(line: str) -> int:
    """A line's width as black measures it, or more: non-ASCII characters count double."""
    if line.isascii():
        return len(line)
    return sum(1 if ord(char) < 128 else 2 for char in line)


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
    """The manifest as UTF-8 JSON: keys sorted, two-space indent, a final newline.

    The bytes of ``json.dumps(manifest, indent=2, sort_keys=True,
    ensure_ascii=False) + "\\n"``, written by orjson some twenty times faster.
    """
    option = orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE
    return orjson.dumps(manifest, option=option)


STAGED = ".omg-new"
RETIRED = ".omg-old"


def write_tree(
    files: Mapping[str, bytes],
    out: Path,
    unchanged: frozenset[str] = frozenset(),
    existing: set[str] | None = None,
) -> dict[str, list[int]]:
    """Make ``out`` hold exactly ``files`` (relative POSIX path -> bytes): the previous tree or the new one, never a mix.

    A new output directory is staged next to ``out`` and renamed into place.
    An existing one is updated in place as a transaction: changed files are
    staged beside their targets, then committed by renames, the old versions
    kept aside until every rename succeeded; an error while committing puts
    every file back.  Ctrl-C and termination are held back while committing
    and delivered once the new tree is whole.  ``unchanged`` names files known
    to hold these bytes already (the others are compared with what is on disk);
    ``existing``, the files ``out`` holds, when the caller has listed them.
    Returns the [size, modification time in ns] of each file it wrote (renames keep them).
    """
    out = out.absolute()
    if not out.is_dir():
        return _write_new(files, out)
    if existing is None:
        existing = _listing(out)
    changed = [
        path
        for path in sorted(files)
        if path not in unchanged
        and not (path in existing and _same(out / path, files[path]))
    ]
    stale = sorted(path for path in existing if path not in files)
    if not changed and not stale:
        return {}
    written: dict[str, list[int]] = {}
    created: list[Path] = []
    staged: list[Path] = []

    def discard_staged() -> None:
        for temp in staged:
            temp.unlink(missing_ok=True)
        for directory in reversed(created):
            _remove_empty(directory)

    try:
        for path in changed:
            target = out / path
            _make_parents(target.parent, out, created)
            temp = target.with_name(target.name + STAGED)
            staged.append(temp)
            written[path] = _put(temp, files[path])
    except BaseException:
        discard_staged()
        raise
    with (
        _signals_held()
    ):  # a Ctrl-C that came meanwhile is delivered when the tree is whole
        committed: list[tuple[Path, Path | None]] = []  # (target, its old version)
        try:
            for path, temp in zip(changed, staged, strict=True):
                target = out / path
                backup = None
                if path in existing:
                    backup = target.with_name(target.name + RETIRED)
                    os.replace(target, backup)
                committed.append((target, backup))
                os.replace(temp, target)
            for path in stale:
                target = out / path
                backup = target.with_name(target.name + RETIRED)
                os.replace(target, backup)
                committed.append((target, backup))
        except BaseException:
            for target, backup in reversed(committed):
                if backup is not None:
                    os.replace(backup, target)
                elif target.exists():
                    target.unlink()
            discard_staged()
            raise
        for _target, backup in committed:
            if backup is not None:
                backup.unlink(missing_ok=True)
        for path in stale:
            parent = (out / path).parent
            while parent != out and _remove_empty(parent):
                parent = parent.parent
    return written


def _write_new(files: Mapping[str, bytes], out: Path) -> dict[str, list[int]]:
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.new-", dir=out.parent))
    written: dict[str, list[int]] = {}
    try:
        made: set[Path] = set()
        for relative in sorted(files):
            target = staging / relative
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            written[relative] = _put(target, files[relative])
        with _signals_held():
            os.rename(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _put(path: Path, data: bytes) -> list[int]:
    """Write a file and return its [size, modification time in ns].

    A few system calls (``Path.write_bytes`` makes more: it sets up a buffer).
    """
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        info = os.fstat(fd)
    finally:
        os.close(fd)
    return [info.st_size, info.st_mtime_ns]


def _listing(out: Path) -> set[str]:
    found = set()
    prefix = len(str(out)) + 1
    for dirpath, _dirnames, filenames in os.walk(out):
        for name in filenames:
            found.add(os.path.join(dirpath, name)[prefix:].replace(os.sep, "/"))
    return found


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _make_parents(directory: Path, out: Path, created: list[Path]) -> None:
    missing = []
    while directory != out and not directory.is_dir():
        missing.append(directory)
        directory = directory.parent
    for new in reversed(missing):
        new.mkdir()
        created.append(new)


def _remove_empty(directory: Path) -> bool:
    try:
        directory.rmdir()
        return True
    except OSError:
        return False


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
