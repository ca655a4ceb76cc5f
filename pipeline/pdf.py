"""Read a PDF's text layer into the page model (pdfplumber for words, pypdfium2 for a fast text pass)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pdfplumber
import pypdfium2

from extractors.layout import build_document
from extractors.page import Document, Word

#: pdfplumber's x_tolerance: Word/LibreOffice exports space words ~2.5pt apart at 11pt.
X_TOLERANCE = 1.5


def plumber_words(page) -> list[Word]:
    words = page.extract_words(x_tolerance=X_TOLERANCE, keep_blank_chars=False, use_text_flow=False,
                               extra_attrs=["size", "fontname"])
    return [Word(w["text"], float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]),
                 float(w.get("size") or 0), "bold" in str(w.get("fontname", "")).lower())
            for w in words]


def fast_page_texts(path: str | Path) -> list[str]:
    """Plain text of every page via PDFium: cheap enough to triage a whole document."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return texts
    finally:
        pdf.close()


def read_document(path: str | Path, pages: Iterable[int] | None = None) -> Document:
    """Page model of the given 1-based pages (all when None) of a PDF's text layer."""
    with pdfplumber.open(str(path)) as pdf:
        wanted = set(pages) if pages is not None else None
        raw = []
        for i, page in enumerate(pdf.pages, start=1):
            if wanted is not None and i not in wanted:
                continue
            raw.append((i, float(page.width), float(page.height), plumber_words(page)))
            page.close()
        info = {k: v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
        return build_document(raw, n_pages=len(pdf.pages), info=info, file_name=Path(path).name)
