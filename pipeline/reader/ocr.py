"""OCR of scanned pages: tesseract's words for the pages whose text layer has none but which show an image.

The OCR words become the page's reading, and go through the same `extractors.layout.build_document`
as text-layer words, so running headers/footers and columns are handled alike; those pages get
`text_source = "ocr"`, and so does the document. Pages with neither words nor images (blank pages,
text drawn as vector outlines) are left empty. Pages are rendered grey by PDFium at `Limits.ocr_dpi`
(less for a huge page, MAX_OCR_PIXELS) and read with `Limits.ocr_lang`, OCR_BATCH_PAGES in one
tesseract run (only that batch's rendered pages are held); when such a run fails, its pages are read
one by one, so only a page tesseract fails on is lost. Their numbers are then read a second time
(pipeline.reader.reread), all pages' together.

If scanned pages cannot be OCR'd (tesseract or its language data missing): a document with no text
at all is `no_text` naming the packages to install; a document that has text on other pages keeps
the scanned pages empty and a warning is logged.
"""

from __future__ import annotations

import dataclasses
import logging
import math

import pypdfium2
import pypdfium2.raw as pdfium_c
import pytesseract
from PIL import Image

from extractors.page import PageReading, Word

from .limits import DocumentError, Limits
from .pdfium_file import load_page
from .reread import Rereading, plan_rereading, reread
from .tesseract import tesseract_images, tesseract_status

log = logging.getLogger(__name__)

#: Render pixels are capped so a page with an absurd MediaBox cannot exhaust memory when OCR'd:
#: 100 Mpx is an A0 sheet at 300 dpi; an A4 page is 8.7 Mpx.
MAX_OCR_PIXELS = 100_000_000
#: Tesseract reports conf -1 for layout rows and 0-100 for words; words below this are dropped.
#: 0 keeps every recognised word: low-confidence words are often right, and dropping one would
#: cut a score or a name in half. Raise it if pictures produce junk words.
MIN_OCR_CONFIDENCE = 0.0
#: Words with no letter or digit below this confidence, or smaller than OCR_SPECK_SIZE times the
#: page's median word height, are specks of scan noise ("-", ":", a 2 px "|"; also a lone "–"
#: dash, read as "—-" at conf 12). Scores ("63,5" read at conf 20-60 on degraded test scans) have
#: digits, so no confidence threshold applies to them.
OCR_SPECK_CONFIDENCE = 50.0
OCR_SPECK_SIZE = 0.25
#: A word (or line box) this many times taller than the page's median word is not text: tesseract
#: reads a column of list numbers as one tall "word" that would swallow the rows beside it.
OCR_MAX_HEIGHT_RATIO = 3.0
#: What tesseract's Swedish model reads a "•" bullet as when it starts a line (seen: « and », at
#: confidence 45-80); such a word becomes "•" whatever its confidence.
OCR_BULLET_MISREADS = {"«", "»", "*", "°", "¢", "©", "®"}
#: Tesseract page segmentation: 4 = "a single column of text of variable sizes". The default 3
#: (automatic blocks) splits the "1." … "8." of a numbered result table into a block of its own
#: and garbles it; columns are split afterwards by extractors.layout anyway, as for text PDFs.
TESSERACT_PSM = 4
#: Scanned pages read in one tesseract run (a multi-page TIFF): each run loads the language model
#: first (~0.16 s). The batch's rendered pages are held together, ~9 MB per A4 page at 300 dpi.
OCR_BATCH_PAGES = 8
#: The second readings of a document's pages are made together (two tesseract runs in all) unless
#: their cut-out views reach this many (~17 MB); then those are read before OCR goes on. A view is
#: about 3.4 KB; the test scans have 6-100 per page (6 per doubtful word), a page of noise up to
#: about 1800. Each waiting page's first reading is held too, ~0.15 MB.
OCR_REREAD_MAX_VIEWS = 5000


def scanned_pages(pdf: pypdfium2.PdfDocument, readings: list[PageReading]) -> list[PageReading]:
    """The pages read without a single word that show an image: scans to OCR."""
    found = []
    for reading in readings:
        if reading.words:
            continue
        pdf_page = load_page(pdf, reading.number)
        if pdf_page is None:  # pdfminer read it, PDFium cannot: nothing to render either
            continue
        try:
            if next(pdf_page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)), None) is not None:
                found.append(reading)
        finally:
            pdf_page.close()
    return found


