"""Generate SDK usage snippets and a typed Python client stub from OMG markdown API specs.

The library API; the command line (:mod:`generator.cli`) wraps it.  Data
flows one way: load (:mod:`.load`) -> types and model (:mod:`.typedefs`,
:mod:`.build`) -> render (:mod:`.render`) -> write (:mod:`.write`).
Importing this package is cheap: each function imports what it needs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import background

if TYPE_CHECKING:
    from .background import Job
    from .cache import RunCache
    from .docs import Pages
    from .errors import Diagnostics, Finding
    from .languages import Language
    from .merge import MergeReport
    from .model import Api, Operation
    from .openapi import Companion
    from .render import Renderer
    from .write import BlackFormatter

__all__ = [
    "ApplyResult",
    "GenerateResult",
    "apply_samples",
    "generate",
    "lint",
    "load_api",
    "load_openapi_api",
    "render_files",
    "render_snippets",
]

# Rendering is spread over processes when at least this many files need rendering.
PARALLEL_THRESHOLD = 300

Progress = Callable[[int, int], None]  # (done, total)


@dataclass
class GenerateResult:
    """What a run produced: the output tree (path -> bytes) and the lint findings it repaired.

    ``up_to_date`` is set when nothing changed since the last run into the same
    output (``files`` is then empty: the output was not touched).
    """

    files: dict[str, bytes]
    findings: list[Finding] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    up_to_date: bool = False


def load_api(
    specs: Path,
    *,
    strict: bool = False,
    cache: RunCache | None = None,
    only: list[str] | None = None,
    meanwhile: Callable[[], object] | None = None,
    companion_cache: Path | None | bool = True,
) -> tuple[Api, list[Finding]]:
    """Load and model a spec tree.  Raises :class:`~generator.errors.SpecError` with every error.

    ``meanwhile`` is called once the spec files are read, while the OpenAPI
    companion may still be parsed in the background.  ``companion_cache`` is where
    the companion's extract is cached: a directory, ``True`` for the user's cache
    directory, or ``False`` for no cache.
    """
    from .errors import Diagnostics, SpecError
    from .write import default_cache_dir

    if not specs.is_dir():
        raise SpecError([_missing(specs)])
    diag = Diagnostics()
    if companion_cache is True:
        companion_cache = default_cache_dir()
    companion = _start_companion(  # first: it takes longest
        specs, diag, companion_cache or None
    )

    from .build import build_api
    from .load import load_tree

    documents = cache.documents if cache is not None else None
    tree = load_tree(specs, diag, cache=documents)
    if documents is not None:
        loaded = {d.file for d in tree.documents}
        for stale in [key for key in documents if key not in loaded]:
            del documents[stale]
    if meanwhile is not None:
        meanwhile()
    build_cache = cache.build if cache is not None else None
    api = build_api(  # it waits for the companion once the types are built
        tree, diag, companion, build_cache, frozenset(only) if only else None
    )
    diag.raise_if_errors()
    if strict and diag.warnings:
        raise SpecError(diag.warnings)
    return api, diag.warnings


def load_openapi_api(
    document: Path, *, strict: bool = False, only: list[str] | None = None
) -> tuple[Api, list[Finding]]:
    """Model an OpenAPI 3 document (the same model and lint as for OMG specs)."""
    from .build import build_api
    from .errors import Diagnostics, SpecError
    from .openapi import load_openapi

    diag = Diagnostics()
    loaded = load_openapi(document, diag)
    diag.raise_if_errors()
    assert loaded is not None
    tree, companion = loaded
    api = build_api(tree, diag, companion, None, frozenset(only) if only else None)
    diag.raise_if_errors()
    if strict and diag.warnings:
        raise SpecError(diag.warnings)
    return api, diag.warnings


def _start_companion(
    specs: Path, diag: Diagnostics, cache_dir: Path | None
) -> Callable[[], Companion | None]:
    """Start reading the OpenAPI document the specs were converted from, when the root carries one."""
    from .openapi import find_companion, start_companion

    path = find_companion(specs)
    if path is None:
        return lambda: None
    return start_companion(path, diag, cache_dir)


def _companion(specs: Path, diag: Diagnostics) -> Companion | None:
    from .write import default_cache_dir

    return _start_companion(specs, diag, default_cache_dir())()


def _missing(specs: Path) -> Finding:
    from .errors import Finding
    from .load import display_path

    return Finding(
        display_path(specs),
        0,
        "spec directory not found; expected a directory of *.omg.md files",
        "io",
    )


# --------------------------------------------------------------------------- rendering

# What forked render workers share with their parent: the renderer, the formatter, the
# work list and, when docs are wanted, the page renderer; a task is a range of that list,
# so no model object is ever pickled.
_WORKER: (
    tuple[Renderer, BlackFormatter, list[tuple[Operation, Language]], int, Pages | None]
    | None
) = None

# An operation's docs outputs rendered by a worker: its page and its overlay action.
DocsParts = tuple[bytes, bytes]


def _render_one(
    renderer: Renderer, formatter: BlackFormatter, op: Operation, lang: Language
) -> bytes:
    text = renderer.snippet(op, lang)
    if lang.key == "python":
        text = formatter.format(text)
    return text.encode()


def _render_range(span: tuple[int, int]) -> tuple[list[bytes], dict[str, DocsParts]]:
    """Snippets of a range of the work list, and the docs outputs of its whole operations.

    An operation is whole in the range when the snippets of all the run's languages
    are in it (ranges are cut at operation boundaries).
    """
    from . import docs as docs_outputs

    assert _WORKER is not None
    renderer, formatter, todo, count, pages = _WORKER
    start, end = span
    datas = [_render_one(renderer, formatter, op, lang) for op, lang in todo[start:end]]
    parts: dict[str, DocsParts] = {}
    if pages is not None:
        by_op: dict[str, list[tuple[Language, str]]] = {}
        ops: dict[str, Operation] = {}
        for (op, lang), data in zip(todo[start:end], datas, strict=True):
            by_op.setdefault(op.id, []).append((lang, data.decode()))
            ops[op.id] = op
        for op_id, snippets in by_op.items():
            if len(snippets) == count:
                item = docs_outputs.OperationSamples(ops[op_id], tuple(snippets))
                parts[op_id] = (
                    pages.page(item).encode(),
                    docs_outputs.action_yaml(item).encode(),
                )
    return datas, parts


def _op_spans(
    todo: list[tuple[Operation, Language]], size: int
) -> list[tuple[int, int]]:
    """Ranges of about ``size`` items of ``todo`` that never split an operation."""
    spans: list[tuple[int, int]] = []
    start = 0
    for index in range(1, len(todo) + 1):
        boundary = index == len(todo) or todo[index][0].id != todo[index - 1][0].id
        if boundary and (index - start >= size or index == len(todo)):
            spans.append((start, index))
            start = index
    return spans


def _selected(api: Api, only: list[str] | None) -> tuple[Operation, ...]:
    """The operations of ``api`` that ``only`` names (all without it); KeyError for unknown ids."""
    if not only:
        return api.operations
    wanted = set(only)
    unknown = sorted(wanted - {op.id for op in api.operations})
    if unknown:
        raise KeyError(f"unknown operation {', '.join(unknown)}")
    return tuple(op for op in api.operations if op.id in wanted)


def render_snippets(
    api: Api,
    languages: tuple[Language, ...] | None = None,
    *,
    only: list[str] | None = None,
    formatter: BlackFormatter | None = None,
    cache: RunCache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    docs: bool = False,
) -> tuple[tuple[Operation, ...], dict[tuple[str, str], bytes], dict[str, DocsParts]]:
    """The selected operations, their snippets (``(op.id, lang.key) -> bytes``, formatted) and docs parts.

    With ``cache``, snippets whose inputs are unchanged come from it; with
    ``jobs`` > 1, large runs render in that many forked processes.  With
    ``docs``, a worker that renders all of an operation's snippets renders its
    page and overlay action too, so that they are spread over the processes as
    well (``op.id -> (page, action)``); the others are left to :func:`render_files`.
    """
    global _WORKER
    from .docs import Pages
    from .languages import LANGUAGES
    from .render import Renderer
    from .write import BlackFormatter, default_cache_dir

    languages = languages or LANGUAGES
    formatter = formatter or BlackFormatter(default_cache_dir())
    operations = _selected(api, only)
    renderer = Renderer(api, bytecode_dir=_bytecode_dir(cache))
    context = (api.title, api.version, api.base_url)
    rendered: dict[tuple[str, str], bytes] = {}
    todo: list[tuple[Operation, Language]] = []
    keys: dict[tuple[str, str], str] = {}
    for op in operations:
        base = ""
        if cache is not None and (op_key := cache.build.op_keys.get(op.id)):
            base = cache.render_key("snippets", op_key, context)
        for lang in languages:
            if cache is not None and base:
                key = f"{base}:{lang.key}"
                keys[(op.id, lang.key)] = key
                hit = cache.get(key)
                if hit is not None:
                    rendered[(op.id, lang.key)] = hit
                    continue
            todo.append((op, lang))
    total, done = len(operations) * len(languages), len(rendered)
    if progress:
        progress(done, total)
    spans = _op_spans(todo, 60)
    parts: dict[str, DocsParts] = {}
    if jobs > 1 and len(todo) >= PARALLEL_THRESHOLD and _can_fork():
        import multiprocessing

        # compiled once, before forking; a template error is raised here, in this process
        Renderer.prepare_templates(renderer.templates, languages, renderer.bytecode_dir)
        pages = Pages(bytecode_dir=renderer.bytecode_dir) if docs else None
        if pages is not None:
            pages.prepare()
        _WORKER = (renderer, formatter, todo, len(languages), pages)
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.imap(_render_range, spans)
                for (start, end), (datas, more) in zip(spans, results, strict=True):
                    for (op, lang), data in zip(todo[start:end], datas, strict=True):
                        rendered[(op.id, lang.key)] = data
                    parts.update(more)
                    done += end - start
                    if progress:
                        progress(done, total)
        finally:
            _WORKER = None
    else:
        for start, end in spans:
            for op, lang in todo[start:end]:
                rendered[(op.id, lang.key)] = _render_one(renderer, formatter, op, lang)
            done += end - start
            if progress:
                progress(done, total)
    if cache is not None:
        for (op_id, lang_key), key in keys.items():
            if cache.get(key) is None:
                cache.put(key, rendered[(op_id, lang_key)])

    return operations, rendered, parts


def render_files(
    api: Api,
    languages: tuple[Language, ...] | None = None,
    *,
    client: bool = True,
    docs: bool = True,
    only: list[str] | None = None,
    formatter: BlackFormatter | None = None,
    cache: RunCache | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
) -> dict[str, bytes]:
    """Render the output tree of ``api`` in memory: snippets, docs outputs, client stub and manifest."""
    return _render_tree(
        api,
        languages,
        client=client,
        docs=docs,
        only=only,
        formatter=formatter,
        cache=cache,
        jobs=jobs,
        progress=progress,
    ).files


class _Tree:
    """An output tree being assembled: each file's bytes and their SHA-256 (the manifest's and the run record's)."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.digests: dict[str, str] = {}

    def add(self, path: str, data: bytes) -> str:
        """Add a file; its SHA-256."""
        from .write import sha256

        self.files[path] = data
        digest = self.digests[path] = sha256(data)
        return digest


