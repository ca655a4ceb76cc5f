"""The page model: words and lines with coordinates, built once per document.

Every extractor reads this model, never the PDF, so the same extractors serve text PDFs and OCR
output alike. Coordinates follow pdfplumber: points, origin top-left, `top` grows downwards.
Building the model (`extractors.layout.build_document`, from each page's `PageReading`) groups
words into lines, drops running headers and footers and orders side-by-side text blocks column by
column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator

#: Words whose vertical centres differ by less than this fraction of their height share a line.
#: Word exports place table cells of one row within ~1pt; 0.5 keeps superscripts on their line.
LINE_TOLERANCE = 0.5


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 0.0
    bold: bool = False

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]
    page: int

    @cached_property
    def text(self) -> str:  # asked for again and again by every extractor
        return " ".join(w.text for w in self.words)

    # the words are frozen, so a line's box is computed once (layout and every strategy ask it)
    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @cached_property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@dataclass(frozen=True)
class Segment:
    """A ruling line of the page (a table border), from a PDF line or a thin rectangle's edge."""

    x0: float
    x1: float
    top: float
    bottom: float

    @property
    def orientation(self) -> str:  # "h" or "v"
        return "h" if self.x1 - self.x0 >= self.bottom - self.top else "v"


@dataclass(frozen=True)
class Cell:
    """One cell of a ruled table: its box and its text, wrapped lines joined by newlines."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str = ""

    @property
    def lines(self) -> list[str]:
        return [t for t in self.text.split("\n") if t.strip()]


@dataclass(frozen=True)
class Grid:
    """A ruled table as its rules draw it: rows × columns, None where a merged cell spans the slot."""

    page: int
    rows: tuple[tuple[Cell | None, ...], ...]

    @property
    def x0(self) -> float:
        return min(c.x0 for r in self.rows for c in r if c is not None)

    @property
    def x1(self) -> float:
        return max(c.x1 for r in self.rows for c in r if c is not None)

    @property
    def top(self) -> float:
        return min(c.top for r in self.rows for c in r if c is not None)

    @property
    def bottom(self) -> float:
        return max(c.bottom for r in self.rows for c in r if c is not None)

    def contains(self, line: Line) -> bool:
        """Whether a text line lies inside the table's box (its centre does)."""
        x, y = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
        return self.x0 <= x <= self.x1 and self.top <= y <= self.bottom


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    lines: list[Line]  # reading order, running headers/footers removed
    margin_lines: list[Line] = field(default_factory=list)  # what was removed, for debugging
    text_source: str = "pdf"  # pdf or ocr
    segments: list[Segment] = field(default_factory=list)  # ruling lines (pages that can carry scores)
    grids: list[Grid] = field(default_factory=list)  # ruled tables found from those lines

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def is_landscape(self) -> bool:
        return self.width > self.height


@dataclass
class Document:
    pages: list[Page]  # the modelled pages (triage may skip some)
    n_pages: int  # pages in the file
    info: dict = field(default_factory=dict)  # PDF metadata (Title, Author, …)
    text_source: str = "pdf"
    file_name: str = ""

    def lines(self) -> Iterator[Line]:
        for page in self.pages:
            yield from page.lines

    def page(self, number: int) -> Page | None:
        return next((p for p in self.pages if p.number == number), None)

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.pages)


@dataclass
class PageReading:
    """What a reader (pdfplumber, PDFium or OCR) found on one page: the input of
    extractors.layout.build_document, which builds the model of every page once from these.

    Readers give words; pdfplumber also gives what its table finder sees on a page that may hold
    scores (its ruling segments and cell grids), which build_document hands on to the Page.
    """

    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    text_source: str = "pdf"  # pdf, or ocr when the words are tesseract's
    segments: list[Segment] = field(default_factory=list)  # pdfplumber's ruling lines (pipeline.reader.grids)
    grids: list[Grid] = field(default_factory=list)  # the ruled tables drawn by those lines


def words_to_lines(words: Iterable[Word], page: int) -> list[Line]:
    """Group words into lines by vertical overlap, each line sorted left to right, lines top down.

    A word joins the line above when its middle lies within LINE_TOLERANCE of the tallest height
    from the mean middle of the line's words (kept as running sums: this runs on every word).
    """
    lines: list[list[Word]] = []
    last: list[Word] | None = None
    total = tallest = 0.0
    for word in sorted(words, key=lambda w: (w.middle, w.x0)):
        middle, height = word.middle, word.height
        if last is not None and abs(middle - total / len(last)) < LINE_TOLERANCE * max(tallest, height, 1.0):
            last.append(word)
            total += middle
            tallest = max(tallest, height)
            continue
        last = [word]
        lines.append(last)
        total, tallest = middle, height
    return [Line(tuple(sorted(ws, key=lambda w: w.x0)), page) for ws in lines]


def split_line(line: Line, x: float) -> tuple[Line | None, Line | None]:
    """The parts of a line left and right of x (by word centre)."""
    left = tuple(w for w in line.words if (w.x0 + w.x1) / 2 < x)
    right = tuple(w for w in line.words if (w.x0 + w.x1) / 2 >= x)
    return (Line(left, line.page) if left else None, Line(right, line.page) if right else None)
