"""Page triage: which pages get the page model, and that it never changes what is extracted.

The unit tests feed `pages_to_model` plain PDFium-like page texts. The equivalence tests extract
every fixture of tests/pdfs with and without triage and compare the DocumentResults field by field;
since the fixtures' area sections are two pages each, triage keeps nearly all their pages, so two
reportlab documents built here (a report with prose-only pages and a list over three pages, a
slide deck whose list titles sit inside the margin zone) make it skip pages and re-plan.
"""
from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from extractors.frameworks import AREA_LABELS
from extractors.layout import running_signatures
from extractors.page import Line, Word
from pipeline.documents import Limits, open_document, tesseract_status
from pipeline.process import DocumentResult, process_document
from pipeline.run import RunOptions, extract_all, identify
from pipeline.sources import Input
from pipeline.triage import (TriageReport, open_triaged, page_cues, pages_to_model, plan_pages, read_fast_pages,
                             repeat_need, running_margin_pages)
from tests.answer_keys import (PDFS, expected_findings, expected_observations, keys, load_key, observed,
                               observed_findings)

PROSE = ("Arbetet bedrivs i flera förvaltningar och följs upp av nämnderna under året. "
         "Intervjuerna visar att ansvarsfördelningen är känd bland cheferna och att rutinerna fungerar väl. "
         "Underlaget består av styrdokument, protokoll och uppföljningar som lämnats in före besöket. "
         "Flera goda exempel lyfts fram, men arbetssättet skiljer sig mellan verksamheterna. ")


#: PROSE as a page's lines.
PROSE_LINES = PROSE.replace(". ", ".\n")


def page_texts(*texts: str) -> list[str]:
    """A document whose first three pages (always modelled) are a cover, then the given pages."""
    return ["Kommunkompassen\nAnalys av Sala kommun", "Innehåll", "Vad är det?"] + list(texts)


# ----------------------------------------------------------------------------- page decisions

def test_cover_pages_are_always_modelled():
    assert pages_to_model(["Sala kommun", "", "text"]) == {1, 2, 3}
    assert pages_to_model(page_texts(PROSE)) == {1, 2, 3}


def test_prose_page_is_not_modelled():
    assert page_cues(PROSE) == set()
    assert 4 not in pages_to_model(page_texts(PROSE, PROSE))


def test_page_without_text_goes_to_the_model_for_ocr():
    assert page_cues("  \n \x0c") == {"no_text"}
    assert 4 in pages_to_model(page_texts("   ", PROSE))


@pytest.mark.parametrize("table", [
    "Tabell 1 Sala kommuns resultat\nOmråde Poäng\n1. Offentlighet och demokrati 63,5\n"
    "2. Tillgänglighet och brukarorientering 51\n3. Politisk styrning och kontroll 58\nTOTALT 412,5",
    # a cell per PDFium line, and the wrapped label of Word tables ("2. Tillgänglighet och" / "brukarorientering")
    "Område\nPoäng\n2. Tillgänglighet och \nbrukarorientering\n51 71\n4. Ledarskap, ansvar och \ndelegation\n49,5 44",
    # labels with a typo and in upper case, the 2020 framework, Norwegian
    "LEDARSKAP, ANSVAR OCH DELEGATIN 49", "Samspel mellan förtroendevalda och medborgare 70 %",
    "Kommunen som arbeidsgiver 55 poeng",
    # a two-column page: the label is the left part of a PDFium line
    "Offentlighet och demokrati    Medborgarna informeras via webben och lokaltidningen",
])
def test_pages_with_area_labels_are_modelled(table):
    assert "area_label" in page_cues(table)
    assert 4 in pages_to_model(page_texts(table))


def test_score_cues_without_an_area_label_are_not_needed():
    # no strategy reads a number without an area label beside it (or a quoted total)
    assert page_cues("Tabell 3 Antal intervjuade per grupp\nFörtroendevalda 12\nChefer 18\n45 % av cheferna") == set()


