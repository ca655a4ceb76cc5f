"""Score tables read from text lines (camelot's stream): the strategy for unruled, rule-only and
tab-aligned tables and slides; ruled tables are read by their cells first (ruled_table).

Rows are read by table_rows (an area label, then values after a gap). Value columns are cells whose printed extents
overlap across the rows. Header phrases map to columns by order when a header line has one per
column (so the alignment of header and number inside their cells does not matter), else by overlap
with such a line's phrases, else by position; a caption's prose is never a header. A table broken
by a page break is read in both parts. `read_table` then decides, for both strategies, whose numbers
each column holds (extractors.scores.columns) and raises checks instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..frameworks import AREA_MAXIMUM
from ..page import Document, Line, Word
from ..records import Check, ScoreObservation
from ..text import BULLET, normalise_space, parse_score
from .base import Context, ScoreStrategy, named_unscored_area, unscored_area
from .columns import ColumnRole, column_role, settle_roles
from .contents import contents_table
from .table_rows import Cell, Row, attach_tails, group_rows, is_value_word

#: Cells whose centres are closer than this (pt) share a column.
COLUMN_GAP = 14.0
#: A caption line starts at the table's left edge (this far in at most) and runs into the value
#: columns; the label column's own header ("Område") stops before them.
PROSE_INDENT = 12.0
PROSE_WORDS = 3
#: Lines above the first row searched for column headers, and further up for a caption: a header
#: may wrap over five ("Enskede-" / "Årsta-" / "Vantör" / "2014" / "(snitt)"); a caption's prose,
#: a line with numbers or one without words over the value columns ends the search earlier.
HEADER_LINES = 6
CAPTION_LINES = 6
#: Lines a table broken by a page may leave between a part and the break: a repeated header and a
#: "Tabell 1 (forts.)" above the second part, a footnote or two below the first.
BREAK_LINES = HEADER_LINES + 1
#: Header words closer than this (pt) belong to one column heading ("Tyresö 2010").
HEADER_WORD_GAP = 6.0
#: A table needs this many area rows (TOCs and intros have none; a chart yields one or two).
MIN_AREA_ROWS = 3
#: Axis ticks of radar and bar charts.
CHART_TICKS = {float(v) for v in range(0, 101, 10)}

CAPTION = re.compile(r"^(tabell|tab\.|figur|diagram|tabell\s*\d)", re.I)


@dataclass
class Table:
    page: int
    rows: list[Row]
    headers: list[str] = field(default_factory=list)  # per column
    columns: list[float] = field(default_factory=list)  # x centres
    caption: str | None = None
    header_lines: list[Line] = field(default_factory=list)
    continued: bool = False  # one part of a table broken by a page break
    headers_in_cells: bool = False  # headers read from ruled cells (never a caption)
    lines_around: tuple[int, int] = (0, 0)  # the page's lines above the first row and below the last


def cluster_columns(rows: list[Row]) -> list[float]:
    """Column centres of the rows' cells: cells whose printed extents overlap share a column ("48 (61)"
    and a right-aligned "0 *)" below it), as do cells whose centres lie within COLUMN_GAP."""
    cells = sorted((c for r in rows for c in r.cells), key=lambda c: c.x0 if c.x0 is not None else c.x)
    clusters: list[list[Cell]] = []
    right = 0.0
    for cell in cells:
        x0 = cell.x0 if cell.x0 is not None else cell.x
        if clusters and (x0 <= right or cell.x - clusters[-1][-1].x <= COLUMN_GAP):
            clusters[-1].append(cell)
        else:
            clusters.append([cell])
            right = 0.0
        right = max(right, cell.x1 if cell.x1 is not None else cell.x)
    return [sum(c.x for c in cluster) / len(cluster) for cluster in clusters]


def nearest(columns: list[float], x: float) -> int:
    return min(range(len(columns)), key=lambda i: abs(columns[i] - x))


def phrases(words: list[Word]) -> list[list[Word]]:
    """Words of a header line grouped into phrases ("Tyresö 2010") at gaps wider than a space."""
    out: list[list[Word]] = []
    for w in words:
        if out and w.x0 - out[-1][-1].x1 <= HEADER_WORD_GAP:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def column_of_phrase(columns: list[float], phrase: list[Word]) -> int:
    """The column a header phrase names: the one whose centre lies under the phrase, else the nearest."""
    x0, x1 = phrase[0].x0, phrase[-1].x1
    inside = [i for i, c in enumerate(columns) if x0 - 2 <= c <= x1 + 2]
    if len(inside) == 1:
        return inside[0]
    return nearest(columns, (x0 + x1) / 2)


def label_right(table: Table) -> float | None:
    """Where the label column's text ends: the right edge of the widest printed label."""
    edges = [
        w.x1
        for r in table.rows
        if r.cells
        for w in r.line.words
        if (w.x0 + w.x1) / 2 < r.cells[0].x - 1 and not is_value_word(w.text)
    ]
    return max(edges) if edges else None