def _render_tree(
    api: Api,
    languages: tuple[Language, ...] | None,
    *,
    client: bool,
    docs: bool,
    only: list[str] | None,
    formatter: BlackFormatter | None,
    cache: RunCache | None,
    jobs: int,
    progress: Progress | None,
) -> _Tree:
    from .languages import LANGUAGES
    from .write import BlackFormatter, default_cache_dir, manifest_json

    languages = languages or LANGUAGES
    formatter = formatter or BlackFormatter(default_cache_dir())
    # the client stub first: with jobs, it renders in the background meanwhile
    client_files = (
        _ClientFiles(api, _selected(api, only), formatter, cache, jobs)
        if client
        else None
    )
    try:
        operations, rendered, parts = render_snippets(
            api,
            languages,
            only=only,
            formatter=formatter,
            cache=cache,
            jobs=jobs,
            progress=progress,
            docs=docs,
        )
        tree = _Tree()
        entries: dict[str, object] = {}
        for op in operations:
            snippets: dict[str, object] = {}
            for lang in languages:
                path = f"snippets/{op.id}/{lang.filename}"
                digest = tree.add(path, rendered[(op.id, lang.key)])
                snippets[lang.key] = {"file": path, "sha256": digest}
            entries[op.id] = {
                "method": op.method,
                "path": op.path,
                "summary": op.summary,
                "deprecated": op.deprecated,
                "snippets": snippets,
            }
        manifest: dict[str, object] = {
            "api": {"title": api.title, "version": api.version},
            "languages": {
                lang.key: {"label": lang.label, "sdk": lang.sdk, "file": lang.filename}
                for lang in languages
            },
            "operations": entries,
        }
        if docs:
            _docs_files(
                api,
                operations,
                languages,
                rendered,
                parts,
                tree,
                entries,
                manifest,
                cache,
            )
        if client_files is not None:
            manifest["client"] = {
                f"client/{relative}": tree.add(f"client/{relative}", data)
                for relative, data in client_files.result().items()
            }
    finally:
        if client_files is not None:
            client_files.cancel()  # a no-op once its result came
    tree.add("manifest.json", manifest_json(manifest))
    return tree


