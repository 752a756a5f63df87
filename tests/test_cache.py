"""Caches make reruns fast and never change the output."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest

import generator as generator_module
from generator import docs, generate, load
from generator.cache import RunCache, output_state
from generator.languages import LANGUAGES
from generator.render import Renderer, templates_dir
from generator.write import read_tree

from .conftest import CORPUS, SPECS, needs_shared


def copy_specs(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def run(specs: Path, out: Path, cache: Path, **options: object) -> object:
    return generate(specs, out, cache_dir=cache, **options)  # type: ignore[arg-type]


def test_warm_runs_and_a_rerun_give_the_same_bytes(tmp_path: Path) -> None:
    cold = tmp_path / "cold"
    generate(SPECS, cold, use_cache=False)
    cache = tmp_path / "cache"
    first = run(SPECS, tmp_path / "a", cache)
    second = run(
        SPECS, tmp_path / "b", cache
    )  # new output directory: rendered from the cache
    third = run(SPECS, tmp_path / "b", cache)  # same output, nothing changed: a no-op
    assert (
        read_tree(tmp_path / "a")
        == read_tree(tmp_path / "b")
        == read_tree(cold)
        == read_tree(Path("output").absolute())
    )
    assert not first.up_to_date and not second.up_to_date  # type: ignore[attr-defined]
    assert third.up_to_date and third.files == {}  # type: ignore[attr-defined]
    assert [str(f) for f in third.findings] == [str(f) for f in first.findings]  # type: ignore[attr-defined]


def test_an_edited_spec_is_picked_up(tmp_path: Path) -> None:
    specs = copy_specs(SPECS, tmp_path / "specs")
    cache, out = tmp_path / "cache", tmp_path / "out"
    run(specs, out, cache)
    seed = specs / "endpoints" / "invoices" / "update-or-create-invoices.omg.md"
    seed.write_text(
        seed.read_text().replace("default: Website Design", "default: Website Redesign")
    )
    result = run(specs, out, cache)
    assert not result.up_to_date  # type: ignore[attr-defined]
    # the states recorded for the files rewritten in place match the disk: a rerun is a no-op
    assert run(specs, out, cache).up_to_date  # type: ignore[attr-defined]
    fresh = tmp_path / "fresh"
    generate(specs, fresh, use_cache=False)
    assert read_tree(out) == read_tree(fresh)
    assert (
        b'reference="Website Redesign"'
        in read_tree(out)["snippets/updateOrCreateInvoices/python.py"]
    )


def test_an_edited_spec_is_picked_up_by_a_run_of_only_that_operation(
    tmp_path: Path,
) -> None:
    specs = copy_specs(SPECS, tmp_path / "specs")
    cache = tmp_path / "cache"
    run(specs, tmp_path / "out", cache)
    seed = specs / "endpoints" / "invoices" / "update-or-create-invoices.omg.md"
    seed.write_text(
        seed.read_text().replace("default: Website Design", "default: Website Redesign")
    )
    partial = run(specs, tmp_path / "one", cache, only=["updateOrCreateInvoices"])
    fresh = generate(
        specs, tmp_path / "fresh", use_cache=False, only=["updateOrCreateInvoices"]
    )
    assert partial.files == fresh.files  # type: ignore[attr-defined]
    assert (
        b'reference="Website Redesign"'
        in read_tree(tmp_path / "one")["snippets/updateOrCreateInvoices/python.py"]
    )


def test_an_edited_partial_and_type_are_picked_up(tmp_path: Path) -> None:
    specs = copy_specs(SPECS, tmp_path / "specs")
    cache, out = tmp_path / "cache", tmp_path / "out"
    run(specs, out, cache)
    unitdp = specs / "partials" / "query" / "unitdp.omg.md"
    unitdp.write_text(unitdp.read_text().replace("@example(4)", "@example(2)"))
    contact = specs / "types" / "contact.omg.md"
    contact.write_text(
        contact.read_text().replace(
            "  Name?: string @maxLength(255)\n",
            "  Name?: string @maxLength(255)\n  Nickname?: string\n",
        )
    )
    run(specs, out, cache)
    fresh = tmp_path / "fresh"
    generate(specs, fresh, use_cache=False)
    assert read_tree(out) == read_tree(fresh)
    assert b"unitdp = 2" in read_tree(out)["snippets/updateOrCreateInvoices/python.py"]
    assert (
        b"nickname: str | None = None"
        in read_tree(out)["client/xero_accounting/models.py"]
    )


def test_the_client_is_rerendered_only_when_what_it_shows_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = copy_specs(SPECS, tmp_path / "specs")
    cache, out = tmp_path / "cache", tmp_path / "out"
    run(specs, out, cache)
    rendered: list[str] = []
    original = Renderer.client_file

    def counting(self: Renderer, view: Any, name: str) -> str:
        rendered.append(name)
        return original(self, view, name)

    monkeypatch.setattr(Renderer, "client_file", counting)
    spec = specs / "endpoints" / "invoices" / "update-or-create-invoices.omg.md"
    spec.write_text(spec.read_text().replace("Website Design", "Web Design"))
    run(specs, out, cache, jobs=1)
    assert rendered == []  # an example is not part of the client
    spec.write_text(spec.read_text().replace("# Updates or creates", "# Creates"))
    run(specs, out, cache, jobs=1)
    assert rendered == [
        "client.py"
    ]  # the summary is its docstring; the types are as they were
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    generate(specs, fresh, use_cache=False)
    assert read_tree(out) == read_tree(fresh)


def test_a_rerun_reads_only_the_spec_files_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = copy_specs(SPECS, tmp_path / "specs")
    cache, out = tmp_path / "cache", tmp_path / "out"
    run(specs, out, cache, client=False)
    read: list[str] = []
    parsed: list[str] = []
    read_text, parse = load.read_text, load._Loader._parse

    def reading(path: Path, *args: Any) -> str | None:
        if "partials" not in path.parts:  # partials are read with their includer
            read.append(path.name)
        return read_text(path, *args)

    def parsing(self: Any, text: str, shown: str, **options: Any) -> Any:
        parsed.append(Path(shown).name)
        return parse(self, text, shown, **options)

    monkeypatch.setattr(load, "read_text", reading)
    monkeypatch.setattr(load._Loader, "_parse", parsing)
    spec = specs / "endpoints" / "invoices" / "update-or-create-invoices.omg.md"
    spec.write_text(spec.read_text().replace("Website Design", "Web Design"))
    touched = specs / "types" / "contact.omg.md"
    os.utime(
        touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9)
    )
    run(specs, out, cache, client=False)
    assert sorted(read) == ["contact.omg.md", spec.name]  # the others are trusted
    assert parsed[0] == spec.name and "contact.omg.md" not in parsed
    read.clear()
    os.utime(spec, ns=(spec.stat().st_atime_ns, spec.stat().st_mtime_ns + 10**9))
    run(specs, out, cache, client=False)
    assert read == [spec.name]  # contact.omg.md was stamped anew when it was read
    assert parsed.count(spec.name) == 1  # touched, not changed: read, not parsed
    monkeypatch.undo()
    fresh = tmp_path / "fresh"
    generate(specs, fresh, use_cache=False, client=False)
    assert read_tree(out) == read_tree(fresh)


def test_a_hand_edited_output_file_is_restored(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    run(SPECS, out, cache)
    target = out / "snippets" / "updateOrCreateInvoices" / "ruby.rb"
    target.write_text("tampered\n")
    assert not run(SPECS, out, cache).up_to_date  # type: ignore[attr-defined]
    assert read_tree(out) == read_tree(Path("output").absolute())


def test_stray_output_files_are_removed(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    run(SPECS, out, cache)
    (out / "snippets" / "gone").mkdir()
    (out / "snippets" / "gone" / "python.py").write_text("old\n")
    run(SPECS, out, cache)
    assert read_tree(out) == read_tree(Path("output").absolute())
    assert not (out / "snippets" / "gone").exists()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x04garbage"])
def test_a_damaged_cache_only_costs_time(tmp_path: Path, damage: bytes) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    run(SPECS, out, cache)
    for path in (cache / "runs").iterdir():
        path.write_bytes(damage)
    run(SPECS, tmp_path / "again", cache)
    assert read_tree(tmp_path / "again") == read_tree(out)


@needs_shared
def test_corpus_edit_rerenders_only_what_changed_and_matches_a_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    specs = copy_specs(CORPUS, tmp_path / "corpus")
    cache, out = tmp_path / "cache", tmp_path / "out"
    run(specs, out, cache, client=False)
    before = {path: os.stat(out / path).st_ino for path in read_tree(out)}
    spec = specs / "endpoints" / "accounts" / "account-create.omg.md"
    spec.write_text(spec.read_text().replace("default: FooBar", "default: Foo Bar"))
    rendered: list[str] = []
    for owner, name in ((Renderer, "snippet"), (docs.Pages, "page")):
        original = getattr(owner, name)

        def counting(self: object, item: Any, *rest: Any, _f: Any = original) -> Any:
            op = getattr(item, "op", item)
            rendered.append(f"{type(self).__name__}:{op.id}")
            return _f(self, item, *rest)

        monkeypatch.setattr(owner, name, counting)
    actions = []
    monkeypatch.setattr(
        docs,
        "action_yaml",
        lambda item, _f=docs.action_yaml: actions.append(item.op.id) or _f(item),
    )
    run(specs, out, cache, client=False, jobs=1)
    monkeypatch.undo()
    assert rendered == ["Renderer:createAccount"] * 6 + ["Pages:createAccount"]
    assert actions == ["createAccount"]
    after = read_tree(out)
    changed = sorted(
        path for path in after if os.stat(out / path).st_ino != before.get(path)
    )
    snippets = [
        f"snippets/createAccount/{name}"
        for name in (
            "csharp.cs",
            "java.java",
            "node.ts",
            "php.php",
            "python.py",
            "ruby.rb",
        )
    ]
    assert changed == [
        "docs/createAccount.md",
        "manifest.json",
        *snippets,
        "x-code-samples.overlay.yaml",
    ]
    fresh = tmp_path / "fresh"
    generate(specs, fresh, use_cache=False, client=False)
    assert after == read_tree(fresh)


@needs_shared
def test_no_cache_neither_reads_nor_writes_any_cache(tmp_path: Path) -> None:
    cache, out = tmp_path / "cache", tmp_path / "out"
    options: dict[str, object] = {"only": ["getInvoice"], "client": False}
    run(CORPUS, out, cache, use_cache=False, **options)
    assert not cache.exists()
    run(
        CORPUS, out, cache, **options
    )  # the companion's extract goes to the cache given
    assert sorted(p.name for p in cache.iterdir()) == ["jinja", "openapi", "runs"]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the save runs in a forked process")
def test_a_detached_save_does_not_hold_up_its_caller_and_completes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = RunCache(tmp_path / "cache", tmp_path)
    cache.put("key", b"rendered")
    save = RunCache.save

    def slow_save(self: RunCache, prune: bool = True) -> None:
        time.sleep(2)  # in the saving process only
        save(self, prune)

    monkeypatch.setattr(RunCache, "save", slow_save)
    cache.save_meanwhile(detach=True)()
    assert not cache.state_path.exists()  # the caller went on before the save
    deadline = time.monotonic() + 60
    while not cache.state_path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    later = RunCache(tmp_path / "cache", tmp_path)
    later.load()
    assert later.rendered == {"key": b"rendered"}


def test_output_state_lists_every_file_and_no_linked_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "snippets" / "op").mkdir(parents=True)
    (out / "manifest.json").write_bytes(b"{}\n")
    (out / "snippets" / "op" / "python.py").write_bytes(b"x = 1\n")
    (out / "linked").symlink_to(out / "snippets", target_is_directory=True)
    (out / "dangling").symlink_to(tmp_path / "gone")
    state = output_state(out)
    info = (out / "snippets" / "op" / "python.py").stat()
    assert state == {
        "manifest.json": [3, (out / "manifest.json").stat().st_mtime_ns],
        "snippets/op/python.py": [6, info.st_mtime_ns],
        "dangling": [-1, -1],  # never equal to a recorded state: rewritten
    }


def test_templates_and_the_macros_they_import_compile_before_workers_fork(
    tmp_path: Path,
) -> None:
    bytecode = tmp_path / "jinja"
    Renderer.prepare_templates(templates_dir(), LANGUAGES, bytecode)
    folders = {lang.template.rpartition("/")[0] for lang in LANGUAGES}
    expected = [
        p for folder in folders for p in (templates_dir() / folder).glob("*.j2")
    ]
    assert len(expected) >= 12  # each language's snippet and macros
    assert len(list(bytecode.iterdir())) == len(expected)


def test_a_cold_run_compiles_the_templates_in_a_forked_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On an empty cache a forked process compiles while the specs load; then they are loaded."""
    prepared: list[int] = []
    prepare = generator_module._prepare_templates

    def counted(*args: Any) -> None:
        prepared.append(os.getpid())
        prepare(*args)

    monkeypatch.setattr(generator_module, "_prepare_templates", counted)
    cache = tmp_path / "cache"
    cold = run(SPECS, tmp_path / "cold", cache)
    assert prepared == []  # not in this process: in the one forked for it
    bytecode = cache / "jinja"
    assert len(list(bytecode.iterdir())) > 12  # snippets, macros and the docs page
    edited = copy_specs(SPECS, tmp_path / "specs")
    spec = next((edited / "endpoints").rglob("*.omg.md"))
    spec.write_text(spec.read_text().replace("Website Design", "Website Redesign"))
    run(edited, tmp_path / "warm", cache)
    assert prepared == [os.getpid()]  # warm: loaded from the cache, here
    assert read_tree(tmp_path / "cold") == read_tree(Path("output").absolute())
    assert not cold.up_to_date  # type: ignore[attr-defined]
