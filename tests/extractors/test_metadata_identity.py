"""Identity (organisation, year) from every cue a document gives, and evaluators from every cover form."""

import pytest

from extractors.classify import Classification
from extractors.layout import build_document
from extractors.page import PageReading
from extractors.metadata import DATE, date_years, extract_metadata, read_names
from pipeline.process import extract_records
from tests.answer_keys import PDFS, extract
from tests.extractors.synthetic import document, page_words, words_of

SLIDE = {"width": 960, "height": 540}


def identity(meta):
    org = meta.organisation
    return (
        org.name if org else None,
        org.municipality_code if org else None,
        meta.year,
        meta.organisation_cue,
        meta.year_cue,
    )


def test_title_block_decides_first():
    doc = document(["Kommunkompassen", "Analys av Ljusdals kommun", "Besök 12–14 april 2010", "Sala 2011-05-06"])
    assert identity(extract_metadata(doc)) == ("Ljusdals kommun", "2161", 2010, "title", "cover_date")


def test_feedback_deck_with_only_place_and_compact_date():
    doc = document(["Återkoppling Kommunkompass", "Kommunstyrelsen", "Sala 20150506"], **SLIDE, file_name="deck.pdf")
    assert identity(extract_metadata(doc)) == ("Sala kommun", "1981", 2015, "cover_date", "cover_date")
    doc = document(["Återkoppling Kommunkompass", "Sala 20150506"], **SLIDE, file_name="deck.pdf")
    assert identity(extract_metadata(doc)) == ("Sala kommun", "1981", 2015, "title", "cover_date")


@pytest.mark.parametrize(
    "printed", ["Sala 2015-05-06", "Sala 20150506", "Sala, 6 maj 2015", "Sala maj 2015", "Sala den 6.5.2015"]
)
def test_place_before_a_date_in_any_form(printed):
    doc = document(["Återkoppling", printed], **SLIDE)
    assert identity(extract_metadata(doc)) == ("Sala kommun", "1981", 2015, "cover_date", "cover_date")


def test_a_cover_date_outranks_a_year_in_prose_about_evaluations():
    """The second cover page's prose names the framework's year beside "utvärderingar"; the date decides."""
    cover = ["Kommunkompassen", "Analys av Region Gotland", "Visby, maj 2022"]
    prose = [
        "Snittet avser de regioner som utvärderats enligt versionen från 2020.",
        "Antalet utvärderingar enligt 2020 års version är ännu litet.",
    ]
    meta = extract_metadata(document(cover, prose))
    assert identity(meta) == ("Region Gotland", "0980", 2022, "title", "cover_date")
    meta = extract_metadata(document(["Kommunkompassen", "Analys av Region Gotland"], prose))
    assert identity(meta) == ("Region Gotland", "0980", 2020, "title", "cover_visit")


def test_dates_of_every_form_give_their_year():
    assert date_years("2015-05-06 20150506 6.5.2015 6 maj 2015 maj 2015 12 desember 2014") == [
        2015,
        2015,
        2015,
        2015,
        2015,
        2014,
    ]
    assert DATE.search("rapport 12/2012") is None
    assert date_years("kod 201505061") == []


def test_skl_office_before_a_date_is_not_the_place():
    doc = document(["Återkoppling", "Sveriges Kommuner och Landsting, Stockholm 2015-05-06"], **SLIDE)
    meta = extract_metadata(doc)
    assert (meta.organisation, meta.year, meta.year_cue) == (None, 2015, "cover_date")


def test_running_footer_names_the_place_when_the_cover_does_not():
    pages = []
    for n in range(1, 4):
        words = page_words(["Återkoppling" if n == 1 else f"Bild {n}", "Styrkor och förbättringsområden"])
        words += words_of([("Sveriges Kommuner och Landsting | Kommunkompassen Sala 2015", 60)], top=510, size=9)
        pages.append(PageReading(n, 960.0, 540.0, words))
    meta = extract_metadata(build_document(pages))
    assert identity(meta) == ("Sala kommun", "1981", 2015, "running_header", "running_header")


def test_results_slide_gives_the_organisation_and_its_latest_year():
    cover = ["Återkoppling", "Kommunstyrelsen"]
    results = ["Resultat", "Sala 2010: 452", "Sala 2015: 536", "Genomsnitt samtliga utvärderingar 473"]
    doc = document(cover, results, **SLIDE)
    assert identity(extract_metadata(doc)) == ("Sala kommun", "1981", 2015, "results", "results")


def test_results_with_a_peer_keep_the_organisation_quoted_for_most_years():
    doc = document(["Återkoppling"], ["Nacka 2014: 560", "Sala 2010: 452", "Sala 2015: 536"], **SLIDE)
    assert identity(extract_metadata(doc)) == ("Sala kommun", "1981", 2015, "results", "results")


def test_file_name_then_url():
    doc = document(["Återkoppling Kommunkompass"], **SLIDE, file_name="aterkoppling_kommunkompass_sala_20150506.pdf")
    assert identity(extract_metadata(doc)) == ("Sala kommun", "1981", 2015, "file_name", "file_name")
    doc = document(["Återkoppling Kommunkompass"], **SLIDE, file_name="3fa2b9c0d1e4.pdf")
    meta = extract_metadata(doc, source="https://www.example.se/download/18.4a/Kommunkompassen-Sala-2015.pdf")
    assert identity(meta) == ("Sala kommun", "1981", 2015, "url", "url")


