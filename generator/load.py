"""Load ``*.omg.md`` files: front matter, fenced ``omg.*`` blocks, partial includes.

This layer knows the file format only.  It keeps a line number for every
front-matter value and every block, so that later layers can point at the
spot they are complaining about, and it inlines partials (resolved against
the spec root, refusing names that escape it and include cycles).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import yaml
from frontmatter.default_handlers import YAMLHandler
from msgspec import Struct, field

from .errors import Diagnostics

SUFFIX = ".omg.md"
_BOM = b"\xef\xbb\xbf"
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_YAML_DEPTH = 32
MAX_YAML_NODES = 1_000_000
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOO_DEEP = (
    f"front matter is nested more than {MAX_YAML_DEPTH} levels deep; "
    f"expected at most {MAX_YAML_DEPTH}"
)
SKIPPED_DIRS = frozenset({"partials", "node_modules"})
BLOCK_KINDS = ("path", "query", "headers", "body", "response", "type")
_BLOCK_INFO = re.compile(r"omg\.([A-Za-z]+)(?:\.([A-Za-z0-9]+))?")
_INCLUDE = re.compile(r"\{\{>\s*([^}\s]+)\s*\}\}")
_PARTIAL_NAME = re.compile(
    r"[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*"
)
_YAML_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*\s*:")

Path_ = tuple[str | int, ...]


class Block(Struct, frozen=True):
    """A fenced ``omg.*`` block.  ``line`` is the file line of its first content line."""

    kind: str
    status: int | None
    text: str
    file: str
    line: int

    @property
    def empty(self) -> bool:
        return not self.text.strip()


class FrontMatter(Struct):
    """Front-matter values plus the line of every key and list item."""

    data: dict[str, Any]
    lines: dict[Path_, int]
    first_line: int

    def line(self, *path: str | int) -> int:
        """The line of ``path``, or of its nearest located ancestor."""
        key: Path_ = tuple(path)
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return self.first_line


class Document(Struct):
    """One spec file after loading, with its partials' blocks appended."""

    file: str
    front: FrontMatter | None
    title: str | None
    title_line: int
    description: str | None
    blocks: list[Block] = field(default_factory=list)
    includes: list[tuple[str, int]] = field(default_factory=list)
    digest: str = ""  # of the file's text and of every partial it includes


class SpecTree(Struct):
    """All documents under a spec root, in a stable order."""

    root: Path
    documents: list[Document]


def display_path(path: Path, cwd: str | None = None) -> str:
    """A path as shown in messages: relative to the working directory (``cwd``) when possible."""
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def discover(root: Path) -> list[Path]:
    """Every spec file under ``root`` (partials excluded), sorted by relative path."""
    found: list[tuple[bytes, str]] = []  # (relative POSIX path as UTF-8, path)
    top = str(root)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
        relative = os.path.relpath(dirpath, top).replace(os.sep, "/")
        prefix = "" if relative == "." else f"{relative}/"
        found.extend(
            ((prefix + name).encode(), os.path.join(dirpath, name))
            for name in filenames
            if name.endswith(SUFFIX)
        )
    return [Path(path) for _key, path in sorted(found)]


# A file's stamp: size, modification and change times, inode.  Any write, touch or
# replacement of the file changes it (the change time cannot be set back).
Stamp = tuple[int, int, int, int]


class CachedDocument(Struct, frozen=True):
    """A document as a document cache keeps it, with what it was loaded from.

    ``digest`` is that of the file's text, ``partials`` the digest of each
    partial it includes, and ``stamps`` the stamp of the file and of each
    partial (in that order), taken before they were read.
    """

    digest: str
    partials: tuple[tuple[Path, str | None], ...]
    stamps: tuple[Stamp | None, ...]
    document: Document


# A document cache maps a file (as shown) to the document it last loaded as.
DocumentCache = dict[str, CachedDocument]


def load_tree(
    root: Path,
    diag: Diagnostics,
    files: list[Path] | None = None,
    cache: DocumentCache | None = None,
) -> SpecTree:
    """Load every spec under ``root``; problems go to ``diag``.

    With ``cache``, a file whose text and partials are unchanged is not parsed
    again; documents that loaded without errors are added to it.
    """
    loader = _Loader(root, diag, cache)
    documents = []
    for path in files if files is not None else discover(root):
        document = loader.document(path)
        if document is not None:
            documents.append(document)
    return SpecTree(root, documents)


