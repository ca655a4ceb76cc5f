from extractors.layout import build_document
from tests.extractors.synthetic import document, page_words, words_of


def test_running_header_and_footer_removed_on_every_page():
    pages = []
    for n in (5, 6, 7):
        words = words_of([("Sveriges Kommuner och Landsting 2010-06-09", 72), (f"{n} (29)", 480)], top=800)
        words += words_of([("Kommunkompassen Tyresö", 72)], top=30)
        words += page_words([f"Brödtext på sidan {n}"], start_top=200)
        pages.append((n, 595.0, 842.0, words))
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
