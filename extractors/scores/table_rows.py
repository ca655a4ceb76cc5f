"""The rows of a score table read from text lines: a line whose left part matches an area label (or
only the area number, "1" … "8", as peer tables print it) and whose right part, after a gap, is only
values ("63,5", "73 (63)", "51 %", "0 *)", "–"); the row of the area districts are not scored on may
have no values at all. Word wraps long labels inside the cell ("2. Tillgänglighet och" /
"brukarorientering"): the line with the values is joined with the label lines around it.
Used by both table strategies (result_table, ruled_table) and by the page test (pages.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, Sequence

from ..frameworks import best_area, district_unscored_area, match_labels, split_area_number
from ..page import Line, Word
from ..text import UNITS, fold, is_not_assessed, parse_average, parse_score
from .base import TOC_LEADER

#: Gap (pt) between the label and the first value that marks a table cell boundary; below it the
#: label must match a whole area label (plain text lines such as a slide's "… demokrati 63").
#: A label filling a narrow Word cell ends ~11 pt before a left-aligned number (two cell paddings).
VALUE_GAP = 8.0
#: A gap (pt) in a line this wide sets apart another block's text (a chart's legend or axis beside
#: a slide's results list): wider than any cell gap between an area's number and its name.
BLOCK_GAP = 60.0
#: Non-row lines allowed between two rows of one table (wrapped label tails, footnote marks).
MAX_LINES_BETWEEN_ROWS = 3
#: How far (pt) rows read apart from their table may start left or right of the table's rows and their
#: values of the table's values (`join_displaced_rows`): a total printed bold or right-aligned shifts a little.
DISPLACED_ROW_SLACK = 14.0
#: Lines a label wrapped in a narrow cell may run on above or below the line with its values
#: ("Område 7  47" / "Ständiga" / "förbättringar": the number alone on the first line).
LABEL_WRAP_LINES = 3

#: Peer tables label their rows with the area number only ("1", "2." or "Område 3").
AREA_NUMBER = re.compile(r"^(?:omrade\s*)?([1-8])\.?$", re.I)
#: Words an area number follows inside a label ("Område 2" / "Samhällsutveckling" wrapped in a narrow cell).
AREA_WORDS = {"omrade", "fokusomrade", "huvudomrade"}
#: Values a numbered row needs: a peer table compares two or more organisations.
MIN_NUMBERED_VALUES = 2
TOTAL_LABEL = re.compile(
    r"^(totalt?|summa|total\s*poang|totalpoang|totalpoeng|sammanlagt|sum|samlet|"
    r"poang totalt|totalt antal poang|totalsumma)\b",
    re.I,
)
UNIT_VALUE = re.compile(r"^(\d{1,3}(?:,\d{1,2})?)\s*(p|%|p\.)$", re.I)


@dataclass
class Cell:
    x: float  # centre of the value word
    value: float | None
    average: float | None = None
    marked: bool = False  # a footnote mark ("0 *)")
    not_assessed: bool = False
    x0: float | None = None  # the printed cell's extent, its average, unit and mark included
    x1: float | None = None


@dataclass
class Row:
    line: Line
    label: str
    area: int | None  # None for the total row
    cells: list[Cell]
    tail: list[Line] = field(default_factory=list)  # wrapped label lines after those in `label`
    before_lines: int = 0  # lines above the row's line that its label took (a vertically centred cell)
    after_lines: int = 0  # lines below it that its label took


@lru_cache(maxsize=2**14)
def is_value_word(text: str) -> bool:
    """A word a row's values may consist of; remembered, as every line's last words are asked about."""
    t = text.strip()
    return (
        parse_score(t) is not None
        or parse_average(t) is not None
        or is_not_assessed(t)
        or t.lower() in UNITS
        or bool(UNIT_VALUE.match(t))
        or t in ("*)", "*", "**)")
    )


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
    values_from = len(words)  # the longest run of value words at the end
    while values_from > 0 and is_value_word(words[values_from - 1].text):
        values_from -= 1
    if words and values_from == 0 and cell_value(words[0].text) is not None:
        if len(words) > 1 and AREA_NUMBER.match(words[0].text) and words[1].x0 - words[0].x1 >= VALUE_GAP:
            return words[0].text, words[1:], words[1].x0 - words[0].x1  # "7" / "Verksamhetsutveckling"
        return "", words, VALUE_GAP  # values alone: the label is on the lines around (centred cells)
    for i in range(max(1, values_from), len(words)):
        rest = words[i:]
        if cell_value(rest[0].text) is not None or is_not_assessed(rest[0].text):
            if words[i].x0 - words[i - 1].x1 < VALUE_GAP and (
                cell_value(rest[0].text) is None or fold(words[i - 1].text).strip(".:") in AREA_WORDS
            ):
                continue  # "arbetsgivare –", "Område 2": a dash or the area number inside the label
            return " ".join(w.text for w in words[:i]), rest, words[i].x0 - words[i - 1].x1
    return line.text, (), 0.0


def numberless(neighbours: Line | Sequence[Line] | None) -> list[str]:
    """Texts of the neighbour lines (nearest first) up to the first that prints values, at most
    LABEL_WRAP_LINES: the lines a wrapped label may run on to."""
    lines = [neighbours] if isinstance(neighbours, Line) else list(neighbours or ())
    out = []
    for line in lines[:LABEL_WRAP_LINES]:
        if line is None or split_label_values(line)[1]:
            break
        out.append(line.text)
    return out


def label_candidates(
    label: str, gap: float, preceding: Line | Sequence[Line] | None, following: Line | Sequence[Line] | None
) -> Iterator[tuple[str, int, int]]:
    """The printed label, then, for a table cell, the label joined with numberless neighbour lines,
    fewest first: (text, lines taken above, lines taken below).

    Word wraps a label inside its cell: the values sit on the first line ("7." / "Verksamhetsutveckling"),
    the last line, or between the lines when the cell is centred vertically; a narrow cell may print
    only the area number beside the values and the name on two or three lines below it. A generator:
    the neighbours are looked at only when the label alone does not do.
    """
    if label:
        yield label, 0, 0
    if gap < VALUE_GAP:
        return
    before, after = numberless(preceding), numberless(following)
    joins = sorted(
        ((b, a) for b in range(len(before) + 1) for a in range(len(after) + 1) if a or b),
        key=lambda ba: (sum(ba), ba[0]),
    )
    for b, a in joins:
        yield " ".join(t for t in [*before[:b][::-1], label, *after[:a]] if t), b, a


def read_row(
    line: Line,
    framework: str | None,
    preceding: Line | Sequence[Line] | None = None,
    following: Line | Sequence[Line] | None = None,
    unscored: int | None = None,
) -> Row | None:
    """A table row from a line whose label names an area (or the total) and whose tail is values.
    `preceding`, `following`: the line above and below, or the lines above and below, nearest first.
    `unscored`: the area a district's table may leave empty (base.unscored_area; default the framework's)."""
    if unscored is None:
        unscored = district_unscored_area(framework)
    if TOC_LEADER.search(line.text):
        return None
    block = own_block(line)
    if block is not line:  # the row's own block first; the row keeps the printed line (consumed whole)
        row = read_row(block, framework, preceding, following, unscored)
        if row is not None:
            row.line = line
            return row
    numbered = numbered_row(line)
    if numbered is not None:
        return numbered
    if len(line.words) == 1 and AREA_NUMBER.match(line.text):  # "8" with its cells left empty
        return unscored_row(line, framework, unscored)
    label, values, gap = split_label_values(line)
    if not values:
        return unscored_row(line, framework, unscored, following)
    cells = words_to_cells(values)
    if not cells:
        return None
    if label and TOTAL_LABEL.match(fold(label.strip(" .:"))):
        return Row(line, label, None, cells)
    first = None
    for candidate, above, below in label_candidates(label, gap, preceding, following):
        match = best_area(candidate, framework, allow_prefix=gap >= VALUE_GAP)
        if match is None:
            continue
        row = Row(line, candidate, match.area, cells, before_lines=above, after_lines=below)
        row = with_number_above(row, preceding)
        if not ambiguous(candidate, framework, gap >= VALUE_GAP):
            return row
        first = first or row  # "Kommunen som": area 6 or 8; a longer candidate may tell
    return first


def ambiguous(text: str, framework: str | None, allow_prefix: bool) -> bool:
    """Whether a label matches two areas equally well: the first line of "Kommunen som / arbetsgivare"
    and of "Kommunen som / samhällsbyggare"."""
    matches = match_labels(text, allow_prefix=allow_prefix)
    own = [m for m in matches if m.framework == (framework or matches[0].framework)]
    return len({m.area for m in own if m.score >= own[0].score - 0.5}) > 1 if own else False


def with_number_above(row: Row, preceding: Line | Sequence[Line] | None) -> Row:
    """The row with the line above its label taken into it when that line is the bare area number
    ("Område 8" over "Kommunen som  48" / "samhällsbyggare" in a vertically centred cell)."""
    above = numberless(preceding)
    if row.before_lines < len(above):
        number = AREA_NUMBER.match(fold(above[row.before_lines].strip(" .:")))
        if number and int(number.group(1)) == row.area:
            row.label = f"{above[row.before_lines]} {row.label}"
            row.before_lines += 1
    return row


def unscored_row(
    line: Line, framework: str | None, unscored: int, following: Line | Sequence[Line] | None = None
) -> Row | None:
    """The row of the area districts are not scored on, printed with its cells left empty: a row
    without cells (cell_reading decides whether it says "not assessed"). The line must print the
    area's number ("8.", "Område 8 …"): a wrapped label's tail may be the area's bare name."""
    number = AREA_NUMBER.match(fold(line.text.strip(" .:")))
    if number:
        area = int(number.group(1))
    else:
        # a match's printed number is its candidate's own (split_area_number), and every candidate
        # starts with this line: unless it prints the unscored area's number no match can name it
        if split_area_number(line.text + " ")[0] != unscored:
            return None
        candidates = [text for text, _, _ in label_candidates(line.text, VALUE_GAP, None, following)]
        match = next((m for m in (best_area(c, framework) for c in candidates) if m is not None), None)
        area = match.area if match is not None and match.printed_number == match.area else None
    return Row(line, line.text, area, []) if area == unscored else None