# --------------------------------------------------------------------------- reading


def read_text(path: Path, shown: str, diag: Diagnostics) -> str | None:
    """The file's text, or ``None`` after reporting why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diag.error(
                shown,
                1,
                f"file is {size / 1048576:.1f} MiB; spec files are limited to "
                f"{MAX_FILE_BYTES // 1048576} MiB",
                "too-large",
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        diag.error(shown, 1, f"cannot read file: {exc.strerror or exc}", "io")
        return None
    if raw.startswith(_BOM):
        diag.error(
            shown,
            1,
            "file starts with a byte order mark; expected UTF-8 without BOM",
            "bom",
        )
        # read on, so that the file's other problems are reported too
        raw = raw[len(_BOM) :]
    if not raw.strip():
        diag.error(
            shown,
            1,
            "file is empty; expected YAML front matter or a '# Title' line",
            "empty",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        diag.error(
            shown,
            line,
            f"invalid UTF-8 (byte 0x{raw[exc.start]:02x}); expected a UTF-8 text file",
            "encoding",
        )
        return None
    text = text.replace("\r\n", "\n")  # CRLF files read like LF files, line for line
    lone = text.find("\r")
    if lone >= 0:
        line = text.count("\n", 0, lone) + 1
        diag.error(
            shown,
            line,
            "carriage return without a line feed; expected LF or CRLF line endings",
            "crlf",
        )
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        diag.error(
            shown, line, "NUL character in file; expected a text file", "encoding"
        )
        return None
    return text


# --------------------------------------------------------------------------- front matter


class _LocatedYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler, loading through the event stream to keep lines."""

    def __init__(self, shown: str, diag: Diagnostics) -> None:
        super().__init__()
        self.shown = shown
        self.diag = diag
        self.lines: dict[Path_, int] = {}
        self.line_offset = 0
        self.root_line = 0

    def locate(self, text: str) -> tuple[str, int, str, int] | None:
        """Split ``text`` into (front matter, its first line, body, its first line)."""
        assert self.FM_BOUNDARY is not None
        if not self.detect(text):
            return None
        boundaries = self.FM_BOUNDARY.finditer(text)
        opening = next(boundaries)
        closing = next(boundaries, None)
        if closing is None:
            self.diag.error(
                self.shown,
                1,
                "front matter opened on line 1 is never closed; expected a '---' line",
                "front-matter",
            )
            return None
        fm = text[opening.end() : closing.start()]
        fm_line = text.count("\n", 0, opening.end()) + 1
        body_line = text.count("\n", 0, closing.end()) + 1
        return fm, fm_line, text[closing.end() :], body_line

    def load(self, fm: str, **kwargs: object) -> Any:
        reader = _EventReader(self.shown, self.diag, self.line_offset, self.lines)
        try:
            value = reader.read(fm)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = self.line_offset + (mark.line if mark else 0)
            problem_text = exc.problem or exc.context or "syntax error"
            self.diag.error(
                self.shown,
                line,
                f"invalid YAML in front matter: {problem_text}",
                "yaml",
            )
            return None
        except yaml.YAMLError as exc:  # pragma: no cover - non-marked errors are rare
            self.diag.error(
                self.shown,
                self.line_offset,
                f"invalid YAML in front matter: {exc}",
                "yaml",
            )
            return None
        self.root_line = reader.root_line
        return value


STR_TAG = "tag:yaml.org,2002:str"
_NO_ALIASES = "YAML aliases are not supported in front matter; write the value out"
_SURROGATE = re.compile("[\ud800-\udfff]")


def construct_scalar(event: Any, tag: str) -> Any:
    """A scalar event's value for its resolved tag, as PyYAML's safe loader makes it.

    Raises :class:`yaml.constructor.ConstructorError`, marked at the scalar, for a
    tag it does not know or for text that does not fit its tag (``!!int abc``).
    """
    node = yaml.ScalarNode(
        tag, event.value, event.start_mark, event.end_mark, event.style
    )
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise yaml.constructor.ConstructorError(
            None, None, f"{event.value!r} is not a valid {shown}", event.start_mark
        ) from None


