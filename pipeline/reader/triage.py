"""Page triage: which reader reads which page. pdfplumber parses the pages that matter, PDFium reads the rest.

pdfplumber (pdfminer) interprets every content stream in Python: even without pdfplumber's
attribute resolution (pipeline.reader.plumber_words) a page costs ~25 ms. pipeline.reader.pdfium_words
reads the same words through PDFium in less than half of that (~11 ms), and triage looks at that
reading to decide, page by page, whose reading goes into the page model:

- pdfplumber: the cover pages (metadata and classification read them), pages that could hold a
  score (`extractors.scores.pages.may_hold_scores`, made of the score strategies' own matchers:
  the values the dataset exists for), and pages PDFium cannot vouch for (rotated text, unmapped
  characters, a font whose declared descent is unknown; `pdfium_page_words` returns None there);
- PDFium: every other page (prose, lists, slides without scores).

Every page is read, so document-wide decisions (running headers, classification, the body font
size, lists over page breaks) see the same pages as without triage. The words must be the same too,
and that is checked, not assumed: every page pdfplumber parses is also read by PDFium and the two
readings compared (`same_words`); when they differ anywhere, the document's remaining pages are
parsed by pdfplumber as well (`TriageReport.fallback`), so a document whose fonts PDFium reads
differently costs a full parse, never a different result.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pdfplumber
import pypdfium2

from extractors.metadata import EVALUATOR_PAGES
from extractors.page import PageReading, Word, words_to_lines
from extractors.scores.pages import may_hold_scores

from .pdfium_fonts import declared_descents
from .pdfium_words import pdfium_page_words, same_words
from .plumber_words import read_plumber_page

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
    plumber_pages = plumber_pdf.pages
    report.pages = len(plumber_pages)
    fast: list[list[Word] | None] = []
    for i, page in enumerate(plumber_pages):
        pdfium_page = pdfium_pdf[i]
        try:
            fast.append(pdfium_page_words(pdfium_page, declared_descents(page.page_obj), page.page_obj))
        finally:
            pdfium_page.close()
    report.unreadable = {i for i, words in enumerate(fast, start=1) if words is None}
    report.plumber = pages_for_pdfplumber(fast)
    readings: dict[int, PageReading] = {}
    for number in sorted(report.plumber):
        readings[number] = read_plumber_page(plumber_pages[number - 1])
        theirs = fast[number - 1]
        if theirs is not None and not report.fallback and not same_words(theirs, readings[number].words):
            report.fallback, report.differing = True, number
    if report.fallback:
        log.info("PDFium and pdfplumber read page %d differently: pdfplumber reads every page", report.differing)
        report.plumber = set(range(1, len(plumber_pages) + 1))
    out = []
    for number, page in enumerate(plumber_pages, start=1):
        if number not in readings:
            readings[number] = (
                read_plumber_page(page)
                if report.fallback
                else PageReading(number, float(page.width), float(page.height), fast[number - 1])
            )
        out.append(readings[number])
        page.close()
    return out


def pages_for_pdfplumber(fast: list[list[Word] | None]) -> set[int]:
    """The 1-based pages pdfplumber parses: covers, pages PDFium cannot read, pages that could hold a score."""
    chosen = set(range(1, min(COVER_PAGES, len(fast)) + 1))
    for number, words in enumerate(fast, start=1):
        if number not in chosen and (words is None or may_hold_scores(words_to_lines(words, number))):
            chosen.add(number)
    return chosen
