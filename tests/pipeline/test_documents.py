"""Safe opening: every bad input a crawl brings in ends in one DocumentError with a useful message.

Each bad input is built here, in tmp_path, from reportlab and PIL: the test shows what the file is.
"""
from __future__ import annotations

import logging
import pickle
from pathlib import Path

import pytest
import pytesseract
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import pdfencrypt
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

import reportlab
from extractors.page import Document
from pipeline import documents
from pipeline.documents import (ERROR_CODES, DocumentError, Limits, open_document, open_isolated, sniff_file,
                                tesseract_status)

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"   # ships with reportlab, has å ä ö
SCAN_LINES = ["Sammanfattning av resultat", "Offentlighet och demokrati 63,5",
              "Förbättringsområden och styrkor"]


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
TABLE_LINES = ["Tabell 1. Resultat i förhållande till Kommunkompassens huvudområden",
               "1. Offentlighet och demokrati 63,5", "2. Tillgänglighet och brukarorientering 51",
               "3. Politisk styrning och kontroll 71,5", "4. Ledarskap, ansvar och delegation 58",
               "5. Resultat och effektivitet 44", "7. Verksamhetsutveckling 39,5",
               "8. Kommunen som samhällsbyggare 66", "Totalt 455,5", "Förbättringsområden",
               "• Utveckla synpunkts- och klagomålshanteringen",
               "• Kvalitetsdeklarationer saknas för flera verksamheter"]


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


# ----------------------------------------------------------------------------- sniffing

