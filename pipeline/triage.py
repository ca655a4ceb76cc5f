"""Page triage: pdfplumber parses the pages that matter most, PDFium reads the rest with the same words.

pdfplumber (pdfminer) interprets every content stream in Python: even without pdfplumber's
attribute resolution (pipeline.pdf.plumber_words) a page costs ~25 ms. pipeline.pdfium_words reads
the same words through PDFium in less than half of that (~11 ms), and triage looks at that
reading to decide, page by page, which reader builds the page model:

- pdfplumber: the cover pages (metadata and classification read them), pages whose text could hold
  a result table or a quoted total (`score_page`: numbers beside area labels, the values the dataset
  exists for), and pages PDFium cannot vouch for (rotated text, unmapped characters, a font whose
  declared descent is unknown; `pdfium_page_words` returns None there);
- PDFium: every other page (prose, lists, slides without scores).

Every page is modelled, so document-wide decisions (running headers, classification, the body font
size, lists over page breaks) see the same pages as without triage. The words must be the same too,
and that is checked, not assumed: every page pdfplumber parses is also read by PDFium and the two
readings compared (`same_words`); when they differ anywhere, the document's remaining pages are
parsed by pdfplumber as well (`TriageReport.fallback`), so a document whose fonts PDFium reads
differently costs a full parse, never a different result.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import pdfplumber
import pypdfium2
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from extractors import metadata as metadata_extractor
from extractors.frameworks import AREA_LABELS, LABEL_MATCH, LABEL_VARIANTS
from extractors.page import Word, words_to_lines
from extractors.scores.result_table import cell_value
from extractors.text import UNITS, fold, is_not_assessed, parse_average

from .pdf import plumber_words
from .pdfium_words import declared_descents, pdfium_page_words, same_words

log = logging.getLogger(__name__)

#: Pages read by the metadata extractor (cover and title pages, plus one for the evaluator line)
#: and by classification (the first two): always parsed by pdfplumber.
COVER_PAGES = metadata_extractor.COVER_PAGES + 1
#: Label matching on a line's letters only is up to ~4 points of fuzz.ratio off the extractor's
#: spaced keys: this much slack keeps every line the extractor could match (LABEL_MATCH).
LABEL_SLACK = 6
#: "Tyresö 2010: 452" (extractors.scores.slides.QUOTED_TOTAL), spacing aside.
QUOTED_TOTAL_CUE = re.compile(r"(?:19|20)\d\d\s*:\s*\d{2,3}")
AREA_FOLDED = {"omrade", "fokusomrade"}


@dataclass
class TriageReport:
    """What triage did for one document (for logs and the benchmark)."""

    pages: int = 0
    plumber: set[int] = field(default_factory=set)      # pages parsed by pdfplumber
    unreadable: set[int] = field(default_factory=set)   # pages PDFium could not vouch for
    fallback: bool = False                              # readings differed: pdfplumber for every page
    differing: int | None = None                        # the first page where they did


def read_triaged_pages(plumber_pdf: pdfplumber.PDF, pdfium_pdf: pypdfium2.PdfDocument,
                       report: TriageReport | None = None,
                       grids: dict | None = None) -> list[tuple[int, float, float, list[Word]]]:
    """(number, width, height, words) of every page, read as the module docstring says; `grids`
    gets each page's ruled tables (pipeline.grids.read_grids) while pdfplumber has the page open."""
    from .grids import read_grids
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
    words: dict[int, list[Word]] = {}
    for number in sorted(report.plumber):
        words[number] = plumber_words(plumber_pages[number - 1])
        theirs = fast[number - 1]
        if theirs is not None and not report.fallback and not same_words(theirs, words[number]):
            report.fallback, report.differing = True, number
    if report.fallback:
        log.info("PDFium and pdfplumber read page %d differently: pdfplumber reads every page", report.differing)
        report.plumber = set(range(1, len(plumber_pages) + 1))
    pages = []
    for number, page in enumerate(plumber_pages, start=1):
        if number not in words:
            words[number] = plumber_words(page) if report.fallback else fast[number - 1]
        pages.append((number, float(page.width), float(page.height), words[number]))
        if grids is not None:
            grids[number] = read_grids(page, number, words[number])
        page.close()
    return pages


