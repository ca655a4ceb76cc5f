"""pipeline.reader.pdfium_words: PDFium's reading of a page gives pdfplumber's words, or says it cannot.

The fixture test reads every page of tests/pdfs both ways (pdfplumber's reading is the cost: the
documents are read once, in worker processes, for all the tests that use them). The built PDFs
(reportlab, or PDFium's own writer where reportlab cannot make the font) each hold one thing PDFium
reads differently from pdfminer: either the readings agree, or the difference is detected
(`pdfium_page_words` returns None, or `same_words` is False) — never equal-looking words that
differ. `group_words` and `same_words` are tested on hand-made characters and words.
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c
import pytest
from reportlab.pdfgen import canvas

from extractors.page import Word
from pipeline.reader.pdfium_fonts import UNUSABLE, declared_descents
from pipeline.reader.pdfium_words import COORD_TOLERANCE, SIZE_TOLERANCE, group_words, pdfium_page_words, same_words
from pipeline.reader.plumber_words import plumber_words
from tests.answer_keys import PDFS, keys, load_key

#: Fixture pages PDFium cannot vouch for (1-based; "all" for every page), and why.
UNREADABLE = {
    # reportlab's TrueType fonts declare fractional widths; PDFium truncates them, so its origins
    # drift from pdfminer's along a line (up to ~0.4 pt here).
    "report-gotland-2014-radar.pdf": "all",
    # "tt" drawn as one glyph in a bold italic font: its ink reaches past its advance, which PDFium
    # does not give for a multi-character code.
    "report-haninge-2012-averages.pdf": {4},
}
FIXTURES = sorted(p.name for p in PDFS.glob("*.pdf"))
#: Scanned fixtures: no text layer, so neither reader has words on their pages.
SCANS = {key["file"] for key in map(load_key, keys()) if key["document"].get("text_source") == "ocr"}
TTF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGE_HEIGHT = 842.0


def read_both(path: Path, all_pages: bool = True) -> list[tuple[list[Word] | None, list[Word] | None]]:
    """(pdfplumber's words, PDFium's words or None) of every page; with all_pages False,
    pdfplumber's only where PDFium gives words (None elsewhere)."""
    out = []
    with pdfplumber.open(str(path)) as plumber:
        pdfium = pypdfium2.PdfDocument(str(path))
        try:
            for i, page in enumerate(plumber.pages):
                pdfium_page = pdfium[i]
                try:
                    ours = pdfium_page_words(pdfium_page, declared_descents(page.page_obj))
                finally:
                    pdfium_page.close()
                out.append((plumber_words(page) if all_pages or ours is not None else None, ours))
                page.close()
        finally:
            pdfium.close()
    return out


def read_fixture(name: str) -> tuple[str, list[tuple[list[Word] | None, list[Word] | None]]]:
    return name, read_both(PDFS / name, all_pages=False)


@pytest.fixture(scope="module")
def fixture_readings() -> dict[str, list[tuple[list[Word] | None, list[Word] | None]]]:
    """Both readings of every fixture, read in parallel (largest first)."""
    names = sorted(FIXTURES, key=lambda n: -(PDFS / n).stat().st_size)
    workers = max(1, min(4, os.cpu_count() or 1))
    if workers == 1:
        return dict(map(read_fixture, names))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return dict(pool.map(read_fixture, names))


def only_page(path: Path) -> tuple[list[Word], list[Word] | None]:
    pages = read_both(path)
    assert len(pages) == 1
    return pages[0]


def texts(words: list[Word]) -> list[str]:
    return [w.text for w in words]


def assert_agree(path: Path) -> list[Word]:
    theirs, ours = only_page(path)
    assert ours is not None
    assert texts(ours) == texts(theirs)
    assert same_words(ours, theirs)
    return ours


def assert_detected(path: Path) -> None:
    theirs, ours = only_page(path)
    assert theirs, "the page must have words for the test to mean anything"
    assert ours is None or not same_words(ours, theirs)


def pdf(tmp_path: Path, draw, name: str = "built.pdf", **page) -> Path:
    path = tmp_path / name
    c = canvas.Canvas(str(path), pagesize=(595.0, PAGE_HEIGHT), **page)
    draw(c)
    c.showPage()
    c.save()
    return path


