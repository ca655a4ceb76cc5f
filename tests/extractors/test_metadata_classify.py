from extractors.classify import classify_document
from extractors.metadata import extract_metadata, read_names
from tests.extractors.synthetic import document

AREAS = [
    "1. Offentlighet och demokrati",
    "2. Tillgänglighet och brukarorientering",
    "3. Politisk styrning och kontroll",
    "4. Ledarskap, ansvar och delegation",
    "5. Resultat och effektivitet",
    "6. Kommunen som arbetsgivare – personalpolitik",
    "7. Verksamhetsutveckling",
    "8. Kommunen som samhällsbyggare",
]


def test_evaluator_names_without_titles_or_employers():
    assert read_names("Lars Strid, senior konsult (SKL) och Anders Bergenek, Halmstad") == [
        "Lars Strid",
        "Anders Bergenek",
    ]
    assert read_names("ANNA-KARIN LUNDQVIST, SKL") == ["Anna-Karin Lundqvist"]


def test_cover_gives_organisation_year_and_evaluators():
    doc = document(
        [
            "KOMMUNKOMPASSEN",
            "ANALYS AV LJUSDALS KOMMUN",
            "Besök 12–14 april 2010",
            "Utvärderare: Lars Strid, senior konsult (SKL) och",
            "Anders Bergenek, Halmstad",
        ]
    )
    meta = extract_metadata(doc)
    assert (meta.organisation.name, meta.organisation.municipality_code, meta.year) == ("Ljusdals kommun", "2161", 2010)
    assert meta.evaluators == ["Lars Strid", "Anders Bergenek"]


def test_kinds():
    report = document(["Kommunkompassen – Analys av Tyresö kommun 2012", "Vad är Kommunkompassen?"] + AREAS)
    memo = document(["PM 1(8)", "Utvärdering enligt Kommunkompassen i Lerums kommun", "Kommunkompassen"] + AREAS)
    policy = document(["Personalpolicy för Nacka kommun", "Styrkor", "Våra mål", "Kommunkompassen"])
    slides = document(["Återkoppling Kommunkompass Tyresö", "Kommunkompassen"] + AREAS, width=960, height=540)
    assert (classify_document(report).kind, classify_document(report).framework) == ("report", "2010")
    assert classify_document(memo).kind == "memo"
    assert classify_document(policy).kind == "other"
    assert classify_document(slides).kind == "slides"


def test_a_deck_naming_the_tool_in_its_title_and_footer_is_slides():
    from extractors.layout import build_document
    from extractors.page import PageReading
    from tests.extractors.synthetic import page_words, words_of

    rows = [["Återkoppling Kommunkompass", "Sala 20150506"], ["Resultat"] + AREAS[:4], AREAS[4:], ["Tack!"]]
    pages = [
        PageReading(
            n,
            960.0,
            540.0,
            page_words(r)
            + words_of([(f"Sveriges Kommuner och Landsting | Kommunkompassen Sala 2015 {n}", 60)], top=515, size=9),
        )
        for n, r in enumerate(rows, start=1)
    ]
    deck = build_document(pages)
    assert (classify_document(deck).kind, classify_document(deck).framework) == ("slides", "2010")
    no_footer = build_document(
        [PageReading(p.number, p.width, p.height, [x for x in p.words if x.top < 500]) for p in pages]
    )
    assert classify_document(no_footer).kind == "other"


def test_a_deck_naming_the_tool_only_on_its_title_slide_is_slides_when_it_lists_findings():
    """No running footer names the tool: the findings lists make it an evaluation, not a citation."""
    title = ["Återkoppling Kommunkompassen", "Region Gotland, Visby 2021-11-18"]
    lists = ["Område 1 – Styrkor och förbättringsmöjligheter", "Styrkor Förbättringsmöjligheter"]
    deck = document(title, AREAS[:4], AREAS[4:], lists, width=960, height=540)
    assert classify_document(deck).kind == "slides"
    without_lists = document(title, AREAS[:4], AREAS[4:], ["Frågor?"], width=960, height=540)
    assert classify_document(without_lists).kind == "other"
    report = document(title, AREAS[:4], AREAS[4:], lists)  # portrait: a report names the tool more often
    assert classify_document(report).kind == "other"
