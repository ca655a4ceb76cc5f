"""Page triage: which reader reads which page. pdfplumber parses the pages that matter, PDFium reads the rest.

pdfplumber (pdfminer) interprets every content stream in Python: even without pdfplumber's
attribute resolution (pipeline.reader.plumber_words) a page costs ~25 ms. pipeline.reader.pdfium_words
reads the same words through PDFium in less than half of that (~11 ms), and triage looks at that
reading to decide, page by page, whose reading goes into the page model:

- pdfplumber: the cover pages (metadata and classification read them), pages that could hold a
  score (`extractors.scores.pages.score_pages`, made of the score strategies' own matchers: the
  values the dataset exists for; asked of every page's words once all are read, because running
  headers and footers are set aside first), and pages PDFium cannot vouch for (rotated text, unmapped
  characters, a font whose declared descent is unknown; `pdfium_page_words` returns None there);
- PDFium: every other page (prose, lists, slides without scores).

Every page is read, so document-wide decisions (running headers, classification, the body font
size, lists over page breaks) see the same pages as without triage. The words must be the same too,
and that is checked, not assumed: every page pdfplumber parses is also read by PDFium and the two
readings compared (`same_words`); when they differ anywhere, the whole document is read by
pdfplumber as without triage (`TriageReport.fallback`), so a document whose fonts PDFium reads
differently costs a full parse, never a different result.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2

from extractors.metadata import EVALUATOR_PAGES
from extractors.page import PageReading, Word
from extractors.scores.pages import score_pages

from .pdfium_fonts import declared_descents
from .pdfium_words import pdfium_page_words, same_words
from .grids import page_edges, with_grids
from .plumber_words import read_plumber_page, read_plumber_pages

log = logging.getLogger(__name__)

#: Pages read by the metadata extractor (cover and title pages, and the evaluator line's) and by
#: classification (the first two): always parsed by pdfplumber.
COVER_PAGES = EVALUATOR_PAGES


@dataclass
class TriageReport:
    """What triage did for one document (for logs and the benchmark)."""

    pages: int = 0
    plumber: set[int] = field(default_factory=set)  # pages parsed by pdfplumber
    unreadable: set[int] = field(default_factory=set)  # pages PDFium could not vouch for
    fallback: bool = False  # readings differed: pdfplumber for every page
    differing: int | None = None  # the first page where they did


def read_triaged_pages(
    plumber_pdf: pdfplumber.PDF, pdfium_pdf: pypdfium2.PdfDocument, report: TriageReport | None = None
) -> list[PageReading]:
    """The reading of every page, by pdfplumber or PDFium as the module docstring says."""
    report = report if report is not None else TriageReport()
    pages = plumber_pdf.pages
    report.pages = len(pages)
    fast = [fast_words(page, pdfium_pdf) for page in pages]
    report.unreadable = {i for i, words in enumerate(fast, start=1) if words is None}
    # pages PDFium cannot vouch for are pdfplumber's from the start (their parse is kept for the
    # grids): with the others they decide which lines are running headers, so which pages may hold scores
    readings = [
        read_plumber_page(page) if words is None else PageReading(i, float(page.width), float(page.height), words)
        for i, (page, words) in enumerate(zip(pages, fast), start=1)
    ]
    scoring = score_pages(readings)
    report.plumber = pages_for_pdfplumber(len(pages), report.unreadable, scoring)
    for number in sorted(report.plumber):
        page, theirs = pages[number - 1], fast[number - 1]
        reading = readings[number - 1] if theirs is None else read_plumber_page(page)
        if theirs is not None and not same_words(theirs, reading.words):
            report.fallback, report.differing = True, number
            break
        readings[number - 1] = with_grids(reading, page_edges(page), page.bbox) if number in scoring else reading
        page.close()
    for page in pages:
        page.close()
    if report.fallback:
        log.info("PDFium and pdfplumber read page %d differently: pdfplumber reads every page", report.differing)
        report.plumber = set(range(1, len(pages) + 1))
        return read_plumber_pages(plumber_pdf)
    return readings


def fast_words(page: pdfplumber.page.Page, pdfium_pdf: pypdfium2.PdfDocument) -> list[Word] | None:
    """PDFium's reading of a page's words, or None where it cannot vouch for them (pdfium_page_words)."""
    pdfium_page = pdfium_pdf[page.page_number - 1]
    try:
        return pdfium_page_words(pdfium_page, declared_descents(page.page_obj), page.page_obj)
    finally:
        pdfium_page.close()


def pages_for_pdfplumber(n_pages: int, unreadable: set[int], scoring: set[int]) -> set[int]:
    """The 1-based pages pdfplumber parses: covers, pages PDFium cannot read, pages that could hold a score."""
    return set(range(1, min(COVER_PAGES, n_pages) + 1)) | unreadable | scoring
