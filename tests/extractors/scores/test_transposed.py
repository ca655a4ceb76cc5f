"""Transposed score tables: the areas as columns headed "1" … "8" and "Totalt", the evaluations as
rows. A row label gives its evaluation a role by the same rules as a column header (own year →
primary, an earlier own year → history, another organisation → peer, an average word → average;
the scale by the year), from text lines or from a ruled grid's cells."""

from extractors.organisations import resolve_organisation
from extractors.page import words_to_lines
from extractors.records import Check
from extractors.scores import extract_scores
from extractors.scores.columns import caption_scale
from extractors.scores.pages import may_hold_scores
from tests.extractors.synthetic import document, page_words
from tests.extractors.test_scores_ruled import ruled_document

TYRESO = resolve_organisation("Tyresö kommun")
HV = resolve_organisation("Hässelby-Vällingby stadsdelsområde")
#: Centres of the header numbers; values are printed right-aligned 12 pt right of them, so a value
#: lies nearer its own header than any other but never under it.
CENTRES = [220.0 + 50 * i for i in range(9)]


def header(texts=("1", "2", "3", "4", "5", "6", "7", "8", "Totalt"), label=None):
    segments = [(label, 72.0)] if label else []
    return segments + [(t, c - 2.75 * len(t)) for t, c in zip(texts, CENTRES)]


def row(label: str, values: list[str]):
    """A row label at the left margin, then values right-aligned in their columns ("" leaves one empty)."""
    segments = [(label, 72.0)]
    for value, centre in zip(values, CENTRES):
        if value:
            segments.append((value, centre + 12 - 5.5 * len(value.replace(" ", "")) - 3 * value.count(" ")))
    return segments


def scores(doc, org=TYRESO, year=2014):
    checks: list[Check] = []
    obs = extract_scores(doc, "2010", org, year, "report", checks)
    return obs, checks


def got(obs):
    return sorted((o.organisation.slug, o.year, o.area or 0, o.scale, o.value, o.role) for o in obs)


EARLIER = ["52", "57", "45", "48", "40", "47", "35", "50", "374"]
BETWEEN = ["50", "49", "51", "45", "42,5", "48", "37", "52", "374,5"]
OWN = ["64", "60", "62", "55", "53", "58", "49", "63", "464"]
AVERAGE = ["55", "54", "52", "50", "49", "51", "45", "54", "410"]


def test_evaluations_as_rows_with_a_caption_below():
    page = [
        "Resultat över tid",
        header(),
        row("Tyresö 2006", EARLIER),
        row("Tyresö 2010", BETWEEN),
        row("Tyresö 2014", OWN),
        row("Snitt 2014", AVERAGE),
        "Figur 2. Tyresö kommuns poäng per område 2006, 2010 och 2014. 2006 års poäng är satta",
        "enligt den äldre skalan.",
        ("Områden: 1 = Offentlighet och demokrati; 2 = Tillgänglighet och brukarorientering", {"size": 8.0}),
    ]
    obs, checks = scores(document(page))
    expected = []
    for year, scale, role, values in (
        (2006, "old", "history", EARLIER),
        (2010, "new", "history", BETWEEN),
        (2014, "new", "primary", OWN),
        (2014, "new", "average", AVERAGE),
    ):
        for area, value in zip([1, 2, 3, 4, 5, 6, 7, 8, 0], values):
            expected.append(("tyreso", year, area, scale, float(value.replace(",", ".")), role))
    assert got(obs) == sorted(expected)
    assert {o.strategy for o in obs} == {"transposed_table"} and checks == []
    assert {o.table for o in obs} == {
        "Figur 2. Tyresö kommuns poäng per område 2006, 2010 och 2014. 2006 års poäng är satta enligt den äldre skalan."
    }
    assert {o.label for o in obs if o.area == 3} == {"3"}


def test_a_district_row_with_an_empty_cell_and_a_peer_with_a_dash():
    own = ["71,5", "64", "58", "60", "62", "55", "57", "", "427,5"]
    peer = ["60", "61", "52", "50", "48", "57", "52", "–", "380"]
    page = [
        header(label="Stadsdel"),
        row("Hässelby-Vällingby 2010", own),
        row("Bromma 2006", peer),
        "*) Område 8 poängbedöms inte vid stadsdelsutvärderingar.",
    ]
    obs, checks = scores(document(page), org=HV, year=2010)
    areas = [1, 2, 3, 4, 5, 6, 7, 8, 0]
    expected = [
        ("hasselby-vallingby", 2010, a, "new", float(v.replace(",", ".")) if v else None, "primary")
        for a, v in zip(areas, own)
    ] + [("bromma", 2006, a, "old", None if v == "–" else float(v), "peer") for a, v in zip(areas, peer)]
    assert got(obs) == sorted(expected)
    assert checks == []


