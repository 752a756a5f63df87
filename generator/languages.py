"""The target languages, one record each: a seventh language is one record plus one template folder."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Language:
    key: str  # the name used on the command line, in templates/ and in the manifest
    label: str  # for people: docs tabs, messages
    sdk: str  # the official SDK the snippet is written against
    suffix: str
    # Whether the targeted SDK release still has typed methods for deprecated operations.  When it
    # does not (xero-python 15 and xero-node 20 dropped the Employees endpoints), snippets of
    # deprecated operations make the same request through the SDK's generic request layer.
    keeps_deprecated: bool = True
    # Docs outputs: the info string of a Markdown code fence (the highlighter's name), and the
    # language of an x-codeSamples entry (GitHub Linguist's name, which Redoc and Scalar read).
    fence: str = field(kw_only=True)
    linguist: str = field(kw_only=True)

    @property
    def filename(self) -> str:
        """The snippet's file name inside ``snippets/<operationId>/`` (a public contract)."""
        return f"{self.key}.{self.suffix}"

    @property
    def template(self) -> str:
        return f"{self.key}/snippet.{self.suffix}.j2"


LANGUAGES: tuple[Language, ...] = (
    Language(
        "python",
        "Python",
        "xero-python",
        "py",
        keeps_deprecated=False,
        fence="python",
        linguist="Python",
    ),
    Language("java", "Java", "xero-java", "java", fence="java", linguist="Java"),
    Language(
        "csharp", "C#", "Xero.NetStandard.OAuth2", "cs", fence="csharp", linguist="C#"
    ),
    Language("php", "PHP", "xero-php-oauth2", "php", fence="php", linguist="PHP"),
    Language(
        "node",
        "TypeScript",
        "xero-node",
        "ts",
        keeps_deprecated=False,
        fence="typescript",
        linguist="TypeScript",
    ),
    Language("ruby", "Ruby", "xero-ruby", "rb", fence="ruby", linguist="Ruby"),
)
BY_KEY: dict[str, Language] = {lang.key: lang for lang in LANGUAGES}


def select(keys: list[str] | None) -> tuple[Language, ...]:
    """The languages named by ``keys`` (all when empty), in the canonical order."""
    if not keys:
        return LANGUAGES
    unknown = sorted(set(keys) - set(BY_KEY))
    if unknown:
        raise ValueError(
            f"unknown language {', '.join(unknown)}; expected one of {', '.join(BY_KEY)}"
        )
    return tuple(lang for lang in LANGUAGES if lang.key in keys)


# java.time.Month's constants in calendar order (the same in every locale, unlike calendar.month_name).
JAVA_MONTHS = (
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
)
