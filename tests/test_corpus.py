"""Every operation of the Xero corpus, in every language: the snippets parse cleanly."""

from __future__ import annotations

import json

import pytest

from generator.languages import LANGUAGES
from generator.model import Api

from .conftest import CORPUS, needs_shared, syntax_problems

pytestmark = needs_shared


def corpus_ids() -> list[str]:
    if not CORPUS.is_dir():
        return []
    import yaml

    ids = []
    for path in sorted((CORPUS / "endpoints").rglob("*.omg.md")):
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        ids.append(yaml.safe_load(front)["operationId"])
    return sorted(ids)


def test_corpus_has_237_operations_73_with_x_example(corpus_api: Api) -> None:
    assert len(corpus_api.operations) == 237
    assert (
        sum(
            1
            for op in corpus_api.operations
            if op.example is not None
            and op.body is not None
            and op.id in _x_example_ids()
        )
        == 73
    )


def _x_example_ids() -> set[str]:
    import yaml

    found = set()
    for path in (CORPUS / "endpoints").rglob("*.omg.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if (front.get("extensions") or {}).get("x-example"):
            found.add(front["operationId"])
    return found


def test_one_run_writes_every_snippet_and_the_manifest(
    corpus_files: dict[str, bytes],
) -> None:
    snippets = [path for path in corpus_files if path.startswith("snippets/")]
    assert len(snippets) == 237 * 6
    manifest = json.loads(corpus_files["manifest.json"])
    assert sorted(manifest["operations"]) == corpus_ids()
    for op_id, entry in manifest["operations"].items():
        assert sorted(entry["snippets"]) == sorted(
            lang.key for lang in LANGUAGES
        ), op_id


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.key)
@pytest.mark.parametrize("op_id", corpus_ids())
def test_snippet_parses(
    corpus_files: dict[str, bytes], op_id: str, lang: object
) -> None:
    source = corpus_files[f"snippets/{op_id}/{lang.filename}"].decode()  # type: ignore[attr-defined]
    assert syntax_problems(lang.key, source) == []  # type: ignore[attr-defined]
    if lang.key == "python":  # type: ignore[attr-defined]
        compile(source, f"{op_id}/python.py", "exec")
