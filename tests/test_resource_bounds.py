"""Hostile sizes: refused quickly with a clear message, or generated in time and memory that grow linearly.

The bounds are generous (they must hold on a slow CI machine); what they catch is a blow-up:
an exponential alias expansion, a quadratic step, a recursion that a long chain overflows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import generator.load as load_module
from generator import load_api, render_files
from generator.cli import app
from generator.write import BlackFormatter

from .conftest import ROOT

runner = CliRunner()


class Unformatted(BlackFormatter):
    """Black is not ours to time: these tests measure loading, modelling and rendering."""

    def __init__(self) -> None:
        super().__init__(None)

    def format(self, source: str) -> str:
        return source


ENDPOINT = """---
method: POST
path: /Things
operationId: createThings
{front}---

# Creates things

```omg.body
{body}
```

```omg.response
{body}
```
"""
THING = """# Thing

```omg.type
type Thing = {
  Name?: string
  Kind?: "A" | "B"
  Amount?: number
  Previous?: Thing
}
```
"""
THINGS = "# Things\n\n```omg.type\ntype Things = {\n  Things?: Thing[]\n}\n```\n"


def generate(specs: Path, out: Path) -> tuple[int, str, float]:
    started = time.monotonic()
    result = runner.invoke(app, ["generate", "--specs", str(specs), "--out", str(out)])
    return result.exit_code, result.stderr, time.monotonic() - started


def test_yaml_alias_bomb_is_refused_at_the_first_alias(tmp_path: Path) -> None:
    lines = ['a0: ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    anchored = "\n".join(
        line.replace(f"a{i}: [", f"a{i}: &a{i} [", 1) for i, line in enumerate(lines)
    )
    endpoint = tmp_path / "specs" / "bomb.omg.md"
    endpoint.parent.mkdir()
    endpoint.write_text(
        ENDPOINT.format(
            front=f"extensions:\n  x-bomb:\n    {anchored.replace(chr(10), chr(10) + '    ')}\n",
            body="Thing",
        )
    )
    code, stderr, seconds = generate(tmp_path / "specs", tmp_path / "out")
    assert code == 2 and seconds < 10
    assert stderr.splitlines()[0] == (
        f"{os.path.relpath(endpoint)}:8: YAML aliases are not supported in front matter; "
        "write the value out"
    )


def test_a_50_mb_spec_is_refused_without_being_read(tmp_path: Path) -> None:
    big = tmp_path / "specs" / "big.omg.md"
    big.parent.mkdir()
    with big.open("w") as handle:
        handle.write(ENDPOINT.format(front="", body="Thing"))
        handle.write(("x" * 1023 + "\n") * (50 * 1024))
    code, stderr, seconds = generate(tmp_path / "specs", tmp_path / "out")
    assert code == 2 and seconds < 10
    assert stderr.splitlines()[0] == (
        f"{os.path.relpath(big)}:1: file is 50.0 MiB; spec files are limited to 4 MiB"
    )


def test_deeply_nested_yaml_is_refused_before_it_is_composed(tmp_path: Path) -> None:
    # libyaml composes trees recursively in C: a million '[' used to crash the process
    deep = tmp_path / "specs" / "deep.omg.md"
    deep.parent.mkdir()
    nested = "[" * 1_000_000 + "]" * 1_000_000
    deep.write_text(ENDPOINT.format(front=f"tags: {nested}\n", body="Thing"))
    process = subprocess.run(
        [sys.executable, "-m", "generator", "lint", "--specs", str(tmp_path / "specs")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == 2, process.stderr
    assert process.stdout == (
        "specs/deep.omg.md:5: front matter is nested more than 32 levels deep; expected at most 32\n"
    )


def test_too_many_yaml_values_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load_module, "MAX_YAML_NODES", 50)
    spec = tmp_path / "specs" / "many.omg.md"
    spec.parent.mkdir()
    spec.write_text(ENDPOINT.format(front=f"tags: {list(range(100))}\n", body="Thing"))
    code, stderr, _seconds = generate(tmp_path / "specs", tmp_path / "out")
    assert code == 2
    assert "many.omg.md:5: front matter has more than 50 values" in stderr


def test_deeply_nested_block_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "specs" / "nested.omg.md"
    spec.parent.mkdir()
    nested = "{ a: " * 100_000 + "string" + " }" * 100_000
    spec.write_text(
        ENDPOINT.format(front="", body="Thing")
        + f"\n```omg.query\n{{\n  a?: {nested}\n}}\n```\n"
    )
    (tmp_path / "specs" / "thing.omg.md").write_text(THING)
    code, stderr, seconds = generate(tmp_path / "specs", tmp_path / "out")
    assert code == 2 and seconds < 10
    assert "nested.omg.md:19: types are nested more than 32 levels deep" in stderr


# --------------------------------------------------------------------------- long x-example lists


def x_example_spec(root: Path, entries: int) -> int:
    """Objects with three fields and a reference to the previous one, all put in a wrapper."""
    count = (entries - 1) // 6 + 1
    lines = ["extensions:", "  x-example:"]
    for i in range(count):
        thing = f"thing{i}"
        lines += [
            f"    - {thing}: null",
            "      is_object: true",
            f"      key: {thing}",
            "      keyPascal: Thing",
            *_field("name", "Name", f"thing {i}", thing),
            *_field("kind", "Kind", "B", thing, "nonString: true"),
            *_field(
                "amount", "Amount", str(i), thing, "nonString: true", "is_money: true"
            ),
        ]
        if i:
            lines += _field(
                "previous", "Previous", f"thing{i - 1}", thing, "is_variable: true"
            )
        lines.append("      is_last: true")
    lines += [
        "    - things: null",
        "      is_object: true",
        "      key: things",
        "      keyPascal: Things",
    ]
    for i in range(count):
        lines += [
            "    - add: null",
            "      is_array_add: true",
            "      key: things",
            "      keyPascal: Things",
            f"      object: thing{i}",
            "      is_last: true",
        ]
    (root / "types").mkdir(parents=True)
    (root / "types" / "thing.omg.md").write_text(THING)
    (root / "types" / "things.omg.md").write_text(THINGS)
    front = "\n".join(lines) + "\n"
    (root / "create-things.omg.md").write_text(
        ENDPOINT.format(front=front, body="Things")
    )
    return sum(line.startswith("    - ") for line in lines)


def _field(key: str, pascal: str, default: str, owner: str, *flags: str) -> list[str]:
    return [
        f"    - {key}: null",
        f"      key: {key}",
        f"      keyPascal: {pascal}",
        f"      default: {default}",
        f"      object: {owner}",
        *(f"      {flag}" for flag in flags),
    ]


MEASURE = """
import json, resource, sys, time
from pathlib import Path
from generator import load_api, render_files
from generator.write import BlackFormatter

