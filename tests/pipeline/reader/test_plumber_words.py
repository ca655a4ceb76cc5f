"""pipeline.reader.plumber_words gives exactly pdfplumber's `extract_words` (it only skips the
attributes the word extractor never reads), on every fixture page and on built pages with what
shifts pdfplumber's coordinates: a MediaBox not at the origin, a CropBox, text inside a form XObject."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pypdfium2
import pytest
from reportlab.pdfgen import canvas

from extractors.page import Word
from pipeline.reader.plumber_words import X_TOLERANCE, plumber_words
from tests.answer_keys import PDFS


def reference_words(page: pdfplumber.page.Page) -> list[Word]:
    """The words through pdfplumber's public API: every attribute of every character resolved."""
    words = page.extract_words(
        x_tolerance=X_TOLERANCE, keep_blank_chars=False, use_text_flow=False, extra_attrs=["size", "fontname"]
    )
    return [
        Word(
            w["text"],
            float(w["x0"]),
            float(w["x1"]),
            float(w["top"]),
            float(w["bottom"]),
            float(w["size"]),
            "bold" in w["fontname"].lower(),
        )
        for w in words
    ]


def assert_same_on_every_page(path: Path | io.BytesIO) -> int:
    """Both readings of every page, compared exactly (no tolerance); returns the words compared."""
    compared = 0
    with pdfplumber.open(path) as lean, pdfplumber.open(path) as full:
        for ours, theirs in zip(lean.pages, full.pages):
            expected = reference_words(theirs)
            assert plumber_words(ours) == expected, f"page {theirs.page_number}"
            compared += len(expected)
    return compared


@pytest.mark.parametrize("name", sorted(p.name for p in PDFS.glob("*.pdf")))
def test_fixture_pages_read_exactly_as_pdfplumber(name):
    compared = assert_same_on_every_page(PDFS / name)
    if "scan" not in name:
        assert compared > 50


def built_pdf(draw) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(595, 842))
    draw(c)
    c.showPage()
    c.save()
    return buffer.getvalue()


def with_boxes(
    data: bytes, mediabox: tuple[float, float, float, float], cropbox: tuple[float, float, float, float] | None = None
) -> io.BytesIO:
    """The one-page PDF with its MediaBox (and CropBox) replaced, written by PDFium."""
    pdf = pypdfium2.PdfDocument(data)
    page = pdf[0]
    page.set_mediabox(*mediabox)
    if cropbox:
        page.set_cropbox(*cropbox)
    out = io.BytesIO()
    pdf.save(out)
    page.close()
    pdf.close()
    out.seek(0)
    return out


def two_lines(c: canvas.Canvas) -> None:
    c.setFont("Helvetica", 11)
    c.drawString(120, 700, "Styrkor i kommunens arbete")
    c.setFont("Helvetica-Bold", 9)
    c.drawString(140, 680, "Område 3 Politisk styrning 58 p")


def test_mediabox_away_from_origin_and_cropbox():
    data = built_pdf(two_lines)
    for boxes in [
        ((30, 40, 595, 842),),
        ((-20, -10, 600, 850),),
        ((0, 0, 595, 842), (50, 60, 500, 800)),
        ((25, 35, 595, 842), (60, 80, 520, 790)),
    ]:
        assert assert_same_on_every_page(with_boxes(data, *boxes)) == 10, boxes


def test_text_inside_a_form_xobject_is_read_in_place():
    def draw(c: canvas.Canvas) -> None:
        c.beginForm("box")
        c.setFont("Helvetica", 10)
        c.drawString(100, 500, "Text i ett formulärobjekt")
        c.endForm()
        two_lines(c)
        c.doForm("box")
        c.setFont("Times-Roman", 12)
        c.drawString(100, 300, "Efter formuläret")

    data = built_pdf(draw)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [w.text for w in plumber_words(pdf.pages[0])]
    assert texts[-6:] == ["Text", "i", "ett", "formulärobjekt", "Efter", "formuläret"]
    assert assert_same_on_every_page(io.BytesIO(data)) == 16
