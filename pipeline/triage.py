"""Page triage: a fast PDFium pass decides which pages get pdfplumber's page model.

pdfplumber parses every character of a page, so the page model costs about as much per page as a
naive `extract_text` + `extract_tables` pass. Pages that cannot change what the extractors return
are therefore never parsed by it. The rule is strict: **triage never changes a DocumentResult**.
Most extractors read one page at a time, and for those a page is kept when its PDFium text could
hold what they look for (`pages_to_model`). Five decisions are made over the whole modelled
document instead, and for these the kept pages must lead to the same decision as all pages:

- running headers/footers (extractors.layout.running_signatures): a margin line is removed when it
  recurs on REPEAT_SHARE of the *modelled* pages, so a slide title on 8 of 29 slides is kept with
  all pages but removed if only the 20 list slides were modelled;
- classification (extractors.classify): Kommunkompassen mentions and Norwegian words counted over
  the text (the mention count is printed in `classification_reason`), area label lines and their
  framework votes, and the share of landscape pages (also printed in the reason);
- the body font size (extractors.findings.body_size), the median line size over the document,
  which decides which lines are headings by size;
- lists that run on over a page break (extractors.findings), and the area a section heading sets
  for every later list;
- `has_not_assessed_note`, a footnote anywhere that turns area-8 zeros into not-assessed.

`plan_pages` adds pages for the first two from PDFium's text and page sizes before anything is
parsed; `missing_pages` then checks all five on the page model of the kept pages, where the kept
pages' side is exact and the skipped pages' side is bounded from PDFium's text, and names the
pages still needed. `open_triaged` re-opens with them (at most MAX_ROUNDS times) and falls back to
every page when a decision cannot be shown to be the same. The bounds assume what both libraries
make of a text layer: the same characters (after NFKC), a line of pdfplumber's within one line of
PDFium's text, the same font sizes (checked on kept pages before sizes are used) and the same page
orientation (checked on every kept page).
"""
from __future__ import annotations

import logging
import math
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_c
from rapidfuzz import fuzz
from rapidfuzz.process import cdist

from extractors import metadata as metadata_extractor
from extractors.classify import NORWEGIAN, SLIDES_SHARE, TOOL, classify_document
from extractors.findings import HEADING_SIZE_STEP, IMPROVEMENT_WORDS, STRENGTH_WORDS, extract_findings
from extractors.frameworks import AREA_LABELS, LABEL_MATCH, LABEL_VARIANTS, MIN_PREFIX
from extractors.layout import MARGIN_ZONE, REPEAT_SHARE, in_margin, margin_signature, running_signatures
from extractors.page import Document, Line, Page, Word, words_to_lines
from extractors.scores.base import NOT_ASSESSED_NOTE
from extractors.scores.result_table import cell_value
from extractors.text import UNITS, fold, is_not_assessed, parse_average, strip_bullet

from .documents import DocumentError, Limits, open_document, page_words

log = logging.getLogger(__name__)

#: Pages read by the metadata extractor (cover and title pages, plus one for the evaluator line)
#: and by classification (the first two): always modelled.
COVER_PAGES = metadata_extractor.COVER_PAGES + 1
#: Label matching on PDFium text compares letters only (spacing differs between the libraries),
#: which lowers fuzz.ratio by up to ~4 points against the extractor's spaced keys: this much slack
#: keeps every page whose line the extractor could match (LABEL_MATCH) or match as a prefix.
LABEL_SLACK = 6
#: Prefix matches (a wrapped label's first line) count from this many letters (MIN_PREFIX with spaces).
MIN_PREFIX_LETTERS = MIN_PREFIX - 3
#: A result table needs MIN_AREA_ROWS rows with a value each; a page with fewer value tokens than
#: this cannot hold one, so prefix matches (wrapped labels, read only in tables) are not looked for.
MIN_VALUE_TOKENS = 3
#: How far (pt) a line outside the margin zones may reach into them: words of one line differ by up
#: to half a line height in position (extractors.page.LINE_TOLERANCE) and pdfminer's boxes reach
#: below PDFium's glyph boxes by the font's descent.
ZONE_SLACK = 10.0
#: Two font sizes are the same when they differ by less than this (pt).
SIZE_TOLERANCE = 0.05
#: Kept pages on which PDFium's font sizes are compared with pdfplumber's before sizes are trusted.
SIZE_CALIBRATION_PAGES = 2
#: Re-openings with more pages before every page is modelled.
MAX_ROUNDS = 3
#: The triaged openings of a document may parse at most this many times its pages in all before it
#: is opened with every page: a document that needs extra rounds costs at most (1 + this) full
#: parses, which matters near Limits.timeout_s.
PARSE_BUDGET = 1.5
#: Last lines of a page looked at for a bulleted item that a list may continue after.
LIST_TAIL_LINES = 3
#: A synthetic line appended after a kept page to see whether a list is still open there.
SENTINEL = "KOMPASSTRIAGESENTINEL"