def test_quoted_totals_and_not_assessed_notes_are_modelled():
    assert page_cues("Jämfört med Tyresö 2010: 452 har kommunen förbättrat sig") == {"quoted_total"}
    assert "not_assessed_note" in page_cues("*) Område 8 poäng-\nbedöms inte vid stadsdelsutvärderingar")


@pytest.mark.parametrize("heading", ["Styrkor", "Förbättringsområden", "Område 3 – Förbättringsmöjligheter",
                                     "Utvecklingsområden", "Sterke sider", "Forbedringsområder"])
def test_list_heading_page_and_the_page_after_it_are_modelled(heading):
    texts = page_texts(PROSE, f"{heading}\n• Ett väl fungerande system.", "• fortsättning av listan\n" + PROSE_LINES, PROSE)
    assert "list_heading" in page_cues(texts[4])
    assert pages_to_model(texts) == {1, 2, 3, 5, 6}


def test_a_list_page_ending_in_an_item_keeps_the_next_page():
    texts = page_texts("Styrkor\n• Första.", "• Andra.\n• Tredje.\nSida 5", "• Fjärde.\n" + PROSE_LINES, PROSE)
    assert pages_to_model(texts) == {1, 2, 3, 4, 5, 6}


def test_in_a_deck_a_list_ends_with_its_slide():
    texts = page_texts("Styrkor\n• Ett väl fungerande system.", "Exempel från Nacka\n• Garantier")
    assert pages_to_model(texts, deck=True) == {1, 2, 3, 4}


@pytest.mark.parametrize("heading", ["Område 3 Politisk styrning och kontroll", "Sammanfattning område 6",
                                     "Fokusområde 2", "Verksamhetsutveckling"])
def test_area_headings_are_modelled(heading):
    assert pages_to_model(page_texts(PROSE, heading + "\n" + PROSE)) == {1, 2, 3, 5}


@pytest.mark.parametrize("text", ["4. Poängsammanställning", "Bilaga 1 Intervjuade",
                                  "Övergripande mål följs upp i årsredovisningen."])
def test_lines_that_reset_the_area_are_modelled(text):
    assert page_cues(text) == {"section_reset"}


def test_repeat_need_matches_the_layout_threshold():
    """repeat_need mirrors extractors.layout.running_signatures (the equivalence rests on it)."""
    line = Line((Word("Sala kommun", 50, 120, 10, 20),), 1)
    for n_pages in range(1, 41):
        for count in range(0, n_pages + 1):
            pages = [([line] if i < count else [], 800.0) for i in range(n_pages)]
            assert bool(running_signatures(pages)) == (count >= repeat_need(n_pages)), (n_pages, count)


# ----------------------------------------------------------------------------- synthetic documents

A4 = (595.0, 842.0)
SLIDE = (960.0, 540.0)


def draw(path: Path, pages: list[list[tuple]], size=A4) -> Path:
    """A PDF with, per page, (x, top, font size, bold, text) lines (top from the page top, pt).

    The standard fonts have no "•" and "–" in a form pdfminer decodes: they are drawn as "-".
    """
    c = canvas.Canvas(str(path), pagesize=size)
    for page in pages:
        for x, top, fontsize, bold, text in page:
            c.setFont("Helvetica-Bold" if bold else "Helvetica", fontsize)
            c.drawString(x, size[1] - top - fontsize * 0.8, text.replace("•", "-").replace("–", "-"))
        c.showPage()
    c.save()
    return path


def prose_lines(n: int, top: float, width: float = 440, seed: int = 0) -> list[tuple]:
    words = (PROSE * 12).split()
    text = " ".join(words[seed % 20:] + words[:seed % 20])
    lines = simpleSplit(text, "Helvetica", 11, width)[:n]
    return [(72, top + 15 * i, 11, False, line) for i, line in enumerate(lines)]


