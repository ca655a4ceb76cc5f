"""Findings on synthetic page models; tests/pdfs covers the same forms in Word/PowerPoint exports."""

from dataclasses import replace

from extractors.findings import extract_findings
from tests.extractors.synthetic import document, page_words, words_of
from extractors.layout import build_document
from extractors.page import PageReading


def items(findings):
    return [(f.area, f.kind, f.position, f.text) for f in findings]


def test_summary_box_lists_with_wrapped_items_and_area():
    doc = document(
        [
            ("Område 2 Tillgänglighet och brukarorientering", {"size": 15}),
            "Brödtext om området.",
            ("Sammanfattning område 2", {"size": 13}),
            "Styrkor",
            [("•", 72), ("Ett kontaktcenter som löser de flesta ärenden vid", 90)],
            [("första kontakten, även kvällstid.", 90)],
            [("•", 72), ("Servicedeklarationer (t.ex. inom äldreomsorgen).", 90)],
            "Förbättringsområden",
            [("–", 72), ("Inför kvalitets-", 90)],
            [("deklarationer inom hälso-", 90)],
            [("och sjukvård.", 90)],
            "Nästa stycke börjar här och är vanlig text.",
        ]
    )
    findings, checks = extract_findings(doc, "2010")
    assert items(findings) == [
        (2, "strength", 1, "Ett kontaktcenter som löser de flesta ärenden vid första kontakten, även kvällstid."),
        (2, "strength", 2, "Servicedeklarationer (t.ex. inom äldreomsorgen)."),
        (2, "improvement", 1, "Inför kvalitetsdeklarationer inom hälso- och sjukvård."),
    ]
    assert checks == []


def test_list_continues_over_a_page_break_past_the_running_footer():
    pages = []
    for n, rows in (
        (
            7,
            [
                "Sammanfattning område 5",
                "Förbättringsområden",
                [("\uf0b7", 72), ("Koppla resurserna tydligare till", 90)],
            ],
        ),
        (8, [[("de mål som fullmäktige har beslutat.", 90)], [("\uf0b7", 72), ("Jämför kostnader.", 90)]]),
    ):
        words = page_words(rows, start_top=700) + words_of(
            [("Sveriges Kommuner och Landsting 2011-05-12", 72), (f"{n} (24)", 500)], top=810
        )
        pages.append(PageReading(n - 6, 595.0, 842.0, words))
    findings, _ = extract_findings(build_document(pages), "2010")
    assert items(findings) == [
        (5, "improvement", 1, "Koppla resurserna tydligare till de mål som fullmäktige har beslutat."),
        (5, "improvement", 2, "Jämför kostnader."),
    ]
    assert [f.page for f in findings] == [1, 2]


def test_a_list_without_an_area_is_kept_and_said_so():
    doc = document(["Sammanfattande iakttagelser", "Styrkor", [("1.", 72), ("Engagerade medarbetare.", 90)]])
    findings, checks = extract_findings(doc, "2010")
    assert items(findings) == [(None, "strength", 1, "Engagerade medarbetare.")]
    assert [c.code for c in checks] == ["finding_without_area"]


def test_bullet_lists_without_a_findings_heading_are_not_findings():
    doc = document(
        [
            ("Område 1 Offentlighet och demokrati", {"size": 15}),
            "Exempel från Sollentuna:",
            [("•", 72), ("Medborgarpanel med 500 invånare.", 90)],
            "Dokument som begärts in:",
            [("•", 72), ("Årsredovisning 2014.", 90)],
        ]
    )
    assert extract_findings(doc, "2010")[0] == []


def test_slides_each_list_ends_with_its_slide_and_takes_the_slide_area():
    slide1 = [("Område 3 – Styrkor", {"size": 28}), [("•", 60), ("Tydliga mål i budgeten.", 80)]]
    slide2 = [("Exempel från en annan kommun", {"size": 28}), [("•", 60), ("Politiker besöker verksamheter.", 80)]]
    slide3 = [
        ("Förbättringsmöjligheter – Politisk styrning och kontroll", {"size": 28}),
        [("•", 60), ("Följ upp målen två gånger per år.", 80)],
    ]
    doc = document(slide1, slide2, slide3, width=960, height=540)
    findings, _ = extract_findings(doc, "2010", kind="slides")
    assert items(findings) == [
        (3, "strength", 1, "Tydliga mål i budgeten."),
        (3, "improvement", 1, "Följ upp målen två gånger per år."),
    ]


