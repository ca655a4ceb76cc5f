"""Layout: running header/footer removal and side-by-side text blocks read column by column.

Running headers and footers ("Sveriges Kommuner och Landsting 2010-06-09 5 (29)") otherwise land
in the middle of lists continuing over a page break; two-column pages and cover pages laid out in
text boxes otherwise interleave when read across the page.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Sequence

import numpy as np

from .frameworks import best_area
from .page import Document, Grid, Line, Page, PageReading, Word, split_line, words_to_lines
from .scores.table_rows import TOTAL_LABEL
from .text import AVERAGE, SCORE, UNITS, fold

#: Share of the page height at top and bottom where running headers and footers live.
MARGIN_ZONE = 0.09
#: A margin line recurring (digits ignored) on this share of pages is a running header/footer.
REPEAT_SHARE = 0.3
#: A gutter must stay free of words for at least this many consecutive lines to split columns.
MIN_COLUMN_LINES = 5
#: Columns are only looked for in this middle band of the page width.
GUTTER_BAND = (0.25, 0.75)
#: Minimum empty width (pt) of a gutter between two columns.
GUTTER_WIDTH = 10.0

PAGE_NUMBER = re.compile(r"^(sid(a|an)?\.?\s*)?\d{1,3}(\s*\(\d{1,3}\)|\s*(/|av)\s*\d{1,3})?$", re.I)
ALPHA = re.compile(r"[A-Za-zÅÄÖåäöÆØæø]{3,}")


def margin_signature(line: Line) -> str:
    """The line's text with digits folded, so '5 (29)' on page 5 matches '6 (29)' on page 6."""
    return re.sub(r"\d+", "#", line.text.lower()).strip()


def in_margin(line: Line, height: float) -> bool:
    return line.bottom < height * MARGIN_ZONE or line.top > height * (1 - MARGIN_ZONE)


def running_signatures(pages: list[tuple[list[Line], float]]) -> set[str]:
    """Signatures of margin lines that recur on enough pages to be running headers/footers."""
    counts: Counter[str] = Counter()
    for lines, height in pages:
        counts.update({margin_signature(l) for l in lines if in_margin(l, height)})
    need = max(2, int(len(pages) * REPEAT_SHARE + 0.999))
    return {sig for sig, n in counts.items() if n >= need}


def is_margin_noise(line: Line, height: float, running: set[str]) -> bool:
    if not in_margin(line, height):
        return False
    return margin_signature(line) in running or bool(PAGE_NUMBER.match(line.text.strip()))


def body_lines(lines: list[Line], height: float, running: set[str]) -> list[Line]:
    """The lines a page's model reads (`build_page`): all but running headers, footers and page numbers."""
    return [l for l in lines if not is_margin_noise(l, height, running)]


def crosses(line: Line, x: float) -> bool:
    """A word of the line lies across (or within half a gutter of) x."""
    return any(w.x0 - GUTTER_WIDTH / 2 < x < w.x1 + GUTTER_WIDTH / 2 for w in line.words)


def gaps(line: Line) -> list[tuple[int, float]]:
    """(i, left edge) of every gap at least GUTTER_WIDTH wide before word i (where `crosses` finds no
    word), wherever on the page."""
    out = []
    reach = float("-inf")  # right edge of the words so far (words are sorted by x0)
    words = line.words
    for i in range(1, len(words)):
        reach = max(reach, words[i - 1].x1)
        if words[i].x0 - reach >= GUTTER_WIDTH:
            out.append((i, reach))
    return out


def gutter_splits(line: Line) -> list[tuple[Line, Line]]:
    """Every (left, right) pair of parts `order_columns` could split the line into: at its `gaps`."""
    return [(Line(line.words[:i], line.page), Line(line.words[i:], line.page)) for i, _ in gaps(line)]


def is_value_cell(words: Sequence[Word]) -> bool:
    """A score, with an average in parentheses or a unit after it: '51', '73,5 (66)', '62 p'."""
    return bool(SCORE.match(words[0].text)) and all(
        SCORE.match(w.text) or AVERAGE.match(w.text) or w.text in UNITS for w in words[1:]
    )


def table_spans(line: Line, grids: Sequence[Grid]) -> list[tuple[float, float]]:
    """Where a gutter would cut a table row: across a ruled table's box that holds a word of the line,
    and in the gap before a value cell that has more of the line after it.

    A table in one column of a two-column page shares its lines with the prose beside it
    ('3 Politisk styrning och   44   Kolada används …'); its label-to-value gap is as empty as the
    gutter, and it has words on both sides. A value cell at the line's end is such a cut only after
    an area's or a total's label (`is_row_label`: a full-width table on a page of two-column prose):
    a table in the right-hand column may print its values on lines of their own, beside the left
    column's prose.
    """
    spans = [(g.x0, g.x1) for g in grids if any(g.contains(Line((w,), line.page)) for w in line.words)]
    cuts = gaps(line)
    ends = [i for i, _ in cuts[1:]]
    for (start, reach), end in zip(cuts, ends):
        if is_value_cell(line.words[start:end]):
            spans.append((reach, line.words[start].x0))
    if cuts and is_value_cell(line.words[cuts[-1][0] :]) and is_row_label(line.words[: cuts[-1][0]]):
        spans.append((cuts[-1][1], line.words[cuts[-1][0]].x0))
    return spans


