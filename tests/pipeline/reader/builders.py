"""PDFs and scans built in tmp_path for the reader's tests, from reportlab and PIL: each test shows what the file is."""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from pipeline.reader.document import open_document
from pipeline.reader.limits import ERROR_CODES, DocumentError, Limits
from pipeline.reader.tesseract import tesseract_status

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # ships with reportlab, has å ä ö
SCAN_LINES = ["Sammanfattning av resultat", "Offentlighet och demokrati 63,5", "Förbättringsområden och styrkor"]


#: The columns of pytesseract's image_to_data dict, which the OCR code reads.
TESSERACT_COLUMNS = (
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
)


def empty_tesseract_data() -> dict[str, list]:
    """A tesseract result with no words, for a test to fill in."""
    return {key: [] for key in TESSERACT_COLUMNS}


# ----------------------------------------------------------------------------- builders


def text_pdf(path: Path, pages: int = 2, **canvas_kwargs) -> Path:
    c = canvas.Canvas(str(path), **canvas_kwargs)
    for i in range(1, pages + 1):
        c.drawString(72, 720, f"Kommunkompassen Analys av Tyresö kommun sida {i}")
        c.drawString(72, 700, "Offentlighet och demokrati 63,5")
        c.showPage()
    c.save()
    return path


#: A result table and findings as a 2000s report prints them, for OCR at body-text size.
TABLE_LINES = [
    "Tabell 1. Resultat i förhållande till Kommunkompassens huvudområden",
    "1. Offentlighet och demokrati 63,5",
    "2. Tillgänglighet och brukarorientering 51",
    "3. Politisk styrning och kontroll 71,5",
    "4. Ledarskap, ansvar och delegation 58",
    "5. Resultat och effektivitet 44",
    "7. Verksamhetsutveckling 39,5",
    "8. Kommunen som samhällsbyggare 66",
    "Totalt 455,5",
    "Förbättringsområden",
    "• Utveckla synpunkts- och klagomålshanteringen",
    "• Kvalitetsdeklarationer saknas för flera verksamheter",
]


def scan_image(lines: list[str] = SCAN_LINES, dpi: int = 300, size_pt: float = 16) -> Image.Image:
    """An A4 page 'scanned' at dpi: black text on white, one inch in, no text layer anywhere."""
    image = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(VERA), round(size_pt * dpi / 72))
    for i, line in enumerate(lines):
        draw.text((dpi, dpi + i * round(1.8 * size_pt * dpi / 72)), line, font=font, fill=0)
    return image


def scan_pdf(path: Path, lines: list[str] = SCAN_LINES, size_pt: float = 16) -> Path:
    scan_image(lines, size_pt=size_pt).save(path, "PDF", resolution=300)
    return path


def mixed_pdf(path: Path) -> Path:
    """Page 1 has a text layer; page 2 is the scanned image drawn full-page."""
    c = canvas.Canvas(str(path), pagesize=(595.2, 841.8))
    c.drawString(72, 760, "Kommunkompassen Analys av Tyresö kommun")
    c.showPage()
    c.drawImage(ImageReader(scan_image()), 0, 0, width=595.2, height=841.8)
    c.showPage()
    c.save()
    return path


def needs_ocr() -> None:
    problem = tesseract_status("swe")
    if problem:
        pytest.skip(f"OCR unavailable on this machine: {problem}")


def error_of(path: Path, limits: Limits | None = None, **kw) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        open_document(path, limits, **kw)
    err = info.value
    assert err.code in ERROR_CODES
    assert err.message and len(err.message) > 30, err.message
    return err
