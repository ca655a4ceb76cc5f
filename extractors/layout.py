"""Layout: running header/footer removal and side-by-side text blocks read column by column.

Running headers and footers ("Sveriges Kommuner och Landsting 2010-06-09 5 (29)") otherwise land
in the middle of lists continuing over a page break; two-column pages and cover pages laid out in
text boxes otherwise interleave when read across the page.
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np

from .page import Document, Line, Page, PageReading, split_line, words_to_lines

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


def crosses(line: Line, x: float) -> bool:
    """A word of the line lies across (or within half a gutter of) x."""
    return any(w.x0 - GUTTER_WIDTH / 2 < x < w.x1 + GUTTER_WIDTH / 2 for w in line.words)


def gutter_splits(line: Line) -> list[tuple[Line, Line]]:
    """Every (left, right) pair of parts `order_columns` could split the line into: at a gap between
    its words at least GUTTER_WIDTH wide (where `crosses` finds no word), wherever on the page."""
    splits = []
    reach = float("-inf")                  # right edge of the words so far (words are sorted by x0)
    words = line.words
    for i in range(1, len(words)):
        reach = max(reach, words[i - 1].x1)
        if words[i].x0 - reach >= GUTTER_WIDTH:
            splits.append((Line(words[:i], line.page), Line(words[i:], line.page)))
    return splits


def find_gutter(lines: list[Line], width: float) -> float | None:
    """An x where a run of consecutive lines has text on both sides and no word across, else None.

    Candidate x are every 2 pt across GUTTER_BAND; the first with the longest run wins. A line ends a
    run when a word lies across x (`crosses`) and extends it when words with three letters in a row
    lie on both sides (left: centre < x, as `split_line` splits). Tables are not split: their
    right-hand side is numbers, and a gutter needs words on both sides. Computed for all
    candidates at once (numpy), since this runs on every page.
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
        centres = [(w.x0 + w.x1) / 2 for w in line.words if ALPHA.search(w.text)]
        both_sides = (xs > min(centres)) & (xs <= max(centres)) if centres else np.zeros(len(xs), dtype=bool)
        run = np.where(blocked, 0, run + both_sides)
        np.maximum(longest, run, out=longest)
    best = int(np.argmax(longest))
    return candidates[best] if longest[best] >= MIN_COLUMN_LINES else None


def order_columns(lines: list[Line], width: float) -> list[Line]:
    """Reading order: where a gutter divides a run of lines, the left block before the right.

    Lines crossing the gutter (headings, full-width paragraphs) end a block and stay in place.
    """
    x = find_gutter(lines, width)
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
        if crosses(line, x):
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
    kept = [l for l in lines if not is_margin_noise(l, height, running)]
    margin = [l for l in lines if is_margin_noise(l, height, running)]
    return Page(reading.number, reading.width, height, order_columns(kept, reading.width), margin, reading.text_source,
                reading.segments, reading.grids)


def build_document(readings: list[PageReading], n_pages: int | None = None, info: dict | None = None,
                   file_name: str = "") -> Document:
    """Page model of a document from each page's reading; its text_source is "ocr" when a page's is."""
    lines = [words_to_lines(reading.words, reading.number) for reading in readings]
    running = running_signatures([(page_lines, reading.height) for page_lines, reading in zip(lines, readings)])
    built = [build_page(reading, page_lines, running) for page_lines, reading in zip(lines, readings)]
    text_source = "ocr" if any(reading.text_source == "ocr" for reading in readings) else "pdf"
    return Document(built, n_pages if n_pages is not None else len(readings), info or {}, text_source, file_name)