# ---------------------------------------------------------------------------------------------
# The committed fixtures
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_pages_read_alike(name, fixture_readings):
    pages = fixture_readings[name]
    expected = UNREADABLE.get(name, set())
    expected = set(range(1, len(pages) + 1)) if expected == "all" else expected
    unreadable = {number for number, (_, ours) in enumerate(pages, start=1) if ours is None}
    assert unreadable == expected
    for number, (theirs, ours) in enumerate(pages, start=1):
        if ours is None:
            continue
        assert texts(ours) == texts(theirs), f"page {number}"
        assert same_words(ours, theirs), f"page {number}"


def test_fixtures_have_text_pages(fixture_readings):
    """The fixture test compares something: nearly every page with a text layer has words both ways."""
    pages = [page for name in FIXTURES if name not in SCANS for page in fixture_readings[name]]
    compared = [ours for theirs, ours in pages if theirs and ours]
    assert len(pages) > 200 and len(compared) >= len(pages) - 30
    assert sum(len(words) for words in compared) > 40_000


def test_scanned_fixtures_have_no_words(fixture_readings):
    assert "report-ostersund-2008-scan.pdf" in SCANS
    assert all(theirs == ours == [] for name in SCANS for theirs, ours in fixture_readings[name])


def test_bold_italic_word_ends_at_its_advance(fixture_readings):
    """The last "t" of a bold italic word: its ink overhangs the advance, which pdfminer's box ends at."""
    theirs, ours = fixture_readings["report-bergen-2012-norwegian.pdf"][3]
    word = next(w for w in theirs if w.text == "resultat" and w.size == 10.0 and w.bold)
    mine = next(w for w in ours if w.text == "resultat" and w.size == 10.0 and w.bold)
    assert word.x1 == pytest.approx(239.67, abs=0.01)
    assert mine.x1 == pytest.approx(word.x1, abs=0.01)


def test_fractional_widths_make_a_font_unusable():
    with pdfplumber.open(str(PDFS / "report-gotland-2014-radar.pdf")) as plumber:
        descents = declared_descents(plumber.pages[0].page_obj)
    assert UNUSABLE in descents["LiberationSans"]
    (helvetica,) = descents["Helvetica"]
    assert helvetica == pytest.approx(-0.207)


# ---------------------------------------------------------------------------------------------
# Built PDFs
# ---------------------------------------------------------------------------------------------


def test_standard_font_descent_from_afm(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "Standard fourteen font")
        c.setFont("Times-Bold", 14)
        c.drawString(72, 650, "Bold Times")

    ours = assert_agree(pdf(tmp_path, draw))
    assert texts(ours) == ["Standard", "fourteen", "font", "Bold", "Times"]
    first = ours[0]
    # Helvetica's AFM descent is -207: the box's bottom is 0.207·12 below the baseline.
    assert first.bottom == pytest.approx(PAGE_HEIGHT - 700 + 0.207 * 12, abs=0.01)
    assert first.top == pytest.approx(first.bottom - 12, abs=0.01)
    assert (first.size, first.bold) == (pytest.approx(12), False)
    assert (ours[3].size, ours[3].bold) == (pytest.approx(14), True)


def test_rotated_line_is_not_read(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "Upright line")
        c.saveState()
        c.translate(300, 400)
        c.rotate(30)
        c.drawString(0, 0, "Rotated line")
        c.restoreState()

    theirs, ours = only_page(pdf(tmp_path, draw))
    assert texts(theirs)[:2] == ["Upright", "line"] and len(theirs) > 2
    assert ours is None


def test_vertical_line_is_not_read(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 12)
        c.saveState()
        c.translate(300, 400)
        c.rotate(90)
        c.drawString(0, 0, "Sideways")
        c.restoreState()

    theirs, ours = only_page(pdf(tmp_path, draw))
    assert ours is None


def test_rotated_page_is_not_read(tmp_path):
    def draw(c):
        c.setPageRotation(90)
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "Page turned")

    theirs, ours = only_page(pdf(tmp_path, draw))
    assert theirs and ours is None


