"""The second reading of OCR'd numbers: a doubtful number cut out and read again on its own.

The whole path is held to exact scores in test_ocr.py; these tests hand in tesseract's first
reading as it came and check what the second reading changes, and what it leaves alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import reportlab
from PIL import Image, ImageDraw, ImageFont

from pipeline.reader import reread as rereading
from pipeline.reader.reread import otsu_threshold, plan_rereading, reread
from pipeline.reader.tesseract import tesseract_status
from tests.pipeline.reader.builders import empty_tesseract_data

FONTS = Path(reportlab.__file__).parent / "fonts"  # Vera ships with reportlab, has å ä ö

OCR_PROBLEM = tesseract_status("swe")
with_ocr = pytest.mark.skipif(OCR_PROBLEM is not None, reason=f"OCR unavailable on this machine: {OCR_PROBLEM}")


@with_ocr
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
    draw.line([(0, 30), (1400, 30)], fill=0, width=2)  # table rules above and below
    draw.line([(0, 140), (1400, 140)], fill=0, width=2)
    draw.line([(1250, 0), (1250, 200)], fill=0, width=2)  # and the cell's right border

    def box(text: str, x: int) -> tuple[int, int, int, int]:
        x0, y0, x1, y1 = draw.textbbox((x, 60), text, font=font)
        return x0, y0, x1 - x0, y1 - y0

    words = [("-", 0.0, box("•", 60)), ("och", 40.0, box("och", 120)), ("2", 2.0, box("52", 1000))]
    line_top = min(b[1] for _, _, b in words)
    line_height = max(b[1] + b[3] for _, _, b in words) - line_top
    data = empty_tesseract_data()

    def add(level, left, top, width, height, conf, text, word_num=0):
        for key, value in zip(data, (level, 1, 1, 1, 1, word_num, left, top, width, height, conf, text)):
            data[key].append(value)

    add(4, 60, line_top, 1100, line_height, -1, "")
    for n, (text, conf, (left, top, width, height)) in enumerate(words, 1):
        add(5, left, top, width, height, conf, text, n)

    assert reread([plan_rereading(page, data)], "swe") == 1
    assert [t for t, level in zip(data["text"], data["level"]) if level == 5] == ["-", "och", "52"]


def test_otsu_threshold_splits_ink_from_paper():
    page = Image.new("L", (100, 100), 235)
    ImageDraw.Draw(page).rectangle((10, 10, 40, 90), fill=30)
    assert 30 <= otsu_threshold(page) < 235


@with_ocr
def test_second_reading_costs_little_on_a_page_without_doubtful_numbers(monkeypatch):
    """Pages whose numbers tesseract reads confidently never start the second tesseract run."""
    calls = []
    monkeypatch.setattr(rereading, "read_views", lambda *a, **k: calls.append(a) or [])
    data = {
        "level": [5],
        "page_num": [1],
        "block_num": [1],
        "par_num": [1],
        "line_num": [1],
        "word_num": [1],
        "left": [10],
        "top": [10],
        "width": [40],
        "height": [30],
        "conf": [96.0],
        "text": ["45"],
    }
    assert reread([plan_rereading(Image.new("L", (100, 60), 255), data)], "swe") == 0
    assert calls == [] and data["text"] == ["45"]
