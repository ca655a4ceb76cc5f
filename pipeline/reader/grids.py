"""Ruled tables of a page: its ruling lines and the cell grids pdfplumber's table finder draws from them.

Reports are Word documents and their tables carry ruling lines; the cells those lines draw give
each value its column whatever the alignment of header and number inside the cell, and hold a
header wrapped over several lines together. This is the reader's half of the ruled-table strategy
(extractors.scores.ruled_table reads the grids): it runs only on pages that can carry scores
(extractors.scores.pages.score_pages, the test triage gives pdfplumber its pages by, decided from
the document's words alone, so a run with triage finds the same grids as one without), and takes
only the page's paths from pdfminer's layout (the characters are not turned into pdfplumber
objects, which would cost as much again as interpreting the page).
Cell text comes from the page's words (the same words the page model is built from).
"""

from __future__ import annotations

from dataclasses import replace

import pdfplumber
from pdfminer.layout import LTCurve, LTComponent, LTContainer, LTTextContainer
from pdfplumber.table import TableFinder
from pdfplumber.utils import obj_to_edges

from extractors.page import Cell, Grid, PageReading, Segment, Word, words_to_lines

#: pdfplumber's lines strategy on both axes (camelot's lattice): cells only where rules draw them.
#: Word and LibreOffice draw a border as a thin filled rectangle (two edges ~0.5 pt apart) or as a
#: line; snapping within 3 pt makes one rule of them, joining within 3 pt mends a rule broken at a
#: cell corner, and rules shorter than 3 pt (corner ticks, underlines of single characters) are
#: not table borders. These are pdfplumber's defaults, named here because the reader depends on them.
TABLE_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "edge_min_length": 3,
    "intersection_tolerance": 3,
}
#: A grid needs this many rows and columns to be a table (a framed box or a rule pair is not one).
MIN_GRID_ROWS = 2
MIN_GRID_COLUMNS = 2


class EdgePage:
    """What pdfplumber's TableFinder reads of a page with the lines strategy: its edges and bbox."""

    def __init__(self, edges: list[dict], bbox: tuple[float, float, float, float]):
        self.edges = edges
        self.bbox = bbox


def page_edges(page: pdfplumber.page.Page) -> list[dict]:
    """pdfplumber's `page.edges`, made from the page's paths only (rects, lines and curves)."""
    out: list[dict] = []
    for obj in layout_paths(page.layout._objs):
        out.extend(obj_to_edges(page.process_object(obj)))
    return out


def layout_paths(objects: list[LTComponent]):
    for obj in objects:
        if isinstance(obj, LTCurve):  # LTLine and LTRect are curves too
            yield obj
        elif isinstance(obj, LTContainer) and not isinstance(obj, LTTextContainer):
            yield from layout_paths(obj._objs)


def with_grids(reading: PageReading, edges: list[dict], bbox: tuple[float, float, float, float]) -> PageReading:
    """The reading of a page that can carry scores with its ruling segments and ruled tables, drawn
    from the page's edges (`page_edges`) and bounding box."""
    segments, grids = read_grids(edges, bbox, reading.number, reading.words)
    return replace(reading, segments=segments, grids=grids)


def read_grids(
    edges: list[dict], bbox: tuple[float, float, float, float], number: int, words: list[Word]
) -> tuple[list[Segment], list[Grid]]:
    """Ruling segments and ruled tables of a page with these edges and words."""
    if not edges:
        return [], []
    finder = TableFinder(EdgePage(edges, bbox), TABLE_SETTINGS)
    segments = [Segment(float(e["x0"]), float(e["x1"]), float(e["top"]), float(e["bottom"])) for e in finder.edges]
    grids = []
    for table in finder.tables:
        rows = tuple(tuple(cell_of(bbox, words, number) if bbox else None for bbox in row.cells) for row in table.rows)
        if len(rows) >= MIN_GRID_ROWS and max(len(r) for r in rows) >= MIN_GRID_COLUMNS:
            grids.append(Grid(number, rows))
    return segments, grids


def cell_of(bbox: tuple[float, float, float, float], words: list[Word], number: int) -> Cell:
    """A cell with the words whose centre lies in its box, line by line."""
    x0, top, x1, bottom = (float(v) for v in bbox)
    inside = [w for w in words if x0 <= (w.x0 + w.x1) / 2 < x1 and top <= w.middle < bottom]
    text = "\n".join(line.text for line in words_to_lines(inside, number))
    return Cell(x0, x1, top, bottom, text)
