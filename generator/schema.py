"""The grammar of ``omg.*`` block contents: a lexer and a recursive-descent parser.

The subset is the one of ``docs/omg-format.md`` section 5::

    block      := "type" Name "=" type | type
    type       := object | enum | literal | named "[]"? annotation*
    object     := "{" (property ","?)* "}"
    property   := key "?"? ":" type
    enum       := STRING ("|" STRING)+
    annotation := "@" IDENT ("(" arg (","? arg)* ")")?

``//`` comments run to the end of the line (outside strings) and become the
description of the property that ends on that line.  The result is a small
syntax tree; turning names into types is the job of :mod:`generator.typedefs`.
"""

from __future__ import annotations

from msgspec import Struct, field

ANNOTATIONS = ("format", "maxLength", "default", "example")
MAX_DEPTH = 32


class SchemaSyntaxError(Exception):
    """A syntax error at a line relative to the block (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class Token(Struct, frozen=True):
    kind: str  # punctuation itself, or STRING, IDENT, NUMBER, KEYWORD, END
    value: str | int | float | bool | None
    line: int
    text: str


class Annotation(Struct):
    name: str
    args: list[str | int | float | bool | None]
    line: int


class SType(Struct):
    """A parsed type expression.

    ``kind`` is ``"named"`` (a primitive or type name in ``name``),
    ``"array"`` (of ``item``), ``"enum"`` (``members``), ``"literal"`` (one
    string, kept in ``members``) or ``"object"`` (``props``).
    """

    kind: str
    line: int
    name: str | None = None
    item: SType | None = None
    members: list[str] = field(default_factory=list)
    props: list[SProp] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)


class SProp(Struct):
    key: str
    optional: bool
    type: SType
    description: str | None
    line: int


class SBlock(Struct):
    """A whole block: ``type Name = ...`` declares ``name``; otherwise ``name`` is None."""

    name: str | None
    type: SType
    line: int


_PUNCT = set("{}:?|[]()@=,")
_KEYWORDS = {"true": True, "false": False, "null": None}


def tokenize(text: str) -> tuple[list[Token], dict[int, str]]:
    """Tokens of ``text`` plus the comment text found on each line."""
    tokens: list[Token] = []
    comments: dict[int, str] = {}
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c in " \t\r":
            i += 1
        elif c == "/":
            if text.startswith("//", i):
                end = text.find("\n", i)
                end = n if end < 0 else end
                comments[line] = text[i + 2 : end].strip()
                i = end
            else:
                raise SchemaSyntaxError(
                    line, "unexpected '/'; comments start with '//'"
                )
        elif c in _PUNCT:
            tokens.append(Token(c, c, line, c))
            i += 1
        elif c in "\"'":
            start = i
            value, i = _string(text, i, line)
            tokens.append(Token("STRING", value, line, text[start:i]))
        elif c.isalpha() or c == "_":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            if word in _KEYWORDS:
                tokens.append(Token("KEYWORD", _KEYWORDS[word], line, word))
            else:
                tokens.append(Token("IDENT", word, line, word))
            i = j
        elif c.isdigit() or (c == "-" and i + 1 < n and text[i + 1].isdigit()):
            j = i + 1
            while j < n and (text[j].isdigit() or text[j] in ".eE+-"):
                if text[j] in "+-" and text[j - 1] not in "eE":
                    break
                j += 1
            raw = text[i:j]
            try:
                number: int | float = (
                    float(raw) if any(ch in raw for ch in ".eE") else int(raw)
                )
            except ValueError:
                raise SchemaSyntaxError(line, f"malformed number '{raw}'") from None
            tokens.append(Token("NUMBER", number, line, raw))
            i = j
        else:
            raise SchemaSyntaxError(
                line,
                f"unexpected character {c!r}; expected a name, a quoted string, a number, "
                "punctuation such as { } : ? | [ ] @ ( ) or a // comment",
            )
    tokens.append(Token("END", None, line, "end of block"))
    return tokens, comments


def _string(text: str, start: int, line: int) -> tuple[str, int]:
    quote = text[start]
    out: list[str] = []
    i = start + 1
    escapes = {
        "n": "\n",
        "t": "\t",
        "r": "\r",
        "\\": "\\",
        '"': '"',
        "'": "'",
        "/": "/",
    }
    while i < len(text):
        c = text[i]
        if c == quote:
            return "".join(out), i + 1
        if c == "\n":
            break
        if c == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            if nxt == "u":
                code = _hex4(text, i + 2, line)
                i += 6
                if 0xD800 <= code < 0xDC00 and text.startswith("\\u", i):
                    low = _hex4(text, i + 2, line)
                    if 0xDC00 <= low <= 0xDFFF:  # a UTF-16 pair, as JSON writes it
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                if 0xD800 <= code <= 0xDFFF:
                    raise SchemaSyntaxError(
                        line,
                        f"escape \\u{code:04x} is half of a surrogate pair; "
                        "expected a whole character",
                    )
                out.append(chr(code))
                continue
            out.append(escapes.get(nxt, nxt))
            i += 2
            continue
        out.append(c)
        i += 1
    raise SchemaSyntaxError(
        line,
        f"string starting with {quote} is never closed on its line; expected a closing {quote}",
    )


def _hex4(text: str, start: int, line: int) -> int:
    digits = text[start : start + 4]
    if len(digits) != 4 or not all(d in "0123456789abcdefABCDEF" for d in digits):
        raise SchemaSyntaxError(
            line, "malformed \\u escape; expected four hex digits such as \\u00e9"
        )
    return int(digits, 16)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens, self.comments = tokenize(text)
        self.pos = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def expect(self, kind: str, what: str) -> Token:
        tok = self.tok
        if tok.kind != kind:
            raise SchemaSyntaxError(
                tok.line, f"expected {what}, found {_describe(tok)}"
            )
        return self.take()

    def block(self, declaration: bool) -> SBlock:
        first = self.tok
        name: str | None = None
        if declaration:
            if not (first.kind == "IDENT" and first.value == "type"):
                raise SchemaSyntaxError(
                    first.line, f"expected 'type Name = ...', found {_describe(first)}"
                )
            self.take()
            ident = self.expect("IDENT", "a type name after 'type'")
            name = str(ident.value)
            self.expect("=", f"'=' after 'type {name}'")
        stype = self.type(0)
        if self.tok.kind != "END":
            raise SchemaSyntaxError(
                self.tok.line,
                f"expected the end of the block, found {_describe(self.tok)}",
            )
        return SBlock(name, stype, first.line)

    def type(self, depth: int) -> SType:
        if depth > MAX_DEPTH:
            raise SchemaSyntaxError(
                self.tok.line,
                f"types are nested more than {MAX_DEPTH} levels deep; expected at most {MAX_DEPTH}",
            )
        tok = self.tok
        if tok.kind == "{":
            return self.object(depth)
        if tok.kind == "STRING":
            return self.enum()
        if tok.kind == "IDENT":
            self.take()
            stype = SType("named", tok.line, name=str(tok.value))
            if self.tok.kind == "[":
                self.take()
                self.expect("]", "']' to close '[' of an array type")
                stype = SType("array", tok.line, item=stype)
                if self.tok.kind == "[":
                    raise SchemaSyntaxError(
                        self.tok.line,
                        "arrays of arrays are not supported; expected one '[]' as in Part[]",
                    )
            stype.annotations = self.annotations()
            return stype
        raise SchemaSyntaxError(
            tok.line,
            f"expected a type (a name, '{{', or a string), found {_describe(tok)}",
        )

    def object(self, depth: int) -> SType:
        opening = self.take()
        stype = SType("object", opening.line)
        seen: set[str] = set()
        while self.tok.kind != "}":
            if self.tok.kind == "END":
                raise SchemaSyntaxError(
                    opening.line, "'{' opened here is never closed; expected '}'"
                )
            key_tok = self.tok
            if key_tok.kind not in ("IDENT", "STRING"):
                raise SchemaSyntaxError(
                    key_tok.line,
                    f"expected a property name, found {_describe(key_tok)}",
                )
            self.take()
            key = str(key_tok.value)
            if not key:
                raise SchemaSyntaxError(key_tok.line, "property name is empty")
            if key in seen:
                raise SchemaSyntaxError(
                    key_tok.line, f"duplicate property '{key}'; expected each name once"
                )
            seen.add(key)
            optional = False
            if self.tok.kind == "?":
                self.take()
                optional = True
            self.expect(":", f"':' after property '{key}'")
            ptype = self.type(depth + 1)
            end_line = self.tokens[self.pos - 1].line
            stype.props.append(
                SProp(key, optional, ptype, self.comments.get(end_line), key_tok.line)
            )
            if self.tok.kind == ",":
                self.take()
            elif self.tok.kind not in ("}", "END") and self.tok.line == end_line:
                raise SchemaSyntaxError(
                    self.tok.line,
                    f"expected a new line or ',' after property '{key}', found {_describe(self.tok)}",
                )
        self.take()
        return stype

    def enum(self) -> SType:
        first = self.take()
        members = [str(first.value)]
        while self.tok.kind == "|":
            self.take()
            members.append(
                str(self.expect("STRING", "a quoted enum member after '|'").value)
            )
        if len(members) == 1:
            return SType(
                "literal", first.line, members=members, annotations=self.annotations()
            )
        if len(set(members)) != len(members):
            dup = next(m for m in members if members.count(m) > 1)
            raise SchemaSyntaxError(first.line, f"enum member '{dup}' is listed twice")
        return SType(
            "enum", first.line, members=members, annotations=self.annotations()
        )

    def annotations(self) -> list[Annotation]:
        result: list[Annotation] = []
        while self.tok.kind == "@":
            at = self.take()
            name = str(self.expect("IDENT", "an annotation name after '@'").value)
            if name not in ANNOTATIONS:
                known = ", ".join(f"@{a}" for a in ANNOTATIONS)
                raise SchemaSyntaxError(
                    at.line, f"unknown annotation '@{name}'; expected one of {known}"
                )
            args: list[str | int | float | bool | None] = []
            if self.tok.kind == "(":
                self.take()
                while self.tok.kind != ")":
                    arg = self.tok
                    if arg.kind not in ("STRING", "NUMBER", "KEYWORD", "IDENT"):
                        raise SchemaSyntaxError(
                            arg.line,
                            f"expected an argument of @{name}, found {_describe(arg)}",
                        )
                    self.take()
                    args.append(arg.value)
                    if self.tok.kind == ",":
                        self.take()
                self.take()
            if len(args) != 1:
                raise SchemaSyntaxError(
                    at.line, f"@{name} takes exactly one argument, found {len(args)}"
                )
            result.append(Annotation(name, args, at.line))
        return result


def _describe(tok: Token) -> str:
    if tok.kind == "END":
        return "the end of the block"
    if tok.kind == "STRING":
        return f"string {tok.text}"
    return f"'{tok.text}'"


def parse_block(text: str, *, declaration: bool) -> SBlock:
    """Parse a block's text; ``declaration`` for ``omg.type`` (``type Name = ...``)."""
    return _Parser(text).block(declaration)