def report_pages() -> list[list[tuple]]:
    """A 2010-framework report: cover, TOC, intro, result table; per area a heading page, a prose
    page and a summary page; area 3's list continues onto the next page, area 5's over two more."""
    labels = AREA_LABELS["2010"]
    scores = [63.5, 51, 58, 49.5, 47, 52, 39.5, 52]
    pages: list[list[tuple]] = [
        [(72, 200, 24, True, "Kommunkompassen"), (72, 240, 18, False, "Analys av Sala kommun"),
         (72, 300, 11, False, "Besök 4–6 mars 2013"),
         (72, 320, 11, False, "Utvärderare: Eva Lindqvist, senior konsult (SKL) och Per Holmgren, Heby kommun")],
        [(72, 100, 14, True, "Innehåll")] + [(72, 130 + 16 * i, 11, False, f"Område {i + 1} {label}")
                                             for i, label in enumerate(labels)],
        [(72, 100, 14, True, "Vad är Kommunkompassen?")] + prose_lines(6, 130)
        + [(90, 240 + 15 * i, 11, False, f"{i + 1}. {label}") for i, label in enumerate(labels)],
        [(72, 100, 14, True, "Sammanfattning av resultat"), (72, 130, 11, False, "Tabell 1 Sala kommuns resultat"),
         (72, 150, 11, True, "Område"), (420, 150, 11, True, "Poäng")]
        + [(72, 170 + 16 * i, 11, False, f"{i + 1}. {label}") for i, label in enumerate(labels)]
        + [(420, 170 + 16 * i, 11, False, f"{v:g}".replace(".", ",")) for i, v in enumerate(scores)]
        + [(72, 300, 11, True, "Totalt"), (420, 300, 11, True, "412,5")],
    ]
    for area, label in enumerate(labels, start=1):
        pages.append([(72, 100, 14, True, f"Område {area} {label}")] + prose_lines(40, 130, seed=area))
        pages.append(prose_lines(44, 100, seed=area + 7))
        summary = [(72, 100, 14, True, f"Sammanfattning område {area}")] + prose_lines(8, 125, seed=area + 3)
        summary += [(72, 260, 11, True, "Styrkor")] + [(90, 278 + 15 * i, 11, False, f"• Styrka {i + 1} inom område {area}.")
                                                      for i in range(3)]
        if area == 3:       # the list runs on over the page break
            summary += [(72, 700, 11, True, "Förbättringsområden"), (90, 718, 11, False, "• Första förslaget."),
                        (90, 733, 11, False, "• Andra förslaget som")]
            pages.append(summary)
            pages.append([(100, 100, 11, False, "fortsätter här."), (90, 115, 11, False, "• Tredje förslaget.")]
                         + prose_lines(20, 160, seed=30))
        elif area == 5:     # ... and over two page breaks
            summary += [(72, 700, 11, True, "Förbättringsområden")] + [(90, 718 + 15 * i, 11, False, f"• Förslag {i + 1}.")
                                                                      for i in range(2)]
            pages.append(summary)
            # a full page of items, the last wrapping without a bullet in the page's last lines
            pages.append([(90, 100 + 15 * i, 11, False, f"• Förslag {i + 3} som är ett långt förslag.") for i in range(10)]
                         + [(90, 250, 11, False, "• Förslag 13 som är så långt att det bryts över flera rader")]
                         + [(100, 265 + 15 * i, 11, False, f"och fortsätter med rad {i + 2} av förslaget") for i in range(4)])
            pages.append([(100, 100, 11, False, "och slutar på nästa sida."), (90, 115, 11, False, "• Sista förslaget.")]
                         + prose_lines(20, 160, seed=31))
        else:
            summary += [(72, 360, 11, True, "Förbättringsområden")] + [(90, 378 + 15 * i, 11, False, f"• Förslag {i + 1}.")
                                                                      for i in range(3)]
            pages.append(summary)
    n = len(pages)
    for number, page in enumerate(pages[1:], start=2):     # running header and footer
        page.insert(0, (72, 35, 9, False, "Kommunkompassen – Analys av Sala kommun"))
        page.append((72, 800, 9, False, f"Sveriges Kommuner och Landsting 2013-05-02 {number} ({n})"))
    return pages


