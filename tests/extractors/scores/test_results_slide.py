"""A feedback deck's results slide: a list "1 Offentlighet och demokrati  58 p" … "Totalt  471 p" beside
a chart whose legend and axis ticks share the list's lines. The list's rows are read with their own
labels (the legend's and the axis' words are another block), and no row of the list is taken for the
title of an area slide.
"""

from extractors.frameworks import AREA_LABELS
from extractors.organisations import resolve_organisation
from extractors.page import Document, Page, words_to_lines
from extractors.scores import extract_scores
from tests.extractors.synthetic import document, page_words

MORA = resolve_organisation("Mora kommun")
#: The 2010 labels as a deck may shorten them ("Kommunen som arbetsgivare").
LABELS = [*AREA_LABELS["2010"][:5], "Kommunen som arbetsgivare", *AREA_LABELS["2010"][6:]]
POINTS = ["58", "64", "55", "60,5", "52", "61", "47", "73,5"]
#: What the chart prints on the list's lines: its legend beside row 1, axis ticks at the left edge.
CHART = {0: ("Mora", 262.0), 2: ("100", 54.0), 4: ("80", 63.0), 7: ("60", 63.0)}


def results_slide(extra: list | None = None) -> list:
    rows: list = [("Resultat per område", {"size": 24})]
    for i, (label, points) in enumerate(zip(LABELS, POINTS)):
        chart = [CHART[i]] if i in CHART else []
        rows.append(chart + [(f"{i + 1} {label}", 597.0), (f"{points} p", 597.0 + 6 * (len(label) + 3))])
    return rows + [[("Totalt", 597.0), ("471 p", 640.0)]] + (extra or [])


def read(slide: list) -> list:
    obs = extract_scores(document(slide, width=960, height=540), "2010", MORA, 2019, "slides")
    return sorted((o.area or 0, o.value, o.label, o.strategy) for o in obs)


def test_a_results_list_beside_a_chart_keeps_its_own_labels():
    want = [(0, 471.0, None, "result_table")] + [
        (area, float(p.replace(",", ".")), f"{area} {label}", "result_table")
        for area, (label, p) in enumerate(zip(LABELS, POINTS), start=1)
    ]
    assert read(results_slide()) == want


def test_a_row_of_the_list_is_no_area_slide_title():
    """Points printed elsewhere on a results slide belong to no area: the rows at its top are no title."""
    got = read(results_slide([[("Målnivå för alla områden: 65 p", 597.0)]]))
    assert [(area, value) for area, value, _, _ in got] == [(0, 471.0)] + [
        (a, float(p.replace(",", "."))) for a, p in enumerate(POINTS, start=1)
    ]


def test_quoted_totals_beside_a_results_table_are_read_and_stay_out_of_its_rows():
    """'Mora 2011: 433' and 'Mora 2015: 498,5' printed to the right of rows 2 and 3 of 'Område | 2011 | 2015'."""
    earlier = ["60", "55", "57", "52", "50", "56", "45", "58"]
    slide: list = [("Resultat 2011 och 2015", {"size": 24}), [("Område", 50.0), ("2011", 490.0), ("2015", 576.0)]]
    for i, (label, before, now) in enumerate(zip(LABELS, earlier, POINTS)):
        quote = {1: [("Mora 2011: 433", 677.0)], 2: [("Mora 2015: 498,5", 677.0)]}.get(i, [])
        slide.append([(f"{i + 1} {label}", 50.0), (before, 497.0), (now, 583.0)] + quote)
    slide.append([("Totalt", 50.0), ("433", 493.0), ("498,5", 574.0)])
    obs = extract_scores(document(slide, width=960, height=540), "2010", MORA, 2015, "slides")
    got = sorted((o.year, o.area or 0, o.value, o.role, o.strategy) for o in obs)
    table = [(2011, 0, 433.0, "history", "result_table"), (2015, 0, 498.5, "primary", "result_table")]
    table += [(2011, a, float(v), "history", "result_table") for a, v in enumerate(earlier, start=1)]
    table += [(2015, a, float(v.replace(",", ".")), "primary", "result_table") for a, v in enumerate(POINTS, 1)]
    quotes = [(2011, 0, 433.0, "history", "slides"), (2015, 0, 498.5, "primary", "slides")]
    assert got == sorted(table + quotes)


def test_a_text_column_between_labels_and_scores_keeps_the_rows():
    """'Område | Bedömning | Poäng', the text column set apart by wide gaps, each row one line of the
    page model (a ruled table's box keeps its rows whole): the rows are read whole, as without the
    block test (areas whose label alone is ambiguous, "Kommunen som", are left out here)."""
    areas = [1, 2, 3, 4, 5, 7]
    rows: list = ["Tabell 2 Bedömning per område", [("Område", 72.0), ("Bedömning", 300.0), ("Poäng", 480.0)]]
    for area, verdict in zip(areas, ["Delvis", "Uppfyllt", "Delvis", "Saknas", "Delvis", "Saknas"]):
        rows.append([(f"{area}. {LABELS[area - 1]}", 72.0), (verdict, 300.0), (POINTS[area - 1], 480.0)])
    doc = Document([Page(1, 595.0, 842.0, words_to_lines(page_words(rows), 1))], 1)
    obs = extract_scores(doc, "2010", MORA, 2019, "report")
    assert sorted((o.area, o.value) for o in obs) == [(a, float(POINTS[a - 1].replace(",", "."))) for a in areas]


def test_totals_labelled_beside_a_chart_are_the_own_and_the_average_total():
    """A column chart with data labels ('62' shares the line of 'Snitt: 403 p'); a total is > 100."""
    slide = [
        ("Resultat per område", {"size": 24}),
        [("100", 54.0)],
        [("80", 63.0), ("Totalt: 431 p", 700.0)],
        [("62", 200.0), ("Snitt: 403 p", 700.0)],
        [("60", 63.0), ("57", 120.0), ("55", 260.0)],
        [("Mora 2019", 200.0), ("Snitt", 320.0)],
        [("Budget: 450 p", 700.0)],  # no total's label
        [("Totalt: 58 p", 700.0)],  # an area's points
    ]
    obs = extract_scores(document(slide, width=960, height=540), "2010", MORA, 2019, "slides")
    assert sorted((o.area, o.value, o.role, o.year, o.strategy) for o in obs) == [
        (None, 403.0, "average", 2019, "slides"),
        (None, 431.0, "primary", 2019, "slides"),
    ]
