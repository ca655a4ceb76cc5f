"""Page models built from text for extractor unit tests: segments placed at given x positions.

A row is a list of (text, x0) segments; each segment's words are laid out left to right at 5.5 pt
per character with 3 pt spaces, so gaps between segments look like table cells.
"""

from __future__ import annotations

from extractors.layout import build_document
from extractors.page import Document, PageReading, Word

CHAR = 5.5
SPACE = 3.0
LINE_HEIGHT = 14.0


def words_of(segments: list[tuple[str, float]], top: float, size: float = 11.0, bold: bool = False) -> list[Word]:
    words = []
    for text, x in segments:
        for token in text.split():
            width = CHAR * len(token)
            words.append(Word(token, x, x + width, top, top + size, size, bold))
            x += width + SPACE
    return words


def page_words(rows: list, start_top: float = 80.0) -> list[Word]:
    """rows: str (one segment at x=72) or list of (text, x) segments, or (segments, {size, bold})."""
    words: list[Word] = []
    top = start_top
    for row in rows:
        style = {}
        if isinstance(row, tuple) and len(row) == 2 and isinstance(row[1], dict):
            row, style = row
        segments = [(row, 72.0)] if isinstance(row, str) else row
        words += words_of(segments, top, **style)
        top += max(LINE_HEIGHT, style.get("size", 0) + 4)
    return words


def document(*pages: list, width: float = 595.0, height: float = 842.0, file_name: str = "test.pdf") -> Document:
    """A Document from page row lists (see page_words)."""
    return build_document(
        [PageReading(i, width, height, page_words(rows)) for i, rows in enumerate(pages, start=1)], file_name=file_name
    )
