"""Safe opening: every bad input a crawl brings in ends in one DocumentError with a useful message.

Each bad input is built here, in tmp_path, from reportlab and PIL: the test shows what the file is.
"""
from __future__ import annotations

import logging
import os
import pickle
import subprocess
import time
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
from pipeline.documents import (ERROR_CODES, DocumentError, Limits, open_document, open_isolated,
                                run_isolated, sniff_file, tesseract_status)

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
    assert "HTML page (<!DOCTYPE html>…)" in err.message
    assert "404 – Sidan kunde inte hittas" in err.message
    assert "fetch the document again" in err.message


@pytest.mark.parametrize("content, expected", [
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 22 + b"word/document.xml", "Word document (.docx)"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG image"),
    (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "gzip-compressed"),
    (b"Access denied. You do not have permission to view this document.\n", "plain text (Access denied."),
])
def test_not_pdf_says_what_the_file_is(tmp_path, content, expected):
    path = tmp_path / "rapport.pdf"
    path.write_bytes(content)
    err = error_of(path)
    assert err.code == "not_pdf"
    assert expected in err.message


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
# Functions run in the child must be importable top-level functions.

def spin() -> None:
    while True:
        pass


def allocate(mb: int) -> int:
    return len(bytearray(mb * 2**20))


def fail(message: str) -> None:
    raise ValueError(message)


def refuse() -> None:
    raise DocumentError("not_pdf", "the file looks like a test")


def crash() -> None:
    import ctypes
    ctypes.string_at(0)


def spin_with_grandchild(pid_file: str) -> None:
    proc = subprocess.Popen(["sleep", "60"])
    Path(pid_file).write_text(str(proc.pid))
    spin()


def is_gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in "ZX"          # a zombie waiting for a reaper is gone too


def test_run_isolated_returns_the_result_and_the_document(tmp_path):
    assert run_isolated(allocate, 1, timeout_s=30, memory_mb=3072) == 2**20
    doc = open_isolated(text_pdf(tmp_path / "rapport.pdf"), Limits(timeout_s=30))
    assert isinstance(doc, Document) and "63,5" in doc.page(1).text


def test_spinning_child_times_out_and_is_killed(tmp_path):
    pid_file = tmp_path / "pid"
    start = time.monotonic()
    with pytest.raises(DocumentError) as info:
        run_isolated(spin_with_grandchild, str(pid_file), timeout_s=1.0, memory_mb=3072)
    elapsed = time.monotonic() - start
    assert info.value.code == "timeout" and "1 s" in info.value.message
    assert elapsed < 5, elapsed
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 2
    while not is_gone(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert is_gone(grandchild), "the child's subprocess outlived the timeout"


def test_memory_cap_is_too_large():
    with pytest.raises(DocumentError) as info:
        run_isolated(allocate, 8192, timeout_s=30, memory_mb=1024)
    assert info.value.code == "too_large"
    assert "memory cap of 1024 MB" in info.value.message and info.value.cause == "MemoryError"


def test_child_exception_comes_back_as_corrupt_with_its_text():
    with pytest.raises(DocumentError) as info:
        run_isolated(fail, "xref stream ends early", timeout_s=30, memory_mb=3072)
    assert info.value.code == "corrupt"
    assert info.value.message == "ValueError: xref stream ends early" and info.value.cause == "ValueError"


def test_child_document_error_comes_back_unchanged():
    with pytest.raises(DocumentError) as info:
        run_isolated(refuse, timeout_s=30, memory_mb=3072)
    assert (info.value.code, info.value.message, info.value.cause) == ("not_pdf", "the file looks like a test", None)


def test_child_crash_is_corrupt():
    with pytest.raises(DocumentError) as info:
        run_isolated(crash, timeout_s=30, memory_mb=3072)
    assert info.value.code == "corrupt" and info.value.cause == "SIGSEGV"
    assert "crashed" in info.value.message


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


# ----------------------------------------------------------------------------- workers

def worker_state() -> tuple[int, int, str | None]:
    import resource
    return os.getpid(), resource.getrlimit(resource.RLIMIT_AS)[0] // 2**20, os.environ.get("OMP_THREAD_LIMIT")


def warn(message: str) -> str:
    logging.getLogger("pdfminer.pdfpage").warning("page %s: %s", 3, message)
    return "done"


def test_workers_are_reused_with_a_fresh_memory_cap_per_call():
    pid, cap, omp = run_isolated(worker_state, timeout_s=30, memory_mb=1500)
    assert (cap, omp) == (1500, "1") and pid != os.getpid()
    assert run_isolated(worker_state, timeout_s=30, memory_mb=2500) == (pid, 2500, "1")


def test_a_worker_is_retired_after_a_failure():
    pid = run_isolated(worker_state, timeout_s=30, memory_mb=3072)[0]
    with pytest.raises(DocumentError):
        run_isolated(fail, "boom", timeout_s=30, memory_mb=3072)
    assert pid not in {run_isolated(worker_state, timeout_s=30, memory_mb=3072)[0] for _ in range(3)}


def test_concurrent_calls_get_their_own_workers():
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: run_isolated(allocate, 1, timeout_s=30, memory_mb=3072), range(6)))
    assert results == [2**20] * 6


def test_worker_warnings_are_logged_in_the_caller(caplog):
    with caplog.at_level(logging.WARNING):
        assert run_isolated(warn, "Invalid MediaBox", timeout_s=30, memory_mb=3072) == "done"
    assert [(r.name, r.getMessage()) for r in caplog.records] == [("pdfminer.pdfpage", "page 3: Invalid MediaBox")]


def test_unpicklable_function_is_the_callers_bug():
    with pytest.raises(Exception, match="pickle|lambda"):
        run_isolated(lambda: 1, timeout_s=30, memory_mb=3072)
    assert run_isolated(allocate, 1, timeout_s=30, memory_mb=3072) == 2**20


def test_an_idle_worker_killed_from_outside_is_replaced():
    import signal
    pid = run_isolated(worker_state, timeout_s=30, memory_mb=3072)[0]
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.1)
    assert run_isolated(allocate, 1, timeout_s=30, memory_mb=3072) == 2**20
