"""Tables of contents without dot leaders: area names with page numbers after a gap are no score table.

Each case is a synthetic page (tests.extractors.synthetic) in a document of a known page count; a
real one-column score table whose numbers could be page numbers of a long report is still read.
"""

from extractors.frameworks import AREA_LABELS
from extractors.organisations import resolve_organisation
from extractors.scores import extract_scores
from tests.extractors.synthetic import document

LABELS = tuple(AREA_LABELS["2010"])
MORA = resolve_organisation("Mora kommun")


def scores(first_page: list, n_pages: int) -> tuple[list, list]:
    checks: list = []
    doc = document(first_page, *[[f"Text på sidan {n}."] for n in range(2, n_pages + 1)])
    return extract_scores(doc, "2010", MORA, 2016, "report", checks), checks


def rows(values: list[str], x: float = 400.0, areas: range = range(1, 9)) -> list:
    return [[(f"Område {a} {LABELS[a - 1]}", 72), (v, x)] for a, v in zip(areas, values)]


def test_a_contents_list_without_leaders_is_no_score_table():
    """A cover's contents column: page numbers one per row, never decreasing, within the page count."""
    page = ["Kommunkompassen", "Analys av Mora kommun 2016"] + rows(["3", "3", "4", "4", "5", "6", "6", "7"])
    obs, checks = scores(page, 9)
    assert obs == []
    assert checks == []


def test_rows_under_a_contents_heading_are_page_numbers_in_any_order():
    """Three entries under "Innehåll" (too few to tell by their order): still page numbers."""
    page = [("Innehåll", {"bold": True}), [("Inledning", 72), ("2", 400)]] + rows(["4", "6", "5"], areas=range(1, 4))
    obs, _ = scores(page, 12)
    assert obs == []


def test_a_score_table_with_small_numbers_in_a_long_report_is_read():
    """Scores no larger than the page count are still scores when they are not in order, or a total follows."""
    values = ["41", "38", "45", "52", "47", "50", "36", "44"]
    page = ["Tabell 1 Resultat per område"] + rows(values)
    obs, _ = scores(page, 60)
    assert sorted((o.area, o.value, o.role) for o in obs) == [(a, float(v), "primary") for a, v in enumerate(values, 1)]
    ordered = ["31", "35", "38", "40", "44", "47", "52", "55"]
    page = ["Tabell 1 Resultat per område"] + rows(ordered) + [[("Totalt", 72), ("342", 400)]]
    obs, _ = scores(page, 60)
    assert sorted((o.area or 0, o.value) for o in obs) == [(0, 342.0)] + [
        (a, float(v)) for a, v in enumerate(ordered, 1)
    ]