def _docs_files(
    api: Api,
    operations: tuple[Operation, ...],
    languages: tuple[Language, ...],
    rendered: dict[tuple[str, str], bytes],
    parts: dict[str, DocsParts],
    tree: _Tree,
    entries: dict[str, Any],
    manifest: dict[str, object],
    cache: RunCache | None,
) -> None:
    """The docs outputs: a Markdown page per operation and the x-codeSamples overlay.

    ``parts`` holds the pages and actions that render workers made already.  With
    ``cache``, an operation's page and overlay action are reused while its model
    (and so its snippets) is unchanged.
    """
    from . import docs as docs_outputs

    pages: docs_outputs.Pages | None = None
    context = (api.title, api.version, api.base_url, [lang.key for lang in languages])
    actions = []
    for op in operations:
        page_key = action_key = ""
        page = action = None
        op_key = cache.build.op_keys.get(op.id) if cache is not None else None
        if cache is not None and op_key is not None:
            base = cache.render_key("docs", op_key, context)
            page_key, action_key = f"{base}:page", f"{base}:overlay-action"
            page, action = cache.get(page_key), cache.get(action_key)
        if op.id in parts:
            page, action = parts[op.id]
        if page is None or action is None:
            item = docs_outputs.OperationSamples(
                op,
                tuple(
                    (lang, rendered[(op.id, lang.key)].decode()) for lang in languages
                ),
            )
            if page is None:
                if pages is None:
                    pages = docs_outputs.Pages(bytecode_dir=_bytecode_dir(cache))
                page = pages.page(item).encode()
            if action is None:
                action = docs_outputs.action_yaml(item).encode()
        if cache is not None and page_key:
            cache.put(page_key, page)
            cache.put(action_key, action)
        path = docs_outputs.page_path(op.id)
        entries[op.id]["docs"] = {"file": path, "sha256": tree.add(path, page)}
        actions.append(action.decode())
    data = docs_outputs.join_overlay(api, actions).encode()
    digest = tree.add(docs_outputs.OVERLAY_FILE, data)
    manifest["overlay"] = {"file": docs_outputs.OVERLAY_FILE, "sha256": digest}