def own_block(line: Line) -> Line:
    """The part of a line that a table row can be, when other text shares the line set apart by a gap
    of BLOCK_GAP or more: a chart's legend or axis tick before a slide's results list ("Sandviken
    1 Offentlighet … 58 p"), a quote after a row ("… 55  63      Lerum 2011: 433"). The part is the
    first block that is a label (letters, after the area's number when that stands apart) and values,
    with the blocks of values after it; the line itself when that is all of it or there is none.
    `read_row` reads the line whole when its block names no area ("1. Offentlighet …   Delvis   58":
    a column of text between the label and the values)."""
    words = line.words
    starts = [0] + [i for i in range(1, len(words)) if words[i].x0 - words[i - 1].x1 >= BLOCK_GAP]
    if len(starts) == 1:
        return line
    bounds = list(zip(starts, starts[1:] + [len(words)]))
    for n, (first, _) in enumerate(bounds):
        last = n + 1
        while last < len(bounds) and all(is_value_word(w.text) for w in words[bounds[last][0] : bounds[last][1]]):
            last += 1
        if n and AREA_NUMBER.match(fold(" ".join(w.text for w in words[:first]))):
            first = 0  # "1      Offentlighet och demokrati   58": the number's own column
        if first == 0 and bounds[last - 1][1] == len(words):
            return line
        block = Line(words[first : bounds[last - 1][1]], line.page)
        label, values, _ = split_label_values(block)
        if values and any(c.isalpha() for c in label):
            return block
    return line


