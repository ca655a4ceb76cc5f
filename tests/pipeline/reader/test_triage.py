"""Page triage: which reader reads each page, and that it never changes what is extracted.

A unit test gives `pages_for_pdfplumber` hand-made page sets (whether a page could hold a score is
tested beside the strategies, tests/extractors/scores/test_pages.py). The equivalence tests
extract every fixture of tests/pdfs with and without triage (as a run does, in worker processes)
and compare the DocumentResults field by field, check them against the answer keys, and check that
every page a score was read from was parsed by pdfplumber.
"""

from __future__ import annotations

import dataclasses
import random
from collections import Counter

import pdfplumber
import pypdfium2
import pytest

from extractors.layout import build_document
from extractors.page import PageReading
from pipeline.process import DocumentResult, process_document
from pipeline.reader.document import open_document
from pipeline.reader.plumber_words import plumber_words
from pipeline.reader.tesseract import tesseract_status
from pipeline.reader.triage import COVER_PAGES, TriageReport, pages_for_pdfplumber, read_triaged_pages
from pipeline.run import RunOptions, extract_all, identify
from pipeline.sources import Input
from tests.answer_keys import (
    PDFS,
    expected_findings,
    expected_observations,
    keys,
    load_key,
    observed,
    observed_findings,
)

TABLE_REPORT = PDFS / "report-ljusdal-2010-two-scales.pdf"


# ----------------------------------------------------------------------------- page decisions


def test_covers_score_pages_and_unreadable_pages_go_to_pdfplumber():
    first = COVER_PAGES + 1
    covers = set(range(1, first))
    assert pages_for_pdfplumber(first + 3, {first + 2}, {first + 1}) == covers | {first + 1, first + 2}


def test_a_short_document_is_all_cover():
    assert pages_for_pdfplumber(1, set(), set()) == {1}


# ----------------------------------------------------------------------------- reading


def triaged(path, report=None):
    with pdfplumber.open(path) as pdf:
        fast = pypdfium2.PdfDocument(str(path))
        try:
            return read_triaged_pages(pdf, fast, report)
        finally:
            fast.close()


def test_pdfium_pages_carry_the_words_pdfplumber_reads():
    report = TriageReport()
    pages = triaged(TABLE_REPORT, report)
    assert report.pages == len(pages) == 21 and not report.fallback and not report.unreadable
    assert set(range(1, COVER_PAGES + 1)) <= report.plumber and len(report.plumber) < report.pages
    with pdfplumber.open(TABLE_REPORT) as pdf:
        for reading in pages:
            number, width, height, words = reading.number, reading.width, reading.height, reading.words
            assert reading.text_source == "pdf"
            reference = plumber_words(pdf.pages[number - 1])
            assert [w.text for w in words] == [w.text for w in reference]
            assert [(w.bold, round(w.size, 1)) for w in words] == [(w.bold, round(w.size, 1)) for w in reference]
            assert max((abs(a.x0 - b.x0) + abs(a.top - b.top) for a, b in zip(words, reference)), default=0) < 0.5
            assert (width, height) == (float(pdf.pages[number - 1].width), float(pdf.pages[number - 1].height))


def test_when_the_readings_differ_pdfplumber_reads_every_page(monkeypatch):
    monkeypatch.setattr("pipeline.reader.triage.same_words", lambda ours, theirs: False)
    report = TriageReport()
    triaged(TABLE_REPORT, report)
    assert report.fallback and report.differing == 1 and report.plumber == set(range(1, report.pages + 1))


def test_the_page_model_is_the_same_with_and_without_triage():
    with_triage = open_document(TABLE_REPORT, triage=True)
    without = open_document(TABLE_REPORT, triage=False)
    assert [p.text for p in with_triage.pages] == [p.text for p in without.pages]
    assert [[l.text for l in p.margin_lines] for p in with_triage.pages] == [
        [l.text for l in p.margin_lines] for p in without.pages
    ]


@pytest.mark.parametrize("name", [p.name for p in sorted(PDFS.glob("*.pdf")) if "scan" not in p.name])
def test_the_page_model_does_not_depend_on_the_order_words_are_read_in(name):
    """What same_words leaves out (the readers order words differently) cannot change the model."""
    with pdfplumber.open(PDFS / name) as pdf:
        pages = [
            PageReading(page.page_number, float(page.width), float(page.height), plumber_words(page))
            for page in pdf.pages
        ]
    shuffled = [
        PageReading(p.number, p.width, p.height, random.Random(p.number).sample(p.words, len(p.words))) for p in pages
    ]
    assert build_document(shuffled) == build_document(pages)
    assert build_document([PageReading(p.number, p.width, p.height, p.words[::-1]) for p in pages]) == build_document(
        pages
    )


def records(result: DocumentResult) -> dict:
    """Everything a DocumentResult holds except when it was made."""
    out = dataclasses.asdict(result)
    out.pop("processed_at")
    return out


def test_a_file_pdfium_cannot_read_fails_as_without_triage(tmp_path):
    html = tmp_path / "error.pdf"
    html.write_text("<html><title>404</title></html>")
    truncated = tmp_path / "cut.pdf"
    truncated.write_bytes(TABLE_REPORT.read_bytes()[:3000])
    for path in (html, truncated):
        with_triage = process_document(path, "id", str(path), isolate=False, triage=True)
        assert with_triage.status == "failed"
        assert records(with_triage) == records(process_document(path, "id", str(path), isolate=False, triage=False))


def test_open_document_reports_what_triage_did():
    report = TriageReport()
    doc = open_document(TABLE_REPORT, triage=True, report=report)
    assert report.pages == doc.n_pages == len(doc.pages) and report.plumber


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
        options = RunOptions(
            out_dir=tmp_path_factory.mktemp("out") / "processed", use_cache=False, workers=2, triage=triage
        )
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


@pytest.mark.parametrize("name", fixture_params())
def test_every_page_a_score_is_read_from_is_parsed_by_pdfplumber(both_ways, name):
    """Triage's "could this page hold a score?" misses no page a strategy read a score from."""
    report = TriageReport()
    triaged(PDFS / KEYS[name]["file"], report)
    pages = {o.page for o in both_ways[False][name].observations}
    assert pages <= report.plumber, f"scores on pages {sorted(pages - report.plumber)} read by PDFium"