class _ClientFiles:
    """The client stub's files: from the cache, or rendering (in a forked process with jobs)."""

    def __init__(
        self,
        api: Api,
        operations: tuple[Operation, ...],
        formatter: BlackFormatter,
        cache: RunCache | None,
        jobs: int,
    ) -> None:
        from .render import ClientView, Renderer

        renderer = Renderer(api, bytecode_dir=_bytecode_dir(cache))
        view = ClientView(api, operations)
        self.package = view.package
        self.cache = cache
        self.names = renderer.CLIENT_FILES
        self.keys = {}
        if cache is not None:

            def signature(op: Operation) -> str:  # remembered per operation model
                op_key = cache.build.op_keys.get(op.id)
                if op_key is None:
                    return view.signature(op)
                key = cache.render_key("client-signature", op_key)
                text = cache.get(key)
                if text is None:
                    text = view.signature(op).encode()
                    cache.put(key, text)
                return text.decode()

            types_key = cache.build.types_key or None
            self.keys = {
                name: cache.render_key(
                    "client",
                    name,
                    view.dependencies(name, types_key=types_key, signature=signature),
                )
                for name in self.names
            }
        self.data = {
            name: data
            for name in self.names
            if cache is not None and (data := cache.get(self.keys[name])) is not None
        }
        missing = [name for name in self.names if name not in self.data]

        def render() -> dict[str, bytes]:
            out = {}
            for name in missing:
                text = renderer.client_file(view, name)
                if name.endswith(".py"):
                    text = formatter.format(text)
                out[name] = text.encode()
            return out

        self.job: background.Job[dict[str, bytes]] | None = None
        self.rendered: dict[str, bytes] | None = None
        if jobs > 1 and any(name.endswith(".py") for name in missing):
            self.job = background.start(render)
        else:
            self.rendered = render()

    def result(self) -> dict[str, bytes]:
        """``<package>/<file>`` -> bytes."""
        if self.rendered is None:
            assert self.job is not None
            self.rendered = self.job.result()
        for name, data in self.rendered.items():
            self.data[name] = data
            if self.cache is not None and self.keys[name]:
                self.cache.put(self.keys[name], data)
        return {f"{self.package}/{name}": self.data[name] for name in self.names}

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()