def is_row_label(words: Sequence[Word]) -> bool:
    """Words that name an area or a total: with one value at the line's end they are a full-width table
    row ('4 Ledning och delegering … 52', 'Summa … 356'), whose gap no gutter beside the table cuts."""
    label = " ".join(w.text for w in words).strip(" .:")
    return bool(TOTAL_LABEL.match(fold(label))) or best_area(label, None) is not None


def cuts_table(line: Line, x: float, grids: Sequence[Grid]) -> bool:
    return any(a < x < b for a, b in table_spans(line, grids))


def find_gutter(lines: list[Line], width: float, grids: Sequence[Grid] = ()) -> float | None:
    """An x where a run of consecutive lines has text on both sides, no word across and no table row cut
    (`table_spans`), else None.

    Candidate x are every 2 pt across GUTTER_BAND; the first with the longest run wins. A line ends a
    run when a word lies across x (`crosses`) or x cuts a table row of it (`cuts_table`), and extends
    it when words with three letters in a row lie on both sides (left: centre < x, as `split_line`
    splits). A full-width table is not split: its right-hand side is numbers, and a gutter needs
    words on both sides. Computed for all candidates at once (numpy), since this runs on every page.
    """
    lo, hi = width * GUTTER_BAND[0], width * GUTTER_BAND[1]
    candidates = []
    x = lo
    while x <= hi:
        candidates.append(x)
        x += 2.0
    if not candidates or len(lines) < MIN_COLUMN_LINES:
        return None
    xs = np.array(candidates)
    run = np.zeros(len(xs), dtype=int)
    longest = np.zeros(len(xs), dtype=int)
    for line in lines:
        blocked = np.zeros(len(xs), dtype=bool)
        for w in line.words:
            start = np.searchsorted(xs, w.x0 - GUTTER_WIDTH / 2, side="right")
            stop = np.searchsorted(xs, w.x1 + GUTTER_WIDTH / 2, side="left")
            blocked[start:stop] = True
        for a, b in table_spans(line, grids):
            blocked[np.searchsorted(xs, a, side="right") : np.searchsorted(xs, b, side="left")] = True
        centres = [(w.x0 + w.x1) / 2 for w in line.words if ALPHA.search(w.text)]
        both_sides = (xs > min(centres)) & (xs <= max(centres)) if centres else np.zeros(len(xs), dtype=bool)
        run = np.where(blocked, 0, run + both_sides)
        np.maximum(longest, run, out=longest)
    best = int(np.argmax(longest))
    return candidates[best] if longest[best] >= MIN_COLUMN_LINES else None


def order_columns(lines: list[Line], width: float, grids: Sequence[Grid] = ()) -> list[Line]:
    """Reading order: where a gutter divides a run of lines, the left block before the right.

    Lines crossing the gutter (headings, full-width paragraphs, table rows it would cut) end a block
    and stay in place.
    """
    x = find_gutter(lines, width, grids)
    if x is None:
        return lines
    ordered: list[Line] = []
    left_block: list[Line] = []
    right_block: list[Line] = []

    def flush() -> None:
        ordered.extend(left_block + right_block)
        left_block.clear()
        right_block.clear()

    for line in lines:
        if crosses(line, x) or cuts_table(line, x, grids):
            flush()
            ordered.append(line)
            continue
        left, right = split_line(line, x)
        if left:
            left_block.append(left)
        if right:
            right_block.append(right)
    flush()
    return ordered


def build_page(reading: PageReading, lines: list[Line], running: set[str]) -> Page:
    """A page from its reading's lines (`words_to_lines`): running headers and footers set aside, columns ordered."""
    height = reading.height
    kept = body_lines(lines, height, running)
    margin = [l for l in lines if is_margin_noise(l, height, running)]
    ordered = order_columns(kept, reading.width, reading.grids)
    return Page(
        reading.number, reading.width, height, ordered, margin, reading.text_source, reading.segments, reading.grids
    )


def build_document(
    readings: list[PageReading], n_pages: int | None = None, info: dict | None = None, file_name: str = ""
) -> Document:
    """Page model of a document from each page's reading; its text_source is "ocr" when a page's is."""
    lines = [words_to_lines(reading.words, reading.number) for reading in readings]
    running = running_signatures([(page_lines, reading.height) for page_lines, reading in zip(lines, readings)])
    built = [build_page(reading, page_lines, running) for page_lines, reading in zip(lines, readings)]
    text_source = "ocr" if any(reading.text_source == "ocr" for reading in readings) else "pdf"
    return Document(built, n_pages if n_pages is not None else len(readings), info or {}, text_source, file_name)
