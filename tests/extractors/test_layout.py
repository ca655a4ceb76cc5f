from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.layout import build_document, gutter_splits
from extractors.page import Cell, Grid, PageReading, Word, words_to_lines
from tests.extractors.synthetic import document, page_words, words_of


def test_running_header_and_footer_removed_on_every_page():
    pages = []
    for n in (5, 6, 7):
        words = words_of([("Sveriges Kommuner och Landsting 2010-06-09", 72), (f"{n} (29)", 480)], top=800)
        words += words_of([("Kommunkompassen Tyresö", 72)], top=30)
        words += page_words([f"Brödtext på sidan {n}"], start_top=200)
        pages.append(PageReading(n, 595.0, 842.0, words))
    doc = build_document(pages)
    assert [p.text for p in doc.pages] == ["Brödtext på sidan 5", "Brödtext på sidan 6", "Brödtext på sidan 7"]
    assert doc.pages[0].margin_lines[0].text == "Kommunkompassen Tyresö"


def test_two_columns_read_column_by_column():
    left = [
        "Vänster spalt rad ett",
        "vänster spalt rad två",
        "vänster spalt rad tre",
        "vänster spalt rad fyra",
        "vänster spalt rad fem",
        "vänster spalt rad sex",
    ]
    right = [
        "Höger spalt rad ett",
        "höger spalt rad två",
        "höger spalt rad tre",
        "höger spalt rad fyra",
        "höger spalt rad fem",
        "höger spalt rad sex",
    ]
    rows = [("Rubrik över båda spalterna som går tvärs över hela sidan och mitten", 72)]
    rows = [[r] for r in rows] + [[(a, 72), (b, 320)] for a, b in zip(left, right)]
    doc = document(rows)
    texts = [l.text for l in doc.pages[0].lines]
    assert texts == ["Rubrik över båda spalterna som går tvärs över hela sidan och mitten"] + left + right


PROSE = [
    "Budgetdialogen sker under våren",
    "och hösten med alla nämnder.",
    "Flera iakttagelser bygger på",
    "samstämmiga uppgifter från",
    "olika intervjugrupper. Mått på",
    "produktivitet används sällan",
    "utom i hemtjänsten där tiden",
    "per besök följs upp varje år.",
]
LABELS = [
    "1 Offentlighet och demokrati",
    "2 Tillgänglighet",
    "3 Politisk styrning",
    "4 Ledarskap och ansvar",
    "5 Resultat och effektivitet",
    "6 Kommunen som arbetsgivare",
    "7 Verksamhetsutveckling",
    "8 Samhällsbyggare",
]


def test_a_table_in_the_left_column_keeps_its_rows_beside_the_prose():
    """Labels, values and the other column's prose share lines; the label-to-value gap is as wide as
    the gutter and has words on both sides, but a gutter there would send the values to the prose."""
    rows = [[(label, 72), (str(40 + i), 240), (prose, 320)] for i, (label, prose) in enumerate(zip(LABELS, PROSE))]
    texts = [l.text for l in document(rows).pages[0].lines]
    assert texts == [f"{label} {40 + i}" for i, label in enumerate(LABELS)] + PROSE


def test_a_ruled_table_in_the_left_column_is_not_cut_by_the_gutter():
    """A ruled table of text cells ('Område | Bedömning') in one column: its grid's box holds its rows."""
    cells = ["Tydlig", "Delvis", "Saknas", "Tydlig", "Delvis", "Tydlig", "Saknas", "Delvis"]
    rows = [[(label, 72), (cell, 240), (prose, 320)] for label, cell, prose in zip(LABELS, cells, PROSE)]
    words = page_words(rows)
    grid = Grid(
        1,
        tuple((Cell(70, 235, top, top + 14), Cell(235, 290, top, top + 14)) for top in sorted({w.top for w in words})),
    )
    doc = build_document([PageReading(1, 595.0, 842.0, words, grids=[grid])])
    assert [l.text for l in doc.pages[0].lines] == [f"{a} {b}" for a, b in zip(LABELS, cells)] + PROSE
    assert [l.text for l in document(rows).pages[0].lines][: len(LABELS)] == LABELS  # without the grid: cut


def test_a_table_in_the_right_column_with_values_on_lines_of_their_own_is_read_column_by_column():
    """A value cell at a line's end (vertically centred beside a wrapped label) is no table row the
    gutter cuts: the gutter before it is the one between the columns."""
    rows = []
    for i, (prose, label) in enumerate(zip(PROSE, LABELS)):
        rows += [[(prose, 72), (label, 320)], [(prose.upper(), 72), (str(40 + i), 500)]]
    texts = [l.text for l in document(rows).pages[0].lines]
    assert texts == (
        [t for p in PROSE for t in (p, p.upper())] + [t for i, label in enumerate(LABELS) for t in (label, str(40 + i))]
    )


