"""Transposed score tables: the areas as columns headed "1" … "8" (and "Totalt"), the evaluations as
rows ("Lidköping 2008", "Lidköping 2011", "Lidköping 2015", "Snitt").

One parser per table form (camelot-style): this one finds the header line of area numbers and the
rows under it whose label is followed by values, from text lines (`find_transposed`) or from a
ruled grid's cells (`grid_transposed`, called by ruled_table). Either way the table is turned
round (`to_table`) into the form every other table strategy reads: an area per row, an evaluation
per column, whose row labels are the columns' headers. `read_table` then gives each evaluation its
role by the same rules as a column header (own year → primary, an earlier own year → history,
another organisation → peer, an average word → average; the scale by the year) and raises the
same checks (a label naming no one makes the table a check, not a guess).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..page import Cell as GridCell
from ..page import Grid, Line, Page, Word
from ..records import ScoreObservation
from ..text import fold, normalise_space
from .base import Context, ScoreStrategy
from .result_table import CAPTION, MIN_AREA_ROWS, Table, cluster_columns, find_caption, is_chart, nearest, read_table
from .table_rows import AREA_NUMBER, LABEL_WRAP_LINES, TOTAL_LABEL, Cell, Row, is_value_word, words_to_cells

#: Header words closer than this (pt) name one column ("Område 1"); wider gaps part the columns.
HEADER_WORD_GAP = 6.0
#: Lines a caption printed below the table may take ("Figur 2. …" and its wrapped sentence).
CAPTION_BELOW_LINES = 3
YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass
class Transposed:
    page: int
    heads: list[tuple[int | None, str, Line]]  # per column: area (None: the total), printed header, its line
    evaluations: list[tuple[str, list[Cell | None]]]  # per row: printed label, a cell per column
    lines: list[Line]  # the printed lines of the table, consumed when read ([] for a grid: ruled_table's)
    caption: str | None = None
    in_cells: bool = False  # labels read from ruled cells (never a caption's prose)


def head_area(text: str) -> int | None | bool:
    """The area a column header names ("1", "2.", "Område 3"), None for the total, False for other text."""
    folded = fold(normalise_space(text)).strip(" .:")
    number = AREA_NUMBER.match(folded)
    if number:
        return int(number.group(1))
    return None if TOTAL_LABEL.match(folded) else False


def area_heads(texts: list[str]) -> list[int | None] | None:
    """The areas a header row's cells name, None for the total: MIN_AREA_ROWS area numbers or more
    in increasing order ("1" … "8", "Område 1"), then at most one total ("Totalt", "Summa"); None for
    any other row."""
    areas: list[int | None] = []
    for text in texts:
        area = head_area(text)
        if area is False or (areas and areas[-1] is None) or (area is None and not areas):
            return None
        if area is not None and areas and area <= areas[-1]:
            return None
        areas.append(area)
    return areas if sum(a is not None for a in areas) >= MIN_AREA_ROWS else None


def header_phrases(line: Line) -> tuple[list[list[Word]], list[int | None]] | None:
    """A line of area numbers heading columns, after an optional label column header ("Område",
    "Utvärdering"): (the phrases heading the value columns, their areas), else None."""
    phrases: list[list[Word]] = []
    for w in line.words:
        if phrases and w.x0 - phrases[-1][-1].x1 <= HEADER_WORD_GAP:
            phrases[-1].append(w)
        else:
            phrases.append([w])
    texts = [" ".join(w.text for w in p) for p in phrases]
    skip = int(bool(texts) and head_area(texts[0]) is False)  # the label column's own header
    areas = area_heads(texts[skip:])
    return (phrases[skip:], areas) if areas is not None else None


def split_evaluation(line: Line) -> tuple[str, list[Cell]] | None:
    """A row of a transposed table: a label naming an evaluation ("Lidköping 2011", "Snitt", "2008";
    a year is part of it), then only values, MIN_AREA_ROWS at least; None for any other line."""
    words = line.words
    start = next((i for i, w in enumerate(words) if not YEAR.match(w.text) and is_value_word(w.text)), len(words))
    if start == 0 or start == len(words) or not all(is_value_word(w.text) for w in words[start:]):
        return None
    label = " ".join(w.text for w in words[:start])
    cells = words_to_cells(words[start:])
    return (label, cells) if len(cells) >= MIN_AREA_ROWS else None


def find_transposed(lines: list[Line]) -> list[Transposed]:
    """Transposed tables among a page's lines: a header line of area numbers and the rows right
    under it. A row with a value per column maps by order (a centred header over right-aligned
    numbers then does not matter), else each value goes to the column its printed extent clusters
    with (`cluster_columns`), or, with clusters and columns unequally many, the nearest header."""
    out = []
    i = 0
    while i < len(lines):
        head = header_phrases(lines[i])
        rows, taken = evaluation_rows(lines, i + 1, head[0][0][0].x0) if head is not None else ([], 0)
        if head is None or not rows:
            i += 1
            continue
        phrases, areas = head
        header = lines[i]
        heads = [(a, " ".join(w.text for w in p), Line(tuple(p), header.page)) for a, p in zip(areas, phrases)]
        centres = [(p[0].x0 + p[-1].x1) / 2 for p in phrases]
        clusters = cluster_columns([Row(header, label, 0, cells) for label, cells in rows])
        evaluations = [(label, place(cells, centres, clusters)) for label, cells in rows]
        caption = caption_below(lines, i + 1 + taken) or find_caption(lines, i)
        out.append(Transposed(header.page, heads, evaluations, lines[i : i + 1 + taken], caption))
        i += 1 + taken
    return out


def evaluation_rows(lines: list[Line], start: int, values_x0: float) -> tuple[list[tuple[str, list[Cell]]], int]:
    """The rows from line `start` on (`split_evaluation`) and how many lines they take. A label Word
    wrapped in its cell ("Genomsnitt alla" / "kommuner") goes on in lines without values that end left
    of the first column's header (`values_x0`), up to LABEL_WRAP_LINES, between two rows."""
    rows: list[tuple[str, list[Cell]]] = []
    taken = 0
    while start + taken < len(lines):
        row = split_evaluation(lines[start + taken])
        if row is not None:
            rows.append(row)
            taken += 1
            continue
        tail = list(lines[start + taken : start + taken + LABEL_WRAP_LINES])
        wrap = 0
        while wrap < len(tail) and tail[wrap].x1 < values_x0 and split_evaluation(tail[wrap]) is None:
            wrap += 1
        if (
            not rows
            or wrap == 0
            or start + taken + wrap >= len(lines)
            or split_evaluation(lines[start + taken + wrap]) is None
        ):
            break
        label, cells = rows[-1]
        rows[-1] = (normalise_space(" ".join([label] + [l.text for l in tail[:wrap]])), cells)
        taken += wrap
    return rows, taken


