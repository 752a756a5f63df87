"""BlackFormatter: the same text as black on the whole file, with black run on as little as possible."""

from __future__ import annotations

from pathlib import Path

import black
import pytest

from generator.write import BlackFormatter

MODE = black.Mode(target_versions={black.TargetVersion.PY311})

CLASS = '''from __future__ import annotations


class Contact:
    """A contact."""

    purchases_default_line_amount_type: ContactPurchasesDefaultLineAmountType | None = None
    name: str | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {}
        if self.purchases_default_line_amount_type is not None:
            data["PurchasesDefaultLineAmountType"] = _dump(self.purchases_default_line_amount_type)  # trailing comment
        return data
'''

# Each needs black on its whole chunk: the long line is not a simple statement on its own.
FALLBACKS = {
    "compound header": """def update_or_create_invoices(xero_tenant_id: str, invoices: Invoices, summarize_errors: bool = False) -> Invoices:
    return invoices
""",
    "inside brackets": """values = [
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt", 1,
]
""",
    "bare string": '''def f() -> None:
    """A docstring far longer than the line length allows, which black leaves as it is written."""
''',
    "continued line": """total = first_value_with_a_long_name + second_value_with_a_long_name + third_value_long + \\
    fourth_value
""",
    "tab indent": "if x:\n\tvalue = call_something(argument_number_one, argument_number_two, argument_number_three_)\n",
    "decorator": """@decorator_with_a_very_long_name(argument_number_one, argument_number_two, argument_number_3)
def f() -> None:
    pass
""",
    "soft keyword": "match = compile_the_pattern(argument_number_one, argument_number_two, argument_number_three_)\n",
}


def test_a_long_simple_statement_is_formatted_alone() -> None:
    formatter = BlackFormatter(None)
    formatted = formatter.format(CLASS)
    assert formatted == black.format_str(CLASS, mode=MODE) != CLASS
    assert formatter.calls == 2  # the two long statements, not the class


@pytest.mark.parametrize("case", list(FALLBACKS))
def test_other_long_lines_make_black_format_their_chunk(case: str) -> None:
    source = FALLBACKS[case]
    formatter = BlackFormatter(None)
    assert formatter.format(source) == black.format_str(source, mode=MODE)
    assert formatter.calls == 1


def test_lines_that_fit_never_run_black() -> None:
    source = black.format_str(CLASS, mode=MODE)
    formatter = BlackFormatter(None)
    assert formatter.format(source) == source
    assert formatter.calls == 0


def test_formatted_statements_are_cached_by_content_and_line_length(
    tmp_path: Path,
) -> None:
    first = BlackFormatter(tmp_path)
    assert first.format(CLASS) == black.format_str(CLASS, mode=MODE)
    assert first.calls == 2
    again = BlackFormatter(tmp_path)
    assert again.format(CLASS) == black.format_str(CLASS, mode=MODE)
    assert again.calls == 0
    # the same statement at another indent is another entry: black splits it elsewhere
    statement = [line for line in CLASS.splitlines() if "data[" in line][0].strip()
    top_level = f"{statement}\n"
    assert again.format(top_level) == black.format_str(top_level, mode=MODE)
    assert again.calls == 1