def _prepare_templates(
    languages: tuple[Language, ...] | None, docs: bool, cache: RunCache | None
) -> None:
    """Compile the snippet and page templates, which every rendering run needs.

    The client's templates are left to the process that renders the client, when
    it needs rendering at all.  Compiled templates stay with their environment.
    """
    from jinja2 import TemplateError

    from .docs import Pages
    from .languages import LANGUAGES
    from .render import Renderer, templates_dir

    bytecode_dir = _bytecode_dir(cache)
    try:
        Renderer.prepare_templates(
            templates_dir(), languages or LANGUAGES, bytecode_dir
        )
        if docs:
            Pages(bytecode_dir=bytecode_dir).prepare()
    except (TemplateError, OSError):
        pass  # the same error comes back, and is reported, when rendering


def _bytecode_dir(cache: RunCache | None) -> Path | None:
    """Where compiled templates are kept between runs (nowhere without a cache)."""
    return cache.bytecode_dir if cache is not None else None


def _compile_meanwhile(
    languages: tuple[Language, ...] | None, docs: bool, cache: RunCache | None
) -> Job[None] | None:
    """On a cold run, compile the templates in a forked process while the specs load.

    Compiling them takes about as long as loading the corpus; the compiled code
    reaches this process through the bytecode cache, which is empty on a cold run
    (otherwise loading from it is quick, and nothing is started).
    """
    if cache is None or not _can_fork():
        return None
    try:
        with os.scandir(cache.bytecode_dir) as entries:
            if next(entries, None) is not None:
                return None
    except OSError:
        pass  # not made yet: a cold run
    return background.start(lambda: _prepare_templates(languages, docs, cache))


def _compiled(job: Job[None]) -> None:
    try:
        job.result()  # the compiled templates are in the bytecode cache now
    except background.BackgroundError:
        pass  # the compiling process died: the templates compile here, when rendering


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


# --------------------------------------------------------------------------- runs


