"""Which pages could hold a score, asked of a page's lines before its model is built.

The reader builds the page model from pdfplumber's words on the pages a score could come from and
from PDFium's elsewhere (pipeline.reader.triage), so this test must never miss a page a strategy
reads. It is therefore made of the strategies' own parts, asked with the document's framework and
kind unknown (knowing them only narrows what a strategy accepts): result tables' `read_row` (with
the area labels, the label matcher and `cell_value` it uses), headings' `labelled_score` with
`best_area` and `numbered_score` (a heading also joined with the lines that go on with it),
slides' quoted totals, labelled totals and area points, prose's earlier totals, and a transposed
table's header of area numbers over a row.

`score_pages` asks it of every page of a document, with the page's running headers, footers and
page numbers set aside as the page model sets them aside (a footer "... Regioner 2020-01-19 8"
split at a gutter leaves an "8" that reads as an area-8 row); the columns are not yet ordered
(extractors.layout). So each line is tried whole and as each pair of parts a column gutter could
split it into (`gutter_splits`), a table row beside its neighbouring lines whole and on the same
side of the gutter (a wrapped label's other line); and a slide's area title, which must be among
its first lines once the running header is gone, may be any line of the page.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..frameworks import best_area
from ..layout import body_lines, gutter_splits, running_signatures
from ..page import Line, PageReading, split_line, words_to_lines
from .headings import HEADING_LINES, body_size, is_heading_line, labelled_score, numbered_score, wraps
from .prose import EARLIER_TOTAL
from .slides import QUOTED_TOTAL, labelled_totals, points_in
from .table_rows import is_value_word, read_row, split_label_values
from .transposed import header_phrases, split_evaluation

#: Every strategy reads a number (parse_score and the strategies' patterns need a digit), except a
#: table row whose cells are all not-assessed marks: parts of a line without one skip the others.
DIGIT = re.compile(r"\d")

#: A part of a line: the part, and the x of the gutter and the side of it (0 left, 1 right) it lies
#: on, or None and None for the line whole.
Part = tuple[Line, float | None, int | None]


def score_pages(readings: list[PageReading]) -> set[int]:
    """The 1-based numbers of a document's pages whose body (`layout.body_lines`) may hold scores."""
    pages = [(words_to_lines(reading.words, reading.number), reading.height) for reading in readings]
    running = running_signatures(pages)
    return {
        reading.number
        for reading, (lines, height) in zip(readings, pages)
        if may_hold_scores(body_lines(lines, height, running))
    }


def may_hold_scores(lines: list[Line]) -> bool:
    """Whether a score strategy could read a score from a page with these lines, whatever the
    document's framework and kind: a table row of an area, a labelled score, a quoted total, or an
    area's points on a slide."""
    points = False
    body = body_size(lines)
    for i, line in enumerate(lines):
        numbers = DIGIT.search(line.text) is not None
        for part, x, side in line_parts(line):
            if numbers and (QUOTED_TOTAL.search(part.text) or is_heading_score(part) or labelled_totals(part)):
                return True
            if is_heading_line(part, body) and is_wrapped_heading(
                part, lines[i + 1 : i + HEADING_LINES], x, side, body
            ):
                return True
            if is_value_word(part.words[-1].text) and is_area_row(
                part,
                neighbours(lines[i - 1] if i else None, x, side),
                neighbours(lines[i + 1] if i + 1 < len(lines) else None, x, side),
            ):
                return True
            points = points or (numbers and bool(points_in(part)))
        if is_transposed_head(line, lines[i + 1] if i + 1 < len(lines) else None):
            return True
    if EARLIER_TOTAL.search(" ".join(line.text for line in lines)):
        return True  # a sentence with an earlier evaluation's total (extractors.scores.prose)
    return points and any(best_area(part.text, None) is not None for line in lines for part, _, _ in line_parts(line))


def is_transposed_head(line: Line, following: Line | None) -> bool:
    """The header of a transposed table, areas "1" … "8" as columns, over its first row of values
    (extractors.scores.transposed)."""
    return following is not None and header_phrases(line) is not None and split_evaluation(following) is not None


def line_parts(line: Line) -> Iterator[Part]:
    """The line whole, and each part a column gutter could make of it."""
    yield line, None, None
    for left, right in gutter_splits(line):
        x = (left.x1 + right.x0) / 2
        yield left, x, 0
        yield right, x, 1


def neighbours(line: Line | None, x: float | None, side: int | None) -> list[Line | None]:
    """What may stand next to a part in the page model: the neighbouring line, and, for a part of a
    split line, its part on the same side of the gutter when the gutter splits it too."""
    if line is None or x is None or side is None:
        return [line]
    part = split_line(line, x)[side]
    return [line] if part is None or part.words == line.words else [line, part]


def is_heading_score(line: Line) -> bool:
    """A score printed with its unit after an area's label, or given by the area's number
    (extractors.scores.headings)."""
    m = labelled_score(line.text)
    return (m is not None and best_area(m.group("label"), None) is not None) or numbered_score(line.text) is not None


def is_wrapped_heading(part: Line, after: list[Line], x: float | None, side: int | None, body: float) -> bool:
    """A heading whose score comes on the lines after it ("Område 6: Personalpolitik (60" / "poäng)",
    extractors.scores.headings.heading_lines): the part joined with the lines, or their parts on its
    side of the gutter, that go on with it (`wraps`)."""
    words, last = list(part.words), part
    for line in after:
        last = next((n for n in reversed(neighbours(line, x, side)) if n is not None and wraps(last, n, body)), None)
        if last is None:
            return False
        words += last.words
        if is_heading_score(Line(tuple(words), part.page)):
            return True
    return False


def is_area_row(line: Line, before: list[Line | None], after: list[Line | None]) -> bool:
    """A result table row of an area (extractors.scores.result_table), beside any of the neighbours."""
    if not split_label_values(line)[1]:
        return False
    return any(
        (row := read_row(line, None, preceding, following)) is not None and row.area is not None
        for preceding in before
        for following in after
    )