def test_zero_byte_file_is_empty(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(b"")
    err = error_of(path)
    assert err.code == "empty"
    assert "0 bytes" in err.message and "fetch it again" in err.message


@pytest.mark.parametrize("content", [b"   \n\r\n\t  \n", b"\x00" * 4096], ids=["whitespace", "nul"])
def test_blank_file_is_empty(tmp_path, content):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(content)
    err = error_of(path)
    assert err.code == "empty"
    assert f"({len(content)} bytes)" in err.message


def test_html_error_page_is_not_pdf(tmp_path):
    path = tmp_path / "kommunkompassen-2015.pdf"
    path.write_text("<!DOCTYPE html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\">"
                    "<title>404 – Sidan kunde inte hittas</title></head>"
                    "<body><h1>Sidan finns inte</h1></body></html>\n", encoding="utf-8")
    err = error_of(path)
    assert err.code == "not_pdf"
    assert "an HTML page" in err.message
    assert "Sidan" not in err.message and "404" not in err.message     # what kind of file, not what it says
    assert "fetch the document again" in err.message


@pytest.mark.parametrize("content, expected", [
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 22 + b"word/document.xml", "Word document (.docx)"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG image"),
    (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "gzip-compressed"),
    (b"Access denied. You do not have permission to view this document.\n", "plain text"),
])
def test_not_pdf_says_what_the_file_is(tmp_path, content, expected):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(content)
    err = error_of(path)
    assert err.code == "not_pdf"
    assert expected in err.message
    assert "Access" not in err.message and "permission" not in err.message


def test_header_after_junk_within_first_kb_is_accepted(tmp_path):
    path = text_pdf(tmp_path / "ok.pdf")
    path.write_bytes(b"\n" * 200 + path.read_bytes())
    sniff_file(path, Limits())          # no error
    assert "Offentlighet och demokrati 63,5" in open_document(path).text


def test_over_max_bytes_is_too_large(tmp_path):
    path = text_pdf(tmp_path / "rapport.pdf")
    size = path.stat().st_size
    err = error_of(path, Limits(max_bytes=size - 1))
    assert err.code == "too_large"
    assert "Limits.max_bytes" in err.message and "MB" in err.message


def test_missing_file_is_the_callers_problem(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_document(tmp_path / "saknas.pdf")


# ----------------------------------------------------------------------------- opening

def test_text_pdf_opens_with_pdf_text_source(tmp_path):
    doc = open_document(text_pdf(tmp_path / "rapport.pdf", pages=3))
    assert isinstance(doc, Document)
    assert doc.n_pages == 3 and len(doc.pages) == 3
    assert doc.text_source == "pdf" and {p.text_source for p in doc.pages} == {"pdf"}
    assert "Offentlighet och demokrati 63,5" in doc.page(2).text


def test_truncated_download_is_corrupt(tmp_path):
    whole = text_pdf(tmp_path / "whole.pdf", pages=3).read_bytes()
    path = tmp_path / "rapport.pdf"
    path.write_bytes(whole[: int(len(whole) * 0.6)])
    err = error_of(path)
    assert err.code == "corrupt"
    assert "truncated download" in err.message and "%%EOF" in err.message


def test_garbled_pdf_is_corrupt(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\ntrailer\n<< /Root 99 0 R >>\n%%EOF\n")
    err = error_of(path)
    assert err.code == "corrupt"
    assert "damaged" in err.message


def test_password_protected_is_encrypted(tmp_path):
    path = text_pdf(tmp_path / "rapport.pdf", encrypt="secret")
    err = error_of(path)
    assert err.code == "encrypted"
    assert "password" in err.message and "qpdf" in err.message


@pytest.mark.parametrize("strength", [40, 128])
def test_owner_password_only_opens_like_any_pdf(tmp_path, strength):
    """Empty user password: viewers open it without asking, so do we (permission flags not enforced)."""
    encrypt = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=0, canCopy=0,
                                            canModify=0, strength=strength)
    doc = open_document(text_pdf(tmp_path / "rapport.pdf", encrypt=encrypt))
    assert "Offentlighet och demokrati 63,5" in doc.page(1).text


def test_owner_password_pdfminer_cannot_decrypt_is_encrypted(tmp_path, monkeypatch):
    """PDFium opens it without a password but pdfminer fails to decrypt: encrypted, with a way out."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    def cannot_decrypt(path, pdfium=None, report=None):
        raise PdfminerException(PDFPasswordIncorrect())

    monkeypatch.setattr(documents.pdf_text, "read_document", cannot_decrypt)
    encrypt = pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0)
    err = error_of(text_pdf(tmp_path / "rapport.pdf", encrypt=encrypt))
    assert err.code == "encrypted"
    assert "owner password" in err.message and "qpdf --decrypt" in err.message


def test_over_max_pages_is_too_large(tmp_path):
    err = error_of(text_pdf(tmp_path / "rapport.pdf", pages=5), Limits(max_pages=3))
    assert err.code == "too_large"
    assert "5 pages" in err.message and "Limits.max_pages" in err.message


def test_pages_without_text_or_images_are_no_text(tmp_path):
    path = tmp_path / "rapport.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 300, fill=1)      # vector graphics only
    c.showPage()
    c.save()
    err = error_of(path)
    assert err.code == "no_text"
    assert "no images to OCR" in err.message


# ----------------------------------------------------------------------------- OCR

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
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))     # a tessdata folder without swe
    err = error_of(scan_pdf(tmp_path / "skannad.pdf"))
    assert err.code == "no_text"
    assert "no language data for swe" in err.message and "tesseract-ocr-swe" in err.message


def test_mixed_document_without_tesseract_keeps_its_text_and_warns(tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-such-tesseract"))
    with caplog.at_level(logging.WARNING, logger="pipeline.documents"):
        doc = open_document(mixed_pdf(tmp_path / "blandad.pdf"))
    assert doc.text_source == "pdf" and doc.pages[1].lines == []
    assert "1 scanned page(s) left without text" in caplog.text


# ----------------------------------------------------------------------------- isolation

def test_open_isolated_returns_the_document(tmp_path):
    doc = open_isolated(text_pdf(tmp_path / "rapport.pdf"), Limits(timeout_s=30))
    assert isinstance(doc, Document) and "63,5" in doc.page(1).text


# ----------------------------------------------------------------------------- the types

def test_limits_defaults_and_validation():
    limits = Limits()
    assert (limits.max_bytes, limits.max_pages, limits.timeout_s, limits.memory_mb, limits.ocr_dpi,
            limits.ocr_lang) == (200 * 2**20, 400, 180.0, 3072, 300, "swe")
    with pytest.raises(ValueError, match="max_pages"):
        Limits(max_pages=0)
    with pytest.raises(ValueError, match="ocr_lang"):
        Limits(ocr_lang="swe; rm -rf /")


def test_document_error_codes_are_checked_and_it_pickles():
    with pytest.raises(ValueError):
        DocumentError("broken", "no such code")
    err = pickle.loads(pickle.dumps(DocumentError("timeout", "gave up", None)))
    assert (err.code, err.message, str(err)) == ("timeout", "gave up", "timeout: gave up")
