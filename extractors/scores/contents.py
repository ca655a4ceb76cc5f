"""Tables of contents that read like score tables: area names and, after a gap, page numbers.

A table of contents with dot leaders is set aside by its leaders (base.TOC_LEADER); one without them
("Område 2 Samhällsutveckling      3", as a cover's layout table prints it) looks like a one-column
score table. Its numbers give it away: whole numbers no larger than the document's page count, one
per row, never decreasing down the rows, or standing under a contents heading ("Innehåll").
"""

from __future__ import annotations

import re

from ..page import Document, Line
from ..text import fold
from .table_rows import Row

CONTENTS_HEADING = re.compile(r"^(innehall|innehallsforteckning|innhold|innholdsfortegnelse|contents):?$")
#: A contents heading is a short line: "Innehåll", or "Kommunkompassen   Innehåll" where a cover's
#: title and its contents column share a line. Prose mentioning "innehåll" is longer.
HEADING_WORDS = 3
#: Rows a table needs for its ascending numbers alone to make it a table of contents: a table broken
#: by a page may leave two or three rows of low scores in a long report, never four in order.
MIN_ORDERED_ROWS = 4


def contents_table(doc: Document, page: int, rows: list[Row]) -> bool:
    """Whether a table's rows on a page of the document are a table of contents (`is_contents`)."""
    model = doc.page(page)
    top = rows[0].line.top if rows else 0.0
    above = [l for l in model.lines if l.bottom <= top] if model is not None else []
    return is_contents(rows, above, doc.n_pages)


def is_contents(rows: list[Row], above: list[Line], n_pages: int) -> bool:
    """Whether a table's rows are a table of contents: each row's one value a page number (whole,
    1 … n_pages), the numbers never decreasing down MIN_ORDERED_ROWS rows or more, or the rows under
    a contents heading (`above`: the lines above the table on its page)."""
    values = [[c.value for c in r.cells] for r in rows if r.cells]
    if not values or any(len(v) != 1 for v in values):
        return False
    numbers = [v[0] for v in values]
    if not all(n is not None and n == int(n) and 1 <= n <= n_pages for n in numbers):
        return False
    ordered = len(numbers) >= MIN_ORDERED_ROWS and numbers == sorted(numbers)
    return ordered or any(is_contents_heading(line) for line in above)


def is_contents_heading(line: Line) -> bool:
    return len(line.words) <= HEADING_WORDS and any(CONTENTS_HEADING.match(fold(w.text)) for w in line.words)
