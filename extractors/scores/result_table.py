"""Score tables read from text lines (camelot's stream): the strategy for unruled, rule-only and
tab-aligned tables and slides; ruled tables are read by their cells first (ruled_table).

A row is a line whose left part matches an area label (or only the area number, "1" … "8", as peer
tables print it) and whose right part, after a gap, is only values ("63,5", "73 (63)", "51 %",
"0 *)", "–"); the row of the area districts are not scored on may have no values at all. Word wraps
long labels inside the cell ("2. Tillgänglighet och" / "brukarorientering"): the line with the
values is joined with the label lines around it. Value columns are cells whose printed extents
overlap across the rows. Header phrases map to columns by order when a header line has one per
column (so the alignment of header and number inside their cells does not matter), else by overlap
with such a line's phrases, else by position; a caption's prose is never a header. A table broken
by a page break is read in both parts. `read_table` then decides, for both strategies, whose numbers
each column holds (extractors.scores.columns) and raises checks instead of guessing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..frameworks import best_area, district_unscored_area
from ..page import Document, Line, Word
from ..records import Check, ScoreObservation
from ..text import UNITS, fold, is_not_assessed, normalise_space, parse_average, parse_score
from .base import TOC_LEADER, Context, ScoreStrategy
from .columns import ColumnRole, column_role, settle_roles

#: Gap (pt) between the label and the first value that marks a table cell boundary; below it the
#: label must match a whole area label (plain text lines such as a slide's "… demokrati 63").
#: A label filling a narrow Word cell ends ~11 pt before a left-aligned number (two cell paddings).
VALUE_GAP = 8.0
#: Cells whose centres are closer than this (pt) share a column.
COLUMN_GAP = 14.0
#: Non-row lines allowed between two rows of one table (wrapped label tails, footnote marks).
MAX_LINES_BETWEEN_ROWS = 3
#: A caption line starts at the table's left edge (this far in at most) and runs into the value
#: columns; the label column's own header ("Område") stops before them.
PROSE_INDENT = 12.0
PROSE_WORDS = 3
#: Lines above the first row searched for column headers, and further up for a caption.
HEADER_LINES = 4
CAPTION_LINES = 6
#: Header words closer than this (pt) belong to one column heading ("Tyresö 2010").
HEADER_WORD_GAP = 6.0
#: A table needs this many area rows (TOCs and intros have none; a chart yields one or two).
MIN_AREA_ROWS = 3
#: Axis ticks of radar and bar charts.
CHART_TICKS = {float(v) for v in range(0, 101, 10)}

#: Peer tables label their rows with the area number only ("1", "2." or "Område 3").
AREA_NUMBER = re.compile(r"^(?:omrade\s*)?([1-8])\.?$", re.I)
#: Words an area number follows inside a label ("Område 2" / "Samhällsutveckling" wrapped in a narrow cell).
AREA_WORDS = {"omrade", "fokusomrade", "huvudomrade"}
#: Values a numbered row needs: a peer table compares two or more organisations.
MIN_NUMBERED_VALUES = 2
TOTAL_LABEL = re.compile(r"^(totalt?|summa|total\s*poang|totalpoang|totalpoeng|sammanlagt|sum|samlet|"
                         r"poang totalt|totalt antal poang|totalsumma)\b", re.I)
CAPTION = re.compile(r"^(tabell|tab\.|figur|diagram|tabell\s*\d)", re.I)
UNIT_VALUE = re.compile(r"^(\d{1,3}(?:,\d{1,2})?)\s*(p|%|p\.)$", re.I)


@dataclass
class Cell:
    x: float                        # centre of the value word
    value: float | None
    average: float | None = None
    marked: bool = False            # a footnote mark ("0 *)")
    not_assessed: bool = False
    x0: float | None = None         # the printed cell's extent, its average, unit and mark included
    x1: float | None = None


@dataclass
class Row:
    line: Line
    label: str
    area: int | None                # None for the total row
    cells: list[Cell]
    tail: list[Line] = field(default_factory=list)   # wrapped label lines


@dataclass
class Table:
    page: int
    rows: list[Row]
    headers: list[str] = field(default_factory=list)   # per column
    columns: list[float] = field(default_factory=list)  # x centres
    caption: str | None = None
    header_lines: list[Line] = field(default_factory=list)
    continued: bool = False                             # one part of a table broken by a page break
    headers_in_cells: bool = False                      # headers read from ruled cells (never a caption)


@lru_cache(maxsize=2**14)
def is_value_word(text: str) -> bool:
    """A word a row's values may consist of; remembered, as every line's last words are asked about."""
    t = text.strip()
    return (parse_score(t) is not None or parse_average(t) is not None or is_not_assessed(t)
            or t.lower() in UNITS or bool(UNIT_VALUE.match(t)) or t in ("*)", "*", "**)"))


def cell_value(text: str) -> float | None:
    m = UNIT_VALUE.match(text)
    return parse_score(m.group(1)) if m else parse_score(text)


def words_to_cells(words: tuple[Word, ...]) -> list[Cell]:
    """Value words of a row → cells: a score with its average "(63)", unit "%" or mark "*)"."""
    cells: list[Cell] = []
    for w in words:
        t = w.text.strip()
        avg = parse_average(t)
        if avg is not None and cells:
            cells[-1].average = avg
        elif t in ("*)", "*", "**)") and cells:
            cells[-1].marked = True
        elif t.lower() in UNITS and cells:
            pass
        elif cell_value(t) is not None:
            cells.append(Cell((w.x0 + w.x1) / 2, cell_value(t), x0=w.x0))
        elif is_not_assessed(t):
            cells.append(Cell((w.x0 + w.x1) / 2, None, not_assessed=True, x0=w.x0))
        else:
            continue
        if cells:
            cells[-1].x1 = w.x1
    return cells


def split_label_values(line: Line) -> tuple[str, tuple[Word, ...], float]:
    """(label text, value words, gap before the values); no values → (text, (), 0)."""
    words = line.words
    values_from = len(words)                # the longest run of value words at the end
    while values_from > 0 and is_value_word(words[values_from - 1].text):
        values_from -= 1
    if words and values_from == 0 and cell_value(words[0].text) is not None:
        if len(words) > 1 and AREA_NUMBER.match(words[0].text) and words[1].x0 - words[0].x1 >= VALUE_GAP:
            return words[0].text, words[1:], words[1].x0 - words[0].x1   # "7" / "Verksamhetsutveckling"
        return "", words, VALUE_GAP        # values alone: the label is on the lines around (centred cells)
    for i in range(max(1, values_from), len(words)):
        rest = words[i:]
        if cell_value(rest[0].text) is not None or is_not_assessed(rest[0].text):
            if words[i].x0 - words[i - 1].x1 < VALUE_GAP and (
                    cell_value(rest[0].text) is None or fold(words[i - 1].text).strip(".:") in AREA_WORDS):
                continue  # "arbetsgivare –", "Område 2": a dash or the area number inside the label
            return " ".join(w.text for w in words[:i]), rest, words[i].x0 - words[i - 1].x1
    return line.text, (), 0.0


def label_candidates(label: str, gap: float, preceding: Line | None, following: Line | None) -> list[str]:
    """The printed label, then, for a table cell, the label joined with numberless neighbour lines.

    Word wraps a label inside its cell: the values sit on the first line ("7." / "Verksamhetsutveckling"),
    the last line, or between the lines when the cell is centred vertically.
    """
    out = [label] if label else []
    if gap < VALUE_GAP:
        return out
    before = preceding.text if preceding is not None and not split_label_values(preceding)[1] else None
    after = following.text if following is not None and not split_label_values(following)[1] else None
    if after:
        out.append(f"{label} {after}".strip())
    if before:
        out.append(f"{before} {label}".strip())
    if before and after:
        out.append(f"{before} {label} {after}".strip())
    return out


def read_row(line: Line, framework: str | None, preceding: Line | None = None,
             following: Line | None = None) -> Row | None:
    """A table row from a line whose label names an area (or the total) and whose tail is values."""
    if TOC_LEADER.search(line.text):
        return None
    numbered = numbered_row(line)
    if numbered is not None:
        return numbered
    if len(line.words) == 1 and AREA_NUMBER.match(line.text):      # "8" with its cells left empty
        return unscored_row(line, framework)
    label, values, gap = split_label_values(line)
    if not values:
        return unscored_row(line, framework, following)
    cells = words_to_cells(values)
    if not cells:
        return None
    if label and TOTAL_LABEL.match(fold(label.strip(" .:"))):
        return Row(line, label, None, cells)
    for n, candidate in enumerate(label_candidates(label, gap, preceding, following)):
        match = best_area(candidate, framework, allow_prefix=gap >= VALUE_GAP)
        if match is not None:
            return Row(line, candidate if n else label, match.area, cells)
    return None


def unscored_row(line: Line, framework: str | None, following: Line | None = None) -> Row | None:
    """The row of the area districts are not scored on, printed with its cells left empty: a row
    without cells (cell_reading decides whether it says "not assessed"). The line must print the
    area's number ("8.", "Område 8 …"): a wrapped label's tail may be the area's bare name."""
    number = AREA_NUMBER.match(fold(line.text.strip(" .:")))
    if number:
        area = int(number.group(1))
    else:
        matches = (best_area(c, framework) for c in label_candidates(line.text, VALUE_GAP, None, following))
        match = next((m for m in matches if m is not None), None)
        area = match.area if match is not None and match.printed_number == match.area else None
    return Row(line, line.text, area, []) if area == district_unscored_area(framework) else None