def is_prose(line: Line, label_x0: float, value_x0: float) -> bool:
    """A caption or list line, never a header: a list item (its bullet opens it), or words running on
    from the table's left edge or the label column into the value columns, as a sentence or an
    indented list item does (a label column header wider than the labels, "Område" over "1" … "8",
    is one word, not a run)."""
    start = max(label_x0 + PROSE_INDENT, value_x0)
    return bool(BULLET.match(line.text)) or any(
        p[0].x0 < start and p[-1].x1 > value_x0 and len(p) >= PROSE_WORDS for p in phrases(list(line.words))
    )


def assign_phrases(columns: list[float], lines: list[list[list[Word]]]) -> list[list[int]]:
    """Column of each header phrase, line by line. A line with a phrase per column maps by order
    (the alignment of header and number inside their cells then does not matter) and its phrases
    become the anchors other lines' phrases map to by overlap; without such a line, a phrase goes
    to the column whose numbers lie under it, else the nearest."""
    full = [line for line in lines if len(line) == len(columns)]
    anchors = [(p[0].x0, p[-1].x1) for p in full[-1]] if full else None
    out = []
    for found in lines:
        if len(found) == len(columns):
            out.append(list(range(len(columns))))
        elif anchors:
            out.append([nearest_anchor(anchors, (p[0].x0, p[-1].x1)) for p in found])
        else:
            out.append([column_of_phrase(columns, phrase) for phrase in found])
    return out


def nearest_anchor(anchors: list[tuple[float, float]], span: tuple[float, float]) -> int:
    """The anchor a span overlaps most, else the one whose centre is nearest."""

    def overlap(a: tuple[float, float]) -> float:
        return min(a[1], span[1]) - max(a[0], span[0])

    best = max(range(len(anchors)), key=lambda i: overlap(anchors[i]))
    if overlap(anchors[best]) > 0:
        return best
    centre = (span[0] + span[1]) / 2
    return min(range(len(anchors)), key=lambda i: abs((anchors[i][0] + anchors[i][1]) / 2 - centre))


def read_headers(lines: list[Line], first: int, table: Table) -> None:
    """Header text per column from the lines just above the first row; a caption further up.

    Header words are those right of the label column's text (a left-aligned header may start far
    left of its right-aligned numbers); a line of prose running into the value columns is a caption,
    and header lines end there."""
    right = label_right(table)
    label_x0 = min(r.line.x0 for r in table.rows)
    value_x0 = right + 1 if right is not None else min(table.columns) - 40
    found: list[list[list[Word]]] = []
    top = first
    for j in range(first - 1, max(first - 1 - HEADER_LINES, -1), -1):
        line = lines[j]
        if CAPTION.match(line.text):
            table.caption = normalise_space(line.text)
            break
        over = [w for w in line.words if (w.x0 + w.x1) / 2 >= value_x0]
        if (
            not over
            or is_prose(line, label_x0, value_x0)
            or any(parse_score(w.text) is not None and not re.fullmatch(r"(19|20)\d\d", w.text) for w in over)
        ):
            break
        found.insert(0, phrases(over))
        table.header_lines.insert(0, line)
        top = j
    texts: list[list[str]] = [[] for _ in table.columns]
    for line, columns in zip(found, assign_phrases(table.columns, found)):
        for phrase, column in zip(line, columns):
            texts[column].append(" ".join(w.text for w in phrase))
    table.headers = ["\n".join(t) for t in texts]
    if table.caption is None:
        table.caption = find_caption(lines, top)


