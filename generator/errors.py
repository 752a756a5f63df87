"""Findings and errors, always with the file and line they are about."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in the spec data.

    ``error`` findings stop generation; ``warning`` findings are lint: the
    generator repairs the data (the real field, the semantic value wins) and
    says so.  ``code`` is a short stable identifier for tests and filtering.
    """

    file: str
    line: int
    message: str
    code: str = field(compare=False, default="spec")
    severity: Severity = field(compare=False, default="error")

    def __str__(self) -> str:
        if self.line <= 0:
            return _one_line(f"{self.file}: {self.message}")
        return _one_line(f"{self.file}:{self.line}: {self.message}")


def _one_line(text: str) -> str:
    """Spec text quoted in a message cannot break the one-finding-per-line format.

    Line breaks, other control characters and invisible format characters
    (right-to-left overrides) are shown as escapes.
    """
    if all(c.isprintable() for c in text):
        return text
    return "".join(
        c if c.isprintable() else repr(c)[1:-1] if c != "'" else c for c in text
    )


def close_matches(word: str, candidates: Iterable[str], n: int = 1) -> list[str]:
    """The candidates ``word`` most likely misspells, best first (for a "did you mean")."""
    import difflib  # only a finding needs it

    return difflib.get_close_matches(word, list(candidates), n=n, cutoff=0.6)


class SpecError(Exception):
    """Raised when the specs hold errors; carries every error of the run."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = sorted(findings)
        super().__init__("\n".join(str(f) for f in self.findings))


class DocumentError(SpecError):
    """An input document other than the specs (an OpenAPI document to merge into) is unusable."""


class Diagnostics:
    """Collects findings across a whole run so that all are reported at once."""

    def __init__(self) -> None:
        self._findings: list[Finding] = []

    def error(self, file: str, line: int, message: str, code: str = "spec") -> None:
        self._findings.append(Finding(file, line, message, code, "error"))

    def warn(self, file: str, line: int, message: str, code: str) -> None:
        self._findings.append(Finding(file, line, message, code, "warning"))

    def extend(self, findings: Iterable[Finding]) -> None:
        self._findings.extend(findings)

    def mark(self) -> int:
        """A position in the findings, for :meth:`since`."""
        return len(self._findings)

    def since(self, mark: int) -> list[Finding]:
        """The findings reported after ``mark``, in order."""
        return self._findings[mark:]

    @property
    def errors(self) -> list[Finding]:
        """Errors in file and line order, each once (a partial's problem is met by every includer)."""
        return sorted({f for f in self._findings if f.severity == "error"})

    @property
    def warnings(self) -> list[Finding]:
        return sorted({f for f in self._findings if f.severity == "warning"})

    def raise_if_errors(self) -> None:
        errors = self.errors
        if errors:
            raise SpecError(errors)
