"""Read emitted code back with each language's own tools, to check what the generator wrote.

Node, PHP and Ruby run as one long-lived process each, answering JSON requests line by line, so
that thousands of checks cost milliseconds each.  They only evaluate text that their own lexer
has confirmed to be a single plain string literal.  Java and C# have no interpreter here: their
string literals are decoded by the small decoders below, written from the language specifications,
after tree-sitter has found the literal nodes.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

NODE = r"""
const readline = require('readline');
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const request = JSON.parse(line);
  const answers = request.items.map((literal) => {
    try {
      const value = (0, eval)('(' + literal + ')');
      return typeof value === 'string' ? { value } : { error: 'not a string: ' + typeof value };
    } catch (e) {
      return { error: String(e) };
    }
  });
  process.stdout.write(JSON.stringify(answers) + '\n');
});
"""

PHP = r"""<?php
function literal(string $text): array {
    // only a lone constant string token is evaluated
    $tokens = token_get_all('<?php ' . $text . ';');
    if (count($tokens) !== 3 || !is_array($tokens[1]) || $tokens[1][0] !== T_CONSTANT_ENCAPSED_STRING) {
        return ['error' => 'not a plain string literal: ' . $text];
    }
    return ['value' => bin2hex(eval('return ' . $text . ';'))];
}
function program(string $source): array {
    try {
        $tokens = token_get_all($source, TOKEN_PARSE);
    } catch (ParseError $e) {
        return ['error' => $e->getMessage() . ' on line ' . $e->getLine()];
    }
    $strings = [];
    $stray = [];
    foreach ($tokens as $token) {
        if (!is_array($token)) {
            continue;
        }
        if ($token[0] === T_CONSTANT_ENCAPSED_STRING) {
            $strings[] = bin2hex(eval('return ' . $token[1] . ';'));
        } elseif ($token[0] === T_CLOSE_TAG || $token[0] === T_INLINE_HTML) {
            $stray[] = token_name($token[0]) . ' on line ' . $token[2];
        }
    }
    return ['strings' => $strings, 'stray' => $stray];
}
while (($line = fgets(STDIN)) !== false) {
    $request = json_decode($line, true);
    $answer = $request['op'] === 'program'
        ? program($request['source'])
        : array_map('literal', $request['items']);
    echo json_encode($answer, JSON_INVALID_UTF8_SUBSTITUTE), "\n";
    flush();
}
"""

RUBY = r"""
require 'json'
require 'ripper'
$stdout.sync = true

def literal(text)
  kinds = Ripper.lex(text).map { |token| token[1] }
  plain = kinds.first == :on_tstring_beg && kinds.last == :on_tstring_end &&
          (kinds - %i[on_tstring_beg on_tstring_content on_tstring_end]).empty? &&
          kinds.count(:on_tstring_beg) == 1
  return { error: "not a plain string literal: #{kinds.inspect}" } unless plain
  value = eval(text)
  { value: value.unpack1('H*'), encoding: value.encoding.name }
rescue SyntaxError, StandardError => e
  { error: e.message.scrub }
end

STRING_INSTRUCTIONS = %i[putstring putchilledstring putobject duparray duphash].freeze

def strings_in(node, found, collect = false)
  case node
  when String then found << node if collect
  when Array
    collect ||= STRING_INSTRUCTIONS.include?(node[0])
    node.each { |child| strings_in(child, found, collect) }
  when Hash then node.each_value { |child| strings_in(child, found, collect) if collect }
  end
  found
end

def program(source)
  iseq = RubyVM::InstructionSequence.compile(source)
  { strings: strings_in(iseq.to_a, []).map { |s| [s.unpack1('H*'), s.encoding.name] } }
rescue SyntaxError => e
  { error: e.message.scrub }
end

STDIN.each_line do |line|
  request = JSON.parse(line)
  answer = request['op'] == 'program' ? program(request['source']) : request['items'].map { |t| literal(t) }
  puts JSON.generate(answer)