def document_events(loader: Any) -> Iterator[Any]:
    """The events of a YAML stream's document: its nodes' and their collections' ends.

    A second document is refused as composing a tree would refuse it.
    """
    get_event = loader.get_event
    document: Any = None
    while True:
        event: Any = get_event()
        kind = type(event)
        if kind is yaml.StreamEndEvent:
            return
        if kind is yaml.DocumentStartEvent:
            if document is not None:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream",
                    document.start_mark,
                    "but found another document",
                    event.start_mark,
                )
            document = event
        elif kind is not yaml.StreamStartEvent and kind is not yaml.DocumentEndEvent:
            yield event


class _Abort(Exception):
    pass


class _Frame:
    """A collection being read: its value, its path and, for a mapping, the key awaiting its value."""

    __slots__ = ("value", "path", "key")

    def __init__(self, value: dict[str, Any] | list[Any], path: Path_) -> None:
        self.value = value
        self.path = path
        self.key: str | None = None


class _EventReader:
    """Builds the front matter's values from libyaml's event stream, in one pass.

    Nothing recursive ever sees the input: a tree is never composed (composing
    recurses, and a front matter of a million ``[`` would exhaust the stack).
    Depth, size and aliases are refused as their events arrive, and the line of
    every key and sequence item is recorded on the way.  Scalars resolve and
    construct as PyYAML's safe loader would have them.
    """

    def __init__(
        self, shown: str, diag: Diagnostics, offset: int, lines: dict[Path_, int]
    ) -> None:
        self.shown = shown
        self.diag = diag
        self.offset = offset
        self.lines = lines
        self.root_line = offset
        self.escapes = True

    def read(self, text: str) -> Any:
        """The document's value (``{}`` when empty), or None once a problem is reported.

        Raises :class:`yaml.MarkedYAMLError` for text that is not YAML.
        """
        self.escapes = "\\u" in text or "\\U" in text
        loader = _YAML_LOADER(text)
        try:
            return self._read(loader)
        except _Abort:
            return None
        finally:
            loader.dispose()

    def _read(self, loader: Any) -> Any:
        resolve = loader.resolve
        frames: list[_Frame] = []
        root: Any = {}
        nodes = 0
        for event in document_events(loader):
            kind = type(event)
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frames.pop()
                continue
            line = self.offset + event.start_mark.line
            if kind is yaml.AliasEvent:
                self._fail(line, _NO_ALIASES)
            nodes += 1
            if nodes > MAX_YAML_NODES:
                self._fail(line, f"front matter has more than {MAX_YAML_NODES} values")
            parent = frames[-1] if frames else None
            if parent is not None and type(parent.value) is dict and parent.key is None:
                if kind is not yaml.ScalarEvent:
                    self._fail(line, "front matter keys must be plain scalars")
                key = self._scalar(event, resolve, line, key=True)
                if key in parent.value:
                    self._fail(
                        line,
                        f"duplicate key '{key}' in front matter; expected each key once",
                    )
                self.lines[(*parent.path, key)] = line
                parent.key = key
                continue
            if parent is None:
                path: Path_ = ()
                self.root_line = line
            elif type(parent.value) is dict:
                assert parent.key is not None
                path = (*parent.path, parent.key)
            else:
                path = (*parent.path, len(parent.value))
                self.lines.setdefault(path, line)
            value: Any
            if kind is yaml.ScalarEvent:
                value = self._scalar(event, resolve, line)
            else:
                if len(frames) >= MAX_YAML_DEPTH:
                    self._fail(line, _TOO_DEEP)
                value = {} if kind is yaml.MappingStartEvent else []
                frames.append(_Frame(value, path))
            if parent is None:
                root = value
            elif type(parent.value) is dict:
                assert parent.key is not None and isinstance(parent.value, dict)
                parent.value[parent.key] = value
                parent.key = None
            else:
                assert isinstance(parent.value, list)
                parent.value.append(value)
        return root

    def _scalar(self, event: Any, resolve: Any, line: int, key: bool = False) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            # a quoted scalar is a string; a plain one resolves by its form
            plain = event.implicit[0]
            tag = (
                resolve(yaml.ScalarNode, event.value, event.implicit)
                if plain
                else STR_TAG
            )
        if tag == STR_TAG:
            value = event.value
        else:
            value = self._construct(event, tag, line)
            if key:
                value = str(value)
        if isinstance(value, str):
            self._text(value, line)
        return value

    def _construct(self, event: Any, tag: str, line: int) -> Any:
        try:
            return construct_scalar(event, tag)
        except yaml.constructor.ConstructorError as exc:
            self._fail(line, f"invalid YAML value: {exc.problem}")

    def _text(self, text: str, line: int) -> str:
        """Refuse a lone surrogate (``"\\ud800"``): it is no character and cannot be written as UTF-8.

        Only an escape makes one (the text was decoded from UTF-8, which has none).
        """
        match = _SURROGATE.search(text) if self.escapes else None
        if match is not None:
            self._fail(
                line,
                f"escape \\u{ord(match.group()):04x} is half of a surrogate pair; "
                "expected a whole character (write it as \\U0001F600 or as the character itself)",
            )
        return text

    def _fail(self, line: int, message: str) -> NoReturn:
        self.diag.error(self.shown, line, message, "yaml")
        raise _Abort