def test_misread_ocr_bullets_open_items_by_their_hanging_indent():
    """Tesseract reads "•" as "e", "+", "»", "©", "—" or drops it; the columns of bullet and text say
    where items start."""
    rows = [("Sammanfattning område 4", {"size": 13}), "Förbättringsområden"]
    for bullet, text in (
        ("+", "Tydliggör mandat och befogenheter för"),
        (None, "enhetscheferna."),
        ("e", "Följ upp ledarskapspolicyn i"),
        (None, "medarbetarsamtalen."),
        ("©", "Erbjud mentorskap."),
        ("»", "Inför chefsnätverk."),
        ("—", "Mät ledarskapet."),
        ("", "Utveckla introduktionen."),
        ("o", "Se över chefernas villkor."),
    ):
        rows.append([(bullet, 89), (text, 107)] if bullet else [(text, 107)])
    rows.append("En ny mening i brödtexten börjar här.")
    doc = build_document([PageReading(1, 595.0, 842.0, page_words(rows), "ocr")])
    findings, _ = extract_findings(doc, "2010")
    assert items(findings) == [
        (4, "improvement", 1, "Tydliggör mandat och befogenheter för enhetscheferna."),
        (4, "improvement", 2, "Följ upp ledarskapspolicyn i medarbetarsamtalen."),
        (4, "improvement", 3, "Erbjud mentorskap."),
        (4, "improvement", 4, "Inför chefsnätverk."),
        (4, "improvement", 5, "Mät ledarskapet."),
        (4, "improvement", 6, "Utveckla introduktionen."),
        (4, "improvement", 7, "Se över chefernas villkor."),
    ]


def test_a_short_word_at_the_margin_is_not_a_bullet():
    doc = document(
        [
            ("Sammanfattning område 4", {"size": 13}),
            "Styrkor",
            [("•", 72), ("Ett chefsprogram.", 90)],
            "En ny mening i brödtexten.",
            "I dag saknas en plan.",
        ]
    )
    assert items(extract_findings(doc, "2010")[0]) == [(4, "strength", 1, "Ett chefsprogram.")]


def test_a_justified_first_word_is_not_a_bullet():
    doc = document(
        [
            ("Sammanfattning område 4", {"size": 13}),
            "Styrkor",
            [("Ett", 72), ("chefsprogram som uppskattas.", 92)],
            [("En", 72), ("tydlig delegation.", 92)],
        ]
    )
    assert items(extract_findings(doc, "2010")[0]) == [
        (4, "strength", 1, "Ett chefsprogram som uppskattas."),
        (4, "strength", 2, "En tydlig delegation."),
    ]


def test_prose_opening_with_a_list_keyword_is_not_a_list_heading():
    doc = document(
        [
            ("Område 7 Verksamhetsutveckling", {"size": 15}),
            "Förbättringsförslag från medarbetarna tas tillvara på arbetsplatsträffar, men det",
            "saknas ett system för att sprida goda idéer.",
            "Det finns en fond för nya arbetssätt.",
            ("Sammanfattning område 7", {"size": 13}),
            "Förbättringsområden i korthet",
            [("•", 72), ("Inför en modell för kvalitetsarbete.", 90)],
        ]
    )
    assert items(extract_findings(doc, "2010")[0]) == [(7, "improvement", 1, "Inför en modell för kvalitetsarbete.")]


