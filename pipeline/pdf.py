"""Read a PDF's text layer into the page model: pdfplumber's words (pipeline.pdfium_words reads the same faster)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterator
from unicodedata import normalize as normalize_unicode

import pdfplumber
import pypdfium2
from pdfminer.layout import LTChar, LTComponent, LTContainer
from pdfplumber.page import fix_fontname_bytes
from pdfplumber.utils.text import WordExtractor

from extractors.layout import build_document
from extractors.page import Document, Word

if TYPE_CHECKING:
    from .triage import TriageReport

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
    tests/pipeline/test_pdf.py checks the equality on every fixture page.
    """
    extractor = WordExtractor(x_tolerance=X_TOLERANCE, keep_blank_chars=False, use_text_flow=False,
                              extra_attrs=["size", "fontname"])
    words = extractor.extract_words(plumber_chars(page))
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 float(w.get("size") or 0), "bold" in str(w.get("fontname", "")).lower())
            for w in words]


def plumber_chars(page: pdfplumber.page.Page) -> list[dict]:
    """pdfplumber's character dicts of a page, cut down to what extract_words reads."""
    height, (mb_x0, mb_top) = page.height, page.mediabox[:2]
    norm = page.pdf.unicode_norm
    chars = []
    for char in layout_chars(page.layout._objs):
        top = height - char.y1 + mb_top
        text = char.get_text()
        fontname = char.fontname
        chars.append({
            "x0": char.x0 + mb_x0, "x1": char.x1 + mb_x0,
            "top": top, "bottom": height - char.y0 + mb_top, "doctop": page.initial_doctop + top,
            "upright": char.upright, "size": char.size,
            "text": normalize_unicode(norm, text) if norm is not None else text,
            "fontname": fix_fontname_bytes(fontname) if isinstance(fontname, bytes) else fontname,
        })
    return chars


def layout_chars(objects: list[LTComponent]) -> Iterator[LTChar]:
    """pdfminer's characters in pdfplumber's order: content order, figures' characters in place."""
    for obj in objects:
        if isinstance(obj, LTChar):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from layout_chars(obj._objs)


def read_document(path: str | Path, pdfium: pypdfium2.PdfDocument | None = None,
                  report: "TriageReport | None" = None) -> Document:
    """Page model of every page of a PDF's text layer: all pages parsed by pdfplumber, or, given the
    file opened in PDFium, pages chosen by pipeline.triage (the same words, faster)."""
    from .grids import attach_grids, read_grids
    from .triage import read_triaged_pages

    grids: dict = {}
    with pdfplumber.open(str(path)) as pdf:
        if pdfium is not None:
            raw = read_triaged_pages(pdf, pdfium, report, grids)
        else:
            raw = []
            for i, page in enumerate(pdf.pages, start=1):
                raw.append((i, float(page.width), float(page.height), plumber_words(page)))
                grids[i] = read_grids(page, i, raw[-1][3])
                page.close()
        info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
        return attach_grids(build_document(raw, n_pages=len(pdf.pages), info=info, file_name=Path(path).name), grids)