def test_no_cue_no_organisation_and_an_error_the_user_sees():
    doc = document(["Återkoppling Kommunkompass", "Resultat"], **SLIDE, file_name="3fa2b9c0d1e4.pdf")
    meta = extract_metadata(doc)
    assert (meta.organisation, meta.year, meta.organisation_cue) == (None, None, None)
    records = extract_records(doc, Classification("slides", "2010", "SE", "test"), "/tmp/3fa2b9c0d1e4.pdf")
    assert [(c.code, c.severity) for c in records["checks"]] == [
        ("municipality_unresolved", "error"),
        ("year_unknown", "error"),
    ]


# -- evaluators --------------------------------------------------------------------------------------


def evaluators(*rows, **kw):
    return extract_metadata(document(list(rows), **kw)).evaluators


def test_one_evaluator_per_line_with_an_affiliation():
    assert evaluators(
        "Kommunkompassen",
        "Analys av Sala kommun",
        "Besök 4–6 mars 2013",
        "Eva Lindqvist, Sveriges Kommuner och Landsting",
        "Per Holmgren, Heby kommun",
        "Maria Nordin, Uppsala kommun",
    ) == ["Eva Lindqvist", "Per Holmgren", "Maria Nordin"]


def test_upper_case_names_joined_by_och():
    assert read_names("KARIN SJÖBERG OCH PER HOLMGREN") == ["Karin Sjöberg", "Per Holmgren"]
    assert evaluators("KOMMUNKOMPASSEN", "ANALYS AV SALA KOMMUN", "UTVÄRDERARE: KARIN SJÖBERG OCH PER HOLMGREN") == [
        "Karin Sjöberg",
        "Per Holmgren",
    ]
    assert evaluators("UTVÄRDERARE: ANNA-KARIN LUND, SKL OCH PER HOLMGREN, HEBY KOMMUN") == [
        "Anna-Karin Lund",
        "Per Holmgren",
    ]


def test_names_beside_the_table_of_contents():
    rows = [
        "Kommunkompassen",
        "Analys av Sala kommun",
        [("Utvärderare:", 72), ("Innehåll", 330)],
        [("Karin Sjöberg", 72), ("1. Vad är Kommunkompassen? 3", 330)],
        [("Sveriges Kommuner och Landsting", 72), ("2. Sammanfattning av resultat 5", 330)],
        [("Per Holmgren", 72), ("3. Område 1 Offentlighet och demokrati 7", 330)],
        [("Heby kommun", 72), ("4. Poängsammanställning 30", 330)],
    ]
    assert evaluators(*rows) == ["Karin Sjöberg", "Per Holmgren"]


def test_names_on_their_own_lines_after_the_cue():
    assert evaluators("Utvärderare", "Karin Sjöberg", "Per Holmgren", "Inledning") == ["Karin Sjöberg", "Per Holmgren"]


def test_a_place_after_a_name_is_not_a_name():
    assert read_names("Anders Bergenek, Upplands Väsby") == ["Anders Bergenek"]


def test_the_place_date_deck_is_identified_without_its_file_name(tmp_path):
    renamed = tmp_path / "3fa2b9c0d1e4.pdf"
    renamed.write_bytes((PDFS / "slides-sala-2015-place-date.pdf").read_bytes())
    meta = extract(renamed).metadata
    assert identity(meta) == ("Sala kommun", "1981", 2015, "title", "cover_date")
    assert meta.evaluators == ["Eva Lindqvist", "Johan Ekström"]


def test_an_evaluators_employer_is_not_the_organisation():
    doc = document(["Återkoppling", "Kommunstyrelsen", "Per Holmgren, Heby kommun", "Sala kommun"], **SLIDE)
    assert identity(extract_metadata(doc))[:2] == ("Sala kommun", "1981")


def test_names_with_their_affiliation_in_a_column_beside():
    rows = [
        "Kommunkompassen",
        "Analys av Sala kommun",
        [("Karin Sjöberg", 72), ("Sveriges Kommuner och Landsting", 250)],
        [("Per Holmgren", 72), ("Heby kommun", 250)],
    ]
    assert evaluators(*rows) == ["Karin Sjöberg", "Per Holmgren"]


def test_cue_on_its_own_line_then_one_evaluator_per_line_with_affiliation():
    assert evaluators("Utvärderare", "Karin Sjöberg, SKL", "Per Holmgren, Heby kommun", "Innehåll") == [
        "Karin Sjöberg",
        "Per Holmgren",
    ]


def test_evaluators_listed_with_bullets_under_the_cue():
    cover = [
        "Återkoppling Kommunkompass",
        "Lerum 20150923",
        "Sveriges Kommuner och Landsting",
        "Utvärderare",
        "• Camilla Dahl, SKL",
        "• Fredrik Wik, Alingsås kommun",
    ]
    assert extract_metadata(document(cover, **SLIDE)).evaluators == ["Camilla Dahl", "Fredrik Wik"]
