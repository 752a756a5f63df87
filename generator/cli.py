"""Command line: ``generate`` and ``lint``.  Thin: parse, call the library, print, exit.

``generate --specs DIR --out DIR`` writes the output tree; ``generate --specs DIR
--apply-to openapi.yaml --out FILE`` writes that OpenAPI document with the
snippets merged in as ``x-codeSamples`` instead (--out names a file then).

Exit codes: 0 ok; 1 ``--check`` found stale output; 2 bad input (every
error is printed as ``file:line: message``); 3 the generator itself failed;
130 interrupted by Ctrl-C (nothing is written in any of these cases).
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Any, NoReturn, TextIO

import click

from . import apply_samples
from . import generate as run_generate
from . import lint as run_lint
from .errors import DocumentError, SpecError
from .languages import Language, select

EXIT_OK, EXIT_STALE, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

PathType = click.Path(path_type=Path)
specs_option = click.option(
    "--specs",
    type=PathType,
    metavar="DIR",
    default=Path("specs"),
    show_default=True,
    help="Root of the spec tree (*.omg.md files).",
)


@click.group(
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
def app() -> None:
    """Generate SDK usage snippets and a typed Python client stub from OMG markdown specs."""


def _languages(values: tuple[str, ...]) -> list[str]:
    return [
        part.strip() for value in values for part in value.split(",") if part.strip()
    ]


def _report(findings: list[object], stream: TextIO | None = None) -> None:
    for finding in findings:
        print(finding, file=stream or sys.stderr)


@app.command(short_help="Generate snippets, docs outputs and the client stub.")
@specs_option
@click.option(
    "--out",
    type=PathType,
    metavar="PATH",
    help="Output directory, replaced atomically [default: output]; with --apply-to, "
    "the merged document to write (.yaml, .yml or .json).",
)
@click.option(
    "--apply-to",
    type=PathType,
    metavar="FILE",
    help="Merge the snippets as x-codeSamples into this OpenAPI document and write "
    "the result to --out, instead of generating the output directory.",
)
@click.option(
    "--lang",
    multiple=True,
    metavar="LANG",
    help="Languages to generate (repeat or comma-separate); all by default.",
)
@click.option(
    "--only",
    multiple=True,
    metavar="OPERATION_ID",
    help="Generate only these operationIds (repeat for more).",
)
@click.option(
    "--client/--no-client",
    default=True,
    show_default=True,
    help="Also generate the Python client stub.",
)
@click.option(
    "--docs/--no-docs",
    default=True,
    show_default=True,
    help="Also generate the docs outputs: docs/<operationId>.md pages and the "
    "x-codeSamples overlay.",
)
@click.option("--strict", is_flag=True, help="Treat lint findings as errors.")
@click.option(
    "--check", is_flag=True, help="Write nothing; exit 1 if the output is stale."
)
@click.option(
    "--openapi",
    type=PathType,
    metavar="FILE",
    help="Read an OpenAPI 3 document instead of --specs.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    metavar="N",
    default=0,
    help="Rendering processes; 0 (default) = one per CPU.",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Reuse what earlier runs computed.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print errors only.")
def generate(
    specs: Path,
    out: Path | None,
    apply_to: Path | None,
    lang: tuple[str, ...],
    only: tuple[str, ...],
    client: bool,
    docs: bool,
    strict: bool,
    check: bool,
    openapi: Path | None,
    jobs: int,
    cache: bool,
    quiet: bool,
) -> None:
    """Generate snippets, docs outputs and the client stub for every operation under --specs into --out.

    With --apply-to, write the OpenAPI document with the snippets merged in as x-codeSamples to --out
    instead; with --openapi, read an OpenAPI 3 document instead of --specs.
    """
    try:
        languages = select(_languages(lang))
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--lang") from None
    if apply_to is not None:
        _apply(specs, apply_to, out, languages, list(only), strict, check, quiet)
        return
    out = out or Path("output")
    before = _identity(out)
    bar = _ProgressBar(len(languages)) if not quiet and sys.stderr.isatty() else None
    try:
        result = run_generate(
            specs,
            out,
            languages=languages,
            client=client,
            docs=docs,
            strict=strict,
            check=check,
            only=list(only) or None,
            use_cache=cache,
            jobs=jobs or os.cpu_count() or 1,
            progress=bar.update if bar is not None else None,
            openapi=openapi,
            wait_for_cache=False,  # the exit is not held up while the cache is saved
        )
    except KeyboardInterrupt:
        if _identity(out) == before:
            print(f"interrupted; {out} is unchanged", file=sys.stderr)
        else:  # Ctrl-C came as the output was committed: it is whole either way
            print(f"interrupted; {out} was already replaced whole", file=sys.stderr)
        raise click.exceptions.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:
        _fail(exc, out)
    finally:
        if bar is not None:
            bar.close()
    if not quiet:
        _report(list(result.findings))
    if result.up_to_date:
        if not quiet:
            print(f"{out} is up to date", file=sys.stderr)
        return
    if check:
        if result.stale:
            print(
                f"{out} is stale: {len(result.stale)} file(s) differ; "
                "run without --check to regenerate",
                file=sys.stderr,
            )
            for path in result.stale[:50]:
                print(f"  {path}", file=sys.stderr)
            raise click.exceptions.Exit(EXIT_STALE)
        if not quiet:
            print(f"{out} is up to date ({len(result.files)} files)", file=sys.stderr)
        return
    if not quiet:
        print(
            f"wrote {len(result.files)} files to {out} "
            f"({len(result.findings)} finding(s) repaired)",
            file=sys.stderr,
        )


class _ProgressBar:
    """A progress bar on the terminal, shown only for runs of more than 50 operations."""

    def __init__(self, languages: int) -> None:
        self.languages = max(languages, 1)
        self.progress: Any = None
        self.task: Any = None

    def update(self, done: int, total: int) -> None:
        if self.progress is None:
            if total // self.languages <= 50:
                return
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TimeElapsedColumn,
            )

            self.progress = Progress(
                "rendering",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("snippets", total=total)
        self.progress.update(self.task, completed=done)

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


def _apply(
    specs: Path,
    document: Path,
    out: Path | None,
    languages: tuple[Language, ...],
    only: list[str] | None,
    strict: bool,
    check: bool,
    quiet: bool,
) -> None:
    """``generate --apply-to DOC --out FILE``: the document with x-codeSamples merged in."""
    from .merge import output_format

    if out is None:
        raise click.BadParameter(
            "--apply-to needs --out FILE, the merged document to write (.yaml, .yml or .json)",
            param_hint="--out",
        )
    if out.is_dir():
        raise click.BadParameter(
            f"{out} is a directory; with --apply-to, --out is the file to write",
            param_hint="--out",
        )
    try:
        output_format(out)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--out") from None
    try:
        result = apply_samples(
            specs,
            document,
            out,
            languages=languages,
            strict=strict,
            check=check,
            only=only,
        )
    except Exception as exc:
        _fail(exc, out)
    if not quiet:
        _report(list(result.findings))
        report = result.report
        print(
            f"{document}: x-codeSamples for {len(report.merged)} operation(s); "
            f"{len(report.skipped)} operation(s) the specs do not define left as they were",
            file=sys.stderr,
        )
        if report.missing:
            shown = ", ".join(report.missing[:10])
            more = (
                f" and {len(report.missing) - 10} more"
                if len(report.missing) > 10
                else ""
            )
            print(
                f"{document}: {len(report.missing)} operation(s) of the specs not in the document: {shown}{more}",
                file=sys.stderr,
            )
    if check:
        if result.stale:
            print(
                f"{out} is stale; run without --check to regenerate it",
                file=sys.stderr,
            )
            raise click.exceptions.Exit(EXIT_STALE)
        if not quiet:
            print(f"{out} is up to date", file=sys.stderr)
        return
    if not quiet:
        print(f"wrote {out}", file=sys.stderr)


def _fail(exc: Exception, out: Path) -> NoReturn:
    """Report a failed run and exit: 2 for bad input, 3 for a failure of the generator."""
    if isinstance(exc, DocumentError):
        _report(list(exc.findings))
        print(
            f"error: cannot merge into that document; {out} was not written",
            file=sys.stderr,
        )
        raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
    if isinstance(exc, SpecError):
        _report(list(exc.findings))
        print(
            f"error: {len(exc.findings)} problem(s) in the specs; nothing was written",
            file=sys.stderr,
        )
        raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
    if isinstance(exc, KeyError):
        print(f"error: {exc.args[0]}; nothing was written", file=sys.stderr)
        raise click.exceptions.Exit(EXIT_BAD_INPUT) from None
    # a template or I/O failure: say so, keep the old output
    print(
        f"error: generation failed ({type(exc).__name__}: {exc}); {out} is unchanged",
        file=sys.stderr,
    )
    raise click.exceptions.Exit(EXIT_INTERNAL) from None


def _identity(out: Path) -> tuple[int, int, int] | None:
    """Which manifest ``out`` holds: every run that changes the output rewrites it."""
    try:
        stat = (out / "manifest.json").stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino, stat.st_mtime_ns


@app.command(short_help="Print the data problems of the specs.")
@specs_option
@click.option("--strict", is_flag=True, help="Exit non-zero on warnings too.")
def lint(specs: Path, strict: bool) -> None:
    """Print every data problem of the specs as file:line: message, and a summary."""
    findings = run_lint(specs)
    _report(list(findings), sys.stdout)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    if errors or (strict and warnings):
        raise click.exceptions.Exit(EXIT_BAD_INPUT)


def main() -> NoReturn:
    # A run is short and its objects live until it ends (the parsed specs, the model,
    # the caches): the cyclic collector would only walk them again and again.
    gc.disable()
    try:
        app(prog_name="omg-snippets")  # click's standalone mode ends with SystemExit
    except SystemExit as exc:
        code = exc.code
    else:
        code = EXIT_OK
    _leave(code)


def _leave(code: object) -> NoReturn:
    """Exit as soon as the output streams are flushed.

    By the time the command returns, every file it wrote is closed and renamed in
    place and its pool and background jobs are joined (the cache's detached saver
    goes on by itself); what is left is tearing down the heap (a full collection
    and freeing every parsed spec, model and cache entry), which took 0.05 s, about
    an eighth of a one-spec rerun, and changes nothing.
    """
    if code is None:
        status = EXIT_OK
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): print it, as the interpreter would
        print(code, file=sys.stderr)
        status = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        # 120 is the interpreter's own status when its output cannot be flushed
        status = status or 120
    os._exit(status)
