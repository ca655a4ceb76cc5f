"""A table in the left column of a two-column page whose last rows lie below where the right column's
text ends: the layout reads the right column's text before them (a total row whose bold value reaches
into the gutter ends the two-column block), so other lines come between the table's rows in reading
order, and the rows below (the total row, or the last area rows with it) still belong to the table."""

import textwrap

import pytest

from extractors.frameworks import AREA_LABELS
from extractors.organisations import resolve_organisation
from extractors.page import Document, Page, words_to_lines
from extractors.scores import extract_scores
from extractors.scores.table_rows import group_rows
from tests.extractors.synthetic import LINE_HEIGHT, words_of

SALA = resolve_organisation("Sala kommun")
#: Characters a label line holds in its cell: the labels wrap inside the label column.
LABEL_CHARS = 20
LABELS = {a: f"{a}. {label}" for a, label in enumerate(AREA_LABELS["2010"], start=1)}


def left_column() -> list[list[tuple[str, float]]]:
    """The table's lines: caption, header, labels wrapped in their cells with the values, total."""
    left: list[list[tuple[str, float]]] = [[("Tabell 1 Salas resultat", 72)], [("Område", 72), ("2012", 200)]]
    for area, label in LABELS.items():
        first, *rest = textwrap.wrap(label, LABEL_CHARS, break_long_words=False)
        left.append([(first, 72), (str(50 + area), 202)])
        left += [[(line, 72)] for line in rest]
    left.append([("Totalt", 72), ("436", 200)])
    return left


def displaced(first_displaced: str, prose_lines: int) -> Document:
    """The page in the reading order the layout gives it: the table's lines down to the row starting
    `first_displaced`, the right column's prose, then the rest of the table."""
    left = left_column()
    split = next(k for k, segments in enumerate(left) if segments[0][0].startswith(first_displaced))

    def lines(rows, start):
        return [
            line for k, s in enumerate(rows, start) for line in words_to_lines(words_of(s, 80 + LINE_HEIGHT * k), 1)
        ]

    prose = [[(f"Rad {k} i den högra spaltens text.", 300)] for k in range(1, prose_lines + 1)]
    ordered = lines(left[:split], 0) + lines(prose, 0) + lines(left[split:], split)
    return Document([Page(1, 595.0, 842.0, ordered)], 1)


@pytest.mark.parametrize(("first_displaced", "prose_lines"), [("Totalt", 20), ("Totalt", 6), ("7.", 14)])
def test_rows_read_after_the_other_column_join_their_table(first_displaced, prose_lines):
    doc = displaced(first_displaced, prose_lines)
    assert [[r.area for _, r in g] for g in group_rows(doc.pages[0].lines, "2010")] == [[*range(1, 9), None]]
    obs = extract_scores(doc, "2010", SALA, 2012)
    assert [(o.area, o.value) for o in obs] == [(a, 50.0 + a) for a in range(1, 9)] + [(None, 436.0)]
    assert {o.area: o.label for o in obs if o.area is not None} == LABELS


def test_a_total_row_of_another_table_further_down_stays_apart():
    doc = displaced("Totalt", 6)
    lines = doc.pages[0].lines
    far = words_to_lines(words_of([("Totalt", 72), ("436", 200)], lines[-1].top + 8 * LINE_HEIGHT), 1)
    page = Page(1, 595.0, 842.0, lines[:-1] + far)
    assert [[r.area for _, r in g] for g in group_rows(page.lines, "2010")] == [[*range(1, 9)], [None]]
