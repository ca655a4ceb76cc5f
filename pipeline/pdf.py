"""Read a PDF's text layer into the page model: pdfplumber's words (pipeline.pdfium_words reads the same faster)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pdfplumber
import pypdfium2

from extractors.layout import build_document
from extractors.page import Document, Word

if TYPE_CHECKING:
    from .triage import TriageReport

#: pdfplumber's x_tolerance: Word/LibreOffice exports space words ~2.5pt apart at 11pt.
X_TOLERANCE = 1.5


def plumber_words(page) -> list[Word]:
    words = page.extract_words(x_tolerance=X_TOLERANCE, keep_blank_chars=False, use_text_flow=False,
                               extra_attrs=["size", "fontname"])
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 float(w.get("size") or 0), "bold" in str(w.get("fontname", "")).lower())
            for w in words]


def read_document(path: str | Path, pdfium: pypdfium2.PdfDocument | None = None,
                  report: "TriageReport | None" = None) -> Document:
    """Page model of every page of a PDF's text layer: all pages parsed by pdfplumber, or, given the
    file opened in PDFium, pages chosen by pipeline.triage (the same words, faster)."""
    from .triage import read_triaged_pages

    with pdfplumber.open(str(path)) as pdf:
        if pdfium is not None:
            raw = read_triaged_pages(pdf, pdfium, report)
        else:
            raw = []
            for i, page in enumerate(pdf.pages, start=1):
                raw.append((i, float(page.width), float(page.height), plumber_words(page)))
                page.close()
        info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
        return build_document(raw, n_pages=len(pdf.pages), info=info, file_name=Path(path).name)