def test_horizontal_scaling(tmp_path):
    def draw(c):
        c.saveState()  # Tz is graphics state: it outlives the text object
        text = c.beginText(72, 700)
        text.setFont("Helvetica", 12)
        text.setHorizScale(80)
        text.textLine("Squeezed words here")
        c.drawText(text)
        c.restoreState()
        c.setFont("Helvetica", 12)
        c.drawString(72, 650, "Squeezed words here")

    ours = assert_agree(pdf(tmp_path, draw))
    squeezed, plain = ours[0], ours[3]
    assert squeezed.text == plain.text == "Squeezed"
    assert squeezed.x1 - squeezed.x0 == pytest.approx(0.8 * (plain.x1 - plain.x0), abs=0.01)


def test_scaled_text_size_is_the_glyph_height(tmp_path):
    """pdfminer's size is the box's height (Tf's size times the text matrix and CTM scale)."""

    def draw(c):
        c.saveState()
        c.translate(72, 700)
        c.scale(2, 2)
        c.setFont("Helvetica", 6)
        c.drawString(0, 0, "Scaled twice")
        c.restoreState()
        c.setFont("Helvetica", 10)
        c.drawString(72, 500, "Plain ten")
        c._code.append("BT /F1 1 Tf 12 0 0 12 72 600 Tm (Unit size) Tj ET")

    ours = assert_agree(pdf(tmp_path, draw))
    sizes = {w.text: w.size for w in ours}
    assert sizes == {
        "Scaled": pytest.approx(12),
        "twice": pytest.approx(12),
        "Plain": pytest.approx(10),
        "ten": pytest.approx(10),
        "Unit": pytest.approx(12),
        "size": pytest.approx(12),
    }


def test_text_rise(tmp_path):
    def draw(c):
        text = c.beginText(72, 650)
        text.setFont("Helvetica", 12)
        text.setRise(3)
        text.textOut("Raised")
        text.setRise(0)
        text.textOut(" base")
        c.drawText(text)

    ours = assert_agree(pdf(tmp_path, draw))
    assert ours[1].top - ours[0].top == pytest.approx(3, abs=0.01)


def test_crop_box_smaller_than_media_box(tmp_path):
    """pdfplumber measures `top` from the MediaBox; PDFium's page height is the CropBox's."""

    def draw(c):
        c.setCropBox((36, 36, 500, 760))
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "Cropped page")

    ours = assert_agree(pdf(tmp_path, draw))
    assert ours[0].top == pytest.approx(PAGE_HEIGHT - 700 - (1 - 0.207) * 12, abs=0.01)


def test_form_xobject_text(tmp_path):
    def draw(c):
        c.beginForm("box")
        c.setFont("Helvetica-Bold", 11)
        c.drawString(10, 10, "Inside a form")
        c.endForm()
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "On the page")
        c.saveState()
        c.translate(100, 400)
        c.doForm("box")
        c.restoreState()

    ours = assert_agree(pdf(tmp_path, draw))
    assert texts(ours) == ["On", "the", "page", "Inside", "a", "form"]
    inside = ours[3]
    assert inside.bold and inside.x0 == pytest.approx(110, abs=0.01)


def test_overprinted_characters_are_detected(tmp_path):
    """Drawn twice at one place: pdfminer keeps both copies, PDFium's text page one."""

    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "Hello world")
        c.drawString(72, 700, "Hello world")
        c.drawString(72, 650, "Single line")

    theirs, _ = only_page(pdf(tmp_path, draw))
    assert texts(theirs)[:2] == ["HHeelllloo", "wwoorrlldd"]
    assert_detected(tmp_path / "built.pdf")


def test_fake_bold_is_detected(tmp_path):
    """Drawn twice, a fraction of a point apart (fake bold)."""

    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "Fake bold")
        c.drawString(72.3, 700, "Fake bold")

    assert_detected(pdf(tmp_path, draw))


def test_two_sizes_and_fonts_on_one_line(tmp_path):
    def draw(c):
        text = c.beginText(72, 700)
        text.setFont("Helvetica", 12)
        text.textOut("Average ")
        text.setFont("Helvetica-Bold", 12)
        text.textOut("3,4")
        text.setFont("Helvetica", 8)
        text.textOut("note")
        text.setFont("Times-Roman", 12)
        text.textOut(" serif")
        c.drawText(text)

    ours = assert_agree(pdf(tmp_path, draw))
    # A change of font or size ends a word even without a gap.
    assert [(w.text, w.bold, round(w.size)) for w in ours] == [
        ("Average", False, 12),
        ("3,4", True, 12),
        ("note", False, 8),
        ("serif", False, 12),
    ]
    assert ours[2].x0 == pytest.approx(ours[1].x1, abs=0.01)


