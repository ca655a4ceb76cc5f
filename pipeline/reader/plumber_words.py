"""pdfplumber's reading of a page: its words, as `page.extract_words` gives them, at half the cost.

pdfplumber is the reference reader: every page is read by it without triage, and with triage the
pages that matter (pipeline.reader.triage); pipeline.reader.pdfium_words reads the same words faster.
"""

from __future__ import annotations

from typing import Iterator
from unicodedata import normalize as normalize_unicode

import pdfplumber
from pdfminer.layout import LTChar, LTComponent, LTContainer
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.text import WordExtractor

from extractors.page import PageReading, Word
from extractors.scores.pages import score_pages

from .grids import page_edges, with_grids

#: pdfplumber's x_tolerance: Word/LibreOffice exports space words ~2.5pt apart at 11pt.
X_TOLERANCE = 1.5


def plumber_words(page: pdfplumber.page.Page) -> list[Word]:
    """The page's words exactly as pdfplumber's `page.extract_words(x_tolerance=X_TOLERANCE,
    extra_attrs=["size", "fontname"])` gives them, at about half its cost.

    `page.chars` turns every pdfminer character into a dict of all its attributes, resolving colours,
    graphic state and marked content on the way: as much work again as interpreting the page. Here
    pdfminer interprets the page as pdfplumber has it do (`page.layout`), each character becomes a
    dict of only what the word extractor reads, computed as pdfplumber's `Page.process_object`
    computes it, and pdfplumber's own WordExtractor groups them.
    tests/pipeline/reader/test_plumber_words.py checks the equality on every fixture page.
    """
    extractor = WordExtractor(
        x_tolerance=X_TOLERANCE, keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"]
    )
    words = extractor.extract_words(plumber_chars(page))
    return [
        Word(
            w["text"],
            float(w["x0"]),
            float(w["x1"]),
            float(w["top"]),
            float(w["bottom"]),
            float(w.get("size") or 0),
            "bold" in str(w.get("fontname", "")).lower(),
        )
        for w in words
    ]


def plumber_chars(page: pdfplumber.page.Page) -> list[dict]:
    """pdfplumber's character dicts of a page, cut down to what extract_words reads."""
    height, (mb_x0, mb_top) = page.height, page.mediabox[:2]
    norm = page.pdf.unicode_norm
    chars = []
    for char in layout_chars(page.layout._objs):
        top = height - char.y1 + mb_top
        text = char.get_text()
        fontname = char.fontname
        chars.append(
            {
                "x0": char.x0 + mb_x0,
                "x1": char.x1 + mb_x0,
                "top": top,
                "bottom": height - char.y0 + mb_top,
                "doctop": page.initial_doctop + top,
                "upright": char.upright,
                "size": char.size,
                "text": normalize_unicode(norm, text) if norm is not None else text,
                "fontname": fix_fontname_bytes(fontname) if isinstance(fontname, bytes) else fontname,
            }
        )
    return chars


def layout_chars(objects: list[LTComponent]) -> Iterator[LTChar]:
    """pdfminer's characters in pdfplumber's order: content order, figures' characters in place."""
    for obj in objects:
        if isinstance(obj, LTChar):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from layout_chars(obj._objs)


def read_plumber_page(page: pdfplumber.page.Page) -> PageReading:
    """pdfplumber's reading of a page's words (its grids come with `with_grids`, on score pages)."""
    return PageReading(page.page_number, float(page.width), float(page.height), plumber_words(page))


def read_plumber_pages(pdf: pdfplumber.PDF) -> list[PageReading]:
    """Every page of the PDF read by pdfplumber, and on the pages that may hold scores
    (extractors.scores.pages.score_pages, known only once every page is read) what its table finder
    sees (pipeline.reader.grids). Each page's parse is dropped once it is read: its edges are kept."""
    readings, edges = [], []
    for page in pdf.pages:
        readings.append(read_plumber_page(page))
        edges.append((page_edges(page), page.bbox))
        page.close()
    scoring = score_pages(readings)
    return [with_grids(r, *edges[r.number - 1]) if r.number in scoring else r for r in readings]