def generate(
    specs: Path,
    out: Path,
    *,
    languages: tuple[Language, ...] | None = None,
    client: bool = True,
    docs: bool = True,
    strict: bool = False,
    check: bool = False,
    only: list[str] | None = None,
    formatter: BlackFormatter | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    jobs: int = 1,
    progress: Progress | None = None,
    openapi: Path | None = None,
    wait_for_cache: bool = True,
) -> GenerateResult:
    """Generate ``out`` from ``specs`` (or from an OpenAPI document with ``openapi``).

    With ``check``, write nothing and list the stale files.  Without
    ``wait_for_cache``, the run cache is saved by a detached process that may
    still be writing it when this returns (a command line's exit need not wait).
    """
    from .cache import RunCache, output_state, tree_fingerprint
    from .write import BlackFormatter, default_cache_dir, read_tree, write_tree

    cache_root = cache_dir or default_cache_dir()
    if formatter is None:
        formatter = BlackFormatter(cache_root if use_cache else None)
    cache = (
        RunCache(cache_root, specs)
        if use_cache and openapi is None and specs.is_dir()
        else None
    )
    fingerprint = ""
    if cache is not None:
        options = repr(
            (
                sorted(lang.key for lang in languages or ()),
                client,
                docs,
                strict,
                sorted(only or ()),
            )
        )
        fingerprint = tree_fingerprint(specs, options)
        findings = cache.up_to_date(fingerprint, out)
        if findings is not None:
            return GenerateResult({}, findings, [], up_to_date=True)
        cache.load()
    compiling = _compile_meanwhile(languages, docs, cache)
    try:
        if openapi is not None:
            api, findings = load_openapi_api(openapi, strict=strict, only=only)
        else:
            api, findings = load_api(
                specs,
                strict=strict,
                cache=cache,
                only=only,
                meanwhile=(
                    None
                    if compiling is not None
                    else lambda: _prepare_templates(languages, docs, cache)
                ),
                companion_cache=cache_root if use_cache else False,
            )
    except BaseException:
        if compiling is not None:
            compiling.cancel()
        raise
    if compiling is not None:
        _compiled(compiling)
    tree = _render_tree(
        api,
        languages,
        client=client,
        docs=docs,
        only=only,
        formatter=formatter,
        cache=cache,
        jobs=jobs,
        progress=progress,
    )
    files = tree.files
    result = GenerateResult(files, findings)
    digests: dict[str, str] = {}
    kept: dict[str, list[int]] = {}
    # the cache is complete once the files are rendered: it is saved while they are written
    saved = (
        cache.save_meanwhile(prune=not only, detach=not wait_for_cache)
        if cache is not None
        else None
    )
    try:
        if check:
            existing = read_tree(out)
            result.stale = sorted(
                p for p in set(files) | set(existing) if files.get(p) != existing.get(p)
            )
        else:
            digests = tree.digests
            listing = None
            if cache is not None and out.is_dir():
                current = output_state(out)
                kept, listing = cache.unchanged(out, digests, current), set(current)
            written = write_tree(files, out, frozenset(kept), listing)
            if cache is not None:
                cache.record(fingerprint, out, findings, digests, {**kept, **written})
    finally:
        if saved is not None:
            saved()
    return result


@dataclass
class ApplyResult:
    """What merging the snippets into an OpenAPI document produced."""

    data: bytes
    report: MergeReport
    findings: list[Finding] = field(default_factory=list)
    stale: bool = False


def apply_samples(
    specs: Path,
    document: Path,
    out: Path,
    *,
    languages: tuple[Language, ...] | None = None,
    strict: bool = False,
    check: bool = False,
    only: list[str] | None = None,
    formatter: BlackFormatter | None = None,
) -> ApplyResult:
    """Write ``document`` with each operation's snippets merged in as ``x-codeSamples`` to ``out``.

    ``out`` is YAML or JSON by its suffix (ValueError otherwise).  Raises
    :class:`~generator.errors.SpecError` for bad specs and its subclass
    :class:`~generator.errors.DocumentError` for a missing or invalid document;
    with ``check``, writes nothing and tells whether ``out`` is stale.
    """
    from . import docs as docs_outputs
    from .languages import LANGUAGES
    from .merge import dump_document, merge_samples, output_format, read_document
    from .write import write_file

    fmt = output_format(out)
    languages = languages or LANGUAGES
    api, findings = load_api(specs, strict=strict)
    openapi = read_document(document)
    operations, rendered, _parts = render_snippets(
        api, languages, only=only, formatter=formatter
    )
    texts = {
        op.id: {lang.key: rendered[(op.id, lang.key)].decode() for lang in languages}
        for op in operations
    }
    samples = docs_outputs.collect(operations, languages, texts)
    report = merge_samples(openapi, samples)
    data = dump_document(openapi, fmt)
    result = ApplyResult(data, report, findings)
    if check:
        result.stale = not out.is_file() or out.read_bytes() != data
    else:
        write_file(data, out)
    return result


def lint(specs: Path) -> list[Finding]:
    """Every finding of a spec tree, errors and warnings, in file and line order."""
    from .build import build_api
    from .errors import Diagnostics
    from .load import load_tree
    from .write import default_cache_dir

    if not specs.is_dir():
        return [_missing(specs)]
    diag = Diagnostics()
    companion = _start_companion(specs, diag, default_cache_dir())
    build_api(load_tree(specs, diag), diag, companion)
    return sorted([*diag.errors, *diag.warnings])
