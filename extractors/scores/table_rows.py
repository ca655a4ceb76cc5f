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

from ..frameworks import best_area, district_unscored_area, split_area_number
from ..page import Line, Word
from ..text import UNITS, fold, is_not_assessed, parse_average, parse_score
from .base import TOC_LEADER

#: Gap (pt) between the label and the first value that marks a table cell boundary; below it the
#: label must match a whole area label (plain text lines such as a slide's "… demokrati 63").
#: A label filling a narrow Word cell ends ~11 pt before a left-aligned number (two cell paddings).
VALUE_GAP = 8.0
#: Non-row lines allowed between two rows of one table (wrapped label tails, footnote marks).
MAX_LINES_BETWEEN_ROWS = 3

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
    tail: list[Line] = field(default_factory=list)  # wrapped label lines


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


def read_row(
    line: Line,
    framework: str | None,
    preceding: Line | None = None,
    following: Line | None = None,
    unscored: int | None = None,
) -> Row | None:
    """A table row from a line whose label names an area (or the total) and whose tail is values.
    `unscored`: the area a district's table may leave empty (base.unscored_area; default the framework's)."""
    if unscored is None:
        unscored = district_unscored_area(framework)
    if TOC_LEADER.search(line.text):
        return None
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
    for n, candidate in enumerate(label_candidates(label, gap, preceding, following)):
        match = best_area(candidate, framework, allow_prefix=gap >= VALUE_GAP)
        if match is not None:
            return Row(line, candidate if n else label, match.area, cells)
    return None


def unscored_row(line: Line, framework: str | None, unscored: int, following: Line | None = None) -> Row | None:
    """The row of the area districts are not scored on, printed with its cells left empty: a row
    without cells (cell_reading decides whether it says "not assessed"). The line must print the
    area's number ("8.", "Område 8 …"): a wrapped label's tail may be the area's bare name."""
    number = AREA_NUMBER.match(fold(line.text.strip(" .:")))
    if number:
        area = int(number.group(1))
    else:
        candidates = label_candidates(line.text, VALUE_GAP, None, following)
        # a match's printed number is its candidate's own (split_area_number): without a candidate
        # that prints the unscored area's number no match can name it, so the labels are not matched
        if all(split_area_number(c)[0] != unscored for c in candidates):
            return None
        match = next((m for m in (best_area(c, framework) for c in candidates) if m is not None), None)
        area = match.area if match is not None and match.printed_number == match.area else None
    return Row(line, line.text, area, []) if area == unscored else None


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
        following = lines[i + 1] if i + 1 < len(lines) else None
        row = read_row(line, framework, lines[i - 1] if i else None, following, unscored)
        if row is None:
            continue
        current = groups[-1] if groups else None
        if (
            current is None
            or i - current[-1][0] - 1 > MAX_LINES_BETWEEN_ROWS
            or current[-1][1].area is None
            or (row.area is not None and row.area in {r.area for _, r in current})
        ):
            groups.append([(i, row)])
        else:
            current.append((i, row))
    return groups


def attach_tails(lines: list[Line], indexed: list[tuple[int, Row]]) -> None:
    """Join a wrapped label's second line ("brukarorientering") to its row's printed label."""
    for n, (i, row) in enumerate(indexed):
        stop = indexed[n + 1][0] if n + 1 < len(indexed) else min(i + 2, len(lines))
        for line in lines[i + 1 : stop]:
            if (
                line.x0 <= row.line.x0 + 30
                and not any(is_value_word(w.text) for w in line.words[-1:])
                and len(line.text) < 60
                and line.x1 < (row.cells[0].x if row.cells else line.x1 + 1)
            ):
                row.tail.append(line)
            else:
                break