def pages_for_pdfplumber(fast: list[list[Word] | None]) -> set[int]:
    """The 1-based pages pdfplumber parses: covers, pages PDFium cannot read, score pages."""
    chosen = set(range(1, min(COVER_PAGES, len(fast)) + 1))
    for number, words in enumerate(fast, start=1):
        if words is None or score_page([line.text for line in words_to_lines(words, number)]):
            chosen.add(number)
    return chosen


def score_page(lines: list[str]) -> bool:
    """Whether a page's lines could hold scores: a quoted total ("Tyresö 2010: 452"), or a line
    that ends in a value with an area label before it (a result table row, a scored heading)."""
    return any(QUOTED_TOTAL_CUE.search(line) or score_line(line) for line in lines)


def score_line(line: str) -> bool:
    """A line ending in value tokens ("63", "63 p", "47 (52)", "–"), one of them a number, after a label."""
    tokens = line.split()
    values = []
    while tokens and is_value_like(tokens[-1]):
        values.append(tokens.pop())
    return bool(tokens) and any(re.search(r"\d", v) for v in values) and has_area_label(line)


def letters_key(text: str) -> str:
    """Letters only, folded: frameworks._key without its spaces (PDFium and pdfplumber space words differently)."""
    return re.sub(r"[^a-z]+", "", fold(unicodedata.normalize("NFKC", text)))


@lru_cache(maxsize=1)
def label_keys() -> tuple[str, ...]:
    labels = [label for labels in AREA_LABELS.values() for label in labels] + [v[2] for v in LABEL_VARIANTS]
    return tuple(sorted({letters_key(label) for label in labels}))


def is_cell(token: str) -> bool:
    """A token that makes a result table cell (extractors.scores.result_table.words_to_cells)."""
    return cell_value(token) is not None or is_not_assessed(token)


def is_value_like(token: str) -> bool:
    """A token a result table row may end with: a value, an average, a unit, a footnote mark."""
    t = token.strip()
    return is_cell(t) or parse_average(t) is not None or t.lower() in UNITS or t in ("*", "**)")


def line_windows(line: str) -> set[str]:
    """Letter keys of the parts of a line (before column ordering) the extractors may see as a line,
    or its label part.

    The extractors see the line, or the part left or right of a column gutter
    (extractors.layout.order_columns splits a line at one x at most): prefixes and suffixes of the
    line's words. A table row's label is its line without the trailing values ("… demokrati 63 p"),
    so suffixes are also taken without trailing value tokens. The area number the label matcher
    strips ("Område 3", "3.") has no letters except "område", so prefixes are also taken after it.
    """
    tokens = line.split()
    folded = fold(unicodedata.normalize("NFKC", line)).split()
    if len(folded) != len(tokens):                 # NFKC turned something into a space
        folded = [fold(unicodedata.normalize("NFKC", t)) for t in tokens]
    keys = [re.sub(r"[^a-z]+", "", t) for t in folded]
    n = len(tokens)
    starts = {0}
    i = 0
    while i < n and (not keys[i] or folded[i].strip(".:") in AREA_FOLDED):
        i += 1
        starts.add(i)
    ends = {n}
    j = n
    while j > 0 and is_value_like(tokens[j - 1]):
        j -= 1
        ends.add(j)
    windows: set[str] = set()
    for start in starts:
        acc = ""
        for key in keys[start:]:
            acc += key
            if acc:
                windows.add(acc)
    for end in ends:
        acc = ""
        for key in reversed(keys[:end]):
            acc = key + acc
            if acc:
                windows.add(acc)
    return windows


def has_area_label(line: str) -> bool:
    """Whether some part of the line could match an area label (as classify, findings and the score
    strategies match them)."""
    windows = line_windows(line)
    if not windows:
        return False
    cands = label_keys()
    shortest = min(len(c) for c in cands) * (LABEL_MATCH - LABEL_SLACK) / (200 - LABEL_MATCH + LABEL_SLACK)
    longest = max(len(c) for c in cands) * (200 - LABEL_MATCH + LABEL_SLACK) / (LABEL_MATCH - LABEL_SLACK)
    full = [w for w in windows if shortest <= len(w) <= longest]
    return bool(full) and bool((cdist(full, cands, scorer=fuzz.ratio, score_cutoff=LABEL_MATCH - LABEL_SLACK) > 0).any())
