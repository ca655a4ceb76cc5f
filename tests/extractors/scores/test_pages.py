"""Whether a page could hold a score, asked of its lines before layout: it must agree with the strategies.

Each case is a page of rows (tests.extractors.synthetic) asked both ways: `may_hold_scores` of its
lines before layout, and the strategies' `extract_scores` of its page model; `score_pages` asks it
of a document's pages with their running headers and footers set aside.
"""

import pytest

from extractors.layout import build_document
from extractors.organisations import resolve_organisation
from extractors.page import PageReading, words_to_lines
from extractors.scores import extract_scores
from extractors.scores.pages import may_hold_scores, score_pages
from tests.extractors.synthetic import document, page_words

TYRESO = resolve_organisation("Tyresö kommun")


def may_hold(rows: list) -> bool:
    return may_hold_scores(words_to_lines(page_words(rows), 1))


def scores(rows: list, kind: str = "report", width: float = 595.0, height: float = 842.0) -> list:
    return extract_scores(document(rows, width=width, height=height), None, TYRESO, 2015, kind)


#: A result table with five area rows (a table needs three), one wrapped label with its values on
#: the line between the label's two lines, as Word centres a cell vertically.
TABLE = [
    "Tabell 1 Resultat per område",
    [("1. Offentlighet och demokrati", 72), ("63", 400)],
    [("2. Tillgänglighet och", 72)],
    [("52", 400)],
    [("brukarorientering", 72)],
    [("3. Politisk styrning och kontroll", 72), ("55", 400)],
    [("4. Ledarskap, ansvar och delegation", 72), ("47", 400)],
    [("5. Resultat och effektivitet", 72), ("58", 400)],
]


@pytest.mark.parametrize(
    "line",
    [
        "2. Samhällsutveckling 52",
        "Tillgänglighet och brukarorientering 63 p",
        "Område 4 Effektivitet 47 (52)",
        "Politisk styrning och kontroll 55 poäng",
        "Tyresö 2010: 452",
    ],
)
def test_lines_that_can_carry_a_score_make_a_score_page(line):
    assert may_hold(["Resultat per område", line])


@pytest.mark.parametrize(
    "line",
    [
        "Arbetet följs upp av nämnderna 2019",
        "Sida 12",
        "Tillgänglighet",
        "Kommunen har 52 anställda inom äldreomsorgen",
        "Förbättringsområden för tillgänglighet",
        "3. Samhällsutveckling 52",
    ],
)  # the label matcher: area 2, not 3
def test_lines_without_a_labelled_value_do_not(line):
    assert not may_hold(["Sammanfattning", line])


def test_a_result_table_is_a_score_page_as_the_strategy_reads_it():
    assert may_hold(TABLE) and {o.area for o in scores(TABLE)} >= {1, 2, 3, 4, 5}


def test_a_wrapped_label_beside_values_alone_is_found_with_its_neighbours():
    """The row of area 2 alone: its values stand on a line of their own, the label on the lines around."""
    row = ["Tabell 1 Resultat per område", [("2. Tillgänglighet och", 72)], [("52", 400)], [("brukarorientering", 72)]]
    assert may_hold(row)
    assert not may_hold([row[0], row[2]])


def test_a_table_row_beside_a_column_of_prose_is_found_in_its_column():
    """On a two-column page a row shares its line with prose until the layout splits the columns."""
    prose = [
        "Intervjuerna visar att",
        "ansvarsfördelningen är",
        "känd bland cheferna och",
        "att uppföljningen sker",
        "regelbundet i nämnderna",
        "under hela året.",
    ]
    labels = [
        "1. Offentlighet och demokrati",
        "2. Tillgänglighet och brukarorientering",
        "3. Politisk styrning och kontroll",
        "4. Ledarskap, ansvar och delegation",
        "5. Resultat och effektivitet",
        "7. Verksamhetsutveckling",
    ]
    rows = [[(text, 72), (label, 300), (str(50 + i), 520)] for i, (text, label) in enumerate(zip(prose, labels))]
    assert may_hold(rows) and len(scores(rows)) == 6
    assert not may_hold([[(text, 72), (label, 300)] for text, label in zip(prose, labels)])


def test_an_area_slide_with_its_points_is_a_score_page():
    slide = [
        "Område 1 – Offentlighet och demokrati",
        "1.1 Hur informeras medborgarna om kommunens beslut?",
        "1.2 Hur kan medborgarna påverka?",
        "74 p",
    ]
    assert may_hold(slide)
    assert [(o.area, o.value) for o in scores(slide, "slides", 960, 540)] == [(1, 74.0)]
    assert not may_hold(slide[1:])


def test_a_running_footer_split_at_a_gutter_makes_no_score_page():
    """A footer whose page number stands apart ("... 2020-01-19 ... 8") reads as an area-8 row when
    split at a gutter; the page model sets it aside as a running footer, and so does `score_pages`."""
    prose = ["Intervjuerna visar att ansvarsfördelningen är känd.", "Uppföljningen sker i nämnderna."]

    def page(number: int, rows: list) -> PageReading:
        footer = [[("Sveriges Kommuner och Regioner 2020-01-19", 72), (str(number), 520)]]
        return PageReading(number, 595.0, 842.0, page_words(rows) + page_words(footer, start_top=800.0))

    pages = [page(n, TABLE if n == 3 else prose) for n in range(1, 10)]
    assert may_hold_scores(words_to_lines(pages[7].words, 8))  # the footer of page 8, split at the gutter
    assert score_pages(pages) == {3}
    observations = extract_scores(build_document(pages), None, TYRESO, 2015, "report")
    assert observations and {o.page for o in observations} == {3}


def test_labelled_totals_and_earlier_totals_in_prose_make_score_pages():
    assert may_hold([("Resultat", {"size": 24}), [("62", 200.0), ("Snitt: 403 p", 700.0)]])
    assert may_hold(["Vid den förra utvärderingen 2018 fick kommunen", "498 poäng av 800 möjliga."])
    assert not may_hold(["Vid den förra utvärderingen 2018 deltog 40 personer.", "Budget: 450 p"])
