"""OCR of scanned result tables: every score comes out exactly, digit for digit.

Tesseract reads a scanned page line by line and in a table row sometimes drops or changes a digit
of the score, or reads it as letters ("52" as "2" at confidence 2 on the Östersund fixture, "71,5"
as "7155", "57" as "SÅ"), although the digits are clear. `pipeline.reader.reread` reads
such words again on their own; these tests hold the whole path (`open_document`) to exact numbers
on a synthetic scan made here with PIL and on the committed Östersund scan. Pages and second
readings are read in batches (one tesseract start costs ~0.16 s); the last tests hold that to the
words of page-by-page reading and to losing only the page tesseract fails on.
"""

from __future__ import annotations

import io
import logging
import random
from pathlib import Path

import pypdfium2
import pytesseract
import pytest
import reportlab
from PIL import Image, ImageChops, ImageDraw, ImageFont

from extractors.layout import build_document
from extractors.page import PageReading
from pipeline.reader import ocr
from pipeline.reader.document import open_document
from pipeline.reader.limits import Limits
from pipeline.reader.ocr import read_scans, scan_batches
from pipeline.reader.tesseract import tesseract_status
from tests.answer_keys import PDFS
from tests.pipeline.reader.builders import (
    SCAN_LINES,
    TABLE_LINES,
    empty_tesseract_data,
    error_of,
    mixed_pdf,
    needs_ocr,
    scan_image,
    scan_pdf,
)

FONTS = Path(reportlab.__file__).parent / "fonts"  # Vera ships with reportlab, has å ä ö

OCR_PROBLEM = tesseract_status("swe")
with_ocr = pytest.mark.skipif(OCR_PROBLEM is not None, reason=f"OCR unavailable on this machine: {OCR_PROBLEM}")