def find_caption(lines: list[Line], top: int) -> str | None:
    """The caption ("Tabell 1 …", up to three lines) or a results heading within CAPTION_LINES above line `top`."""
    for j in range(top - 1, max(top - 1 - CAPTION_LINES, -1), -1):
        if CAPTION.match(lines[j].text):
            return normalise_space(" ".join(l.text for l in lines[j : min(top, j + 3)]))
    heading = next(
        (
            lines[j]
            for j in range(top - 1, max(top - 1 - CAPTION_LINES, -1), -1)
            if lines[j].bold or re.search(r"resultat|poäng|översikt|sammanfattning|jämför", lines[j].text, re.I)
        ),
        None,
    )
    return normalise_space(heading.text) if heading and len(heading.text) < 120 else None


def find_tables(doc: Document, framework: str | None, ctx: Context | None = None) -> list[Table]:
    tables = []
    note = named_unscored_area(doc.text, framework) if ctx is None else None
    for page in doc.pages:
        lines = [l for l in page.lines if ctx is None or not ctx.is_consumed(l)]
        unscored = unscored_area(doc, page.number, framework, note) if ctx is None else ctx.unscored_area(page.number)
        for group in group_rows(lines, framework, unscored):
            rows = [r for _, r in group]
            if not any(r.cells for r in rows):  # a lone heading of the unscored area
                continue
            attach_tails(lines, group)
            align_column_parts(rows)
            table = Table(page.number, rows, columns=cluster_columns(rows))
            table.lines_around = (group[0][0], len(lines) - 1 - group[-1][0] - len(rows[-1].tail))
            read_headers(lines, group[0][0], table)
            tables.append(table)
    return mark_continuations(tables)


def align_column_parts(rows: list[Row]) -> None:
    """A table that goes on at the top of the page's next column (rows 1–4 at the foot of the left
    column, 5–8 and the total at the top of the right one): a row whose label starts right of every
    value before it opens such a part, and the part's cells move left by the distance between its
    labels and the table's, so each value lies under its own column's header."""
    right, shift = None, 0.0
    for row in rows:
        if row.cells and right is not None and row.line.x0 > right:
            shift, right = row.line.x0 - rows[0].line.x0, None
        for cell in row.cells:
            edge = cell.x1 if cell.x1 is not None else cell.x
            right = edge if right is None else max(right, edge)
            cell.x -= shift
            cell.x0 = cell.x0 - shift if cell.x0 is not None else None
            cell.x1 = cell.x1 - shift if cell.x1 is not None else None


def mark_continuations(tables: list[Table]) -> list[Table]:
    """Tables broken by a page break: a table ending at the foot of one page whose areas go on in
    the first table of the next page. Both parts are `continued` (so a part of one or two rows is
    still read), and a part printed without its header takes the other part's headers."""
    for before, after in zip(tables, tables[1:]):
        areas_before = [r.area for r in before.rows if r.area is not None]
        areas_after = [r.area for r in after.rows]
        if after.page != before.page + 1 or not areas_before or not areas_after or before.rows[-1].area is None:
            continue
        if (areas_after[0] or 9) != areas_before[-1] + 1 or len(after.columns) != len(before.columns):
            continue
        if not meet_at_break(before, after):
            continue
        before.continued = after.continued = True
        if not any(after.headers):
            after.headers = list(before.headers)
        if not any(before.headers):
            before.headers = list(after.headers)
    return tables


