"""Column roles by what headers say and ruled tables read by their cells, on synthetic page models.

Each test draws one layout class of issue 13: headers left-aligned over right-aligned numbers,
"X 2021 | Genomsnitt" in either order, the two scales swapped, history newest first, a caption of
prose above the header row, a peer table with numbered rows and wrapped organisation headers.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.organisations import resolve_organisation
from extractors.page import Cell, Grid
from extractors.records import Check
from extractors.scores import extract_scores
from tests.extractors.synthetic import LINE_HEIGHT, document
from tests.extractors.test_scores import LABELS_2010, rows_of

TYRESO = resolve_organisation("Tyresö kommun")
HV = resolve_organisation("Hässelby-Vällingby stadsdelsområde")
TOP = 80.0


def ruled(page, header_rows: list[list[str]], body: list[list[str]], widths=(220, 90, 90), x=72.0, top=TOP) -> Grid:
    """A grid over the page model: one cell per entry, rows LINE_HEIGHT per text line high."""
    rows = []
    y = top
    for texts in header_rows + body:
        height = LINE_HEIGHT * max(t.count("\n") + 1 for t in texts)
        cells, left = [], x
        for text, width in zip(texts, widths):
            cells.append(Cell(left, left + width, y, y + height, text))
            left += width
        rows.append(tuple(cells))
        y += height
    grid = Grid(page.number, tuple(rows))
    page.grids.append(grid)
    return grid


def area_rows(values: list[tuple[str, ...]], total: tuple[str, ...] | None = None, numbered=False):
    labels = [str(i) if numbered else f"{i}. {label}" for i, label in enumerate(LABELS_2010, start=1)]
    rows = [[label, *vs] for label, vs in zip(labels, values)]
    return rows + ([["Totalt", *total]] if total else [])


def text_rows(header_rows, body, widths=(220, 90, 90), x=72.0, right_aligned=True):
    """The same table as page-model text lines: labels left in their cells, numbers right-aligned
    (5.5 pt a character, see synthetic.py), header lines left-aligned in their cells."""
    out = []
    for texts in header_rows:
        for k in range(max(t.count("\n") + 1 for t in texts)):
            left, segments = x, []
            for text, width in zip(texts, widths):
                parts = text.split("\n")
                if k < len(parts) and parts[k]:
                    segments.append((parts[k], left + 3))
                left += width
            out.append(segments)
    for texts in body:
        left, segments = x, [(texts[0], x + 3)]
        left += widths[0]
        for text, width in zip(texts[1:], widths[1:]):
            if text:
                span = 5.5 * len(text.replace(" ", "")) + 3 * text.count(" ")
                segments.append((text, left + width - 3 - span if right_aligned else left + 3))
            left += width
        out.append(segments)
    return out


def ruled_document(header_rows, body, widths=(220, 90, 90), above=(), below=()):
    lines = list(above) + text_rows(header_rows, body, widths) + list(below)
    doc = document(lines)
    ruled(doc.pages[0], header_rows, body, widths, top=TOP + LINE_HEIGHT * len(above))
    return doc


def scores(doc, org=TYRESO, year=2014, framework="2010"):
    checks: list[Check] = []
    obs = extract_scores(doc, framework, org, year, "report", checks)
    return obs, checks


def test_own_year_and_average_in_either_order_are_read_by_role_not_position():
    values = [(f"{60 + i}", f"{50 + i}") for i in range(1, 9)]
    for headers, order in ((["Tyresö 2014", "Genomsnitt"], 1), (["Genomsnitt", "Tyresö 2014"], -1)):
        body = area_rows([v[::order] for v in values], ("484", "404")[::order])
        obs, checks = scores(ruled_document([["Område", *headers]], body))
        got = rows_of(obs)
        assert ("tyreso", 2014, 1, "new", 61.0, "primary") in got
        assert ("tyreso", 2014, 1, "new", 51.0, "average") in got
        assert ("tyreso", 2014, 0, "new", 484.0, "primary") in got
        assert len(obs) == 18 and {o.strategy for o in obs} == {"ruled_table"} and checks == []


def test_two_scales_swapped_keep_their_scales():
    values = [("40", "63,5")] + [(str(40 + i), str(50 + i)) for i in range(2, 9)]
    doc = ruled_document([["Område", "Äldre\npoängskala", "Nuvarande\npoängskala"]], area_rows(values))
    obs, checks = scores(doc, year=2010)
    got = rows_of(obs)
    assert ("tyreso", 2010, 1, "new", 63.5, "primary") in got
    assert ("tyreso", 2010, 1, "old", 40.0, "primary") in got
    assert ("tyreso", 2010, 8, "old", 48.0, "primary") in got
    assert len(obs) == 16 and checks == []


def test_history_newest_first_over_three_evaluations():
    values = [(f"{60 + i}", f"{50 + i}", f"{40 + i}") for i in range(1, 9)]
    doc = ruled_document(
        [["Område", "Tyresö\n2014", "Tyresö\n2010", "Tyresö\n2006"]], area_rows(values), widths=(220, 70, 70, 70)
    )
    got = rows_of(scores(doc)[0])
    assert ("tyreso", 2014, 3, "new", 63.0, "primary") in got
    assert ("tyreso", 2010, 3, "new", 53.0, "history") in got
    assert ("tyreso", 2006, 3, "old", 43.0, "history") in got
    assert len(got) == 24


def test_peer_table_with_numbered_rows_wrapped_headers_and_not_assessed():
    values = (
        [("71,5", "64", "58")]
        + [(str(60 + i), str(50 + i), str(45 + i)) for i in range(2, 8)]
        + [("0 *)", "0 *)", "–")]
    )
    headers = ["Område", "Hässelby-\nVällingby\n2010", "Bromma\n(Stockholms stad)\n2006", "Spånga-Tensta\n2008"]
    body = area_rows(values, ("465,5", "400", "360"), numbered=True)  # Bromma's areas sum to 396
    doc = ruled_document(
        [headers], body, widths=(60, 100, 100, 100), below=["*) Område 8 poängbedöms inte vid stadsdelsutvärderingar"]
    )
    obs, checks = scores(doc, org=HV, year=2010)
    got = rows_of(obs)
    assert ("hasselby-vallingby", 2010, 1, "new", 71.5, "primary") in got
    assert ("bromma", 2006, 1, "old", 64.0, "peer") in got
    assert ("spanga-tensta", 2008, 1, "old", 58.0, "peer") in got
    assert ("bromma", 2006, 8, "old", None, "peer") in got
    assert ("spanga-tensta", 2008, 8, "old", None, "peer") in got
    assert ("bromma", 2006, 0, "old", 400.0, "peer") in got
    assert len(obs) == 27 and checks == []


def test_a_header_that_names_no_one_makes_the_table_a_check():
    values = [(f"{60 + i}", f"{50 + i}") for i in range(1, 9)]
    doc = ruled_document([["Område", "Tyresö 2014", "Område X 2011"]], area_rows(values))
    obs, checks = scores(doc)
    assert obs == []
    assert [c.code for c in checks] == ["unclassified_column"] and "Område X 2011" in checks[0].detail


def test_two_columns_claiming_the_own_scores_keep_the_one_that_names_the_report():
    values = [(f"{60 + i}", f"{50 + i}") for i in range(1, 9)]
    doc = ruled_document([["Område", "Poäng", "Tyresö 2014"]], area_rows(values, ("484", "404")))
    obs, checks = scores(doc)
    assert ("tyreso", 2014, 0, "new", 404.0, "primary") in rows_of(obs) and len(obs) == 9
    assert [c.code for c in checks] == ["duplicate_column_role"]
    assert "total 484" in checks[0].detail and "total 404" in checks[0].detail


def test_cells_and_text_lines_that_disagree_raise_a_check():
    values = [(f"{60 + i}",) for i in range(1, 9)]
    doc = document(text_rows([["Område", "Tyresö 2014"]], area_rows(values), widths=(220, 90)))
    cells = area_rows([("68",)] + values[1:])  # the cells say 68 for area 1
    ruled(doc.pages[0], [["Område", "Tyresö 2014"]], cells, widths=(220, 90))
    obs, checks = scores(doc)
    assert ("tyreso", 2014, 1, "new", 68.0, "primary") in rows_of(obs) and len(obs) == 8
    assert [c.code for c in checks] == ["strategies_disagree"] and "area 1: cells 68, text 61" in checks[0].detail


def test_text_lines_map_left_aligned_headers_to_right_aligned_numbers_by_order():
    values = [(f"{40 + i}", f"{60 + i}") for i in range(1, 9)]
    # cells 140 pt wide: "Genomsnitt" starts at the left edge, the numbers end at the right edge
    doc = document(text_rows([["Område", "Genomsnitt", "Tyresö 2014"]], area_rows(values), widths=(220, 140, 140)))
    obs, checks = scores(doc)
    got = rows_of(obs)
    assert ("tyreso", 2014, 2, "new", 62.0, "primary") in got
    assert ("tyreso", 2014, 2, "new", 42.0, "average") in got
    assert len(obs) == 16 and checks == [] and {o.strategy for o in obs} == {"result_table"}


def test_a_caption_of_prose_above_the_header_row_is_no_header():
    caption = [
        "Tabell 1 visar kommunens resultat i Kommunkompassen 2014 jämfört med",
        "utvärderingen 2010. Poängen anges på den nuvarande poängskalan för båda åren, och",
        "område 8 bedömdes som vanligt. Siffrorna inom parentes är riksgenomsnittet för alla",
        "kommuner som utvärderats, och de fetstilta värdena är de högsta per",
        "område i jämförelsen mellan de två utvärderingarna av kommunen.",
    ]
    values = [(f"{40 + i}", f"{60 + i}") for i in range(1, 9)]
    doc = document(caption + text_rows([["Område", "Tyresö 2010", "Tyresö 2014"]], area_rows(values)))
    obs, checks = scores(doc)
    got = rows_of(obs)
    assert ("tyreso", 2010, 4, "new", 44.0, "history") in got and ("tyreso", 2014, 4, "new", 64.0, "primary") in got
    assert len(obs) == 16 and checks == []
    assert {o.organisation.slug for o in obs} == {"tyreso"}


def test_a_right_aligned_not_assessed_mark_stays_in_its_column_beside_inline_averages():
    values = [(f"{50 + i} ({60 + i},5)",) for i in range(1, 8)] + [("0 *)",)]
    rows = text_rows([["Område", "Poäng (genomsnitt)"]], area_rows(values, ("385 (427)",)), widths=(220, 120))
    obs, checks = scores(
        document(rows + ["*) Område 8 poängbedöms inte vid stadsdelsutvärderingar"]), org=HV, year=2010
    )
    got = rows_of(obs)
    assert ("hasselby-vallingby", 2010, 8, "new", None, "primary") in got
    assert ("hasselby-vallingby", 2010, 3, "new", 63.5, "average") in got
    assert ("hasselby-vallingby", 2010, 0, "new", 385.0, "primary") in got
    assert len(obs) == 17 and checks == []


def test_an_area_number_whose_name_wraps_below_is_a_label_not_a_value():
    rows = [[("Område", 75), ("Tyresö 2014", 300)]]
    for i, label in enumerate(LABELS_2010, start=1):
        if i == 7:  # "7" alone beside its score, the name on the next line
            rows += [[("7", 75), (f"{60 + i}", 310)], [("Verksamhetsutveckling", 75)]]
        else:
            rows.append([(f"{i} {label}", 75), (f"{60 + i}", 310)])
    obs, checks = scores(document(rows))
    assert ("tyreso", 2014, 7, "new", 67.0, "primary") in rows_of(obs)
    assert len(obs) == 8 and checks == []


def test_long_cell_headers_are_headers_and_maximum_columns_are_no_ones():
    values = [("100", f"{60 + i}", f"{50 + i}") for i in range(1, 9)]
    header = [
        "Område",
        "Möjlig\npoäng",
        "Kommunens poäng",
        "Genomsnitt för alla kommuner som har\nutvärderats med Kommunkompassen sedan 2010",
    ]
    doc = ruled_document([header], area_rows(values, ("800", "484", "404")), widths=(200, 60, 90, 150))
    obs, checks = scores(doc)
    got = rows_of(obs)
    assert ("tyreso", 2014, 5, "new", 65.0, "primary") in got and ("tyreso", 2014, 5, "new", 55.0, "average") in got
    assert ("tyreso", 2014, 0, "new", 484.0, "primary") in got
    assert len(obs) == 18 and checks == []


def test_a_comment_column_that_mentions_a_number_is_no_value_column():
    values = [(f"{60 + i}", "Ny plan" if i != 4 else "2") for i in range(1, 9)]
    doc = ruled_document([["Område", "Poäng", "Kommentar"]], area_rows(values), widths=(250, 60, 80))
    obs, checks = scores(doc)
    assert ("tyreso", 2014, 4, "new", 64.0, "primary") in rows_of(obs) and len(obs) == 8
    # the page's text lines are split at the comment column's gutter (extractors.layout), so the text-line
    # reading may differ and say so; no column may be a rival of "Poäng"
    assert {c.code for c in checks} <= {"strategies_disagree"}


def test_a_title_row_spanning_the_value_columns_heads_none_of_them_alone():
    values = [(f"{40 + i}", f"{60 + i}") for i in range(1, 9)]
    doc = document(
        text_rows([["Område", "Resultat per område", ""], ["", "Tyresö 2010", "Tyresö 2014"]], area_rows(values))
    )
    page = doc.pages[0]
    grid = ruled(page, [["Område", "x", "x"], ["", "Tyresö 2010", "Tyresö 2014"]], area_rows(values))
    title = grid.rows[0]  # the title cell spans both value columns
    spanning = Cell(title[1].x0, title[2].x1, title[1].top, title[1].bottom, "Resultat per område")
    page.grids[0] = Grid(grid.page, ((title[0], spanning, None),) + grid.rows[1:])
    obs, checks = scores(doc)
    got = rows_of(obs)
    assert ("tyreso", 2010, 2, "new", 42.0, "history") in got and ("tyreso", 2014, 2, "new", 62.0, "primary") in got
    assert len(obs) == 16 and checks == []


CELL_TEXTS = st.sampled_from(
    [
        "",
        "Område",
        "Totalt",
        "1",
        "8.",
        "0 *)",
        "–",
        "63,5",
        "73 (63)",
        "51 %",
        "2010",
        "Tyresö\n2014",
        "Genomsnitt",
        "Bromma\n(Stockholms stad)\n2006",
        "Område X 2011",
        "Äldre\npoängskala",
        "Max",
        LABELS_2010[2],
        "Kommentar",
        "*)",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(CELL_TEXTS, min_size=2, max_size=5), min_size=2, max_size=11))
def test_any_grid_reads_without_crashing_and_every_column_role_is_placed(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    doc = document([])
    ruled(doc.pages[0], rows[:1], rows[1:], widths=(200,) + (80,) * (width - 1))
    obs, checks = scores(doc)
    assert all(o.role in ("primary", "history", "peer", "average") and o.organisation.municipality_code for o in obs)
    assert all(c.code in ("unclassified_column", "duplicate_column_role", "strategies_disagree") for c in checks)


def test_empty_cells_of_the_unscored_area_are_not_assessed_in_cells_and_text_lines():
    values = [(f"{60 + i}", f"{50 + i}") for i in range(1, 8)] + [("", "")]
    note = "Område 8 poängbedöms inte vid utvärderingar av stadsdelsområden och har lämnats tomt."
    header = [["Område", "Hässelby-Vällingby\n2010", "Bromma\n2006"]]
    ruled_doc = ruled_document(header, area_rows(values, ("469", "399")), widths=(220, 110, 90), below=[note])
    heads = [[("Område", 75), ("Hässelby-Vällingby", 290), ("Bromma", 430)], [("2010", 290), ("2006", 430)]]
    numbered = (
        heads
        + [[(str(i), 75), (f"{60 + i}", 300), (f"{50 + i}", 440)] for i in range(1, 8)]
        + [[("8", 75)], [("Totalt", 75), ("469", 300), ("399", 440)], note]
    )
    wrapped = (
        heads
        + [
            [(f"{i}. {label}", 75), (f"{60 + i}", 300), (f"{50 + i}", 440)]
            for i, label in enumerate(LABELS_2010[:7], start=1)
        ]
        + [[("8. Kommunen som", 75)], [("samhällsbyggare", 75)], [("Totalt", 75), ("469", 300), ("399", 440)], note]
    )
    for doc in (ruled_doc, document(numbered), document(wrapped)):
        obs, checks = scores(doc, org=HV, year=2010)
        got = rows_of(obs)
        assert ("hasselby-vallingby", 2010, 8, "new", None, "primary") in got
        assert ("bromma", 2006, 8, "old", None, "peer") in got
        assert ("bromma", 2006, 0, "old", 399.0, "peer") in got
        assert len(obs) == 18


def test_grid_cells_with_units_and_percent_signs_are_values():
    values = [(f"{60 + i} p", f"{50 + i} %") for i in range(1, 9)]
    doc = ruled_document([["Område", "Tyresö 2014", "Tyresö 2010"]], area_rows(values, ("484 p", "404 %")))
    obs = scores(doc)[0]
    got = rows_of(obs)
    assert ("tyreso", 2014, 6, "new", 66.0, "primary") in got and ("tyreso", 2010, 6, "new", 56.0, "history") in got
    assert ("tyreso", 2010, 0, "new", 404.0, "history") in got and len(got) == 18
    assert {o.strategy for o in obs} == {"ruled_table"}
