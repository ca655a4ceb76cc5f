from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.layout import build_document, gutter_splits
from extractors.page import PageReading, Word, words_to_lines
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
    left = ["Vänster spalt rad ett", "vänster spalt rad två", "vänster spalt rad tre", "vänster spalt rad fyra",
            "vänster spalt rad fem", "vänster spalt rad sex"]
    right = ["Höger spalt rad ett", "höger spalt rad två", "höger spalt rad tre", "höger spalt rad fyra",
             "höger spalt rad fem", "höger spalt rad sex"]
    rows = [("Rubrik över båda spalterna som går tvärs över hela sidan och mitten", 72)]
    rows = [[r] for r in rows] + [[(a, 72), (b, 320)] for a, b in zip(left, right)]
    doc = document(rows)
    texts = [l.text for l in doc.pages[0].lines]
    assert texts == ["Rubrik över båda spalterna som går tvärs över hela sidan och mitten"] + left + right


def test_table_with_numbers_is_not_split_into_columns():
    rows = [[(f"{i}. Område nummer {i}", 72), (str(50 + i), 330), (str(40 + i), 400)] for i in range(1, 9)]
    doc = document(rows)
    assert doc.pages[0].lines[0].text == "1. Område nummer 1 51 41"
    assert len(doc.pages[0].lines) == 8


# find_gutter computes every candidate x at once; this is the rule it implements, one x at a time.

def gutter_by_definition(lines, width):
    from extractors.layout import ALPHA, GUTTER_BAND, MIN_COLUMN_LINES, crosses
    from extractors.page import split_line
    best, x = None, width * GUTTER_BAND[0]
    while x <= width * GUTTER_BAND[1]:
        run = longest = 0
        for line in lines:
            if crosses(line, x):
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
@given(st.lists(st.lists(st.tuples(st.sampled_from(TOKENS), st.floats(50, 540)), min_size=1, max_size=6),
                min_size=0, max_size=14))
def test_find_gutter_agrees_with_its_definition(rows):
    from extractors.layout import find_gutter
    from extractors.page import Line, Word
    lines = [Line(tuple(Word(t, x, x + 6 * len(t), 100 + 14 * i, 110 + 14 * i) for t, x in sorted(row, key=lambda r: r[1])),
                  1) for i, row in enumerate(rows)]
    assert find_gutter(lines, 595.0) == gutter_by_definition(lines, 595.0)


def test_find_gutter_finds_the_gap_between_two_columns():
    from extractors.layout import find_gutter
    from extractors.page import Line, Word
    lines = [Line((Word("Vänster", 72, 250, 100 + 14 * i, 110 + 14 * i), Word("Höger", 320, 520, 100 + 14 * i, 110 + 14 * i)), 1)
             for i in range(6)]
    x = find_gutter(lines, 595.0)
    assert x is not None and 255 < x < 315


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(TOKENS), st.floats(50, 540)), min_size=1, max_size=6),
                min_size=0, max_size=14))
def test_every_line_of_the_model_is_a_line_or_a_gutter_split_of_one(rows):
    """What triage asks of a page before layout (extractors.scores.pages) sees every line the model has."""
    words = [Word(t, x, x + 6 * len(t), 100 + 14 * i, 110 + 14 * i) for i, row in enumerate(rows) for t, x in row]
    before = words_to_lines(words, 1)
    parts = {line.words for line in before} | {part.words for line in before
                                               for split in gutter_splits(line) for part in split}
    doc = build_document([PageReading(1, 595.0, 842.0, words)])
    assert all(line.words in parts for line in doc.pages[0].lines)


def test_gutter_splits_are_at_gaps_a_gutter_fits_in():
    line = words_to_lines(words_of([("Intervjuerna visar", 72), ("1. Offentlighet och demokrati", 320),
                                    ("63", 520)], top=100), 1)[0]
    assert [(left.text, right.text) for left, right in gutter_splits(line)] == [
        ("Intervjuerna visar", "1. Offentlighet och demokrati 63"),
        ("Intervjuerna visar 1. Offentlighet och demokrati", "63")]