#: A 2003-framework result table: two evaluations, whole and half points, 2- and 3-digit totals.
ROWS = [
    ("1. Offentlighet, öppenhet och demokratisk kontroll", "63,5", "58"),
    ("2. Tillgänglighet/medborgar- och brukarorientering", "52", "47,5"),
    ("3. Tydlighet i samspelet mellan politiker och tjänstemän", "71,5", "66"),
    ("4. Ledning, decentralisering och delegering", "48", "55"),
    ("5. Kontroll och rapportering", "37", "29,5"),
    ("6. Personalpolitik", "44,5", "41"),
    ("7. Verksamhetsutveckling", "35", "38"),
    ("8. Kommunen som samhällsbyggare", "50", "57"),
    ("Summa", "402", "392"),
]


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
            for x, score in zip(columns, scores):  # right-aligned in its cell
                draw.text((x + px(50) - draw.textlength(score, font=font), y + px(5)), score, font=font, fill=0)
        y += row_height
    draw.line([(left, y), (right, y)], fill=0, width=rule)
    for x in (left, *columns, right):
        draw.line([(x, top), (x, y)], fill=0, width=rule)

    page = page.rotate(rng.uniform(-0.3, 0.3), resample=Image.Resampling.BILINEAR, fillcolor=255)
    page = page.point(lambda v: round(v * 0.94 + 8))  # paper is never quite white
    noise = Image.frombytes("L", page.size, rng.randbytes(width * height)).point(lambda v: v * 13 // 256)
    page = ImageChops.add(page, noise, 1.0, -6)  # ±6 grey levels
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


@with_ocr
@pytest.mark.parametrize(
    "dpi, size_pt, seed",
    [(200, 10, 4), (200, 11, 3), (250, 11, 5), (300, 9, 6)],
    ids=["200dpi-10pt", "200dpi-11pt", "250dpi-11pt", "300dpi-9pt"],
)
def test_every_score_of_a_scanned_table_is_read_exactly(tmp_path, dpi, size_pt, seed):
    doc = open_document(table_scan_pdf(tmp_path / "tabell.pdf", dpi, size_pt, seed))
    assert doc.text_source == "ocr"
    want = {label.split()[0]: list(scores) for label, *scores in ROWS}
    assert row_scores(doc) == want


# ----------------------------------------------------------------------------- the committed scan


@with_ocr
def test_ostersund_scan_result_table_is_read_exactly():
    """The fixture is a 200 dpi rasterised report with mild noise; its page 2 holds Tabell 1."""
    pdf = pypdfium2.PdfDocument(str(PDFS / "report-ostersund-2008-scan.pdf"))
    try:
        width, height = pdf[1].get_size()
        words, failures = read_scans(pdf, [PageReading(2, width, height, [])], Limits())
    finally:
        pdf.close()
    assert failures == []
    table = [line.text for line in build_document([PageReading(2, width, height, words[2], "ocr")]).page(2).lines]
    start = table.index("Område Poäng")
    assert table[start + 1 : start + 10] == [
        "1. Offentlighet, öppenhet och demokratisk kontroll 45",
        "2. Tillgänglighet/medborgar- och brukarorientering 52",
        "3. Tydlighet i samspelet mellan politiker och tjänstemän 40",
        "4. Ledning, decentralisering och delegering 48",
        "5. Kontroll och rapportering 37",
        "6. Personalpolitik 44",
        "7. Verksamhetsutveckling 35",
        "8. Kommunen som samhällsbyggare 50",
        "Summa 351",
    ]


# ----------------------------------------------------------------------------- batched tesseract runs


def tesseract_runs(monkeypatch) -> list[str]:
    """The config of every image_to_data call (one tesseract start each), recorded as they come."""
    configs = []
    real = ocr.pytesseract.image_to_data

    def counting(image, *args, config="", **kwargs):
        configs.append(config)
        return real(image, *args, config=config, **kwargs)

    monkeypatch.setattr(ocr.pytesseract, "image_to_data", counting)
    return configs


def page_lines(doc) -> list[tuple[int, list[tuple]]]:
    """Every page's words with their coordinates, in reading order."""
    return [
        (page.number, [(w.text, w.x0, w.x1, w.top, w.bottom, w.size) for line in page.lines for w in line.words])
        for page in doc.pages
    ]


@with_ocr
def test_scanned_pages_are_read_in_batches_with_the_words_of_page_by_page_reading(tmp_path, monkeypatch):
    """Three scanned pages in batches of two: two main runs and two runs of second readings for
    the whole document, where page by page takes three and six, and the same words come out."""
    scans = [table_scan(200, 10, seed) for seed in (4, 3, 6)]
    path = tmp_path / "tabeller.pdf"
    scans[0].save(path, "PDF", resolution=200, save_all=True, append_images=scans[1:])
    runs = tesseract_runs(monkeypatch)

    monkeypatch.setattr(ocr, "OCR_BATCH_PAGES", 2)
    batched = open_document(path)
    batched_runs = ([c for c in runs if "--psm 4" in c], [c for c in runs if "--psm 7" in c])
    runs.clear()
    monkeypatch.setattr(ocr, "OCR_BATCH_PAGES", 1)
    monkeypatch.setattr(ocr, "OCR_REREAD_MAX_VIEWS", 1)  # second readings after every page
    alone = open_document(path)
    alone_runs = ([c for c in runs if "--psm 4" in c], [c for c in runs if "--psm 7" in c])

    assert [len(batched_runs[0]), len(batched_runs[1])] == [2, 2]
    assert [len(alone_runs[0]), len(alone_runs[1])] == [3, 6]
    assert page_lines(batched) == page_lines(alone)
    want = {label.split()[0]: list(scores) for label, *scores in ROWS}
    assert [row_scores(batched, n) for n in (1, 2, 3)] == [want, want, want]


def fake_tesseract(calls: list[list[int]], fail_height: int | None = None, message: str = "Error during processing."):
    """image_to_data for a multi-page TIFF without tesseract: one word per frame, "h<frame height>";
    a run including a frame `fail_height` pixels high fails with `message`."""

    def image_to_data(path, lang=None, config="", output_type=None):
        with Image.open(path) as tiff:
            heights = []
            for frame in range(tiff.n_frames):
                tiff.seek(frame)
                heights.append(tiff.height)
        calls.append(heights)
        if fail_height in heights:
            raise ocr.pytesseract.TesseractError(1, message)
        rows = empty_tesseract_data()
        for page_num, height in enumerate(heights, 1):
            for level, conf, text in ((4, -1, ""), (5, 96.0, f"h{height}")):
                for key, value in zip(rows, (level, page_num, 1, 1, 1, 1, 10, 10, 100, 20, conf, text)):
                    rows[key].append(value)
        return rows

    return image_to_data


def blank_pages_pdf(path: Path, heights: list[int]) -> Path:
    """Pages 200 points wide and `heights` high, each showing an (empty) image: scans to OCR."""
    pages = [Image.new("L", (200, height), 255) for height in heights]
    pages[0].save(path, "PDF", resolution=72, save_all=True, append_images=pages[1:])
    return path


def read_fake_scans(path: Path, heights: list[int]) -> tuple[dict[int, list[str]], list[str]]:
    """read_scans at 72 dpi (a page's pixel height is its height in points): texts by page, failures."""
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        words, failures = read_scans(
            pdf, [PageReading(n, 200, height, []) for n, height in enumerate(heights, 1)], Limits(ocr_dpi=72)
        )
    finally:
        pdf.close()
    return {n: [w.text for w in ws] for n, ws in words.items()}, failures


def test_a_page_tesseract_fails_on_loses_only_that_page(tmp_path, monkeypatch):
    """The batch's run fails, so its pages are read one by one: only page 2 is lost, and named."""
    heights = [300, 310, 320]
    calls: list[list[int]] = []
    monkeypatch.setattr(ocr.pytesseract, "image_to_data", fake_tesseract(calls, fail_height=310))
    words, failures = read_fake_scans(blank_pages_pdf(tmp_path / "scan.pdf", heights), heights)
    assert calls == [[300, 310, 320], [300], [310], [320]]
    assert words == {1: ["h300"], 3: ["h320"]}
    assert failures == ["page 2: (1, 'Error during processing.')"]


def test_tesseract_out_of_memory_on_a_page_is_a_memory_error(tmp_path, monkeypatch):
    """Out of memory on a page alone is not a lost page but the whole document (`too_large`)."""
    heights = [300, 310]
    calls: list[list[int]] = []
    monkeypatch.setattr(
        ocr.pytesseract,
        "image_to_data",
        fake_tesseract(calls, fail_height=300, message="Error: cannot allocate memory"),
    )
    with pytest.raises(MemoryError):
        read_fake_scans(blank_pages_pdf(tmp_path / "scan.pdf", heights), heights)
    assert calls == [[300, 310], [300]]


def test_pages_are_batched_by_render_dpi_and_batch_size():
    """An oversized page is rendered at a lower dpi (MAX_OCR_PIXELS), so it cannot share a run."""
    a4 = [PageReading(n, 595, 842, []) for n in range(1, 11)]
    huge = PageReading(11, 14400, 14400, [])  # 200 inches square: 50 dpi keeps it at 100 Mpx
    batches = scan_batches(a4 + [huge, PageReading(12, 595, 842, [])], 300)
    assert [(dpi, [page.number for page in pages]) for dpi, pages in batches] == [
        (300, [1, 2, 3, 4, 5, 6, 7, 8]),
        (300, [9, 10]),
        (50, [11]),
        (300, [12]),
    ]


# ----------------------------------------------------------------------------- scans of body text, mixed documents


def test_scan_is_read_by_ocr_exactly(tmp_path):
    needs_ocr()
    doc = open_document(scan_pdf(tmp_path / "skannad.pdf"))
    assert doc.text_source == "ocr" and doc.pages[0].text_source == "ocr"
    assert [line.text for line in doc.pages[0].lines] == SCAN_LINES
    # Word boxes are in PDF points: the page is A4 (595 x 842 pt), text starts 1 inch in.
    first = doc.pages[0].lines[0].words[0]
    assert abs(doc.pages[0].width - 595.2) < 1 and 68 <= first.x0 <= 76
    assert 12 <= first.size <= 22


def test_scan_of_a_result_table_is_read_exactly(tmp_path):
    """11 pt body text: numbered rows keep their numbers, scores their decimal commas, bullets are •."""
    needs_ocr()
    doc = open_document(scan_pdf(tmp_path / "skannad.pdf", TABLE_LINES, size_pt=11))
    assert [line.text for line in doc.pages[0].lines] == TABLE_LINES


def test_mixed_document_ocrs_only_the_scanned_page(tmp_path):
    needs_ocr()
    doc = open_document(mixed_pdf(tmp_path / "blandad.pdf"))
    assert doc.text_source == "ocr"
    assert [p.text_source for p in doc.pages] == ["pdf", "ocr"]
    assert doc.pages[0].text == "Kommunkompassen Analys av Tyresö kommun"
    assert [line.text for line in doc.pages[1].lines] == SCAN_LINES


def test_blank_scan_is_no_text(tmp_path):
    needs_ocr()
    path = tmp_path / "tom.pdf"
    scan_image(lines=[]).save(path, "PDF", resolution=300)
    err = error_of(path)
    assert err.code == "no_text"
    assert "OCR (swe, 300 dpi) found no text" in err.message


def test_scan_without_tesseract_is_no_text_naming_the_packages(tmp_path, monkeypatch):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-such-tesseract"))
    assert "not installed" in tesseract_status()
    err = error_of(scan_pdf(tmp_path / "skannad.pdf"))
    assert err.code == "no_text"
    assert "apt-get install tesseract-ocr tesseract-ocr-swe" in err.message


def test_scan_without_swedish_data_is_no_text_naming_the_package(tmp_path, monkeypatch):
    if tesseract_status("eng") and "not installed" in tesseract_status("eng"):
        pytest.skip("tesseract is not installed")
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))  # a tessdata folder without swe
    err = error_of(scan_pdf(tmp_path / "skannad.pdf"))
    assert err.code == "no_text"
    assert "no language data for swe" in err.message and "tesseract-ocr-swe" in err.message


def test_mixed_document_without_tesseract_keeps_its_text_and_warns(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-such-tesseract"))
    with caplog.at_level(logging.WARNING, logger="pipeline.reader.ocr"):
        doc = open_document(mixed_pdf(tmp_path / "blandad.pdf"))
    assert doc.text_source == "pdf" and doc.pages[1].lines == []
    assert "1 scanned page(s) left without text" in caplog.text