#: Line starts (after an optional number) that end a list and reset the current area
#: (extractors.findings.AREA_RESET), looked for anywhere since a column split starts lines mid-line.
SECTION_RESET = re.compile(r"sammanfattning av resultat|sammanfattande|samlad bedömning|övergripande|"
                           r"helhetsbedömning|inledning|bilaga|poängsammanställning|översikt av poäng")
#: "Område 3", "Sammanfattning område 3", "Fokusområde 3" (extractors.findings.AREA_HEADING).
AREA_HEADING_CUE = re.compile(r"(?:område|omrade)\s*[1-8]\b")
LIST_HEADING_CUE = re.compile(rf"{STRENGTH_WORDS}|{IMPROVEMENT_WORDS}")
#: "Tyresö 2010: 452" (extractors.scores.slides.QUOTED_TOTAL), spacing aside.
QUOTED_TOTAL_CUE = re.compile(r"(?:19|20)\d\d\s*:\s*\d{2,3}")
AREA_FOLDED = {"omrade", "fokusomrade"}


# --------------------------------------------------------------------------- the fast pass

@dataclass(frozen=True)
class FastPage:
    """What PDFium's text layer says about one page, read without pdfplumber.

    `text` has one line per PDFium text line. `margin_text` is the text of every character that
    touches the top or bottom margin zone (extractors.layout.MARGIN_ZONE): a superset of the page's
    margin lines. `body_text` is the text of every character that touches the page between the
    zones, widened by ZONE_SLACK: a superset of the lines outside the margin zones. When the page
    geometry is unusual (rotated pages, a crop box), both are the whole text and `zoned` is False.
    """

    number: int
    width: float
    height: float
    text: str
    margin_text: str = ""
    body_text: str = ""
    zoned: bool = True             # False: geometry unusual, margin_text and body_text are the whole text

    @property
    def is_landscape(self) -> bool:
        return self.width > self.height

    @property
    def has_text(self) -> bool:
        return any(ch.isalnum() for ch in self.text)


def clean_text(text: str) -> str:
    """PDFium text with "\\n" line ends; a line-end hyphen PDFium joined (U+FFFE, U+0002) split again."""
    return (text.replace("\r\n", "\n").replace("\r", "\n")
            .replace("\ufffe", "-\n").replace("\x02", "-\n"))


def read_fast_pages(path: str | Path, max_pages: int | None = None) -> list[FastPage] | None:
    """Every page's PDFium text, size and margin texts; None when the file has more than max_pages.

    Raises whatever PDFium raises for a file it cannot open: the caller leaves those files to
    pipeline.documents.open_document, which says what is wrong with them.
    """
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        if max_pages is not None and len(pdf) > max_pages:
            return None
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            try:
                pages.append(read_fast_page(page, i + 1))
            finally:
                page.close()
        return pages
    finally:
        pdf.close()


