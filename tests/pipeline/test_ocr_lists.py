"""The second tesseract reading of a scanned list whose items the first reading merged."""

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.findings import extract_findings, looks_merged
from extractors.layout import build_document
from extractors.page import PageReading, Word
from extractors.text import strip_bullet
from pipeline.reader.document import open_document
from pipeline.reader.limits import Limits
from pipeline.reader.tesseract import tesseract_status
from pipeline.ocr_lists import item_band, replace_band, reread_merged_lists
from tests.answer_keys import PDFS

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
ITEMS = [
    "Tydliggör mandat och befogenheter för enhetscheferna.",
    "Följ upp ledarskapspolicyn i samtalen.",
    "Erbjud erfarna chefer mentorskap.",
]


def test_merged_items_are_recognised():
    assert looks_merged("+ Tydliggör mandat för cheferna e Följ upp policyn")
    assert looks_merged("Tydliggör mandat för cheferna. e Följ upp policyn.")
    assert looks_merged("Inför en plan. » Gör mer.")
    assert looks_merged("Inför en plan. e« Gör mer.")  # a bullet read as two glyphs
    assert looks_merged("ee Inför en plan.")
    assert not looks_merged("Se över planen. En ny plan tas fram.")
    assert not looks_merged("Utveckla e-tjänsterna (t.ex. bygglov). Mät resultaten.")
    assert not looks_merged("Ett samlat IT-stöd.")


def word(text, x0, top, width=None):
    return Word(text, x0, x0 + (width or 6.0 * len(text)), top, top + 12.0, 12.0)


def test_item_band_and_replacement():
    lines = [
        word("Styrkor", 72, 100),
        word("+", 89, 120),
        word("Ett", 100, 120),
        word("chefsprogram", 122, 120),
        word("för", 100, 138),
        word("alla.", 122, 138),
        word("Brödtext", 72, 170),
    ]
    doc = build_document([PageReading(1, 595.0, 842.0, lines, "ocr")])
    band = item_band(doc.pages[0], "+ Ett chefsprogram för alla.")
    assert band == (89.0, 120.0, 194.0, 150.0)
    new = [word("•", 89, 120), word("Ett", 107, 120)]
    assert [w.text for w in replace_band(lines, band, new)] == ["Styrkor", "Brödtext", "•", "Ett"]
    assert item_band(doc.pages[0], "Ett annat program.") is None


@pytest.mark.skipif(tesseract_status() is not None, reason=f"OCR unavailable: {tesseract_status()}")
def test_a_merged_list_is_read_again_and_split(tmp_path):
    """A page image with real "•" bullets, and a first reading that took them for "+" and "e" set
    right against the text (so neither glyph nor hanging indent could split the items)."""
    dpi = 150
    s = dpi / 72
    font = ImageFont.truetype(FONT, round(12 * s))
    img = Image.new("L", (round(595 * s), round(842 * s)), 255)
    draw = ImageDraw.Draw(img)
    draw.text((72 * s, 100 * s), "Sammanfattning område 4", font=font, fill=0)
    draw.text((72 * s, 120 * s), "Förbättringsområden", font=font, fill=0)
    first = [
        word("Sammanfattning", 72, 100),
        word("område", 172, 100),
        word("4", 220, 100),
        word("Förbättringsområden", 72, 120),
    ]
    for n, (bullet, text) in enumerate(zip("+ee", ITEMS)):
        top = 140 + 18 * n
        draw.text((89 * s, top * s), "•", font=font, fill=0)
        draw.text((107 * s, top * s), text, font=font, fill=0)
        first.append(word(bullet, 96, top, 6.0))
        x = 107.0
        for token in text.split():
            width = font.getlength(token) / s
            first.append(word(token, x, top, width))
            x += width + font.getlength(" ") / s
    path = tmp_path / "scan.pdf"
    img.save(path, resolution=dpi)
    doc = build_document([PageReading(1, 595.0, 842.0, first, "ocr")])
    findings, _ = extract_findings(doc, "2010")
    assert len(findings) == 1 and looks_merged(findings[0].text)
    _, reread, checks = reread_merged_lists(path, doc, findings, "2010", "report")
    assert [(f.area, f.kind, f.position, f.text) for f in reread] == [
        (4, "improvement", i, text) for i, text in enumerate(ITEMS, start=1)
    ]


@pytest.mark.skipif(tesseract_status() is not None, reason=f"OCR unavailable: {tesseract_status()}")
def test_the_scan_fixture_has_bullets_tesseract_misreads():
    """report-mora-2007-scan-bullets exists for misread bullets: its OCR must still contain one (the
    answer-key test then shows the items are split anyway)."""
    doc = open_document(PDFS / "report-mora-2007-scan-bullets.pdf", Limits())
    misread = [
        l.text for l in doc.lines() if 85 < l.x0 < 95 and len(l.words[0].text) <= 2 and not strip_bullet(l.text)[0]
    ]
    assert misread == ["+ Avsätt tid för medarbetarnas kreativitet och innovation."]