def place(cells: list[Cell], centres: list[float], clusters: list[float]) -> list[Cell | None]:
    """A row's cells in the header's columns (see find_transposed)."""
    if len(cells) == len(centres):
        return list(cells)
    out: list[Cell | None] = [None] * len(centres)
    for cell in cells:
        column = nearest(clusters, cell.x) if len(clusters) == len(centres) else nearest(centres, cell.x)
        out[column] = out[column] or cell
    return out


def caption_below(lines: list[Line], after: int) -> str | None:
    """A caption printed under the table ("Figur 2. …"), with the lines its sentence wraps onto."""
    if after >= len(lines) or not CAPTION.match(lines[after].text):
        return None
    taken = [lines[after]]
    for line in lines[after + 1 : after + CAPTION_BELOW_LINES]:
        if taken[-1].text.rstrip().endswith(".") or abs(line.size - taken[-1].size) > 0.5:
            break
        taken.append(line)
    return normalise_space(" ".join(l.text for l in taken))


def grid_transposed(grid: Grid, page: Page) -> Transposed | None:
    """A ruled grid holding a transposed table: a row whose cells after the first name areas in order
    (`area_heads`), and under it rows whose first cell is a label and whose other cells values or
    empty; None for any other grid."""
    width = max(len(r) for r in grid.rows)
    rows = [r + (None,) * (width - len(r)) for r in grid.rows]
    for n, row in enumerate(rows):
        areas = area_heads([c.text for c in row[1:] if c is not None and c.text.strip()])
        if areas is None or len(areas) != sum(c is not None for c in row[1:]):
            continue
        columns = [c for c in row[1:] if c is not None]
        evaluations = []
        for below in rows[n + 1 :]:
            label = normalise_space(below[0].text) if below[0] is not None else ""
            cells = [grid_cell(below, column) for column in columns]
            if not label or not any(cells):
                continue
            evaluations.append((label, cells))
        if not evaluations:
            return None
        heads = [(a, normalise_space(c.text), cell_line(c, grid.page)) for a, c in zip(areas, columns)]
        above = next((i for i, l in enumerate(page.lines) if l.top >= grid.top - 1), len(page.lines))
        below = next((i for i, l in enumerate(page.lines) if l.top > grid.bottom), len(page.lines))
        caption = caption_below(page.lines, below) or find_caption(page.lines, above)
        return Transposed(grid.page, heads, evaluations, [], caption, in_cells=True)  # ruled_table consumes
    return None


def grid_cell(row: tuple[GridCell | None, ...], column: GridCell) -> Cell | None:
    """The value in a grid row under a header cell (the row's cell whose box holds the header's centre)."""
    centre = (column.x0 + column.x1) / 2
    cell = next((c for c in row if c is not None and c.x0 <= centre <= c.x1), None)
    if cell is None or not cell.text.strip() or not all(is_value_word(t) for t in cell.text.split()):
        return None
    x = (cell.x0 + cell.x1) / 2
    found = words_to_cells(tuple(Word(t, x, x, cell.top, cell.bottom) for t in cell.text.split()))
    return found[0] if found else None


def cell_line(cell: GridCell, page: int) -> Line:
    return Line((Word(normalise_space(cell.text), cell.x0, cell.x1, cell.top, cell.bottom),), page)


def to_table(t: Transposed) -> Table:
    """The table turned round: a row per area (the total last), a column per evaluation headed by its
    label, each cell placed at its column's index."""
    rows = []
    for j, (area, text, line) in enumerate(t.heads):
        cells = []
        for k, (_, values) in enumerate(t.evaluations):
            cell = values[j]
            if cell is not None:
                cells.append(Cell(float(k), cell.value, cell.average, cell.marked, cell.not_assessed))
        rows.append(Row(line, text, area, cells))
    headers = [label for label, _ in t.evaluations]
    columns = [float(k) for k in range(len(t.evaluations))]
    return Table(t.page, rows, headers, columns, t.caption, headers_in_cells=t.in_cells)


class TransposedTable(ScoreStrategy[Transposed]):
    name = "transposed_table"

    def find_candidates(self, ctx: Context) -> list[Transposed]:
        out = []
        for page in ctx.doc.pages:
            out += find_transposed([l for l in page.lines if not ctx.is_consumed(l)])
        return out

    def reject(self, candidate: Transposed, ctx: Context) -> bool:
        return is_chart(to_table(candidate))

    def read(self, candidate: Transposed, ctx: Context) -> list[ScoreObservation]:
        ctx.consume(candidate.lines)
        return read_table(to_table(candidate), ctx, self.name)