def test_table_with_numbers_is_not_split_into_columns():
    rows = [[(f"{i}. Område nummer {i}", 72), (str(50 + i), 330), (str(40 + i), 400)] for i in range(1, 9)]
    doc = document(rows)
    assert doc.pages[0].lines[0].text == "1. Område nummer 1 51 41"
    assert len(doc.pages[0].lines) == 8


# find_gutter computes every candidate x at once; this is the rule it implements, one x at a time.


def gutter_by_definition(lines, width):
    from extractors.layout import ALPHA, GUTTER_BAND, MIN_COLUMN_LINES, crosses, cuts_table
    from extractors.page import split_line

    best, x = None, width * GUTTER_BAND[0]
    while x <= width * GUTTER_BAND[1]:
        run = longest = 0
        for line in lines:
            if crosses(line, x) or cuts_table(line, x, []):
                run = 0
                continue
            left, right = split_line(line, x)
            if left and right and ALPHA.search(left.text) and ALPHA.search(right.text):
                run += 1
                longest = max(longest, run)
        if longest >= MIN_COLUMN_LINES and (best is None or longest > best[0]):
            best = (longest, x)
        x += 2.0
    return best[1] if best else None


TOKENS = ["Styrkor", "och", "52", "kommunen", "–", "ab", "Förbättringsområden", "12,5", "arbetet"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(TOKENS), st.floats(50, 540)), min_size=1, max_size=6),
        min_size=0,
        max_size=14,
    )
)
def test_find_gutter_agrees_with_its_definition(rows):
    from extractors.layout import find_gutter
    from extractors.page import Line, Word

    lines = [
        Line(
            tuple(Word(t, x, x + 6 * len(t), 100 + 14 * i, 110 + 14 * i) for t, x in sorted(row, key=lambda r: r[1])), 1
        )
        for i, row in enumerate(rows)
    ]
    assert find_gutter(lines, 595.0) == gutter_by_definition(lines, 595.0)


def test_find_gutter_finds_the_gap_between_two_columns():
    from extractors.layout import find_gutter
    from extractors.page import Line, Word

    lines = [
        Line(
            (Word("Vänster", 72, 250, 100 + 14 * i, 110 + 14 * i), Word("Höger", 320, 520, 100 + 14 * i, 110 + 14 * i)),
            1,
        )
        for i in range(6)
    ]
    x = find_gutter(lines, 595.0)
    assert x is not None and 255 < x < 315


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.lists(st.tuples(st.sampled_from(TOKENS), st.floats(50, 540)), min_size=1, max_size=6),
        min_size=0,
        max_size=14,
    )
)
def test_every_line_of_the_model_is_a_line_or_a_gutter_split_of_one(rows):
    """What triage asks of a page before layout (extractors.scores.pages) sees every line the model has."""
    words = [Word(t, x, x + 6 * len(t), 100 + 14 * i, 110 + 14 * i) for i, row in enumerate(rows) for t, x in row]
    before = words_to_lines(words, 1)
    parts = {line.words for line in before} | {
        part.words for line in before for split in gutter_splits(line) for part in split
    }
    doc = build_document([PageReading(1, 595.0, 842.0, words)])
    assert all(line.words in parts for line in doc.pages[0].lines)


def test_gutter_splits_are_at_gaps_a_gutter_fits_in():
    line = words_to_lines(
        words_of([("Intervjuerna visar", 72), ("1. Offentlighet och demokrati", 320), ("63", 520)], top=100), 1
    )[0]
    assert [(left.text, right.text) for left, right in gutter_splits(line)] == [
        ("Intervjuerna visar", "1. Offentlighet och demokrati 63"),
        ("Intervjuerna visar 1. Offentlighet och demokrati", "63"),
    ]


def test_a_full_width_table_between_two_column_prose_keeps_its_rows_whole():
    """Two-column prose above and below a full-width table: rows whose label ends before the gutter
    and whose one value stands at the right margin are table rows (an area's or the total's label),
    not a left and a right column."""
    prose = [[(a, 72), (b, 320)] for a, b in zip(PROSE, [p.upper() for p in PROSE])]
    labels = [
        "1 Offentlighet, öppenhet och demokratisk kontroll",
        "2 Tillgänglighet/medborgar- och brukarorientering",
        "4 Ledning, decentralisering och delegering",
        "5 Kontroll och rapportering",
        "6 Personalpolitik",
        "7 Verksamhetsutveckling",
        "Summa",
    ]
    table = [
        [(label, 72), (value, 500)] for label, value in zip(labels, ["57", "64", "52", "41", "49", "47,5", "310,5"])
    ]
    texts = [l.text for l in document(prose + table + prose).pages[0].lines]
    rows = [f"{label} {value}" for label, value in zip(labels, ["57", "64", "52", "41", "49", "47,5", "310,5"])]
    assert texts[len(PROSE) * 2 : len(PROSE) * 2 + len(rows)] == rows
