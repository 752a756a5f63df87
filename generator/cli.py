"""Command line: ``generate`` and ``lint``.  Thin: parse, call the library, print, exit.

Exit codes: 0 ok; 1 ``--check`` found stale output; 2 bad input (every
error is printed as ``file:line: message``); 3 the generator itself failed;
130 interrupted by Ctrl-C (nothing is written in any of these cases).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from . import generate as run_generate
from . import lint as run_lint
from .errors import SpecError
from .languages import select

EXIT_OK, EXIT_STALE, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Generate SDK usage snippets and a typed Python client stub from OMG markdown specs.",
)

SpecsOption = Annotated[
    Path, typer.Option("--specs", help="Root of the spec tree (*.omg.md files).")
]


def _languages(values: list[str] | None) -> list[str]:
    return [
        part.strip()
        for value in values or []
        for part in value.split(",")
        if part.strip()
    ]


def _report(findings: list[object], stream: TextIO | None = None) -> None:
    for finding in findings:
        print(finding, file=stream or sys.stderr)


@app.command()
def generate(
    specs: SpecsOption = Path("specs"),
    out: Annotated[
        Path, typer.Option("--out", help="Output directory (replaced atomically).")
    ] = Path("output"),
    lang: Annotated[
        list[str] | None,
        typer.Option(
            "--lang",
            help="Languages to generate (repeat or comma-separate); all by default.",
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option("--only", help="Generate only these operationIds."),
    ] = None,
    client: Annotated[
        bool,
        typer.Option(
            "--client/--no-client", help="Also generate the Python client stub."
        ),
    ] = True,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat lint findings as errors.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Write nothing; exit 1 if the output is stale."),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print errors only.")
    ] = False,
) -> None:
    """Generate snippets (and the client stub) for every operation under --specs into --out."""
    try:
        languages = select(_languages(lang))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--lang") from None
    before = _identity(out)
    try:
        result = run_generate(
            specs,
            out,
            languages=languages,
            client=client,
            strict=strict,
            check=check,
            only=only,
        )
    except SpecError as exc:
        _report(list(exc.findings))
        print(
            f"error: {len(exc.findings)} problem(s) in the specs; nothing was written",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyError as exc:
        print(f"error: {exc.args[0]}; nothing was written", file=sys.stderr)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    except KeyboardInterrupt:
        if _identity(out) == before:
            print(f"interrupted; {out} is unchanged", file=sys.stderr)
        else:  # Ctrl-C came as the run finished: the swap is whole either way
            print(f"interrupted; {out} was already replaced whole", file=sys.stderr)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # a template or I/O failure: say so, keep the old output
        print(
            f"error: generation failed ({type(exc).__name__}: {exc}); {out} is unchanged",
            file=sys.stderr,
        )
        raise typer.Exit(EXIT_INTERNAL) from None
    if not quiet:
        _report(list(result.findings))
    if check:
        if result.stale:
            print(
                f"{out} is stale: {len(result.stale)} file(s) differ; run without --check to regenerate",
                file=sys.stderr,
            )
            for path in result.stale[:50]:
                print(f"  {path}", file=sys.stderr)
            raise typer.Exit(EXIT_STALE)
        if not quiet:
            print(f"{out} is up to date ({len(result.files)} files)", file=sys.stderr)
        return
    if not quiet:
        print(
            f"wrote {len(result.files)} files to {out} ({len(result.findings)} finding(s) repaired)",
            file=sys.stderr,
        )


def _identity(path: Path) -> tuple[int, int] | None:
    """Which directory ``path`` is: a swapped-in output is a new directory."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_dev, stat.st_ino


@app.command()
def lint(
    specs: SpecsOption = Path("specs"),
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit non-zero on warnings too.")
    ] = False,
) -> None:
    """Print every data problem of the specs as file:line: message, and a summary."""
    findings = run_lint(specs)
    _report(list(findings), sys.stdout)
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    if errors or (strict and warnings):
        raise typer.Exit(EXIT_BAD_INPUT)


def main() -> None:
    app(prog_name="omg-snippets")
