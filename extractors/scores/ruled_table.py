"""Ruled score tables: the cells their rules draw (camelot's lattice beside result_table's stream).

The reader found the grids (pipeline.reader.grids, pdfplumber's table finder, lines strategy) and put them
into the page model. A cell's box says which column a number is in, whatever the alignment of the
number and of its header inside their cells, and it holds a wrapped header ("Bromma" / "(Stockholms
stad)" / "2006") or a wrapped label together. Rows are area rows (a label matching an area, or the
bare area number "1" … "8" of peer tables), the total row, header rows above them; the columns that
hold values in most rows are value columns, whose headers say whose numbers they are
(extractors.scores.columns). Reading the table is result_table's (`read_table`), so roles, not
assessed marks and checks are decided once for both strategies. Where the text-line strategy also
reads the table, the two must agree, or a `strategies_disagree` check says where they differ. A grid
with the areas as columns and the evaluations as rows is read turned round (transposed.py).
"""

from __future__ import annotations

import re

from ..frameworks import best_area
from ..page import Cell as GridCell
from ..page import Grid, Line, Page, Word
from ..records import Check, ScoreObservation
from ..text import fold, normalise_space
from .base import Context, ScoreStrategy
from .contents import contents_table
from .result_table import (
    HEADER_LINES,
    Table,
    find_caption,
    is_chart,
    mark_continuations,
    read_headers,
    read_table,
    too_small,
)
from .transposed import grid_transposed, to_table
from .table_rows import AREA_NUMBER, TOTAL_LABEL, Cell, Row, attach_tails, group_rows, is_value_word, words_to_cells

#: A line directly above the grid belongs to its header when the gap to the next line down is at
#: most this many line heights (a caption paragraph is set off by more, or is prose: result_table.is_prose).
HEADER_LINE_GAP = 1.0
#: Values a grid column needs to be a value column: one part of a table broken by a page may hold
#: a single row (result_table.too_small decides whether the table is one).
MIN_GRID_VALUES = 1
YEAR = re.compile(r"^(19|20)\d\d$")


class RuledTable(ScoreStrategy[tuple[Table, Grid, list[Line]]]):
    name = "ruled_table"

    def find_candidates(self, ctx: Context) -> list[tuple[Table, Grid, list[Line]]]:
        out = []
        for page in ctx.doc.pages:
            for grid in page.grids:
                table, used = grid_to_table(grid, page, ctx.framework, ctx.unscored_area(page.number))
                turned = grid_transposed(grid, page) if table is None else None
                table = to_table(turned) if turned is not None else table
                if table is not None:
                    out.append((table, grid, used))
        self.tables = mark_continuations([table for table, _, _ in out])
        return out

    def reject(self, candidate: tuple[Table, Grid, list[Line]], ctx: Context) -> bool:
        table = candidate[0]
        return too_small(table, self.tables) or is_chart(table) or contents_table(ctx.doc, table.page, table.rows)

    def read(self, candidate: tuple[Table, Grid, list[Line]], ctx: Context) -> list[ScoreObservation]:
        table, grid, used = candidate
        page = ctx.doc.page(table.page)
        inside = [l for l in page.lines if grid.contains(l) and not ctx.is_consumed(l)]
        disagreement = compare_with_text_lines(table, used + inside, ctx.framework, ctx.unscored_area(table.page))
        if disagreement:
            ctx.checks.append(
                Check(
                    "strategies_disagree",
                    "warning",
                    f"{table.caption or 'table'} p. {table.page}: the table's cells and its text lines "
                    f"read differently ({disagreement}); the cells were kept",
                    table.page,
                )
            )
        ctx.consume(used + inside)
        return read_table(table, ctx, self.name)


def grid_to_table(grid: Grid, page: Page, framework: str | None, unscored: int) -> tuple[Table | None, list[Line]]:
    """The score table a grid holds (None for a grid that is not one) and the header lines above it;
    `unscored` is the area a district's row may leave empty (base.unscored_area)."""
    width = max(len(r) for r in grid.rows)
    rows = [r + (None,) * (width - len(r)) for r in grid.rows]
    parsed = [[cell_values(c) for c in r] for r in rows]
    value_columns = [c for c in range(1, width) if is_value_column(rows, parsed, c)]
    if not value_columns:
        return None, []
    first = value_columns[0]
    centres = [column_centre(rows, c) for c in value_columns]
    table_rows: list[Row] = []
    first_row = None
    for i, (row, cells) in enumerate(zip(rows, parsed)):
        label = normalise_space(" ".join(c.text.replace("\n", " ") for c in row[:first] if c is not None))
        values = [cell for c, x in zip(value_columns, centres) for cell in relocated(cells[c], x)]
        area = row_area(label, framework)
        if area is False or (not values and area != unscored):
            continue
        first_row = i if first_row is None else first_row
        table_rows.append(Row(label_line(row[:first], label, grid.page), label, area, values))
    if first_row is None:
        return None, []
    table = Table(grid.page, table_rows, columns=centres)
    headers = [header_of(rows[:first_row], c, x) for c, x in zip(value_columns, centres)]
    used: list[Line] = []
    table.headers_in_cells = any(headers)
    if not any(headers):
        used = header_lines_above(grid, page, table)
        headers = table.headers or headers
    table.headers = headers
    top_index = next((i for i, l in enumerate(page.lines) if l in used or l.top >= grid.top - 1), len(page.lines))
    table.caption = find_caption(page.lines, top_index)
    return table, used