def numbered_row(line: Line) -> Row | None:
    """A peer table's row labelled by the area number only ("1", "2.", "Område 3"), then a cell gap
    and at least MIN_NUMBERED_VALUES values (one value after a lone number is a list, not a table)."""
    words = line.words
    for n in (1, 2):
        label = fold(" ".join(w.text for w in words[:n]))
        rest = words[n:]
        if AREA_NUMBER.match(label) and len(rest) >= MIN_NUMBERED_VALUES \
                and rest[0].x0 - words[n - 1].x1 >= VALUE_GAP and all(is_value_word(w.text) for w in rest):
            cells = words_to_cells(rest)
            if len(cells) >= MIN_NUMBERED_VALUES:
                return Row(line, " ".join(w.text for w in words[:n]), int(AREA_NUMBER.match(label).group(1)), cells)
    return None


def group_rows(lines: list[Line], framework: str | None) -> list[list[tuple[int, Row]]]:
    """Consecutive rows of a page, split where too many other lines come between or an area repeats."""
    groups: list[list[tuple[int, Row]]] = []
    for i, line in enumerate(lines):
        row = read_row(line, framework, lines[i - 1] if i else None, lines[i + 1] if i + 1 < len(lines) else None)
        if row is None:
            continue
        current = groups[-1] if groups else None
        if (current is None or i - current[-1][0] - 1 > MAX_LINES_BETWEEN_ROWS or current[-1][1].area is None
                or (row.area is not None and row.area in {r.area for _, r in current})):
            groups.append([(i, row)])
        else:
            current.append((i, row))
    return groups