# --------------------------------------------------------------------------- documents


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _stamp(path: str) -> Stamp | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


class _Loader:
    def __init__(
        self, root: Path, diag: Diagnostics, cache: DocumentCache | None = None
    ) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.inside = os.path.join(str(self.real_root), "")  # with a final separator
        self.cwd = os.getcwd()
        self.root_prefix = os.path.join(str(root), "")
        self.root_shown = display_path(root, self.cwd)
        self.diag = diag
        self.cache = cache
        self.partials: dict[Path, Document | None] = {}
        self.resolved: dict[str, Path] = {}
        self.partial_stamps: dict[Path, Stamp | None] = {}
        self.partial_digests: dict[Path, str | None] = {}
        self.real_dirs: dict[str, str] = {}

    def real_path(self, path: str) -> str:
        """The path with symbolic links resolved, each directory resolved once."""
        parent, name = os.path.split(path)
        real_parent = self.real_dirs.get(parent)
        if real_parent is None:
            real_parent = self.real_dirs[parent] = os.path.realpath(parent or ".")
        if os.path.islink(path):
            return os.path.realpath(path)
        return os.path.join(real_parent, name)

    def shown(self, path: str) -> str:
        """:func:`display_path` of a file found under the root (one relpath per run)."""
        if path.startswith(self.root_prefix):
            rest = path[len(self.root_prefix) :]
            return rest if self.root_shown == "." else f"{self.root_shown}/{rest}"
        return display_path(Path(path), self.cwd)

    def document(self, path: Path) -> Document | None:
        name = str(path)
        shown = self.shown(name)
        real = self.real_path(name)
        if not real.startswith(self.inside):
            # reading it would put another file's text into messages
            self.diag.error(
                shown,
                1,
                "spec file resolves outside the spec root (through a symbolic link); "
                "expected a file under the spec root",
                "io",
            )
            return None
        stamp = _stamp(name)
        cached = self.cache.get(shown) if self.cache is not None else None
        if (
            cached is not None
            and stamp is not None
            and cached.stamps[0] == stamp
            and all(
                self._partial_stamp(p) == s
                for (p, _d), s in zip(cached.partials, cached.stamps[1:], strict=True)
            )
        ):
            return cached.document  # as make would, trust unchanged stamps
        mark = self.diag.mark()
        text = read_text(path, shown, self.diag)
        if text is None:
            return None
        own = _digest(text)
        if (
            cached is not None
            and cached.digest == own
            and all(self._partial_digest(p) == d for p, d in cached.partials)
            and not self.diag.since(mark)
        ):
            self._remember(shown, own, stamp, cached.partials, cached.document)
            return cached.document
        document = self._parse(text, shown, partial=False)
        if document is not None:
            used: list[Path] = []
            document.blocks.extend(self._included(document, [Path(real)], used))
            partials = tuple((p, self._partial_digest(p)) for p in used)
            document.digest = _digest(own + "".join(f"{p}:{d}" for p, d in partials))
            if not self.diag.since(mark):
                self._remember(shown, own, stamp, partials, document)
        return document

    def _remember(
        self,
        shown: str,
        own: str,
        stamp: Stamp | None,
        partials: tuple[tuple[Path, str | None], ...],
        document: Document,
    ) -> None:
        """Keep a document in the cache, with the stamps taken before its files were read."""
        if self.cache is not None:
            stamps = (stamp, *(self._partial_stamp(p) for p, _d in partials))
            self.cache[shown] = CachedDocument(own, partials, stamps, document)

    def _partial_stamp(self, path: Path) -> Stamp | None:
        if path not in self.partial_stamps:
            self.partial_stamps[path] = _stamp(str(path))
        return self.partial_stamps[path]

    def _partial_digest(self, path: Path) -> str | None:
        """The digest of a partial's text, read quietly (a missing file only means a changed
        one), after its stamp is taken."""
        if path not in self.partial_digests:
            self._partial_stamp(path)
            try:
                digest: str | None = _digest(path.read_bytes().decode("utf-8"))
            except (OSError, UnicodeDecodeError):
                digest = None
            self.partial_digests[path] = digest
        return self.partial_digests[path]

    def _parse(self, text: str, shown: str, *, partial: bool) -> Document | None:
        handler = _LocatedYAMLHandler(shown, self.diag)
        front: FrontMatter | None = None
        body, body_line = text, 1
        located = handler.locate(text)
        if located is None and handler.detect(text):
            return None  # unclosed front matter, reported
        if located is not None:
            fm, fm_line, body, body_line = located
            handler.line_offset = fm_line
            data = handler.load(fm)
            if data is None:
                return None
            if not isinstance(data, dict):
                found = "a list" if isinstance(data, list) else f"the value {data!r}"
                self.diag.error(
                    shown,
                    handler.root_line,
                    f"front matter is {found}; expected a mapping of keys to values "
                    "(method: ..., path: ..., operationId: ...)",
                    "front-matter",
                )
                return None
            front = FrontMatter(data, handler.lines, fm_line)
        else:
            first = text.lstrip("\n").split("\n", 1)[0]
            if _YAML_KEY_LINE.match(first) and not partial:
                line = len(text) - len(text.lstrip("\n")) + 1
                self.diag.error(
                    shown,
                    line,
                    f"'{first.strip()}' looks like front matter without the opening '---' line; "
                    "expected '---' on the first line",
                    "front-matter",
                )
                return None
        return self._body(body, body_line, shown, front)

    def _body(
        self, body: str, first_line: int, shown: str, front: FrontMatter | None
    ) -> Document | None:
        document = Document(shown, front, None, first_line, None)
        paragraphs: list[list[str]] = []
        current: list[str] = []
        includes: list[tuple[str, int]] = []
        lines = iter(enumerate(body.split("\n"), start=first_line))
        ok = True
        for number, line in lines:
            if line.startswith("```"):
                if current:
                    paragraphs.append(current)
                    current = []
                ok = (
                    self._fence(line[3:].strip(), number, lines, shown, document) and ok
                )
                continue
            stripped = line.strip()
            if not stripped:
                if current:
                    paragraphs.append(current)
                    current = []
                continue
            if "{{>" in line:
                match = _INCLUDE.fullmatch(stripped)
                if match is None:
                    self.diag.error(
                        shown,
                        number,
                        f"malformed include '{stripped}'; expected '{{{{> dir/name }}}}'",
                        "include",
                    )
                    ok = False
                else:
                    includes.append((match.group(1), number))
                continue
            if document.title is None and line.startswith("# "):
                document.title = line[2:].strip()
                document.title_line = number
                continue
            current.append(line.rstrip())
        if current:
            paragraphs.append(current)
        if paragraphs:
            document.description = "\n\n".join("\n".join(p) for p in paragraphs)
        document.includes = includes
        return document if ok else None

    def _fence(
        self,
        info: str,
        opening: int,
        lines: Iterator[tuple[int, str]],
        shown: str,
        document: Document,
    ) -> bool:
        content: list[str] = []
        for _number, line in lines:
            if line.rstrip() == "```":
                break
            content.append(line)
        else:
            self.diag.error(
                shown,
                opening,
                f"code fence '```{info}' opened here is never closed; expected a '```' line",
                "fence",
            )
            return False
        if not info.startswith("omg."):
            return True  # ordinary Markdown code, not part of the spec
        match = _BLOCK_INFO.fullmatch(info)
        kind = match.group(1) if match else None
        if match is None or kind not in BLOCK_KINDS:
            expected = ", ".join(f"omg.{k}" for k in BLOCK_KINDS)
            self.diag.error(
                shown,
                opening,
                f"unknown block kind '{info}'; expected one of {expected}",
                "block",
            )
            return False
        suffix = match.group(2)
        status: int | None = None
        if kind == "response":
            if suffix is None:
                status = 200
            elif suffix.isdigit() and len(suffix) == 3 and 100 <= int(suffix) <= 599:
                status = int(suffix)
            else:
                self.diag.error(
                    shown,
                    opening,
                    f"unknown response status '{suffix}' in '{info}'; expected a status code such as omg.response.400",
                    "block",
                )
                return False
        elif suffix is not None:
            self.diag.error(
                shown,
                opening,
                f"'{info}' takes no suffix; expected 'omg.{kind}'",
                "block",
            )
            return False
        document.blocks.append(
            Block(kind, status, "\n".join(content), shown, opening + 1)
        )
        return True

    # ------------------------------------------------------------------ partials

    def _included(
        self, document: Document, stack: list[Path], used: list[Path]
    ) -> list[Block]:
        blocks: list[Block] = []
        for name, line in document.includes:
            path = self._partial_path(name, document.file, line)
            if path is None:
                continue
            if path == stack[-1]:
                self.diag.error(
                    document.file,
                    line,
                    f"partial '{name}' includes itself; expected an include of another partial",
                    "include",
                )
                continue
            if path in stack:
                chain = " -> ".join(
                    display_path(p) for p in [*stack[stack.index(path) :], path]
                )
                self.diag.error(
                    document.file,
                    line,
                    f"include cycle: {chain}; expected partials that do not include each other",
                    "include",
                )
                continue
            partial = self._partial(path)
            if partial is None:
                continue
            used.append(path)
            blocks.extend(partial.blocks)
            blocks.extend(self._included(partial, [*stack, path], used))
        return blocks

    def _partial(self, path: Path) -> Document | None:
        if path not in self.partials:
            shown = display_path(path)
            text = read_text(path, shown, self.diag)
            self.partials[path] = (
                None if text is None else self._parse(text, shown, partial=True)
            )
        return self.partials[path]

    def _partial_path(self, name: str, shown: str, line: int) -> Path | None:
        if name in self.resolved:
            return self.resolved[name]
        found = self._find_partial(name, shown, line)
        if found is not None:
            self.resolved[name] = found
        return found

    def _find_partial(self, name: str, shown: str, line: int) -> Path | None:
        if not _PARTIAL_NAME.fullmatch(name) or any(
            part in {".", ".."} for part in name.split("/")
        ):
            self.diag.error(
                shown,
                line,
                f"include '{name}' escapes the spec root; expected a name such as 'query/unitdp' "
                "under partials/",
                "include",
            )
            return None
        base = self.root / "partials"
        for candidate in (base / f"{name}{SUFFIX}", base / name / f"index{SUFFIX}"):
            if candidate.is_file():
                real = candidate.resolve()
                if not real.is_relative_to(self.real_root):
                    self.diag.error(
                        shown,
                        line,
                        f"include '{name}' resolves outside the spec root (through a symbolic link); "
                        "expected a file under partials/",
                        "include",
                    )
                    return None
                return real
        self.diag.error(
            shown,
            line,
            f"partial '{name}' not found; expected partials/{name}{SUFFIX} or "
            f"partials/{name}/index{SUFFIX} under the spec root",
            "include",
        )
        return None