def meet_at_break(before: Table, after: Table) -> bool:
    """Whether two tables meet at a page break: the first ends its page and the second opens the
    next, BREAK_LINES at most between (area headings with their scores, "Område 3 … – 58 poäng",
    with a section of text between them are no table broken by a page)."""
    return before.lines_around[1] <= BREAK_LINES and after.lines_around[0] <= BREAK_LINES


def too_small(table: Table, tables: list[Table]) -> bool:
    """Fewer area rows than a score table has, counting both parts of a table broken by a page."""
    own = sum(r.area is not None for r in table.rows)
    if own >= MIN_AREA_ROWS or not table.continued:
        return own < MIN_AREA_ROWS
    i = next(i for i, t in enumerate(tables) if t is table)
    parts = [t for t in tables[max(i - 1, 0) : i + 2] if t.continued and abs(t.page - table.page) <= 1]
    return sum(r.area is not None for t in parts for r in t.rows) < MIN_AREA_ROWS


def is_chart(table: Table) -> bool:
    """Axis ticks beside chart labels: every number a round tick value (real scores never all are)."""
    values = [c.value for r in table.rows for c in r.cells if c.value is not None]
    return len(set(values)) >= 2 and set(values) <= CHART_TICKS


class ResultTable(ScoreStrategy[Table]):
    name = "result_table"

    def find_candidates(self, ctx: Context) -> list[Table]:
        self.tables = find_tables(ctx.doc, ctx.framework, ctx)
        return self.tables

    def reject(self, table: Table, ctx: Context) -> bool:
        return too_small(table, self.tables) or is_chart(table) or contents_table(ctx.doc, table.page, table.rows)

    def read(self, table: Table, ctx: Context) -> list[ScoreObservation]:
        ctx.consume(r.line for r in table.rows)
        return read_table(table, ctx, self.name)


def read_table(table: Table, ctx: Context, strategy: str) -> list[ScoreObservation]:
    """Observations of a table whose rows and columns are known, whichever strategy found them.

    A column whose header says nothing we can place makes the whole table a check (no guess); of
    columns claiming the same numbers only the one whose header names the report is read, the
    others are a check with both readings (columns.settle_roles)."""
    filled = [
        {n for n, row in enumerate(table.rows) if any(nearest(table.columns, c.x) == i for c in row.cells)}
        for i in range(len(table.columns))
    ]
    claimed = [column_role(h, ctx, table.caption, table.headers_in_cells) for h in table.headers]
    claimed = [replace(r, role="skip") if is_maximum_column(table, i) else r for i, r in enumerate(claimed)]
    roles = settle_roles(table.headers, claimed, ctx, filled)
    where = f"{table.caption or 'table'} p. {table.page}"
    unknown = [normalise_space(table.headers[i]) for i, r in enumerate(roles) if r.role == "unknown"]
    if unknown:
        ctx.checks.append(
            Check(
                "unclassified_column",
                "warning",
                f"{where}: column header(s) {', '.join(map(repr, unknown))} name no organisation, "
                "year, scale or average; the table was not read",
                table.page,
            )
        )
        return []
    ctx.checks.extend(duplicate_column_checks(table, roles, claimed, where))
    return table_observations(table, roles, ctx, strategy)


def is_maximum_column(table: Table, column: int) -> bool:
    """A column of the maximum, whatever its header says: AREA_MAXIMUM in every area row
    (MIN_AREA_ROWS at least) and, where a total is printed, AREA_MAXIMUM times the areas."""
    areas, totals = [], []
    for row in table.rows:
        for cell in (c for c in row.cells if nearest(table.columns, c.x) == column):
            (areas if row.area is not None else totals).append(cell.value)
    return (
        len(areas) >= MIN_AREA_ROWS
        and all(v == AREA_MAXIMUM for v in areas)
        and all(v is not None and v % AREA_MAXIMUM == 0 and v >= len(areas) * AREA_MAXIMUM for v in totals)
    )


