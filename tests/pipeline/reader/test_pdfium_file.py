"""Opening in PDFium: a truncated or damaged file is `corrupt`, one that needs a password `encrypted`,
one with too many pages `too_large`."""

from __future__ import annotations

from pipeline.reader.limits import Limits
from tests.pipeline.reader.builders import error_of, text_pdf


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


def test_over_max_pages_is_too_large(tmp_path):
    err = error_of(text_pdf(tmp_path / "rapport.pdf", pages=5), Limits(max_pages=3))
    assert err.code == "too_large"
    assert "5 pages" in err.message and "Limits.max_pages" in err.message
