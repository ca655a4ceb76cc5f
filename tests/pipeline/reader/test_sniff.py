"""Sniffing: an empty file, a file that is not a PDF (and what it is instead) or one too large fails
before any parser sees it, with a message that says what to do."""

from __future__ import annotations

import pytest

from pipeline.reader.document import open_document
from pipeline.reader.limits import Limits
from pipeline.reader.sniff import sniff_file
from tests.pipeline.reader.builders import error_of, text_pdf


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
    path.write_text(
        '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8">'
        "<title>404 – Sidan kunde inte hittas</title></head>"
        "<body><h1>Sidan finns inte</h1></body></html>\n",
        encoding="utf-8",
    )
    err = error_of(path)
    assert err.code == "not_pdf"
    assert "an HTML page" in err.message
    assert "Sidan" not in err.message and "404" not in err.message  # what kind of file, not what it says
    assert "fetch the document again" in err.message


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 22 + b"word/document.xml", "Word document (.docx)"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "PNG image"),
        (b"\x1f\x8b\x08\x00" + b"\x00" * 40, "gzip-compressed"),
        (b"Access denied. You do not have permission to view this document.\n", "plain text"),
    ],
)
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
    sniff_file(path, Limits())  # no error
    assert "Offentlighet och demokrati 63,5" in open_document(path).text


def test_over_max_bytes_is_too_large(tmp_path):
    path = text_pdf(tmp_path / "rapport.pdf")
    size = path.stat().st_size
    err = error_of(path, Limits(max_bytes=size - 1))
    assert err.code == "too_large"
    assert "Limits.max_bytes" in err.message and "MB" in err.message