def ocr_readings(
    pdf: pypdfium2.PdfDocument, readings: list[PageReading], scans: list[PageReading], limits: Limits, file_name: str
) -> list[PageReading]:
    """The readings with tesseract's words on the scanned pages (`text_source` "ocr" where it found any)."""
    has_text = any(reading.words for reading in readings)
    problem = tesseract_status(limits.ocr_lang)
    if problem:
        if not has_text:
            raise DocumentError(
                "no_text", f"no text layer, and its {len(scans)} scanned page(s) cannot be OCR'd: {problem}"
            )
        log.warning("%s: %d scanned page(s) left without text, OCR unavailable: %s", file_name, len(scans), problem)
        return readings
    ocr_words, failures = read_scans(pdf, scans, limits)
    if failures:
        if not any(ocr_words.values()) and not has_text:
            raise DocumentError(
                "no_text", f"no text layer, and tesseract failed on its scanned pages ({'; '.join(failures[:3])})"
            )
        log.warning("%s: tesseract failed on %s", file_name, "; ".join(failures))
    return [
        dataclasses.replace(reading, words=ocr_words[reading.number], text_source="ocr")
        if ocr_words.get(reading.number)
        else reading
        for reading in readings
    ]


def read_scans(
    pdf: pypdfium2.PdfDocument, scans: list[PageReading], limits: Limits
) -> tuple[dict[int, list[Word]], list[str]]:
    """Tesseract's words on the scanned pages (by page number, in PDF points, see
    `tesseract_to_words`), and why the pages that could not be read were not.

    Every tesseract run loads the language model first (~0.16 s), so pages are read
    OCR_BATCH_PAGES at a time (`scan_batches`), and their numbers are read a second time
    (pipeline.reader.reread) for the whole document at once, or OCR_REREAD_MAX_VIEWS cut-outs at a time.
    """
    words: dict[int, list[Word]] = {}
    failures: list[str] = []
    pending: list[tuple[PageReading, tuple[int, int], Rereading]] = []
    for dpi, batch in scan_batches(scans, limits.ocr_dpi):
        pending += read_batch(pdf, batch, dpi, limits, failures)
        if sum(len(plan.views) for _, _, plan in pending) >= OCR_REREAD_MAX_VIEWS:
            words.update(finish_readings(pending, limits.ocr_lang))
            pending = []
    words.update(finish_readings(pending, limits.ocr_lang))
    return words, failures


def ocr_scale(width: float, height: float, ocr_dpi: int) -> float:
    """Render scale of a page of `width` x `height` points: `ocr_dpi`, less if over MAX_OCR_PIXELS."""
    scale = ocr_dpi / 72
    pixels = width * height * scale * scale
    if pixels > MAX_OCR_PIXELS:
        scale *= math.sqrt(MAX_OCR_PIXELS / pixels)
    return scale


def scan_batches(scans: list[PageReading], ocr_dpi: int) -> list[tuple[int, list[PageReading]]]:
    """(dpi, pages): runs of consecutive scanned pages rendered at the same dpi, OCR_BATCH_PAGES at
    most, each to be read in one tesseract run (which is told one --dpi for all its pages)."""
    batches: list[tuple[int, list[PageReading]]] = []
    for page in scans:
        dpi = round(72 * ocr_scale(page.width, page.height, ocr_dpi))
        if batches and batches[-1][0] == dpi and len(batches[-1][1]) < OCR_BATCH_PAGES:
            batches[-1][1].append(page)
        else:
            batches.append((dpi, [page]))
    return batches


def read_batch(
    pdf: pypdfium2.PdfDocument, pages: list[PageReading], dpi: int, limits: Limits, failures: list[str]
) -> list[tuple[PageReading, tuple[int, int], Rereading]]:
    """First reading of a batch of pages: (page, rendered size in pixels, its second reading
    planned). Planning needs the page image; the images are dropped on return, so at most one
    batch of rendered pages is held at a time."""
    rendered = []
    for page in pages:
        image = render_scan(pdf, page, limits.ocr_dpi, failures)
        if image is not None:
            rendered.append((page, image))
    return [
        (page, image.size, plan_rereading(image, data))
        for page, image, data in first_readings(rendered, dpi, limits.ocr_lang, failures)
    ]