def test_a_row_label_naming_no_one_makes_the_table_a_check():
    page = [header(), row("Tyresö 2014", OWN), row("Utvecklingsmål för perioden", AVERAGE)]
    obs, checks = scores(document(page))
    assert obs == []
    assert [c.code for c in checks] == ["unclassified_column"]
    assert "Utvecklingsmål för perioden" in checks[0].detail


def test_a_ruled_transposed_table_is_read_by_its_cells():
    head = ["Utvärdering", "1", "2", "3", "4", "5", "6", "7", "8", "Totalt"]
    body = [["Tyresö 2010", *BETWEEN], ["Tyresö 2014", *OWN]]
    doc = ruled_document([head], body, widths=(110, 40, 40, 40, 40, 40, 40, 40, 40, 50))
    obs, checks = scores(doc)
    assert got(obs) == sorted(
        [
            ("tyreso", 2010, a, "new", float(v.replace(",", ".")), "history")
            for a, v in zip([1, 2, 3, 4, 5, 6, 7, 8, 0], BETWEEN)
        ]
        + [("tyreso", 2014, a, "new", float(v), "primary") for a, v in zip([1, 2, 3, 4, 5, 6, 7, 8, 0], OWN)]
    )
    assert {o.strategy for o in obs} == {"ruled_table"} and checks == []


def test_look_alikes_are_no_transposed_tables():
    pages = [
        [header(texts=("3", "1", "2", "4")), row("Tyresö 2014", OWN[:4])],  # numbers out of order
        [header(texts=("1", "2")), row("Tyresö 2014", OWN[:2])],  # two areas are no table
        [header(), "Tyresö kommun har utvärderats tre gånger sedan 2006."],  # no row of values
        [header(), row("Tyresö 2014", ["10", "20", "30", "40", "50", "60", "70", "80", "90"])],  # chart ticks
    ]
    for page in pages:
        assert scores(document(page)) == ([], [])


def test_a_caption_sentence_about_one_year_sets_that_year_s_scale_only():
    caption = "Figur 2. Poäng 2008, 2011 och 2015. 2008 års poäng är satta enligt den äldre skalan."
    assert caption_scale(caption, 2008) == "old"
    assert caption_scale(caption, 2015) is None
    assert caption_scale("Tabell 1. Poäng per område (äldre poängskala)", 2011) == "old"
    assert caption_scale("Tabell 1. Poäng 2011 och 2008 enligt nuvarande poängskala", 2008) == "new"
    assert caption_scale("Tabell 1. Poäng per område", 2011) is None


def test_year_labels_a_wrapped_label_and_no_total_column():
    """Rows labelled by the year alone are the report's own organisation; a label Word wrapped in its
    cell goes on under the row ("Genomsnitt alla" / "kommuner") and the row after it still counts."""
    page = [
        "Tabell 4 Poäng per område",
        header(texts=("1", "2", "3", "4", "5", "6", "7", "8"), label="År"),
        row("2006", EARLIER[:8]),
        row("Genomsnitt alla", AVERAGE[:8]),
        "kommuner",
        row("2014", OWN[:8]),
    ]
    obs, checks = scores(document(page))
    expected = []
    for year, scale, role, values in (
        (2006, "old", "history", EARLIER),
        (2014, "new", "average", AVERAGE),
        (2014, "new", "primary", OWN),
    ):
        expected += [("tyreso", year, a, scale, float(v), role) for a, v in zip(range(1, 9), values)]
    assert got(obs) == sorted(expected) and checks == []
    assert {o.table for o in obs} == {"Tabell 4 Poäng per område"}


def test_a_page_with_a_transposed_table_is_a_score_page():
    """The reader parses such a page with pdfplumber (its ruling lines give the grid)."""
    assert may_hold_scores(words_to_lines(page_words([header(label="Utvärdering"), row("Tyresö 2014", OWN)]), 1))
    assert not may_hold_scores(words_to_lines(page_words([header(label="Utvärdering"), "Tyresö 2014"]), 1))