def deck_pages() -> list[list[tuple]]:
    """A feedback deck: list slides titled just "Styrkor" / "Förbättringsområden" inside the top margin
    zone (8 of 34 slides: not running with all slides, running over the 26 slides with cues alone)."""
    labels = AREA_LABELS["2010"]
    slides = [[(60, 200, 36, True, "Återkoppling Kommunkompassen"), (60, 260, 24, False, "Sala kommun 2013")],
              [(60, 60, 28, True, "Resultat i Kommunkompassen 2013")]
              + [(60, 110 + 30 * i, 18, False, f"Område {i + 1} {label} {60 + i}") for i, label in enumerate(labels)]]
    for area, label in enumerate(labels, start=1):
        slides.append([(60, 60, 28, True, f"Område {area} {label}"), (60, 130, 20, False, f"• {area}.1 Första frågan"),
                       (60, 160, 20, False, f"• {area}.2 Andra frågan"), (800, 300, 40, True, f"{60 + area} p")])
        slides.append([(60, 14, 24, True, "Styrkor")] + [(60, 120 + 40 * i, 20, False, f"• Styrka {i + 1} i område {area}.")
                                                         for i in range(2)])
        slides.append([(60, 14, 24, True, "Förbättringsområden")]
                      + [(60, 120 + 40 * i, 20, False, f"• Förslag {i + 1} i område {area}.") for i in range(2)])
        slides.append([(60, 60, 28, True, f"Exempel från Nacka: goda idéer {area}"),
                       (60, 130, 20, False, "• Garantier för svarstider"), (60, 170, 20, False, "• Uppföljning varje år")])
    for number, slide in enumerate(slides, start=1):
        slide.append((60, 515, 10, False, f"Sveriges Kommuner och Landsting | Kommunkompassen Sala 2013 {number}"))
    return slides


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("triage")
    return {"report": draw(folder / "report-sala-2013-synthetic.pdf", report_pages()),
            "deck": draw(folder / "slides-sala-2013-synthetic.pdf", deck_pages(), size=SLIDE)}


def records(result: DocumentResult) -> dict:
    """Everything a DocumentResult holds except when it was made."""
    out = dataclasses.asdict(result)
    out.pop("processed_at")
    return out


def extract(path: Path, triage: bool) -> DocumentResult:
    return process_document(path, "id", str(path), isolate=False, triage=triage)


def test_report_prose_pages_are_skipped_and_nothing_changes(synthetic):
    path = synthetic["report"]
    report = TriageReport()
    open_triaged(path, Limits(), report)
    plain = extract(path, triage=False)
    assert plain.status == "extracted" and plain.kind == "report" and len(plain.findings) == 8 * 6 - 3 + 14
    # the eight prose pages are skipped; area 5's list runs over three pages and the second ends in a
    # wrapped item, so the first plan misses the third and the exact check adds it in a second round
    first_plan = plan_pages(read_fast_pages(path))
    assert {14, 21} <= first_plan and 22 not in first_plan and report.rounds == 2 and not report.fallback
    assert report.modelled == report.pages - 8
    assert records(extract(path, triage=True)) == records(plain)


def test_deck_keeps_list_titles_in_the_margin(synthetic):
    path = synthetic["deck"]
    report = TriageReport()
    doc = open_triaged(path, Limits(), report)
    plain = extract(path, triage=False)
    assert plain.kind == "slides" and len(plain.findings) == 32
    # 26 slides have cues; "Styrkor" on 8 of them would be a running header there, so a slide is added
    assert report.modelled == 27 and not report.fallback
    assert sum(line.text == "Styrkor" for line in doc.lines()) == 8
    assert records(extract(path, triage=True)) == records(plain)