def attach_tails(lines: list[Line], indexed: list[tuple[int, Row]]) -> None:
    """Join a wrapped label's second line ("brukarorientering") to its row's printed label."""
    for n, (i, row) in enumerate(indexed):
        stop = indexed[n + 1][0] if n + 1 < len(indexed) else min(i + 2, len(lines))
        for line in lines[i + 1:stop]:
            if line.x0 <= row.line.x0 + 30 and not any(is_value_word(w.text) for w in line.words[-1:]) \
                    and len(line.text) < 60 and line.x1 < (row.cells[0].x if row.cells else line.x1 + 1):
                row.tail.append(line)
            else:
                break


def cluster_columns(rows: list[Row]) -> list[float]:
    """Column centres of the rows' cells: cells whose printed extents overlap share a column ("48 (61)"
    and a right-aligned "0 *)" below it), as do cells whose centres lie within COLUMN_GAP."""
    cells = sorted((c for r in rows for c in r.cells), key=lambda c: (c.x0 if c.x0 is not None else c.x))
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
    edges = [w.x1 for r in table.rows if r.cells for w in r.line.words
             if (w.x0 + w.x1) / 2 < r.cells[0].x - 1 and not is_value_word(w.text)]
    return max(edges) if edges else None


def is_prose(line: Line, label_x0: float, value_x0: float) -> bool:
    """A caption line: its words run on from the table's left edge into the value columns (a label
    column header wider than the labels, "Område" over "1" … "8", is one word, not a run)."""
    return any(p[0].x0 <= label_x0 + PROSE_INDENT and p[-1].x1 > value_x0 and len(p) >= PROSE_WORDS
               for p in phrases(list(line.words)))


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
        if not over or is_prose(line, label_x0, value_x0) or any(
                parse_score(w.text) is not None and not re.fullmatch(r"(19|20)\d\d", w.text) for w in over):
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
            return normalise_space(" ".join(l.text for l in lines[j:min(top, j + 3)]))
    heading = next((lines[j] for j in range(top - 1, max(top - 1 - CAPTION_LINES, -1), -1)
                    if lines[j].bold or re.search(r"resultat|poäng|översikt|sammanfattning|jämför",
                                                  lines[j].text, re.I)), None)
    return normalise_space(heading.text) if heading and len(heading.text) < 120 else None