def test_prose_opening_with_a_list_keyword_in_a_narrow_column_is_not_a_list_heading():
    """In one column of a two-column page only a few words follow the keyword on the line; the next
    line carrying on the sentence in lower case says it is prose all the same."""
    left = [
        "Tabell 1 visar poängen per",
        "område. Område 8 bedöms",
        "inte för stadsdelsområden.",
        "Totalen blir därför lägre",
        "än för en hel kommun.",
    ]
    right = [
        "Förbättringsförslag från medarbetarna",
        "tas tillvara på arbetsplatsträffar,",
        "men det saknas ett system för",
        "att sprida goda idéer. Ett antal",
        "förbättringsteam har startats.",
    ]
    columns = [[(a, 72), (b, 320)] for a, b in zip(left, right)]
    doc = document(
        [("Område 7 Verksamhetsutveckling", {"size": 15})] + columns,
        [
            ("Sammanfattning område 7", {"size": 13}),
            "Förbättringsområden",
            [("•", 72), ("Inför en modell för kvalitetsarbete.", 90)],
        ],
    )
    assert [l.text for l in doc.pages[0].lines][6:8] == right[:2]  # read column by column
    assert items(extract_findings(doc, "2010")[0]) == [(7, "improvement", 1, "Inför en modell för kvalitetsarbete.")]


def test_a_bold_list_heading_wrapped_in_a_narrow_column_is_a_heading():
    """A bold heading wraps in a narrow column: its second line is neither prose nor an item."""
    doc = document(
        [
            ("Sammanfattning område 4", {"size": 13}),
            ("Förbättringsområden för cheferna och", {"bold": True}),
            ("deras närmaste medarbetare", {"bold": True}),
            [("•", 72), ("Stärk det administrativa stödet.", 90)],
        ]
    )
    assert items(extract_findings(doc, "2010")[0]) == [(4, "improvement", 1, "Stärk det administrativa stödet.")]


#: Width (pt) of tesseract's box of a bullet of 11 pt text, whatever it read it as ("e", "ee", "e«").
OCR_BULLET_WIDTH = 4.0
OCR_BULLETS = {"•", "e", "ee", "e«", "a«", "»s", "O"}


def ocr_list(rows: list) -> tuple[list[tuple], list[tuple]]:
    """(findings, (code, severity, page) of checks) of an OCR'd page: a summary heading of area 3,
    then `rows`; a bullet's box is as narrow as tesseract gives it, however many glyphs it read."""
    words = [
        replace(w, x1=w.x0 + OCR_BULLET_WIDTH) if w.text in OCR_BULLETS else w
        for w in page_words([("Sammanfattning område 3", {"size": 13})] + rows)
    ]
    doc = build_document([PageReading(1, 595.0, 842.0, words, "ocr")])
    findings, checks = extract_findings(doc, "2010")
    return items(findings), [(c.code, c.severity, c.page) for c in checks]


def test_a_bullet_misread_as_two_glyphs_opens_an_item():
    """Tesseract reads "•" as "ee" or "e«" too: at the bullet column, with its text at the text column,
    such a token is a bullet, not a line that ends the list (items after it were lost)."""
    rows = ["Styrkor"]
    for bullet, text in (
        ("e«", "Ett gott samarbetsklimat i nämnderna."),
        ("e", "Nämnderna följer upp sin internkontroll."),
        ("ee", "En gemensam mall för planerna."),
        ("•", "Aktuella delegationsordningar."),
        ("e«", "Tydliga roller."),
    ):
        rows.append([(bullet, 89), (text, 107)])
    rows.append("Förbättringsområden")
    rows += [[("ee", 89), ("Formulera färre mål.", 107)], [("•", 89), ("Skapa forum för dialog.", 107)]]
    assert ocr_list(rows) == (
        [
            (3, "strength", 1, "Ett gott samarbetsklimat i nämnderna."),
            (3, "strength", 2, "Nämnderna följer upp sin internkontroll."),
            (3, "strength", 3, "En gemensam mall för planerna."),
            (3, "strength", 4, "Aktuella delegationsordningar."),
            (3, "strength", 5, "Tydliga roller."),
            (3, "improvement", 1, "Formulera färre mål."),
            (3, "improvement", 2, "Skapa forum för dialog."),
        ],
        [],
    )