def test_running_margin_check_names_the_pages_needed(synthetic, tmp_path):
    """The exact check on the model, for page sets the planner would not choose."""
    deck = synthetic["deck"]
    pages = read_fast_pages(deck)
    content = pages_to_model([p.text for p in pages], deck=True)       # "Styrkor" running over these 26
    doc = open_document(deck, pages=content)
    extra = running_margin_pages(doc, pages, [p for p in pages if p.number not in content])
    assert len(extra) == 1                                              # 27 pages: no longer running
    doc = open_document(deck, pages=content | extra)
    assert running_margin_pages(doc, pages, [p for p in pages if p.number not in content | extra]) == set()

    # a margin line on 6 of 20 pages is running; with one of them modelled it is not: the other five are named
    pages_drawn = [prose_lines(40, 100, seed=n) + ([(72, 30, 9, False, "Bilaga till rapporten")] if 4 <= n <= 9 else [])
                   for n in range(1, 21)]
    path = draw(tmp_path / "margins.pdf", pages_drawn)
    pages = read_fast_pages(path)
    kept = {1, 2, 3, 4, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}
    doc = open_document(path, pages=kept)
    assert running_margin_pages(doc, pages, [p for p in pages if p.number not in kept]) == {5, 6, 7, 8, 9}


def short_report(prose_pages: list[list[tuple]], list_page: list[tuple]) -> list[list[tuple]]:
    """Cover, contents (the eight labels), an introduction, the given prose pages, then a list page."""
    labels = AREA_LABELS["2010"]
    return [[(72, 200, 24, True, "Kommunkompassen"), (72, 240, 18, False, "Analys av Sala kommun"),
             (72, 300, 11, False, "Besök 4–6 mars 2013")],
            [(72, 100, 14, True, "Innehåll")] + [(72, 130 + 16 * i, 11, False, f"Område {i + 1} {label}")
                                                 for i, label in enumerate(labels)],
            [(72, 100, 14, True, "Vad är Kommunkompassen?")] + prose_lines(10, 130)] + prose_pages + [list_page]


def test_a_mention_in_a_margin_line_that_is_not_running_is_modelled(tmp_path):
    """The report's classification reason prints the mention count: a skipped page must not hold one."""
    footer = (72, 800, 9, False, "Kommunkompassen i Sala, underlag")      # in the margin zone, on one page only
    prose = [prose_lines(44, 100, seed=1), prose_lines(44, 100, seed=2) + [footer]]
    summary = [(72, 100, 14, True, "Sammanfattning område 1"), (72, 130, 11, True, "Styrkor"),
               (90, 148, 11, False, "• Ett väl fungerande system.")]
    path = draw(tmp_path / "report.pdf", short_report(prose, summary))
    assert not {4, 5} & plan_pages(read_fast_pages(path))           # PDFium sees the mention only in a margin
    report = TriageReport()
    open_triaged(path, Limits(), report)
    assert report.rounds == 2 and report.modelled == 5                 # page 5 added back, page 4 skipped
    plain = extract(path, triage=False)
    assert plain.reason == "3 mentions, 8 areas"
    assert records(extract(path, triage=True)) == records(plain)


