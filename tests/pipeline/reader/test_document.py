"""open_document: a readable PDF becomes the page model, read once; a file pdfminer cannot read after
PDFium opened it, or one without any text, fails with its DocumentError."""

from __future__ import annotations

import pytest
from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from extractors.layout import build_document
from extractors.page import Document
from pipeline.reader import document
from pipeline.reader.document import open_document
from pipeline.reader.limits import Limits
from pipeline.workers import run_isolated
from tests.pipeline.reader.builders import error_of, mixed_pdf, needs_ocr, text_pdf


def test_text_pdf_opens_with_pdf_text_source(tmp_path):
    doc = open_document(text_pdf(tmp_path / "rapport.pdf", pages=3))
    assert isinstance(doc, Document)
    assert doc.n_pages == 3 and len(doc.pages) == 3
    assert doc.text_source == "pdf" and {p.text_source for p in doc.pages} == {"pdf"}
    assert "Offentlighet och demokrati 63,5" in doc.page(2).text


@pytest.mark.parametrize("strength", [40, 128])
def test_owner_password_only_opens_like_any_pdf(tmp_path, strength):
    """Empty user password: viewers open it without asking, so do we (permission flags not enforced)."""
    encrypt = pdfencrypt.StandardEncryption(
        "", ownerPassword="owner", canPrint=0, canCopy=0, canModify=0, strength=strength
    )
    doc = open_document(text_pdf(tmp_path / "rapport.pdf", encrypt=encrypt))
    assert "Offentlighet och demokrati 63,5" in doc.page(1).text


def test_owner_password_pdfminer_cannot_decrypt_is_encrypted(tmp_path, monkeypatch):
    """PDFium opens it without a password but pdfminer fails to decrypt: encrypted, with a way out."""
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    def cannot_decrypt(path, pdfium=None, report=None):
        raise PdfminerException(PDFPasswordIncorrect())

    monkeypatch.setattr(document, "read_pages", cannot_decrypt)
    encrypt = pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0)
    err = error_of(text_pdf(tmp_path / "rapport.pdf", encrypt=encrypt))
    assert err.code == "encrypted"
    assert "owner password" in err.message and "qpdf --decrypt" in err.message


def test_pages_without_text_or_images_are_no_text(tmp_path):
    path = tmp_path / "rapport.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 300, fill=1)  # vector graphics only
    c.showPage()
    c.save()
    err = error_of(path)
    assert err.code == "no_text"
    assert "no images to OCR" in err.message


def test_the_page_model_is_built_once_from_every_page_read(tmp_path, monkeypatch):
    """Text-layer pages and OCR'd pages go into one build_document call: the model is never rebuilt."""
    needs_ocr()
    calls = []

    def counting(readings, **kwargs):
        calls.append([(r.number, r.text_source, len(r.words) > 0) for r in readings])
        return build_document(readings, **kwargs)

    monkeypatch.setattr(document, "build_document", counting)
    doc = open_document(mixed_pdf(tmp_path / "blandad.pdf"), triage=True)
    assert calls == [[(1, "pdf", True), (2, "ocr", True)]]
    assert doc.text_source == "ocr" and [p.text_source for p in doc.pages] == ["pdf", "ocr"]


def test_open_document_runs_in_a_worker(tmp_path):
    limits = Limits(timeout_s=30)
    doc = run_isolated(
        open_document,
        text_pdf(tmp_path / "rapport.pdf"),
        limits,
        timeout_s=limits.timeout_s,
        memory_mb=limits.memory_mb,
    )
    assert isinstance(doc, Document) and "63,5" in doc.page(1).text


def test_missing_file_is_the_callers_problem(tmp_path):
    with pytest.raises(FileNotFoundError):
        open_document(tmp_path / "saknas.pdf")