end
"""

COMMANDS = {
    "node": (["node"], NODE, ".js"),
    "php": (
        ["php", "-d", "display_errors=stderr", "-d", "error_reporting=0"],
        PHP,
        ".php",
    ),
    "ruby": (["ruby"], RUBY, ".rb"),
}


class Interpreter:
    """One interpreter process answering JSON requests, one per line."""

    def __init__(self, lang: str, workdir: Path) -> None:
        argv, script, suffix = COMMANDS[lang]
        path = workdir / f"read-back{suffix}"
        path.write_text(script, encoding="utf-8")
        self.lang = lang
        self.process = subprocess.Popen(
            [*argv, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
        )

    def ask(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(
            json.dumps(request, ensure_ascii=True).encode() + b"\n"
        )
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.lang} read-back process ended")
        return json.loads(line)

    def literals(self, items: list[str]) -> list[str | None]:
        """The value of each string literal, or None when it is not one plain literal."""
        answers = self.ask({"op": "literals", "items": items})
        values: list[str | None] = []
        for answer in answers:
            if "error" in answer:
                values.append(None)
            elif self.lang == "node":
                values.append(answer["value"])
            else:
                if self.lang == "ruby" and answer["encoding"] != "UTF-8":
                    values.append(None)
                    continue
                values.append(bytes.fromhex(answer["value"]).decode("utf-8", "replace"))
        return values

    def program(self, source: str) -> list[str]:
        """PHP, Ruby: every string constant of a whole program as the language reads it."""
        answer = self.ask({"op": "program", "source": source})
        if "error" in answer:
            raise SyntaxError(f"{self.lang}: {answer['error']}")
        if answer.get("stray"):
            raise SyntaxError(f"{self.lang}: left PHP mode: {answer['stray']}")
        found = []
        for item in answer["strings"]:
            data, encoding = (item, "UTF-8") if isinstance(item, str) else item
            text = bytes.fromhex(data).decode("utf-8", "replace")
            found.append(text if encoding == "UTF-8" else f"<{encoding}> {text}")
        return found

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self.process.wait(timeout=10)


def available(lang: str) -> bool:
    return shutil.which(COMMANDS[lang][0][0]) is not None


def require(lang: str) -> None:
    """Skip outside CI when the interpreter is missing; in CI (which installs it) that is a failure."""
    if available(lang):
        return
    message = f"{COMMANDS[lang][0][0]} is not installed (.ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


# --------------------------------------------------------------------------- Java and C#

_JAVA_UNICODE = re.compile(r"(?<!\\)((?:\\\\)*)\\u+([0-9a-fA-F]{4})")
_JAVA_ESCAPE = re.compile(r"\\(?:([btnfrs\"'\\])|([0-3][0-7]{0,2}|[4-7][0-7]?))")
_JAVA_SIMPLE = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", "s": " "}


def java_string(literal: str) -> str:
    """The value of a Java string literal (JLS 3.3 unicode escapes first, then 3.10.7 escapes)."""
    assert literal[0] == literal[-1] == '"', literal
    units = _JAVA_UNICODE.sub(
        lambda m: m.group(1) + chr(int(m.group(2), 16)), literal[1:-1]
    )
    body = _JAVA_ESCAPE.sub(
        lambda m: (
            _JAVA_SIMPLE.get(m.group(1), m.group(1))
            if m.group(1)
            else chr(int(m.group(2), 8))
        ),
        units,
    )
    return _join_utf16(body)


_CSHARP_ESCAPE = re.compile(
    r"\\(?:(['\"\\0abfnrtv])|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|x([0-9a-fA-F]{1,4}))"
)
_CSHARP_SIMPLE = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
}


def csharp_string(literal: str) -> str:
    """The value of a C# regular string literal (C# spec, 6.4.5.5)."""
    assert literal[0] == literal[-1] == '"', literal

    def escape(m: re.Match[str]) -> str:
        simple, u4, u8, x = m.groups()
        if simple:
            return _CSHARP_SIMPLE.get(simple, simple)
        return chr(int(u4 or u8 or x, 16))

    return _join_utf16(_CSHARP_ESCAPE.sub(escape, literal[1:-1]))


def _join_utf16(text: str) -> str:
    """Pairs of UTF-16 surrogates (as Java and C# \\u escapes write them) as one character."""
    return text.encode("utf-16-le", "surrogatepass").decode(
        "utf-16-le", "surrogatepass"
    )
