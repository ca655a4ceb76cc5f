"""A second tesseract reading of a scanned findings list whose items came out merged.

Tesseract reads a list's round bullets as "e", "+", "»", "©", "—" or drops them. extractors.findings
splits items at a bullet glyph or at a hanging indent, but a misread bullet that also lost its gap
leaves two items joined ("… per år. e Inför …"). The list's band of the page is then read again,
on its own, at a higher resolution and as one uniform block of text (tesseract --psm 6), which
reads small glyphs beside text more faithfully than the first whole-page reading. The new words
replace the old ones in that band only, and the document is rebuilt through the same layout code;
the new reading is kept only when it leaves fewer merged items (`reread_merged_lists`).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pypdfium2
import pytesseract
from PIL import Image

from extractors.findings import extract_findings, looks_merged
from extractors.layout import build_document
from extractors.page import Document, Page, PageReading, Word
from extractors.records import Check, Finding
from extractors.text import strip_bullet

log = logging.getLogger(__name__)

#: Resolution of the second reading: above the first reading's 300 dpi, so a bullet of 10-12 pt
#: text is some 20 px across (tesseract drops or misreads it at 12-15 px).
REREAD_DPI = 400
#: Tesseract page segmentation 6: "a single uniform block of text", what a list band is.
REREAD_PSM = 6
#: Longest reading of one bullet glyph (seen: "«", "»«").
MAX_BULLET_READING = 3
#: Margin (pt) added above and below a list's band, so the letters' edges are inside it.
BAND_MARGIN = 4.0
#: Margin (pt) added left and right: a bullet the first reading dropped stands a hanging indent (Word:
#: 0.63 cm = 18 pt) left of its text.
BAND_MARGIN_X = 18.0


def squash(text: str) -> str:
    """Text without spaces and hyphens, to find an item's lines whatever the joining did."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def item_band(page: Page, text: str) -> tuple[float, float, float, float] | None:
    """(x0, top, x1, bottom) of the page lines that print an item's text, or None if not found."""
    target = squash(text)
    lines = page.lines
    for i, line in enumerate(lines):
        first = squash(strip_bullet(line.text)[1])
        if not first or not target.startswith(first):
            continue
        pos, j = len(first), i
        while j + 1 < len(lines) and pos < len(target) and target[pos:].startswith(squash(lines[j + 1].text)):
            pos, j = pos + len(squash(lines[j + 1].text)), j + 1
        if pos < len(target):
            continue
        band = lines[i : j + 1]
        return (min(l.x0 for l in band), min(l.top for l in band), max(l.x1 for l in band), max(l.bottom for l in band))
    return None


def data_to_words(data: dict[str, list], scale: float, x0: float, top: float) -> list[Word]:
    """image_to_data's words (pixels of a cut-out at `scale` px per pt, placed at x0, top) in page points.

    In a list's band, a line that starts with a word of punctuation only ("«", "»«", "©") starts
    with its bullet: that word becomes "•"."""
    words = []
    started: set[tuple] = set()
    for i, level in enumerate(data["level"]):
        text = str(data["text"][i]).strip()
        if int(level) != 5 or not text:
            continue
        line = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if line not in started and len(text) <= MAX_BULLET_READING and not any(c.isalnum() for c in text):
            text = "•"
        started.add(line)
        left, width = int(data["left"][i]) / scale, int(data["width"][i]) / scale
        word_top, height = int(data["top"][i]) / scale, int(data["height"][i]) / scale
        words.append(
            Word(text, x0 + left, x0 + left + width, top + word_top, top + word_top + height, size=round(height, 1))
        )
    return words


def read_band(image: Image.Image, band: tuple[float, float, float, float], scale: float, lang: str) -> list[Word]:
    """Tesseract's words in one band of a page image rendered at `scale` px per pt, in page points."""
    x0, top, x1, bottom = (
        band[0] - BAND_MARGIN_X,
        band[1] - BAND_MARGIN,
        band[2] + BAND_MARGIN_X,
        band[3] + BAND_MARGIN,
    )
    crop = image.crop(
        (
            max(0, round(x0 * scale)),
            max(0, round(top * scale)),
            min(image.width, round(x1 * scale)),
            min(image.height, round(bottom * scale)),
        )
    )
    data = pytesseract.image_to_data(
        crop, lang=lang, config=f"--psm {REREAD_PSM} --dpi {round(72 * scale)}", output_type=pytesseract.Output.DICT
    )
    return data_to_words(data, scale, max(0.0, x0), max(0.0, top))


def replace_band(words: list[Word], band: tuple[float, float, float, float], new: list[Word]) -> list[Word]:
    """`words` with those whose centre lies in the band replaced by `new`."""
    x0, top, x1, bottom = band
    return [
        w
        for w in words
        if not (x0 - BAND_MARGIN_X <= (w.x0 + w.x1) / 2 <= x1 + BAND_MARGIN_X and top <= w.middle <= bottom)
    ] + new


def page_words(page: Page) -> list[Word]:
    return [w for line in page.lines + page.margin_lines for w in line.words]


def reread_bands(
    path: str | Path, doc: Document, bands: dict[int, list[tuple[float, float, float, float]]], lang: str
) -> Document:
    """The document rebuilt with the given bands of its pages (by page number) read again."""
    scale = REREAD_DPI / 72
    words = {page.number: page_words(page) for page in doc.pages}
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        for number, page_bands in bands.items():
            pdf_page = pdf[number - 1]
            try:
                image = pdf_page.render(scale=scale, grayscale=True).to_pil()
            finally:
                pdf_page.close()
            for band in page_bands:
                words[number] = replace_band(words[number], band, read_band(image, band, scale, lang))
    finally:
        pdf.close()
    return build_document(
        [PageReading(p.number, p.width, p.height, words[p.number], p.text_source) for p in doc.pages],
        n_pages=doc.n_pages,
        info=doc.info,
        file_name=doc.file_name,
    )


def reread_merged_lists(
    path: str | Path, doc: Document, findings: list[Finding], framework: str | None, kind: str, lang: str = "swe"
) -> tuple[Document, list[Finding], list[Check]] | None:
    """(document, findings, checks) after a second reading of the OCR'd bands of merged-looking items,
    or None when no item looks merged, none can be placed, or the new reading leaves as many merged."""
    merged = [f for f in findings if looks_merged(f.text)]
    bands: dict[int, list[tuple[float, float, float, float]]] = {}
    for f in merged:
        page = doc.page(f.page)
        band = item_band(page, f.text) if page is not None and page.text_source == "ocr" else None
        if band is not None:
            bands.setdefault(f.page, []).append(band)
    if not bands:
        return None
    try:
        reread = reread_bands(path, doc, bands, lang)
    except (pytesseract.TesseractError, pypdfium2.PdfiumError, OSError) as e:
        log.warning("%s: second reading of merged list items failed: %s", doc.file_name, e)
        return None
    found, checks = extract_findings(reread, framework, kind)
    if sum(looks_merged(f.text) for f in found) >= len(merged):
        return None
    return reread, found, checks