def test_text_objects_out_of_order_on_a_line(tmp_path):
    """PDFium sorts the text objects of a line by x; pdfplumber groups runs in content order."""

    def draw(c):
        c.setFont("Helvetica", 12)
        c.drawString(72, 700, "abc")
        c.setFont("Helvetica-Bold", 12)
        c.drawString(300, 700, "X")
        c.setFont("Helvetica", 12)
        c.drawString(72 + c.stringWidth("abc", "Helvetica", 12), 700, "def")

    ours = assert_agree(pdf(tmp_path, draw))
    # Adjacent, but two runs of Helvetica with a bold run between: two words, in content order.
    assert texts(ours) == ["abc", "X", "def"]


def test_empty_text_object(tmp_path):
    def draw(c):
        c.setFont("Helvetica", 12)
        c._code.append("BT /F1 12 Tf 72 600 Td () Tj (After empty) Tj ET")

    assert texts(assert_agree(pdf(tmp_path, draw))) == ["After", "empty"]


def test_reportlab_truetype_font_is_not_read(tmp_path):
    """reportlab writes fractional TrueType widths, which PDFium truncates."""
    if not TTF.exists():
        pytest.skip(f"no {TTF}")
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVuTest", str(TTF)))

    def draw(c):
        c.setFont("DejaVuTest", 12)
        c.drawString(72, 700, "The \ufb01rst \ufb02ow")

    theirs, ours = only_page(pdf(tmp_path, draw))
    assert texts(theirs) == ["The", "first", "flow"]
    assert ours is None


def test_ligature_characters(tmp_path):
    """ "ﬁ" and "ﬂ" (one glyph each) in an embedded TrueType font, written by PDFium (integer widths):
    PDFium splits each into two characters at one origin, pdfplumber expands them when it joins."""
    if not TTF.exists():
        pytest.skip(f"no {TTF}")
    path = tmp_path / "ligatures.pdf"
    document = pypdfium2.PdfDocument.new()
    try:
        page = document.new_page(595.0, PAGE_HEIGHT)
        data = TTF.read_bytes()
        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        font = pdfium_c.FPDFText_LoadFont(document.raw, buffer, len(data), pdfium_c.FPDF_FONT_TRUETYPE, True)
        text = pdfium_c.FPDFPageObj_CreateTextObj(document.raw, font, 12.0)
        encoded = ("The \ufb01rst \ufb02ow fine" + "\0").encode("utf-16-le")
        wide = ctypes.create_string_buffer(encoded, len(encoded))
        assert pdfium_c.FPDFText_SetText(text, ctypes.cast(wide, pdfium_c.FPDF_WIDESTRING))
        pdfium_c.FPDFPageObj_Transform(text, 1, 0, 0, 1, 72, 700)
        pdfium_c.FPDFPage_InsertObject(page.raw, text)
        assert pdfium_c.FPDFPage_GenerateContent(page.raw)
        document.save(str(path))
    finally:
        document.close()
    ours = assert_agree(path)
    assert texts(ours) == ["The", "first", "flow", "fine"]


