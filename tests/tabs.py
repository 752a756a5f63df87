"""Read content tabs back out of HTML rendered by pymdownx.tabbed (alternate style) and superfences."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Tab:
    label: str = ""
    code: str = (
        ""  # the text of the tab's code block, entities decoded, highlighting markup dropped
    )
    classes: list[str] = field(default_factory=list)  # of the elements around the code


@dataclass
class Page:
    h1: str = ""
    tab_sets: list[list[Tab]] = field(default_factory=list)

    @property
    def tabs(self) -> list[Tab]:
        return [tab for tabs in self.tab_sets for tab in tabs]


class _TabsParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._stack: list[tuple[str, list[str]]] = []
        self._in_h1 = False
        self._in_labels = False
        self._label: str | None = None
        self._block = -1  # index of the current tabbed-block in the current set
        self._code_depth = 0
        self._around: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        self._stack.append((tag, classes))
        if tag == "h1":
            self._in_h1 = True
        elif "tabbed-set" in classes:
            self.page.tab_sets.append([])
            self._block = -1
        elif "tabbed-labels" in classes:
            self._in_labels = True
        elif tag == "label" and self._in_labels:
            self._label = ""
        elif "tabbed-block" in classes:
            self._block += 1
            self._around = []
        elif tag == "code" and self._block >= 0:
            self._code_depth += 1
        if self._block >= 0 and not self._code_depth:
            self._around.extend(classes)
        elif tag == "code" and self._code_depth == 1:
            self._around.extend(classes)

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, classes = self._stack.pop()
            if open_tag == tag:
                break
        else:
            return
        if tag == "h1":
            self._in_h1 = False
        elif "tabbed-labels" in classes:
            self._in_labels = False
        elif tag == "label" and self._label is not None:
            self.page.tab_sets[-1].append(Tab(label=self._label))
            self._label = None
        elif tag == "code" and self._code_depth:
            self._code_depth -= 1
            if not self._code_depth:
                self.page.tab_sets[-1][self._block].classes = list(self._around)

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.page.h1 += data
        if self._label is not None:
            self._label += data
        elif self._code_depth and self._block >= 0:
            self.page.tab_sets[-1][self._block].code += data


def read_tabs(html: str) -> Page:
    """The page's first heading and its tab sets: labels, code texts and the classes around them."""
    parser = _TabsParser()
    parser.feed(html)
    parser.close()
    return parser.page