def render_scan(pdf: pypdfium2.PdfDocument, page: PageReading, ocr_dpi: int, failures: list[str]) -> Image.Image | None:
    """The page rendered grey at `ocr_scale`, or None (and why in `failures`) when PDFium cannot
    load or render it."""
    pdf_page = load_page(pdf, page.number)
    if pdf_page is None:
        failures.append(f"page {page.number}: PDFium cannot load it")
        return None
    try:
        return pdf_page.render(scale=ocr_scale(page.width, page.height, ocr_dpi), grayscale=True).to_pil()
    except pypdfium2.PdfiumError as e:
        failures.append(f"page {page.number}: PDFium cannot render it ({e})")
        return None
    finally:
        pdf_page.close()


def first_readings(
    rendered: list[tuple[PageReading, Image.Image]], dpi: int, lang: str, failures: list[str]
) -> list[tuple[PageReading, Image.Image, dict[str, list]]]:
    """(page, image, image_to_data's DICT) for each rendered page, all read in one tesseract run.
    If that run fails, the pages are read one by one, so only a page tesseract fails on is lost
    (and named in `failures`); tesseract running out of memory on one page is a MemoryError."""
    config = f"--psm {TESSERACT_PSM}"
    if len(rendered) > 1:
        try:
            readings = tesseract_images([image for _, image in rendered], lang, dpi, config)
            return [(page, image, data) for (page, image), data in zip(rendered, readings)]
        except pytesseract.TesseractError as e:
            log.info(
                "tesseract failed on pages %s read together, reading them one by one: %s",
                ", ".join(str(page.number) for page, _ in rendered),
                e,
            )
    read = []
    for page, image in rendered:
        try:
            read.append((page, image, tesseract_images([image], lang, dpi, config)[0]))
        except pytesseract.TesseractError as e:
            if "alloc" in str(e).lower() or "memory" in str(e).lower():
                raise MemoryError(str(e)) from None
            failures.append(f"page {page.number}: {e}")
    return read


def finish_readings(readings: list[tuple[PageReading, tuple[int, int], Rereading]], lang: str) -> dict[int, list[Word]]:
    """Words of first readings (page, rendered size, planned second reading) once their numbers are
    read again, all pages' cut-outs together; if that fails, the first readings are kept."""
    try:
        reread([plan for _, _, plan in readings], lang)
    except (pytesseract.TesseractError, OSError) as e:
        log.warning("second reading of numbers failed, first reading kept: %s", e)
    return {
        page.number: tesseract_to_words(plan.data, page.width / width, page.height / height)
        for page, (width, height), plan in readings
    }


def tesseract_to_words(data: dict[str, list], sx: float, sy: float) -> list[Word]:
    """image_to_data's DICT (pixels) → Words in points (`sx`, `sy` points per pixel), noise dropped.

    Each word takes its tesseract *line's* top and bottom (as pdfplumber gives every word of a
    line the font's ascent and descent), so words of a slightly skewed line stay one line in
    `words_to_lines`; `size` is that line's height, an estimate of the font size.
    """
    lines: dict[tuple[int, int, int], tuple[int, int]] = {}
    boxes = []
    for i, level in enumerate(data["level"]):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        top, height = int(data["top"][i]), int(data["height"][i])
        if int(level) == 4:
            lines[key] = (top, top + height)
        text = str(data["text"][i]).strip()
        conf = float(data["conf"][i])
        if int(level) != 5 or not text or conf < MIN_OCR_CONFIDENCE:
            continue
        boxes.append((text, int(data["left"][i]), int(data["width"][i]), top, height, key, conf))
    if not boxes:
        return []
    heights = sorted(box[4] for box in boxes)
    median = heights[len(heights) // 2]
    words = []
    started_lines: set[tuple[int, int, int]] = set()
    for text, left, width, top, height, key, conf in boxes:
        starts_line = key not in started_lines
        started_lines.add(key)
        if height > OCR_MAX_HEIGHT_RATIO * median:
            continue
        if starts_line and text in OCR_BULLET_MISREADS:
            text = "•"
        elif not any(ch.isalnum() for ch in text) and (
            conf < OCR_SPECK_CONFIDENCE or max(width, height) < OCR_SPECK_SIZE * median
        ):
            continue
        line_top, line_bottom = lines.get(key, (top, top + height))
        if line_bottom - line_top > OCR_MAX_HEIGHT_RATIO * height:
            line_top, line_bottom = top, top + height
        words.append(
            Word(
                text,
                left * sx,
                (left + width) * sx,
                line_top * sy,
                line_bottom * sy,
                size=round((line_bottom - line_top) * sy, 1),
            )
        )
    return words
