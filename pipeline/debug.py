"""Draw what the extractors saw on a page: lines kept, running headers/footers removed, table rows read.

Blue boxes are the lines of the page model (in reading order, numbered), red the margin lines
dropped as running headers/footers, green the lines a score strategy read as table rows.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from extractors.classify import classify_document
from extractors.scores.result_table import find_tables

from .reader.document import open_document
from .reader.limits import Limits

#: Render resolution of debug images.
DEBUG_DPI = 100


def draw_page(pdf_path: str | Path, page_number: int, out_path: str | Path) -> Path:
    """Write a PNG of one page with the page model drawn over it; returns the path."""
    doc = open_document(pdf_path, Limits())
    page = doc.page(page_number)
    if page is None:
        raise ValueError(f"{pdf_path} has no page {page_number} (it has {doc.n_pages})")
    framework = classify_document(doc).framework
    rows = {(r.line.page, r.line.top) for t in find_tables(doc, framework) for r in t.rows}
    with pdfplumber.open(str(pdf_path)) as pdf:
        image = pdf.pages[page_number - 1].to_image(resolution=DEBUG_DPI)
        for line in page.lines:
            bbox = (line.x0, line.top, line.x1, line.bottom)
            if (line.page, line.top) in rows:
                image.draw_rect(bbox, fill=(0, 200, 0, 50), stroke=(0, 150, 0), stroke_width=1)
            else:
                image.draw_rect(bbox, fill=(0, 0, 255, 25), stroke=(0, 0, 255), stroke_width=1)
            image.draw_circle((line.x0 - 4, line.top + 3), radius=2, fill=(0, 0, 255))
        for line in page.margin_lines:
            image.draw_rect((line.x0, line.top, line.x1, line.bottom), fill=(255, 0, 0, 50), stroke=(200, 0, 0))
        out_path = Path(out_path)
        image.save(str(out_path), format="PNG")
    return out_path