def read_fast_page(page: pypdfium2.PdfPage, number: int) -> FastPage:
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        text = clean_text(textpage.get_text_range())
        left, bottom, right, top = box = page.get_mediabox()
        if page.get_rotation() % 360 or tuple(page.get_cropbox()) != tuple(box) or not (
                math.isclose(right - left, width, abs_tol=0.5) and math.isclose(top - bottom, height, abs_tol=0.5)):
            return FastPage(number, width, height, text, text, text, zoned=False)
        zone = height * MARGIN_ZONE
        margin = "\n".join(clean_text(textpage.get_text_bounded(left, b, right, t))
                           for b, t in ((top - zone, top), (bottom, bottom + zone)))
        body = clean_text(textpage.get_text_bounded(left, bottom + zone - ZONE_SLACK, right,
                                                    top - zone + ZONE_SLACK))
        return FastPage(number, width, height, text, margin, body)
    finally:
        textpage.close()


# --------------------------------------------------------------------------- text keys

def loose_text(text: str) -> str:
    """NFKC, case-folded, line-end hyphens joined and whitespace dropped: a string in which every
    word of the page model (with the same characters) still occurs, for counting upper bounds."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", "", re.sub(r"-\s*\n", "", text))


def spaced_text(text: str) -> str:
    """NFKC, case-folded, whitespace runs as one space (lines joined as the model's doc.text does)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold())


def token_key(text: str) -> str:
    """Letters and digits only, digit runs folded to '#' (as extractors.layout.margin_signature does)."""
    text = re.sub(r"\d+", "#", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in text if ch.isalnum() or ch == "#")


def letters_key(text: str) -> str:
    """Letters only, folded: frameworks._key without its spaces (PDFium and pdfplumber space words differently)."""
    return re.sub(r"[^a-z]+", "", fold(unicodedata.normalize("NFKC", text)))


@lru_cache(maxsize=1)
def label_keys() -> tuple[str, ...]:
    labels = [label for labels in AREA_LABELS.values() for label in labels] + [v[2] for v in LABEL_VARIANTS]
    return tuple(sorted({letters_key(label) for label in labels}))


# --------------------------------------------------------------------------- content rules

def is_cell(token: str) -> bool:
    """A token that makes a result table cell (extractors.scores.result_table.words_to_cells)."""
    return cell_value(token) is not None or is_not_assessed(token)


def is_value_like(token: str) -> bool:
    """A token a result table row may end with: a value, an average, a unit, a footnote mark."""
    t = token.strip()
    return is_cell(t) or parse_average(t) is not None or t.lower() in UNITS or t in ("*", "**)")


def line_windows(line: str) -> set[str]:
    """Letter keys of the parts of a PDFium line that can be a model line, or its label part.

    A model line is a PDFium line, or the part left or right of a column gutter
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


def has_area_label(lines: list[str], with_prefixes: bool) -> bool:
    """Whether some part of these lines could match an area label (as classify, findings and the score
    strategies match them), or, with_prefixes, a label's first part (a wrapped table label)."""
    windows: set[str] = set()
    for line in lines:
        windows |= line_windows(line)
    if not windows:
        return False
    cands = label_keys()
    shortest = min(len(c) for c in cands) * (LABEL_MATCH - LABEL_SLACK) / (200 - LABEL_MATCH + LABEL_SLACK)
    longest = max(len(c) for c in cands) * (200 - LABEL_MATCH + LABEL_SLACK) / (LABEL_MATCH - LABEL_SLACK)
    full = [w for w in windows if shortest <= len(w) <= longest]
    if full and (cdist(full, cands, scorer=fuzz.ratio, score_cutoff=LABEL_MATCH - LABEL_SLACK) > 0).any():
        return True
    if not with_prefixes:
        return False
    threshold = LABEL_MATCH + 2 - LABEL_SLACK
    by_length: dict[int, list[str]] = {}
    for w in windows:
        if len(w) >= MIN_PREFIX_LETTERS:
            by_length.setdefault(len(w), []).append(w)
    for length, group in by_length.items():
        prefixes = sorted({c[:length] for c in cands if len(c) > length})
        if prefixes and (cdist(group, prefixes, scorer=fuzz.ratio, score_cutoff=threshold) > 0).any():
            return True
    return False


def page_cues(text: str, exhaustive: bool = True) -> set[str]:
    """Why a page's PDFium text needs the page model (empty: it cannot change any extractor's result).

    - `no_text`: no text layer (a scan for OCR, or blank: OCR decides, as without triage);
    - `area_heading`: "Område 3", "Sammanfattning område 3" (sets the area of later lists);
    - `list_heading`: Styrkor, Förbättringsområden and their synonyms, Norwegian too;
    - `section_reset`: "Sammanfattning av resultat", "Inledning", "Övergripande" … (ends the
      current area);
    - `quoted_total`: "Tyresö 2010: 452";
    - `not_assessed_note`: "*) Område 8 poängbedöms inte …";
    - `area_label`: a line part that matches an area label (classification counts label lines and
      votes on the framework with them, result tables and headings carry scores beside them, a
      label heading sets the area of the lists after it). The costliest test: without
      `exhaustive` it is skipped when another cue already keeps the page.

    Numbers with p/poäng/%, "Tabell" captions and total rows are not cues of their own: every score
    strategy reads a number only beside an area label (or as a quoted total), and a caption or a
    total row without label rows is never read.
    """
    if not any(ch.isalnum() for ch in text):
        return {"no_text"}
    cues: set[str] = set()
    spaced = spaced_text(text)
    joined = spaced_text(re.sub(r"-\s*\n", "", text))
    if AREA_HEADING_CUE.search(spaced):
        cues.add("area_heading")
    if LIST_HEADING_CUE.search(spaced) or LIST_HEADING_CUE.search(joined):
        cues.add("list_heading")
    if SECTION_RESET.search(spaced):
        cues.add("section_reset")
    if QUOTED_TOTAL_CUE.search(spaced):
        cues.add("quoted_total")
    if NOT_ASSESSED_NOTE.search(spaced) or NOT_ASSESSED_NOTE.search(joined):
        cues.add("not_assessed_note")
    if cues and not exhaustive:
        return cues
    lines = [line for line in text.split("\n") if line.strip()]
    values = sum(is_cell(t) for t in text.split())
    if has_area_label(lines, with_prefixes=values >= MIN_VALUE_TOKENS):
        cues.add("area_label")
    return cues


def ends_in_list_item(text: str) -> bool:
    """Whether one of the last lines of a page is a bulleted item (a running footer may follow it)."""
    lines = [line for line in text.split("\n") if line.strip()]
    return any(strip_bullet(line)[0] for line in lines[-LIST_TAIL_LINES:])


def pages_to_model(page_texts: list[str], deck: bool = False) -> set[int]:
    """The 1-based pages whose PDFium text says they need the page model.

    The cover pages (metadata and classification read the first pages), every page with a cue
    (`page_cues`), and the page after a list heading, since a report's list runs on over the page
    break; while such a page ends in a bulleted item, the page after it too (`missing_pages` checks
    this exactly, but a miss costs a second parse). In a deck (`deck`: most pages landscape, so the
    document is slides, a memo or not a report) a list ends with its slide. Pure: the
    document-wide decisions are `plan_pages`'s and `missing_pages`'s.
    """
    n = len(page_texts)
    texts = [clean_text(t) for t in page_texts]
    keep = set(range(1, min(COVER_PAGES, n) + 1))
    list_open = False
    for number, text in enumerate(texts, start=1):
        cues = page_cues(text, exhaustive=False)
        if cues or list_open:
            keep.add(number)
        list_open = not deck and ("list_heading" in cues or list_open) and (
            "list_heading" in cues or ends_in_list_item(text))
    return keep


# --------------------------------------------------------------------------- document-wide planning

def repeat_need(n_pages: int) -> int:
    """Pages a margin line must recur on to be running over n_pages modelled pages (layout.running_signatures)."""
    return max(2, int(n_pages * REPEAT_SHARE + 0.999))


def landscape_share(pages: list[FastPage] | list[Page]) -> float:
    return sum(p.is_landscape for p in pages) / max(len(pages), 1)


def same_orientation_decision(kept: list[FastPage], every: list[FastPage]) -> bool:
    """classify_document compares the landscape share with SLIDES_SHARE and prints it as a percentage."""
    k, n = landscape_share(kept), landscape_share(every)
    return (k >= SLIDES_SHARE) == (n >= SLIDES_SHARE) and f"{k:.0%}" == f"{n:.0%}"


def cheapest(pages: list[FastPage], among: set[int], count: int, want=lambda p: True) -> set[int]:
    """Up to `count` of the pages numbered in `among` (and accepted by want), least text first."""
    chosen = sorted((p for p in pages if p.number in among and want(p)), key=lambda p: (len(p.text), p.number))
    return {p.number for p in chosen[:count]}


def margin_keys(page: FastPage) -> set[str]:
    return {k for k in (token_key(line) for line in page.margin_text.split("\n")) if k}


def plan_pages(pages: list[FastPage]) -> set[int]:
    """The pages to model: `pages_to_model`, plus pages that keep the document-wide decisions.

    - mentions of the tool (a report's classification reason prints their count): in a report, a page
      that names it between the margins is kept; one that names it only in a running header is left
      to `missing_pages`, which checks that the model removes that header there;
    - the landscape share: pages are added until it is on the same side of SLIDES_SHARE and prints as
      the same percentage as over all pages;
    - running headers/footers: with PDFium's margin lines as an estimate of the model's, pages are
      added until every margin line recurring on the kept pages is running there exactly when it is
      running over all pages.
    """
    n = len(pages)
    by_number = {p.number: p for p in pages}
    deck = landscape_share(pages) >= SLIDES_SHARE
    keep = pages_to_model([p.text for p in pages], deck=deck)
    if not deck:
        keep |= {p.number for p in pages if TOOL.search(loose_text(p.body_text))}
    while len(keep) < n and not same_orientation_decision([by_number[k] for k in sorted(keep)], pages):
        k_share, n_share = landscape_share([by_number[k] for k in keep]), landscape_share(pages)
        want_landscape = k_share < n_share
        extra = cheapest(pages, set(by_number) - keep, 1, lambda p: p.is_landscape == want_landscape)
        if not extra:
            return set(by_number)
        keep |= extra
    return keep | balance_margins(pages, keep)


def balance_margins(pages: list[FastPage], keep: set[int]) -> set[int]:
    """Pages to add so that PDFium's margin lines are running over the kept pages as over all pages."""
    n = len(pages)
    keys = {p.number: margin_keys(p) for p in pages}
    total = Counter(k for ks in keys.values() for k in ks)
    keep = set(keep)
    for _ in range(n):
        kept = Counter(k for number in keep for k in keys[number])
        need_k, need_n = repeat_need(len(keep)), repeat_need(n)
        extra: set[int] = set()
        for key, count in kept.items():
            running_k, running_n = count >= need_k, total[key] >= need_n
            if running_n and not running_k:
                extra |= {number for number, ks in keys.items() if key in ks} - keep
            elif running_k and not running_n:
                more = next(m for m in range(len(keep), n + 1) if repeat_need(m) > count) - len(keep)
                extra |= cheapest(pages, set(keys) - keep, more, lambda p: key not in keys[p.number])
        if not extra:
            return keep
        keep |= extra
    return set(keys)


# --------------------------------------------------------------------------- checks on the model

def contains_tokens(signature: str, key: str) -> bool:
    """Whether every word of a margin signature occurs in a page's token key (an upper bound of
    "this margin line can be on that page": same characters, word by word, in any order)."""
    parts = [token_key(t) for t in signature.split()]
    return all(part in key for part in parts if part)


def missing_pages(doc: Document, pages: list[FastPage], path: str | Path) -> set[int]:
    """Pages not in `doc` without which a document-wide decision might differ from all pages'.

    Empty when every decision is shown to be the same; every page when one cannot be.
    """
    every = {p.number for p in pages}
    kept = {p.number for p in doc.pages}
    skipped = [p for p in pages if p.number not in kept]
    if not skipped:
        return set()
    by_number = {p.number: p for p in pages}
    if any(p.is_landscape != by_number[p.number].is_landscape for p in doc.pages):
        return every                               # the libraries disagree on the page size
    extra = running_margin_pages(doc, pages, skipped)
    cls = classify_document(doc)
    with PdfiumPages(path) as pdfium:
        if cls.kind in ("report", "other"):        # their reason prints the mention count
            extra |= mention_pages(doc, skipped, pdfium)
        if cls.country == "SE":
            extra |= norwegian_pages(doc, skipped)
        if cls.kind in ("report", "slides"):
            extra |= body_size_pages(doc, pages, skipped, pdfium)
            extra |= open_list_pages(doc, cls.framework, cls.kind, kept, len(pages))
    return extra


class PdfiumPages:
    """The PDF opened in PDFium again, for the few checks that need positions or font sizes."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._pdf: pypdfium2.PdfDocument | None = None

    def __enter__(self) -> "PdfiumPages":
        return self

    def __exit__(self, *exc) -> None:
        if self._pdf is not None:
            self._pdf.close()

    @property
    def pdf(self) -> pypdfium2.PdfDocument:
        if self._pdf is None:
            self._pdf = pypdfium2.PdfDocument(str(self.path))
        return self._pdf

    def line_sizes(self, number: int) -> list[list[float]]:
        """Font sizes of the characters of each PDFium text line of a page (spaces left out)."""
        page = self.pdf[number - 1]
        textpage = page.get_textpage()
        try:
            raw = textpage.raw
            lines: list[list[float]] = [[]]
            for i in range(pdfium_c.FPDFText_CountChars(raw)):
                ch = pdfium_c.FPDFText_GetUnicode(raw, i)
                if ch in (10, 13):
                    if lines[-1]:
                        lines.append([])
                elif ch and ch not in (32, 9, 0xA0):
                    lines[-1].append(round(pdfium_c.FPDFText_GetFontSize(raw, i), 3))
            return [sizes for sizes in lines if sizes]
        finally:
            textpage.close()
            page.close()

    def mention_lines(self, number: int) -> list[tuple[str, bool]] | None:
        """For each mention of the tool on a page: (the text of its line, whether that line lies inside
        a margin zone by ZONE_SLACK); None when a mention PDFium's text has cannot be located."""
        page = self.pdf[number - 1]
        textpage = page.get_textpage()
        try:
            fast = read_fast_page(page, number)
            left, bottom, right, top = page.get_mediabox()
            zone = fast.height * MARGIN_ZONE
            found = []
            for needle in ("kommunkompass", "kommunekompass"):
                searcher = textpage.search(needle, match_case=False)
                try:
                    while (hit := searcher.get_next()) is not None:
                        index, count = hit
                        boxes = [textpage.get_charbox(i) for i in range(index, index + count)]
                        y0, y1 = min(b[1] for b in boxes), max(b[3] for b in boxes)
                        quarter = (y1 - y0) / 4
                        band = textpage.get_text_bounded(left, y0 + quarter, right, y1 - quarter)
                        inside = fast.zoned and (
                            y0 > top - zone + ZONE_SLACK or y1 < bottom + zone - ZONE_SLACK)
                        found.append((clean_text(band), inside))
                finally:
                    searcher.close()
            if len(found) != len(TOOL.findall(loose_text(fast.text))):
                return None
            return found
        finally:
            textpage.close()
            page.close()


def running_margin_pages(doc: Document, pages: list[FastPage], skipped: list[FastPage]) -> set[int]:
    """Running headers/footers: exact counts on the kept pages, token bounds on the skipped ones."""
    grouped = [(words_to_lines(page_words(page), page.number), page.height) for page in doc.pages]
    running = running_signatures(grouped)
    counts: Counter[str] = Counter()
    for lines, height in grouped:
        counts.update({margin_signature(line) for line in lines if in_margin(line, height)})
    need_k, need_n = repeat_need(len(doc.pages)), repeat_need(len(pages))
    skipped_keys = {p.number: token_key(p.margin_text) for p in skipped}
    extra: set[int] = set()
    for signature, count in counts.items():
        holders = {number for number, key in skipped_keys.items() if contains_tokens(signature, key)}
        if signature in running and count >= need_n:
            continue                               # running with all pages too: more only adds to it
        if signature not in running and count + len(holders) < need_n:
            continue                               # cannot reach the threshold with all pages either
        if holders:
            extra |= holders                       # count it exactly
        else:                                      # exact already; too few pages to be below the threshold
            more = next(m for m in range(len(doc.pages), len(pages) + 1) if repeat_need(m) > count)
            extra |= cheapest(skipped, {p.number for p in skipped}, more - len(doc.pages))
    return extra


def signature_key(text: str) -> str:
    """A margin line's signature (digits folded, lower case) without whitespace, NFKC: comparable
    between pdfplumber's line text and PDFium's text of the same line."""
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", unicodedata.normalize("NFKC", text).casefold()))


def mention_pages(doc: Document, skipped: list[FastPage], pdfium: PdfiumPages) -> set[int]:
    """Skipped pages that may add a Kommunkompassen mention to the model's text (its count is printed).

    A mention on a skipped page is harmless when it sits in a margin zone on a line that is,
    character for character, a line the model removed as a running header or footer on a kept page.
    """
    removed = {signature_key(line.text) for page in doc.pages for line in page.margin_lines}
    extra = set()
    for page in skipped:
        if not TOOL.search(loose_text(page.text)):
            continue
        lines = pdfium.mention_lines(page.number)
        if lines is None or not all(inside and signature_key(band) in removed for band, inside in lines):
            extra.add(page.number)
    return extra


def norwegian_pages(doc: Document, skipped: list[FastPage]) -> set[int]:
    """Skipped pages whose Norwegian words could make a Swedish-classified document Norwegian."""
    found = {p.number: len(NORWEGIAN.findall(spaced_text(re.sub(r"-\s*\n", "", p.text))))
             + len(NORWEGIAN.findall(spaced_text(p.text))) for p in skipped}
    tool_no = {p.number for p in skipped if "kommunekompass" in loose_text(p.text)}
    if tool_no or len(NORWEGIAN.findall(doc.text)) + sum(found.values()) >= 3:
        return {number for number, count in found.items() if count} | tool_no
    return set()


def body_size_pages(doc: Document, pages: list[FastPage], skipped: list[FastPage], pdfium: PdfiumPages) -> set[int]:
    """The body size (median line size) must put the same kept lines above the heading step.

    With `lo` the largest kept line size under body + step and `hi` the smallest at or over it,
    the headings among kept lines are the same for any body in (lo - step, hi - step]. The median over
    all pages lies there when fewer than half of all lines are at or under the lower end and fewer
    than half are over the upper end, however the skipped lines fall; with s skipped lines that
    could be at or under it, that holds when 2·(kept lines at or under it) + s < kept lines.
    s is bounded by twice the skipped pages' PDFium lines (a column gutter splits a line in two),
    or, when that is not enough, by twice their lines with a character of such a size.
    """
    sizes = [line.size for line in doc.lines() if line.size]
    if not sizes:
        return {p.number for p in skipped if p.has_text}
    step = HEADING_SIZE_STEP.get(doc.text_source, HEADING_SIZE_STEP["pdf"])
    body = statistics.median(sizes)
    lo = max(s for s in sizes if s < body + step)
    hi = min((s for s in sizes if s >= body + step), default=math.inf)
    low_edge, high_edge = lo - step, hi - step
    n = len(sizes)
    at_or_under = sum(s <= low_edge for s in sizes)
    over = sum(s > high_edge for s in sizes)
    lines = 2 * sum(sum(1 for line in p.text.split("\n") if line.strip()) for p in skipped)
    if 2 * at_or_under + lines < n and 2 * over + lines < n:
        return set()
    if not sizes_agree(doc, pdfium):
        return {p.number for p in pages}
    small = big = 0
    for p in skipped:
        for line_sizes in pdfium.line_sizes(p.number):
            small += 2 * any(s <= low_edge + SIZE_TOLERANCE for s in line_sizes)
            big += 2 * any(s > high_edge - SIZE_TOLERANCE for s in line_sizes)
    if 2 * at_or_under + small < n and 2 * over + big < n:
        return set()
    return {p.number for p in pages}


def sizes_agree(doc: Document, pdfium: PdfiumPages) -> bool:
    """Whether PDFium's font sizes are pdfplumber's on a few kept pages (else sizes are not compared)."""
    checked = 0
    for page in sorted(doc.pages, key=lambda p: -len(p.lines)):
        if page.text_source != "pdf" or not page.lines:
            continue
        plumber = {round(w.size, 1) for w in page_words(page) if w.size}
        theirs = {round(s, 1) for sizes in pdfium.line_sizes(page.number) for s in sizes}
        if plumber != theirs:
            return False
        checked += 1
        if checked >= SIZE_CALIBRATION_PAGES:
            break
    return checked > 0


def open_list_pages(doc: Document, framework: str | None, kind: str, kept: set[int], n_pages: int) -> set[int]:
    """Skipped pages right after a kept page that ends inside a Styrkor/Förbättringsområden list.

    Asks the findings extractor itself: a sentinel line, to the right of any list text, is put on a
    page of its own after each such kept page; it becomes part of a finding exactly when a list is
    still open there (a line that opens no list and heads nothing is otherwise ignored).
    """
    gaps = [n for n in sorted(kept) if n + 1 <= n_pages and n + 1 not in kept]
    if not gaps:
        return set()
    pages: list[Page] = []
    for page in doc.pages:
        pages.append(page)
        if page.number in gaps:
            text = f"{SENTINEL}{page.number}X"
            word = Word(text, page.width * 0.9, page.width * 0.95, page.height / 2, page.height / 2 + 10)
            pages.append(Page(page.number + 1, page.width, page.height, [Line((word,), page.number + 1)]))
    probe = Document(pages, doc.n_pages, doc.info, doc.text_source, doc.file_name)
    findings, _ = extract_findings(probe, framework, kind)
    text = " ".join(f.text for f in findings)
    return {n + 1 for n in gaps if f"{SENTINEL}{n}X" in text}


# --------------------------------------------------------------------------- opening

@dataclass
class TriageReport:
    """What triage did for one document (for logs and the benchmark)."""

    pages: int = 0
    modelled: int = 0
    rounds: int = 0
    fallback: bool = False


def open_triaged(path: str | Path, limits: Limits | None = None, report: TriageReport | None = None) -> Document:
    """open_document on the pages triage keeps; the same Document extractors would get from all pages.

    A file PDFium cannot read, or one over the page limit, goes to open_document with all pages,
    which raises the DocumentError it raises without triage; so does a DocumentError on the kept
    pages (no_text names the requested pages, an error may need the full file to say the same).
    """
    limits = limits or Limits()
    report = report if report is not None else TriageReport()
    try:
        pages = read_fast_pages(path, limits.max_pages)
    except MemoryError:
        raise
    except Exception:
        pages = None
    if not pages:
        report.fallback = True
        return open_document(path, limits)
    report.pages = len(pages)
    plan = plan_pages(pages)
    parsed = 0
    while len(plan) < len(pages) and report.rounds < MAX_ROUNDS and parsed + len(plan) <= PARSE_BUDGET * len(pages):
        report.rounds += 1
        parsed += len(plan)
        try:
            doc = open_document(path, limits, pages=plan)
        except DocumentError:
            break
        extra = missing_pages(doc, pages, path)
        if not extra:
            report.modelled = len(plan)
            log.debug("%s: modelled %d of %d pages (skipped %s)", Path(path).name, len(plan), len(pages),
                      sorted(set(range(1, len(pages) + 1)) - plan))
            return doc
        plan |= extra
    report.modelled = len(pages)
    report.fallback = len(plan) < len(pages)
    return open_document(path, limits)
