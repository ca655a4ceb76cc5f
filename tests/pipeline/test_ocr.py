"""OCR of scanned result tables: every score comes out exactly, digit for digit.

Tesseract reads a scanned page line by line and in a table row sometimes drops or changes a digit
of the score, or reads it as letters ("52" as "2" at confidence 2 on the Östersund fixture, "71,5"
as "7155", "57" as "SÅ"), although the digits are clear. `pipeline.documents.reread_numbers` reads
such words again on their own; these tests hold the whole path (`open_document`) to exact numbers
on a synthetic scan made here with PIL and on the committed Östersund scan.
"""
from __future__ import annotations

import io
import random
from pathlib import Path

import pypdfium2
import pytest
import reportlab
from PIL import Image, ImageChops, ImageDraw, ImageFont

from extractors.layout import build_document
from pipeline import documents
from pipeline.documents import Limits, ocr_page_words, open_document, otsu_threshold, reread_numbers, tesseract_status

FONTS = Path(reportlab.__file__).parent / "fonts"     # Vera ships with reportlab, has å ä ö
PDFS = Path(__file__).parents[1] / "pdfs"

OCR_PROBLEM = tesseract_status("swe")
needs_ocr = pytest.mark.skipif(OCR_PROBLEM is not None, reason=f"OCR unavailable on this machine: {OCR_PROBLEM}")

#: A 2003-framework result table: two evaluations, whole and half points, 2- and 3-digit totals.
ROWS = [("1. Offentlighet, öppenhet och demokratisk kontroll", "63,5", "58"),
        ("2. Tillgänglighet/medborgar- och brukarorientering", "52", "47,5"),
        ("3. Tydlighet i samspelet mellan politiker och tjänstemän", "71,5", "66"),
        ("4. Ledning, decentralisering och delegering", "48", "55"),
        ("5. Kontroll och rapportering", "37", "29,5"),
        ("6. Personalpolitik", "44,5", "41"),
        ("7. Verksamhetsutveckling", "35", "38"),
        ("8. Kommunen som samhällsbyggare", "50", "57"),
        ("Summa", "402", "392")]


# ----------------------------------------------------------------------------- builders