#: Content-stream snippets (Helvetica as /F1): each read alike, or not read by PDFium (None).
SNIPPETS = {
    "invisible text (3 Tr)": ("BT /F1 12 Tf 3 Tr 72 700 Td (Invisible text) Tj ET", True),
    "character spacing": ("BT /F1 12 Tf 2 Tc 72 700 Td (Spaced out) Tj ET", True),
    "word spacing": ("BT /F1 12 Tf 5 Tw 72 700 Td (Word spaced text) Tj ET", True),
    "TJ kerning": ("BT /F1 12 Tf 72 700 Td [(Ke) 200 (rned) -3000 (far)] TJ ET", True),
    "off the page": ("BT /F1 12 Tf -50 700 Td (Offpage left) Tj 0 200 Td (Above top) Tj ET", True),
    "no-break space": ("BT /F1 12 Tf 72 700 Td (A\\240B) Tj ET", True),
    "tiny Tf, scaled Tm": ("BT /F1 1 Tf 0.5 0 0 0.5 72 700 Tm (Tiny) Tj ET", True),
    "line-end hyphen": ("BT /F1 12 Tf 72 700 Td (Line-) Tj 0 -14 Td (break here) Tj ET", True),
    "two objects, one word": ("BT /F1 12 Tf 72 700 Td (ab) Tj ET BT /F1 12 Tf 84 700.5 Td (cd) Tj ET", True),
    "mirrored": ("BT /F1 12 Tf -1 0 0 1 300 700 Tm (Mirror) Tj ET", False),
    "upside down": ("BT /F1 12 Tf 1 0 0 -1 72 700 Tm (Flipped) Tj ET", False),
    "skewed": ("BT /F1 12 Tf 1 0 0.3 1 72 700 Tm (Skewed) Tj ET", False),
    "object of no width": ("BT /F1 12 Tf 72 700 Td (AB) Tj ET BT /F1 0.0001 Tf 90 700 Td (x) Tj ET", False),
    "object of one space": (
        "BT /F1 12 Tf 72 700 Td (Left) Tj ET BT /F1 12 Tf 95 700 Td ( ) Tj ET BT /F1 12 Tf 97 700 Td (Right) Tj ET",
        False,
    ),
    "repeated later in the stream": (
        "BT /F1 12 Tf 72 700 Td (Same) Tj ET BT /F1 12 Tf 72 600 Td (Other) Tj ET BT /F1 12 Tf 72 700 Td (Same) Tj ET",
        False,
    ),
}


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_content_snippets(tmp_path, snippet):
    content, readable = SNIPPETS[snippet]

    def draw(c):
        c.setFont("Helvetica", 12)  # declares /F1
        c._code.append(content)

    path = pdf(tmp_path, draw)
    if readable:
        assert_agree(path)
    else:
        theirs, ours = only_page(path)
        assert theirs and ours is None


# ---------------------------------------------------------------------------------------------
# group_words on hand-made characters
# ---------------------------------------------------------------------------------------------


def char(text, x0, width=5.0, top=100.0, size=10.0, font="Arial"):
    return (text, x0, x0 + width, top, top + size, size, font)


def chars_of(text, x0=10.0, width=5.0, gap=0.0, **kw):
    out = []
    for letter in text:
        out.append(char(letter, x0, width, **kw))
        x0 += width + gap
    return out


def test_gap_over_tolerance_splits():
    words = group_words(chars_of("ab") + chars_of("cd", x0=21.6))  # 1.6 pt after "b"
    assert texts(words) == ["ab", "cd"]
    assert (words[0].x0, words[0].x1, words[1].x0, words[1].x1) == (10.0, 20.0, 21.6, 31.6)


def test_gap_within_tolerance_joins():
    assert texts(group_words(chars_of("ab") + chars_of("cd", x0=21.0))) == ["abcd"]
    assert texts(group_words(chars_of("ab") + chars_of("cd", x0=21.5))) == ["abcd"]  # exactly 1.5 pt


def test_blank_splits_and_is_dropped():
    words = group_words(chars_of("ab cd"))
    assert texts(words) == ["ab", "cd"]
    assert words[1].x0 == 25.0
    assert texts(group_words(chars_of("ab\u00a0cd"))) == ["ab", "cd"]


def test_size_or_font_change_splits():
    assert texts(group_words(chars_of("ab") + chars_of("cd", x0=20.0, size=12.0))) == ["ab", "cd"]
    words = group_words(chars_of("ab") + chars_of("cd", x0=20.0, font="Arial-Bold"))
    assert texts(words) == ["ab", "cd"]
    assert [w.bold for w in words] == [False, True]
    assert [w.size for w in words] == [10.0, 10.0]


def test_runs_stay_apart_in_content_order():
    """A run of another font between two runs of one font keeps them apart, however close."""
    words = group_words(chars_of("ab") + chars_of("X", x0=100.0, font="Bold") + chars_of("cd", x0=20.0))
    assert texts(words) == ["ab", "X", "cd"]