class Unformatted(BlackFormatter):
    def format(self, source):
        return source

started = time.process_time()
api, _findings = load_api(Path(sys.argv[1]))
files = render_files(api, formatter=Unformatted(None))
seconds = time.process_time() - started
[op] = api.operations
print(json.dumps({
    "seconds": seconds,
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "statements": len(op.example.statements),
    "lines": files["snippets/createThings/python.py"].count(b"\\n"),
}))
"""


def measure(specs: Path) -> dict[str, float]:
    """CPU time and peak memory of loading and rendering ``specs``, in a fresh process."""
    process = subprocess.run(
        [sys.executable, "-c", MEASURE, str(specs)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    result: dict[str, float] = json.loads(process.stdout)
    return result


def test_long_x_example_lists_take_linear_time_and_bounded_memory(
    tmp_path: Path,
) -> None:
    assert x_example_spec(tmp_path / "10k", 10_000) >= 10_000
    assert x_example_spec(tmp_path / "20k", 20_000) >= 20_000
    small, large = measure(tmp_path / "10k"), measure(tmp_path / "20k")

    assert small["statements"] == 1668 and large["statements"] == 3335
    assert small["seconds"] < 20, small
    # twice the entries: twice the time give or take; a quadratic step would take four times
    assert large["seconds"] < 3 * small["seconds"] + 0.5, (small, large)
    assert large["peak_mib"] < 1024, large


# --------------------------------------------------------------------------- long chains of types


def type_chain(root: Path, length: int, *, closed: bool) -> None:
    """T0 requires a T1, which requires a T2 ... T(length-1), which ends the chain or requires T0."""
    (root / "types").mkdir(parents=True)
    for i in range(length):
        following = (i + 1) % length if closed or i + 1 < length else None
        field = (
            f"  Next: T{following}\n" if following is not None else "  Leaf?: string\n"
        )
        (root / "types" / f"t{i}.omg.md").write_text(
            f"# T{i}\n\n```omg.type\ntype T{i} = {{\n  Label?: string\n{field}}}\n```\n"
        )
    (root / "create-chain.omg.md").write_text(
        ENDPOINT.format(front="", body="T0").replace("createThings", "createChain")
    )


def test_a_chain_of_5000_types_needs_no_recursion(tmp_path: Path) -> None:
    type_chain(tmp_path, 5000, closed=False)
    assert sys.getrecursionlimit() < 5000
    api, _findings = load_api(tmp_path)
    [op] = api.operations
    assert op.example is not None and len(op.example.statements) == 5000
    files = render_files(api, formatter=Unformatted())
    models = files["client/api/models.py"].decode()
    assert models.count("@dataclass(kw_only=True)") == 5000
    assert (
        files["snippets/createChain/ruby.rb"].count(b"XeroRuby::Accounting::T") == 5000
    )


def test_a_circle_of_5000_types_is_one_short_error(tmp_path: Path) -> None:
    type_chain(tmp_path, 5000, closed=True)
    code, stderr, seconds = generate(tmp_path, tmp_path.parent / "out")
    assert code == 2 and seconds < 60
    [finding, _summary] = stderr.splitlines()
    assert finding.endswith(
        ":6: type cycle through required fields: T0 -> T1 -> T2 -> T3 -> ... (4994 more) "
        "-> T4998 -> T4999 -> T0; make one of the fields optional"
    )