def is_value_column(rows: list[tuple[GridCell | None, ...]], parsed: list[list[list[Cell]]], column: int) -> bool:
    """A column of values: MIN_GRID_VALUES of them, and more values than cells of text below its
    first value (a comment column that mentions a number is not one)."""
    first = next((i for i, p in enumerate(parsed) if p[column]), None)
    if first is None:
        return False
    values = sum(bool(p[column]) for p in parsed)
    texts = sum(
        1
        for r, p in zip(rows[first:], parsed[first:])
        if r[column] is not None and r[column].text.strip() and not p[column]
    )
    return values >= MIN_GRID_VALUES and values > texts


def cell_values(cell: GridCell | None) -> list[Cell]:
    """The values a cell prints ("63,5", "0 *)", "73 (63)", "–"); [] for text or an empty cell."""
    if cell is None or not cell.text.strip():
        return []
    tokens = cell.text.split()
    if any(YEAR.match(t) for t in tokens) or not all(is_value_word(t) for t in tokens):
        return []
    x = (cell.x0 + cell.x1) / 2
    return words_to_cells(tuple(Word(t, x, x, cell.top, cell.bottom) for t in tokens))


def relocated(cells: list[Cell], x: float) -> list[Cell]:
    """A cell's first value, placed at its column's centre (the column, not the alignment, decides)."""
    if not cells:
        return []
    cell = cells[0]
    cell.x = x
    return [cell]


def column_centre(rows: list[tuple[GridCell | None, ...]], column: int) -> float:
    cells = [r[column] for r in rows if r[column] is not None]
    return sum((c.x0 + c.x1) / 2 for c in cells) / len(cells)


def row_area(label: str, framework: str | None) -> int | None | bool:
    """The area a row label names, None for the total row, False for any other row."""
    folded = fold(label.strip(" .:"))
    if TOTAL_LABEL.match(folded):
        return None
    number = AREA_NUMBER.match(folded)
    if number:
        return int(number.group(1))
    match = best_area(label, framework, allow_prefix=True) if label else None
    return match.area if match is not None else False


def label_line(cells: tuple[GridCell | None, ...], label: str, page: int) -> Line:
    """A stand-in text line for a row's label cells (rows carry the line they were read from)."""
    boxes = [c for c in cells if c is not None] or [GridCell(0, 0, 0, 0)]
    return Line((Word(label, boxes[0].x0, boxes[-1].x1, boxes[0].top, boxes[0].bottom),), page)


def header_of(header_rows: list[tuple[GridCell | None, ...]], column: int, centre: float) -> str:
    """A value column's header: from each header row, the cell over the column's centre (a merged
    cell spanning several columns, "Borås Stad" over "2015" and "2019", heads each of them)."""
    parts: list[str] = []
    for row in header_rows:
        cell = next((c for c in row[column::-1] if c is not None), None)
        if cell is not None and cell.x0 <= centre <= cell.x1:
            parts.extend(cell.lines)
    return "\n".join(parts)


def header_lines_above(grid: Grid, page: Page, table: Table) -> list[Line]:
    """Headers printed above a grid whose rules leave the header row out: the lines just above it,
    each close to the next, read as result_table reads headers (by column order or position; a
    caption's prose ends them)."""
    above = [l for l in page.lines if l.bottom <= grid.top + 1 and l.x1 >= grid.x0 and l.x0 <= grid.x1]
    taken: list[Line] = []
    lower = grid.top
    for line in reversed(above[-HEADER_LINES:]):
        if lower - line.bottom > HEADER_LINE_GAP * (line.bottom - line.top):
            break
        taken.insert(0, line)
        lower = line.top
    if not taken:
        return []
    read_headers(taken + [Line((Word("", grid.x0, grid.x0, grid.top, grid.top),), grid.page)], len(taken), table)
    return table.header_lines


def compare_with_text_lines(table: Table, lines: list[Line], framework: str | None, unscored: int) -> str:
    """Where the text-line strategy reads the same table's rows differently ("" when it agrees or
    reads none of them)."""
    lines = sorted(lines, key=lambda l: l.top)
    text_rows: dict[int | None, list[float | None]] = {}
    for group in group_rows(lines, framework, unscored):
        attach_tails(lines, group)
        for _, row in group:
            text_rows.setdefault(row.area, [c.value for c in row.cells])
    diffs = []
    for row in table.rows:
        theirs = text_rows.get(row.area)
        ours = [c.value for c in row.cells]
        if theirs is not None and theirs != ours:
            what = f"area {row.area}" if row.area is not None else "total"
            diffs.append(f"{what}: cells {fmt_values(ours)}, text {fmt_values(theirs)}")
    return "; ".join(diffs)


def fmt_values(values: list[float | None]) -> str:
    return " | ".join("–" if v is None else f"{v:g}".replace(".", ",") for v in values)