def numbered_row(line: Line) -> Row | None:
    """A peer table's row labelled by the area number only ("1", "2.", "Område 3"), then a cell gap
    and at least MIN_NUMBERED_VALUES values (one value after a lone number is a list, not a table)."""
    words = line.words
    for n in (1, 2):
        label = fold(" ".join(w.text for w in words[:n]))
        rest = words[n:]
        if (
            AREA_NUMBER.match(label)
            and len(rest) >= MIN_NUMBERED_VALUES
            and rest[0].x0 - words[n - 1].x1 >= VALUE_GAP
            and all(is_value_word(w.text) for w in rest)
        ):
            cells = words_to_cells(rest)
            if len(cells) >= MIN_NUMBERED_VALUES:
                return Row(line, " ".join(w.text for w in words[:n]), int(AREA_NUMBER.match(label).group(1)), cells)
    return None


def group_rows(lines: list[Line], framework: str | None, unscored: int | None = None) -> list[list[tuple[int, Row]]]:
    """Consecutive rows of a page, split where too many other lines come between or an area repeats."""
    groups: list[list[tuple[int, Row]]] = []
    for i, line in enumerate(lines):
        above = lines[max(0, i - LABEL_WRAP_LINES) : i][::-1]
        row = read_row(line, framework, above, lines[i + 1 : i + 1 + LABEL_WRAP_LINES], unscored)
        if row is None:
            continue
        current = groups[-1] if groups else None
        if current and row.cells and current[-1][1].area == row.area and not current[-1][1].cells:
            current.pop()  # "Område 8" alone on the line above was this row's number, not an empty row
        if (
            current is None
            or i - current[-1][0] - 1 > MAX_LINES_BETWEEN_ROWS
            or current[-1][1].area is None
            or (row.area is not None and row.area in {r.area for _, r in current})
            or ends_listing(current[-1][1], row)
        ):
            groups.append([(i, row)])
        else:
            current.append((i, row))
    return join_displaced_rows(groups)


