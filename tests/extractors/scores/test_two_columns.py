"""A report set in two columns: a result table with a maximum column that runs on from the foot of
the left column to the top of the right one, and area headings that wrap in the narrow column with
their score in parentheses ("Område 6: Personalpolitik (60" / "poäng)").

Pages are built from segments (tests.extractors.synthetic); the layout reads the left column, then
the right one, so the table's last rows come after its first ones but further right.
"""

from extractors.layout import build_document
from extractors.frameworks import AREA_LABELS
from extractors.organisations import resolve_organisation
from extractors.page import PageReading, Word, words_to_lines
from extractors.scores import extract_scores
from extractors.scores.pages import may_hold_scores
from tests.extractors.synthetic import LINE_HEIGHT, document, words_of

YSTAD = resolve_organisation("Ystads kommun")
#: The 2010 labels as a report may shorten them ("Kommunen som arbetsgivare").
LABELS = [*AREA_LABELS["2010"][:5], "Kommunen som arbetsgivare", *AREA_LABELS["2010"][6:]]
SCORES = ["66", "58", "53", "49", "51,5", "60", "45", "68"]
LEFT_PROSE = [
    "Kommunen har en god grund att stå på",
    "och ett gott samarbetsklimat mellan",
    "politiker och tjänstemän. Resultatet",
    "per område framgår av tabell 1.",
]
RIGHT_PROSE = [
    "Utvärderingen visar att arbetet med",
    "tillgänglighet har kommit långt, medan",
    "styrningen av verksamheten behöver",
    "utvecklas. I de följande avsnitten",
]
#: Where the right column's table part stands: the left part's x positions moved by the column offset.
OFFSET = 248.0


def two_columns(left: list, right: list, **style) -> list:
    """Visual lines holding a left and a right column's items (a str at the column's edge, or segments)."""
    page = []
    for i in range(max(len(left), len(right))):
        segments = []
        for column, x in ((left, 72.0), (right, 72.0 + OFFSET)):
            if i < len(column):
                item = column[i]
                segments += [(item, x)] if isinstance(item, str) else item
        page.append((segments, style) if style else segments)
    return page


def table_page(header: list) -> list:
    """Caption, header and areas 1–4 at the foot of the left column; 5–8 and the total at the top of
    the right one. Labels wrap in their narrow cells; each row prints the maximum (100, 800) before
    the score."""
    left = LEFT_PROSE + ["Tabell 1. Poäng per område"] + ([header] if header else [])
    right: list = []
    for area, label in enumerate(LABELS, start=1):
        head, _, tail = label.partition(" ")
        part, x = (left, 72.0) if area <= 4 else (right, 72.0 + OFFSET)
        part += [[(f"{area}. {head}", x), ("100", x + 128), (SCORES[area - 1], x + 165)], [(tail, x + 12)]]
    right += [[("Totalt", 72 + OFFSET), ("800", 200 + OFFSET), ("450,5", 226 + OFFSET)]]
    return two_columns(left, right + RIGHT_PROSE)


def read(page: list) -> tuple[list, list]:
    checks: list = []
    obs = extract_scores(document(page), "2010", YSTAD, 2007, "report", checks)
    return sorted((o.area or 0, o.value, o.role, o.table) for o in obs), checks


WANT = [(0, 450.5, "primary", "Tabell 1. Poäng per område")] + [
    (area, float(s.replace(",", ".")), "primary", "Tabell 1. Poäng per område") for area, s in enumerate(SCORES, 1)
]


def test_a_table_running_on_into_the_right_column_keeps_its_headers():
    page = table_page([("Område", 72), ("Max", 200), ("Poäng", 226)])
    assert read(page) == (WANT, [])


def test_a_column_of_the_maximum_is_no_score_column_whatever_its_header():
    """No header at all: the column of 100s (800 in the total row) is the maximum, not a rival score."""
    assert read(table_page([])) == (WANT, [])


def column_words(left: list[tuple[str, bool]], right: list[tuple[str, bool]]) -> list[Word]:
    """Words of a two-column page from (text, bold) lines per column."""
    words = []
    for side, column in enumerate((left, right)):
        for n, (text, bold) in enumerate(column):
            words += words_of([(text, 72.0 + OFFSET * side)], 80.0 + n * LINE_HEIGHT, bold=bold)
    return words


def test_wrapped_bold_headings_with_the_score_in_parentheses():
    left = [("Område 1: Offentlighet och", True), ("demokrati (66", True), ("poäng)", True)]
    left += [(line, False) for line in LEFT_PROSE]
    right = [("Område 6: Kommunen som", True), ("arbetsgivare (60 poäng)", True)]
    right += [(line, False) for line in RIGHT_PROSE]
    # prose that would read as a score if its lines were joined: not bold, so not a wrapped heading
    right += [("Område 7: Verksamhetsutveckling (45", False), ("poäng) förra gången.", False)]
    words = column_words(left, right)
    obs = extract_scores(build_document([PageReading(1, 595.0, 842.0, words)]), "2010", YSTAD, 2011, "report")
    assert sorted((o.area, o.value, o.label, o.strategy) for o in obs) == [
        (1, 66.0, "Område 1: Offentlighet och demokrati", "headings"),
        (6, 60.0, "Område 6: Kommunen som arbetsgivare", "headings"),
    ]


def test_a_page_whose_only_score_is_a_wrapped_heading_is_a_score_page():
    """The page test (scores.pages) joins a bold heading with the bold lines after it, on its side of the gutter."""
    prose = [(line, False) for line in LEFT_PROSE]
    heading = [("Område 2:", True), ("Tillgänglighet och", True), ("brukarorientering (58 poäng)", True)]
    assert may_hold_scores(words_to_lines(column_words(prose, heading + prose), 1))
    plain = [(text, False) for text, _ in heading]
    assert not may_hold_scores(words_to_lines(column_words(prose, plain + prose), 1))


def test_wrapped_headings_set_larger_but_not_bold():
    """Word's own heading styles are larger, not bold: such a heading wraps too; body text does not."""
    words, top = [], 80.0
    for text, size in [("Område 6: Kommunen som", 14.0), ("arbetsgivare (60 poäng)", 14.0)] + [
        (line, 11.0) for line in LEFT_PROSE + ["Område 7: Verksamhetsutveckling (45", "poäng) förra gången."]
    ]:
        words += words_of([(text, 72.0)], top, size=size)
        top += size + 4
    doc = build_document([PageReading(1, 595.0, 842.0, words)])
    obs = extract_scores(doc, "2010", YSTAD, 2011, "report")
    assert [(o.area, o.value, o.label) for o in obs] == [(6, 60.0, "Område 6: Kommunen som arbetsgivare")]
    assert may_hold_scores(words_to_lines(words, 1))