def duplicate_column_checks(
    table: Table, roles: list[ColumnRole], claimed: list[ColumnRole], where: str
) -> list[Check]:
    """A check per column settle_roles set aside as a duplicate: both readings, and which was kept."""
    readings = [column_reading(table, i) for i in range(len(roles))]
    checks = []
    for i in (i for i, r in enumerate(roles) if r.role == "duplicate"):
        kept = [
            j
            for j, r in enumerate(roles)
            if j != i
            and r.role != "duplicate"
            and (r.role, r.organisation.slug, r.year, r.scale)
            == (claimed[i].role, claimed[i].organisation.slug, claimed[i].year, claimed[i].scale)
        ]
        kept_text = (
            f"kept {normalise_space(table.headers[kept[0]])!r} ({readings[kept[0]]})"
            if kept
            else "neither header names the report, so neither was read"
        )
        checks.append(
            Check(
                "duplicate_column_role",
                "warning",
                f"{where}: column {normalise_space(table.headers[i])!r} ({readings[i]}) also claims "
                f"the {claimed[i].role} {claimed[i].year} scores; {kept_text}",
                table.page,
            )
        )
    return checks


def table_observations(table: Table, roles: list[ColumnRole], ctx: Context, strategy: str) -> list[ScoreObservation]:
    """Every cell of a read column as an observation, and the average printed beside a score."""
    out: list[ScoreObservation] = []
    for row in table.rows:
        by_column: dict[int, Cell] = {}
        for cell in row.cells:
            by_column.setdefault(nearest(table.columns, cell.x), cell)
        label = normalise_space(" ".join([row.label] + [t.text for t in row.tail]))
        for i, role in enumerate(roles):
            if role.role in ("skip", "duplicate"):
                continue
            cell = by_column.get(i)
            value, present = cell_reading(cell, row, role, ctx, ctx.unscored_area(table.page))
            if present:
                out.append(observation(role, row, value, table, label, ctx, strategy))
            if cell is not None and cell.average is not None:
                avg = ColumnRole("average", role.scale, ctx.organisation, ctx.year)
                out.append(observation(avg, row, cell.average, table, label, ctx, strategy))
    return out


def column_reading(table: Table, column: int) -> str:
    """A column's printed numbers for a check: its total, else its area values."""
    values = {}
    for row in table.rows:
        cell = next((c for c in row.cells if nearest(table.columns, c.x) == column), None)
        if cell is not None:
            values[row.area] = "–" if cell.value is None else f"{cell.value:g}".replace(".", ",")
    if None in values:
        return f"total {values[None]}"
    return "areas " + ", ".join(f"{a}: {v}" for a, v in sorted(values.items())) if values else "no values"


def cell_reading(
    cell: Cell | None, row: Row, role: ColumnRole, ctx: Context, unscored_area: int
) -> tuple[float | None, bool]:
    """(value, whether a value was printed); not-assessed marks read as (None, True). `unscored_area`:
    the area the table's page says districts are not scored on (base.unscored_area)."""
    unscored = row.area == unscored_area and (role.organisation.org_type == "stadsdel" or ctx.has_not_assessed_note)
    if cell is None:
        return None, unscored
    if cell.not_assessed or (cell.value == 0 and (cell.marked or unscored)):
        return None, True
    return cell.value, True


def observation(
    role: ColumnRole, row: Row, value: float | None, table: Table, label: str, ctx: Context, strategy: str
) -> ScoreObservation:
    return ScoreObservation(
        role.organisation,
        role.year,
        row.area,
        role.scale,
        value,
        role.role,
        table.page,
        table.caption,
        label if row.area is not None else None,
        ctx.framework,
        strategy,
    )