def ends_listing(last: Row, row: Row) -> bool:
    """Whether `last`, a row without cells, cannot go on into `row`: a table's empty row of the
    unscored area is followed by the next area or the total, so an earlier area after it opens another
    table ("8. Kommunen som samhällsbyggare" closing a list of the areas above the table)."""
    return not last.cells and last.area is not None and row.area is not None and row.area <= last.area


def join_displaced_rows(groups: list[list[tuple[int, Row]]]) -> list[list[tuple[int, Row]]]:
    """Rows read apart from their table join the table they are printed right under. In one column of
    a two-column page, rows below the other column's end are read after that column's text, so the
    reading order puts other lines between them and the table's rows above (the total row, or the
    last few area rows with it)."""
    out: list[list[tuple[int, Row]]] = []
    for group in groups:
        table = next((g for g in reversed(out) if continues(g, group)), None)
        if table is not None:
            table.extend(group)
        else:
            out.append(group)
    return out


def continues(group: list[tuple[int, Row]], later: list[tuple[int, Row]]) -> bool:
    """Whether `later` goes on with `group`'s table: its first row is the next area or the total, lies
    just below the group's last row (the label tails between), starts at the rows' left edge and has
    its values under theirs."""
    last, first = group[-1][1], later[0][1]
    if last.area is None or not last.cells or not first.cells or first.area not in (None, last.area + 1):
        return False
    height = last.line.bottom - last.line.top
    left = min(r.line.x0 for _, r in group)
    x0 = min(c.x0 if c.x0 is not None else c.x for _, r in group for c in r.cells)
    x1 = max(c.x1 if c.x1 is not None else c.x for _, r in group for c in r.cells)
    return (
        0 < first.line.top - last.line.top <= (MAX_LINES_BETWEEN_ROWS + 2) * max(height, 1.0)
        and abs(first.line.x0 - left) <= DISPLACED_ROW_SLACK
        and all(x0 - DISPLACED_ROW_SLACK <= c.x <= x1 + DISPLACED_ROW_SLACK for _, r in later for c in r.cells)
    )


def attach_tails(lines: list[Line], indexed: list[tuple[int, Row]]) -> None:
    """Join a wrapped label's further lines ("brukarorientering") to its row's printed label: those
    after the lines the label already took, up to the lines the next row's label took."""
    for n, (i, row) in enumerate(indexed):
        start = i + 1 + row.after_lines
        if n + 1 < len(indexed):
            stop = indexed[n + 1][0] - indexed[n + 1][1].before_lines
        else:
            stop = min(start + 1, len(lines))
        for line in lines[start:stop]:
            if line.x0 > row.line.x1:  # the other column's text, read between the table's rows
                continue
            if (
                line.x0 <= row.line.x0 + 30
                and not split_label_values(line)[1]  # "arbetsgivare –": a dash inside the label is no value
                and len(line.text) < 60
                and line.x1 < (row.cells[0].x if row.cells else line.x1 + 1)
            ):
                row.tail.append(line)
            else:
                break