def test_line_clustering_by_top():
    same_line = chars_of("ab", top=100.0) + chars_of("cd", x0=20.0, top=102.5)
    words = group_words(same_line)
    assert texts(words) == ["abcd"]
    assert (words[0].top, words[0].bottom) == (100.0, 112.5)
    # Over 3 pt apart: two lines, and the lower line's characters sorted by x within it.
    two_lines = chars_of("ab", top=100.0) + chars_of("dc"[::-1], x0=10.0, top=103.5)
    assert texts(group_words(two_lines)) == ["ab", "cd"]


def test_line_clusters_chain():
    """pdfplumber's cluster_list chains: 100, 102.5, 105 are one line, though 100 and 105 are 5 apart."""
    chars = [char("a", 10.0, top=100.0), char("b", 40.0, top=105.0), char("c", 25.0, top=102.5)]
    words = group_words(chars)
    # One line, sorted by x: "a" | "c" (gap 10 pt) | "b"; each its own word.
    assert texts(words) == ["a", "c", "b"]


def test_chars_sorted_by_x_within_a_line():
    chars = [char("c", 20.0), char("a", 10.0), char("b", 15.0)]
    assert texts(group_words(chars)) == ["abc"]


def test_ligatures_expanded_when_joined():
    assert texts(group_words(chars_of("\ufb01ne"))) == ["fine"]


def test_no_chars_no_words():
    assert group_words([]) == []


# ---------------------------------------------------------------------------------------------
# same_words
# ---------------------------------------------------------------------------------------------


WORD = Word("Resultat", 100.0, 140.0, 200.0, 210.0, 10.0, True)


def shifted(**changes) -> list[Word]:
    return [Word(**{**WORD.__dict__, **changes})]


def test_same_words_identical():
    assert same_words([WORD], [WORD])
    assert same_words([], [])


@pytest.mark.parametrize("field", ["x0", "x1", "top", "bottom"])
def test_same_words_coordinate_tolerance(field):
    value = getattr(WORD, field)
    assert same_words([WORD], shifted(**{field: value + COORD_TOLERANCE - 0.01}))
    assert same_words([WORD], shifted(**{field: value - COORD_TOLERANCE + 0.01}))
    assert not same_words([WORD], shifted(**{field: value + COORD_TOLERANCE + 0.01}))
    assert not same_words([WORD], shifted(**{field: value - 0.34}))


def test_same_words_size_tolerance():
    assert same_words([WORD], shifted(size=10.0 + SIZE_TOLERANCE - 0.01))
    assert not same_words([WORD], shifted(size=10.0 + SIZE_TOLERANCE + 0.01))


def test_same_words_text_bold_count_not_order():
    assert not same_words([WORD], shifted(text="Resultaт"))
    assert not same_words([WORD], shifted(bold=False))
    assert not same_words([WORD], [WORD, WORD])
    assert not same_words([WORD], [])
    other = Word("och", 150.0, 165.0, 200.0, 210.0, 10.0, False)
    assert same_words([WORD, other], [other, WORD])  # the page model orders words itself
    below = Word(WORD.text, WORD.x0, WORD.x1, WORD.top + 12, WORD.bottom + 12, WORD.size, WORD.bold)
    assert same_words([WORD, below, other], [below, other, WORD])
    assert not same_words([WORD, other], [other, shifted(top=WORD.top + 1)[0]])
    assert not same_words([WORD, WORD], [WORD, below])


def test_unusable_is_not_a_descent():
    assert not math.isfinite(UNUSABLE)


def test_a_ligature_whose_ink_passes_its_advance_is_measured_from_the_font():
    """Haninge page 4 has a code for several letters whose glyph's ink reaches past its advance:
    unreadable from PDFium's boxes alone, read alike with the font's widths (LigatureWidths)."""
    path = PDFS / "report-haninge-2012-averages.pdf"
    with pdfplumber.open(str(path)) as plumber:
        page = plumber.pages[3]
        pdfium = pypdfium2.PdfDocument(str(path))
        try:
            without = pdfium_page_words(pdfium[3], declared_descents(page.page_obj))
            ours = pdfium_page_words(pdfium[3], declared_descents(page.page_obj), page.page_obj)
        finally:
            pdfium.close()
        theirs = plumber_words(page)
    assert without is None
    assert ours is not None and same_words(ours, theirs) and [w.text for w in ours] == [w.text for w in theirs]
    assert any(len(c["text"]) > 1 for c in page.chars)  # the page really has a multi-letter code