def test_any_short_lower_case_token_at_the_list_bullet_column_is_a_bullet():
    """Once a list's bullets have shown their column, a short token there with the text at the text
    column opens an item whatever tesseract read ("a«", "s"); a capital word there does not."""
    rows = ["Förbättringsområden"]
    for bullet, text in (
        ("•", "Se över styrdokumenten."),
        ("a«", "Följ upp den interna kontrollen."),
        ("»s", "Inför ett årshjul."),
        ("•", "Mät resultaten."),
    ):
        rows.append([(bullet, 89), (text, 107)])
    rows.append([("En", 89), ("ny mening börjar.", 107)])
    assert ocr_list(rows) == (
        [
            (3, "improvement", 1, "Se över styrdokumenten."),
            (3, "improvement", 2, "Följ upp den interna kontrollen."),
            (3, "improvement", 3, "Inför ett årshjul."),
            (3, "improvement", 4, "Mät resultaten."),
        ],
        [("finding_list_cut", "warning", 1)],
    )


def test_a_bullet_glued_to_its_word_keeps_the_list_text_column():
    """Tesseract glues a bullet to the item's first word ("«Analysera"), whose box then starts at the
    bullet: the item's text column is still the list's, so a next line there whose bullet was dropped
    opens an item after a sentence end, and continues it otherwise."""
    rows = ["Förbättringsområden"]
    rows += [
        [("•", 89), ("Beskriv hur effektiviteten utvecklas.", 107)],
        [("«Analysera", 89), ("skillnaderna i kostnader", 158)],
        [("jämfört med andra kommuner.", 107)],
        [("Sprid erfarenheterna till hela organisationen.", 107)],
    ]
    assert ocr_list(rows) == (
        [
            (3, "improvement", 1, "Beskriv hur effektiviteten utvecklas."),
            (3, "improvement", 2, "Analysera skillnaderna i kostnader jämfört med andra kommuner."),
            (3, "improvement", 3, "Sprid erfarenheterna till hela organisationen."),
        ],
        [],
    )


def test_a_glued_first_bullet_takes_the_text_column_from_the_next_line():
    rows = ["Styrkor"]
    rows += [
        [("«Ett", 89), ("väl fungerande", 124)],
        [("näringslivsråd.", 107)],
        [("Ett aktivt kulturliv.", 107)],
        "En ny mening i brödtexten börjar här.",
    ]
    assert ocr_list(rows) == (
        [
            (3, "strength", 1, "Ett väl fungerande näringslivsråd."),
            (3, "strength", 2, "Ett aktivt kulturliv."),
        ],
        [],
    )


def test_a_line_set_like_an_item_that_ends_an_ocr_list_is_flagged():
    """A bullet read as a capital ("O") at the bullet column is not taken for one (it may be a word),
    so the list ends there: the findings stop short, and a warning says which line cut them."""
    rows = ["Styrkor"]
    rows += [[("•", 89), ("Ett gott samarbetsklimat.", 107)], [("O", 89), ("Tydliga roller.", 107)]]
    rows += [[("•", 89), ("Aktuella delegationsordningar.", 107)], "Förbättringsområden"]
    rows += [[("•", 89), ("Formulera färre mål.", 107)], "En ny mening i brödtexten börjar här."]
    assert ocr_list(rows) == (
        [
            (3, "strength", 1, "Ett gott samarbetsklimat."),
            (3, "improvement", 1, "Formulera färre mål."),
        ],
        [("finding_list_cut", "warning", 1)],
    )


def test_an_ocr_line_whose_first_word_would_have_fitted_above_opens_an_item():
    """Items without a full stop, one bullet dropped: a line is a new item when its first word would
    have fitted at the end of the line before (word wrap would have put it there), else it goes on."""
    rows = ["Styrkor"]
    rows += [
        [("•", 89), ("Ett väl utvecklat arbete med medborgardialog i", 107)],
        [("planeringsfrågor och i budgetarbetet", 107)],
        [("Ett sökbart diarium", 107)],
        [("•", 89), ("Aktiv närvaro i sociala medier med ett tydligt ansvar för", 107)],
        [("Kommunikationsenheten", 107)],
        "En ny mening i brödtexten börjar här.",
    ]
    assert ocr_list(rows) == (
        [
            (3, "strength", 1, "Ett väl utvecklat arbete med medborgardialog i planeringsfrågor och i budgetarbetet"),
            (3, "strength", 2, "Ett sökbart diarium"),
            (3, "strength", 3, "Aktiv närvaro i sociala medier med ett tydligt ansvar för Kommunikationsenheten"),
        ],
        [],
    )