def test_skipped_pages_that_would_move_the_body_size_are_modelled(tmp_path):
    """Prose pages in 14 pt make 14 pt the body size: a 12.5 pt line under a list is then no heading
    and joins the list's last item; with the 11 pt pages alone it would end the list."""
    summary = [(72, 100, 11, True, "Område 1 Offentlighet och demokrati"), (72, 130, 11, True, "Styrkor"),
               (90, 148, 11, False, "• Första styrkan."), (90, 163, 11, False, "• Andra styrkan."),
               (100, 180, 12.5, False, "Några iakttagelser om arbetet")] + prose_lines(5, 200)
    big = [[(72, 100 + 18 * i, 14, False, line[4]) for i, line in enumerate(prose_lines(38, 0, seed=n))]
           for n in range(5)]
    path = draw(tmp_path / "report.pdf", short_report(big, summary))
    plain = extract(path, triage=False)
    assert plain.findings[-1].text == "Andra styrkan. Några iakttagelser om arbetet"
    report = TriageReport()
    open_triaged(path, Limits(), report)
    assert report.modelled == report.pages
    assert records(extract(path, triage=True)) == records(plain)


def test_a_file_pdfium_cannot_read_fails_as_without_triage(tmp_path):
    html = tmp_path / "error.pdf"
    html.write_text("<html><title>404</title></html>")
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes(draw(tmp_path / "whole.pdf", [[(72, 100, 11, False, "Sala")]]).read_bytes()[:300])
    for path in (html, truncated):
        assert records(extract(path, triage=True)) == records(extract(path, triage=False))
        assert extract(path, triage=True).status == "failed"


# ----------------------------------------------------------------------------- every fixture

KEYS = {p.name.removesuffix(".key.json"): load_key(p) for p in keys()}
NEEDS_OCR = {name for name, key in KEYS.items() if key["document"].get("text_source") == "ocr"}


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory):
    """Every fixture extracted as a run does (isolated workers), with and without triage."""
    names = [n for n in KEYS if n not in NEEDS_OCR or tesseract_status() is None]
    uniques = identify([Input(PDFS / KEYS[n]["file"], str(PDFS / KEYS[n]["file"])) for n in names])
    out = {}
    for triage in (True, False):
        options = RunOptions(out_dir=tmp_path_factory.mktemp("out") / "processed", use_cache=False, workers=2,
                             triage=triage)
        results = {r.file_name: r for r, _ in extract_all(uniques, options, "test")}
        out[triage] = {n: results[KEYS[n]["file"]] for n in names}
    return out


def fixture_params() -> list:
    skip_ocr = pytest.mark.skipif(tesseract_status() is not None, reason=f"OCR unavailable: {tesseract_status()}")
    return [pytest.param(name, marks=[skip_ocr] if name in NEEDS_OCR else [], id=name) for name in KEYS]


@pytest.mark.parametrize("name", fixture_params())
def test_fixture_records_are_the_same_with_and_without_triage(both_ways, name):
    with_triage, without = both_ways[True][name], both_ways[False][name]
    assert records(with_triage) == records(without)
    # and they are the answer key's (as tests/test_fixtures.py checks for the default run)
    got, want = observed(with_triage), expected_observations(KEYS[name])
    assert sorted((got - want).elements(), key=str) == sorted((want - got).elements(), key=str) == []
    assert Counter(observed_findings(with_triage)) == Counter(expected_findings(KEYS[name]))


def test_triage_skips_only_what_it_can_on_the_fixtures():
    """The fixtures' area sections are two pages each: only the deck's example slides are skipped."""
    skipped = {}
    for key in keys():
        path = PDFS / load_key(key)["file"]
        pages = read_fast_pages(path)
        if len(plan_pages(pages)) == len(pages):
            continue                               # opened with every page, as without triage
        report = TriageReport()
        open_triaged(path, Limits(), report)
        skipped[path.name] = report.pages - report.modelled
    assert skipped == {"slides-tyreso-2015-feedback.pdf": 5}


def test_open_document_is_called_with_all_pages_when_nothing_can_be_skipped(monkeypatch):
    calls = []

    def spy(path, limits=None, pages=None):
        calls.append(pages)
        return open_document(path, limits, pages)

    monkeypatch.setattr("pipeline.triage.open_document", spy)
    open_triaged(PDFS / "report-ljusdal-2010-two-scales.pdf", Limits())
    assert calls == [None]
