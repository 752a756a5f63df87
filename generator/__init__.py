"""Generate SDK usage snippets and a typed Python client stub from OMG markdown API specs.

The library API; the command line (:mod:`generator.cli`) wraps it.  Data
flows one way: load (:mod:`.load`) -> types and model (:mod:`.typedefs`,
:mod:`.build`) -> render (:mod:`.render`) -> write (:mod:`.write`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .errors import Diagnostics, Finding
    from .languages import Language
    from .merge import MergeReport
    from .model import Api, Operation
    from .openapi import Companion
    from .write import BlackFormatter

__all__ = [
    "ApplyResult",
    "GenerateResult",
    "apply_samples",
    "generate",
    "lint",
    "load_api",
    "render_files",
    "render_snippets",
]


@dataclass
class GenerateResult:
    """What a run produced: the output tree (path -> bytes) and the lint findings it repaired."""

    files: dict[str, bytes]
    findings: list[Finding] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)


def load_api(specs: Path, *, strict: bool = False) -> tuple[Api, list[Finding]]:
    """Load and model a spec tree.  Raises :class:`~generator.errors.SpecError` with every error."""
    from .build import build_api
    from .errors import Diagnostics, SpecError
    from .load import load_tree

    if not specs.is_dir():
        raise SpecError([_missing(specs)])
    diag = Diagnostics()
    tree = load_tree(specs, diag)
    api = build_api(tree, diag, _companion(specs, diag))
    diag.raise_if_errors()
    if strict and diag.warnings:
        raise SpecError(diag.warnings)
    return api, diag.warnings


def _companion(specs: Path, diag: Diagnostics) -> Companion | None:
    """The OpenAPI document the specs were converted from, when the spec root carries one."""
    from .openapi import find_companion, read_companion
    from .write import default_cache_dir

    path = find_companion(specs)
    return read_companion(path, diag, default_cache_dir()) if path else None


def _missing(specs: Path) -> Finding:
    from .errors import Finding
    from .load import display_path

    return Finding(
        display_path(specs),
        0,
        "spec directory not found; expected a directory of *.omg.md files",
        "io",
    )


def render_snippets(
    api: Api,
    languages: tuple[Language, ...] | None = None,
    *,
    only: list[str] | None = None,
    formatter: BlackFormatter | None = None,
) -> tuple[tuple[Operation, ...], dict[str, dict[str, str]]]:
    """The selected operations and their snippet texts (``texts[op.id][lang.key]``), formatted."""
    from .languages import LANGUAGES
    from .render import Renderer
    from .write import BlackFormatter, default_cache_dir

    languages = languages or LANGUAGES
    formatter = formatter or BlackFormatter(default_cache_dir())
    operations = api.operations
    if only:
        wanted = set(only)
        unknown = sorted(wanted - {op.id for op in operations})
        if unknown:
            raise KeyError(f"unknown operation {', '.join(unknown)}")
        operations = tuple(op for op in operations if op.id in wanted)
    renderer = Renderer(api)
    texts: dict[str, dict[str, str]] = {}
    for op in operations:
        texts[op.id] = {}
        for lang in languages:
            text = renderer.snippet(op, lang)
            if lang.key == "python":
                text = formatter.format(text)
            texts[op.id][lang.key] = text
    return operations, texts


def render_files(
    api: Api,
    languages: tuple[Language, ...] | None = None,
    *,
    client: bool = True,
    docs: bool = True,
    only: list[str] | None = None,
    formatter: BlackFormatter | None = None,
) -> dict[str, bytes]:
    """Render the output tree of ``api`` in memory: snippets, client stub, docs outputs and manifest."""
    from . import docs as docs_outputs
    from .languages import LANGUAGES
    from .render import Renderer
    from .write import BlackFormatter, default_cache_dir, manifest_json, sha256

    languages = languages or LANGUAGES
    formatter = formatter or BlackFormatter(default_cache_dir())
    operations, texts = render_snippets(api, languages, only=only, formatter=formatter)
    files: dict[str, bytes] = {}
    entries: dict[str, dict[str, object]] = {}
    for op in operations:
        snippets: dict[str, object] = {}
        for lang in languages:
            path = f"snippets/{op.id}/{lang.filename}"
            data = texts[op.id][lang.key].encode()
            files[path] = data
            snippets[lang.key] = {"file": path, "sha256": sha256(data)}
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
        samples = docs_outputs.collect(operations, languages, texts)
        pages = docs_outputs.Pages()
        for item in samples:
            path = docs_outputs.page_path(item.op.id)
            data = pages.page(item).encode()
            files[path] = data
            entries[item.op.id]["docs"] = {"file": path, "sha256": sha256(data)}
        data = docs_outputs.overlay_yaml(api, samples).encode()
        files[docs_outputs.OVERLAY_FILE] = data
        manifest["overlay"] = {
            "file": docs_outputs.OVERLAY_FILE,
            "sha256": sha256(data),
        }
    if client:
        client_files: dict[str, object] = {}
        for relative, text in Renderer(api).client(operations).items():
            if relative.endswith(".py"):
                text = formatter.format(text)
            data = text.encode()
            files[f"client/{relative}"] = data
            client_files[f"client/{relative}"] = sha256(data)
        manifest["client"] = client_files
    files["manifest.json"] = manifest_json(manifest)
    return files


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
) -> GenerateResult:
    """Generate ``out`` from ``specs``.  With ``check``, write nothing and list the stale files."""
    from .write import read_tree, write_tree

    api, findings = load_api(specs, strict=strict)
    files = render_files(
        api, languages, client=client, docs=docs, only=only, formatter=formatter
    )
    result = GenerateResult(files, findings)
    if check:
        existing = read_tree(out)
        result.stale = sorted(
            p for p in set(files) | set(existing) if files.get(p) != existing.get(p)
        )
    else:
        write_tree(files, out)
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
    operations, texts = render_snippets(api, languages, only=only, formatter=formatter)
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

    if not specs.is_dir():
        return [_missing(specs)]
    diag = Diagnostics()
    build_api(load_tree(specs, diag), diag, _companion(specs, diag))
    return sorted([*diag.errors, *diag.warnings])