def table_scan(dpi: int = 200, size_pt: float = 10, seed: int = 0) -> Image.Image:
    """An A4 page with a ruled result table as a photocopier scans it: `dpi`, turned a fraction of
    a degree, a grey cast, a little noise and JPEG compression (as tests/factory/scan.py does)."""
    rng = random.Random(seed)
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)

    def px(pt: float) -> int:
        return round(pt * dpi / 72)

    regular = ImageFont.truetype(str(FONTS / "Vera.ttf"), px(size_pt))
    bold = ImageFont.truetype(str(FONTS / "VeraBd.ttf"), px(size_pt))
    left, right, columns = px(72), px(523), (px(400), px(463))
    row_height, top = px(size_pt * 2), px(120)
    rule = max(1, px(0.6))
    draw.text((left, top - px(30)), "Tabell 1 Resultat per område", font=bold, fill=0)
    draw.text((left + px(4), top + px(5)), "Område", font=bold, fill=0)
    for x, year in zip(columns, ("2008", "2004")):
        draw.text((x + px(4), top + px(5)), year, font=bold, fill=0)
    y = top
    for label, *scores in [("", "", "")] + ROWS:
        draw.line([(left, y), (right, y)], fill=0, width=rule)
        if label:
            font = bold if label == "Summa" else regular
            draw.text((left + px(4), y + px(5)), label, font=font, fill=0)
            for x, score in zip(columns, scores):          # right-aligned in its cell
                draw.text((x + px(50) - draw.textlength(score, font=font), y + px(5)), score, font=font, fill=0)
        y += row_height
    draw.line([(left, y), (right, y)], fill=0, width=rule)
    for x in (left, *columns, right):
        draw.line([(x, top), (x, y)], fill=0, width=rule)

    page = page.rotate(rng.uniform(-0.3, 0.3), resample=Image.Resampling.BILINEAR, fillcolor=255)
    page = page.point(lambda v: round(v * 0.94 + 8))                      # paper is never quite white
    noise = Image.frombytes("L", page.size, rng.randbytes(width * height)).point(lambda v: v * 13 // 256)
    page = ImageChops.add(page, noise, 1.0, -6)                           # ±6 grey levels
    jpeg = io.BytesIO()
    page.save(jpeg, "JPEG", quality=50)
    return Image.open(io.BytesIO(jpeg.getvalue())).convert("L")


def table_scan_pdf(path: Path, dpi: int = 200, size_pt: float = 10, seed: int = 0) -> Path:
    table_scan(dpi, size_pt, seed).save(path, "PDF", resolution=dpi)
    return path


def row_scores(doc, page: int = 1) -> dict[str, list[str]]:
    """Each table row's label (its area number "3." or "Summa") → the words after its label text."""
    found = {}
    for line in doc.page(page).lines:
        first = line.words[0].text
        if first in {label.split()[0] for label, *_ in ROWS}:
            found[first] = [w.text for w in line.words[1:] if any(ch.isdigit() for ch in w.text)]
    return found


# ----------------------------------------------------------------------------- synthetic scans

@needs_ocr
@pytest.mark.parametrize("dpi, size_pt, seed", [(200, 10, 4), (200, 11, 3), (250, 11, 5), (300, 9, 6)],
                         ids=["200dpi-10pt", "200dpi-11pt", "250dpi-11pt", "300dpi-9pt"])
def test_every_score_of_a_scanned_table_is_read_exactly(tmp_path, dpi, size_pt, seed):
    doc = open_document(table_scan_pdf(tmp_path / "tabell.pdf", dpi, size_pt, seed))
    assert doc.text_source == "ocr"
    want = {label.split()[0]: list(scores) for label, *scores in ROWS}
    assert row_scores(doc) == want


@needs_ocr
def test_reread_corrects_a_dropped_digit_and_leaves_words_alone():
    """Tesseract's first reading handed in as it came on the Östersund scan: "52" read as "2" at
    confidence 2 (its box still spans both digits); a low-confidence word and a bullet stay."""
    dpi = 300
    page = Image.new("L", (1400, 200), 245)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONTS / "Vera.ttf"), round(11 * dpi / 72))
    draw.text((60, 60), "•", font=font, fill=0)
    draw.text((120, 60), "och", font=font, fill=0)
    draw.text((1000, 60), "52", font=font, fill=0)
    draw.line([(0, 30), (1400, 30)], fill=0, width=2)            # table rules above and below
    draw.line([(0, 140), (1400, 140)], fill=0, width=2)
    draw.line([(1250, 0), (1250, 200)], fill=0, width=2)         # and the cell's right border

    def box(text: str, x: int) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = draw.textbbox((x, 60), text, font=font)
        return x0, y0, x1 - x0, y1 - y0

    words = [("-", 0.0, box("•", 60)), ("och", 40.0, box("och", 120)), ("2", 2.0, box("52", 1000))]
    line_top = min(b[1] for _, _, b in words)
    line_height = max(b[1] + b[3] for _, _, b in words) - line_top
    data = {key: [] for key in ("level", "page_num", "block_num", "par_num", "line_num", "word_num",
                                "left", "top", "width", "height", "conf", "text")}

    def add(level, left, top, width, height, conf, text, word_num=0):
        for key, value in zip(data, (level, 1, 1, 1, 1, word_num, left, top, width, height, conf, text)):
            data[key].append(value)

    add(4, 60, line_top, 1100, line_height, -1, "")
    for n, (text, conf, (left, top, width, height)) in enumerate(words, 1):
        add(5, left, top, width, height, conf, text, n)

    assert reread_numbers(page, data, "swe") == 1
    assert [t for t, level in zip(data["text"], data["level"]) if level == 5] == ["-", "och", "52"]


def test_otsu_threshold_splits_ink_from_paper():
    page = Image.new("L", (100, 100), 235)
    ImageDraw.Draw(page).rectangle((10, 10, 40, 90), fill=30)
    assert 30 <= otsu_threshold(page) < 235


# ----------------------------------------------------------------------------- the committed scan

@needs_ocr
def test_ostersund_scan_result_table_is_read_exactly():
    """The fixture is a 200 dpi rasterised report with mild noise; its page 2 holds Tabell 1."""
    pdf = pypdfium2.PdfDocument(str(PDFS / "report-ostersund-2008-scan.pdf"))
    try:
        page = pdf[1]
        width, height = page.get_size()
        words = ocr_page_words(page, width, height, Limits())
    finally:
        pdf.close()
    table = [line.text for line in build_document([(2, width, height, words)], text_source="ocr").page(2).lines]
    start = table.index("Område Poäng")
    assert table[start + 1:start + 10] == [
        "1. Offentlighet, öppenhet och demokratisk kontroll 45",
        "2. Tillgänglighet/medborgar- och brukarorientering 52",
        "3. Tydlighet i samspelet mellan politiker och tjänstemän 40",
        "4. Ledning, decentralisering och delegering 48",
        "5. Kontroll och rapportering 37",
        "6. Personalpolitik 44",
        "7. Verksamhetsutveckling 35",
        "8. Kommunen som samhällsbyggare 50",
        "Summa 351"]


@needs_ocr
def test_second_reading_costs_little_on_a_page_without_doubtful_numbers(monkeypatch):
    """Pages whose numbers tesseract reads confidently never start the second tesseract run."""
    calls = []
    monkeypatch.setattr(documents, "read_views", lambda *a, **k: calls.append(a) or [])
    data = {"level": [5], "page_num": [1], "block_num": [1], "par_num": [1], "line_num": [1], "word_num": [1],
            "left": [10], "top": [10], "width": [40], "height": [30], "conf": [96.0], "text": ["45"]}
    assert reread_numbers(Image.new("L", (100, 60), 255), data, "swe") == 0
    assert calls == [] and data["text"] == ["45"]
