"""Labels wrapped in a narrow cell over two to four lines, the values on the first line (top-aligned
cells: "Område 7  47" / "Ständiga" / "förbättringar"), the middle one (centred) or the last (bottom-
aligned): every row is read, and its printed label is the whole label, each line once."""

import pytest

from extractors.frameworks import AREA_LABELS
from extractors.organisations import resolve_organisation
from extractors.scores import extract_scores
from tests.extractors.synthetic import document

HORBY = resolve_organisation("Hörby kommun")
#: Each 2016 label as a narrow cell prints it: "Område N" then the name in pieces of this many words.
WORDS_PER_LINE = 2


def wrapped(area: int) -> list[str]:
    words = AREA_LABELS["2016"][area - 1].split()
    return [f"Område {area}"] + [" ".join(words[k : k + WORDS_PER_LINE]) for k in range(0, len(words), WORDS_PER_LINE)]


def table(where: str) -> list:
    """A result table whose value sits on the label's first, middle or last line."""
    rows: list = ["Tabell 1 Hörby kommuns resultat per område 2017", [("Område", 72), ("Poäng", 300)]]
    for area in range(1, 9):
        lines = wrapped(area)
        at = {"top": 0, "middle": len(lines) // 2, "bottom": len(lines) - 1}[where]
        for k, text in enumerate(lines):
            rows.append([(text, 72)] + ([(str(40 + area), 305)] if k == at else []))
    rows.append([("Totalt", 72), ("356", 300)])
    return rows


@pytest.mark.parametrize("where", ["top", "middle", "bottom"])
def test_every_row_of_labels_wrapped_over_several_lines_is_read(where):
    obs = extract_scores(document(table(where)), "2016", HORBY, 2017)
    assert [(o.area, o.value) for o in obs] == [(a, 40.0 + a) for a in range(1, 9)] + [(None, 356.0)]
    printed = {o.area: o.label for o in obs if o.area is not None}
    assert printed == {a: " ".join(wrapped(a)) for a in range(1, 9)}


def test_a_dash_inside_a_wrapped_label_is_part_of_the_label():
    obs = extract_scores(document(table("top")), "2016", HORBY, 2017)
    assert next(o.label for o in obs if o.area == 6) == "Område 6 Kommunen som arbetsgivare – personalpolitik"