def find_tables(doc: Document, framework: str | None, ctx: Context | None = None) -> list[Table]:
    tables = []
    for page in doc.pages:
        lines = [l for l in page.lines if ctx is None or not ctx.is_consumed(l)]
        for group in group_rows(lines, framework):
            rows = [r for _, r in group]
            if not any(r.cells for r in rows):            # a lone heading of the unscored area
                continue
            attach_tails(lines, group)
            table = Table(page.number, rows, columns=cluster_columns(rows))
            read_headers(lines, group[0][0], table)
            tables.append(table)
    return mark_continuations(tables)


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
        before.continued = after.continued = True
        if not any(after.headers):
            after.headers = list(before.headers)
        if not any(before.headers):
            before.headers = list(after.headers)
    return tables


def too_small(table: Table, tables: list[Table]) -> bool:
    """Fewer area rows than a score table has, counting both parts of a table broken by a page."""
    own = sum(r.area is not None for r in table.rows)
    if own >= MIN_AREA_ROWS or not table.continued:
        return own < MIN_AREA_ROWS
    i = next(i for i, t in enumerate(tables) if t is table)
    parts = [t for t in tables[max(i - 1, 0):i + 2] if t.continued and abs(t.page - table.page) <= 1]
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
        return too_small(table, self.tables) or is_chart(table)

    def read(self, table: Table, ctx: Context) -> list[ScoreObservation]:
        ctx.consume(r.line for r in table.rows)
        return read_table(table, ctx, self.name)


def read_table(table: Table, ctx: Context, strategy: str) -> list[ScoreObservation]:
    """Observations of a table whose rows and columns are known, whichever strategy found them.

    A column whose header says nothing we can place makes the whole table a check (no guess); of
    columns claiming the same numbers only the one whose header names the report is read, the
    others are a check with both readings (columns.settle_roles)."""
    filled = [{n for n, row in enumerate(table.rows) if any(nearest(table.columns, c.x) == i for c in row.cells)}
              for i in range(len(table.columns))]
    claimed = [column_role(h, ctx, table.caption, table.headers_in_cells) for h in table.headers]
    roles = settle_roles(table.headers, claimed, ctx, filled)
    where = f"{table.caption or 'table'} p. {table.page}"
    unknown = [normalise_space(table.headers[i]) for i, r in enumerate(roles) if r.role == "unknown"]
    if unknown:
        ctx.checks.append(Check("unclassified_column", "warning",
                                f"{where}: column header(s) {', '.join(map(repr, unknown))} name no organisation, "
                                "year, scale or average; the table was not read", table.page))
        return []
    readings = [column_reading(table, i) for i in range(len(roles))]
    duplicates = [i for i, r in enumerate(roles) if r.role == "duplicate"]
    for i in duplicates:
        kept = [j for j, r in enumerate(roles) if j != i and r.role != "duplicate" and
                (r.role, r.organisation.slug, r.year, r.scale) == (claimed[i].role, claimed[i].organisation.slug,
                                                                     claimed[i].year, claimed[i].scale)]
        kept_text = (f"kept {normalise_space(table.headers[kept[0]])!r} ({readings[kept[0]]})" if kept
                     else "neither header names the report, so neither was read")
        ctx.checks.append(Check("duplicate_column_role", "warning",
                                f"{where}: column {normalise_space(table.headers[i])!r} ({readings[i]}) also claims "
                                f"the {claimed[i].role} {claimed[i].year} scores; {kept_text}", table.page))
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
            value, present = cell_reading(cell, row, role, ctx)
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


def cell_reading(cell: Cell | None, row: Row, role: ColumnRole, ctx: Context) -> tuple[float | None, bool]:
    """(value, whether a value was printed); not-assessed marks read as (None, True)."""
    unscored = row.area == district_unscored_area(ctx.framework) and (
        role.organisation.org_type == "stadsdel" or ctx.has_not_assessed_note)
    if cell is None:
        return None, unscored
    if cell.not_assessed or (cell.value == 0 and (cell.marked or unscored)):
        return None, True
    return cell.value, True


def observation(role: ColumnRole, row: Row, value: float | None, table: Table, label: str, ctx: Context,
                strategy: str) -> ScoreObservation:
    return ScoreObservation(role.organisation, role.year, row.area, role.scale, value, role.role, table.page,
                            table.caption, label if row.area is not None else None, ctx.framework, strategy)
