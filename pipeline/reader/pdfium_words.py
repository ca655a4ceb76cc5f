"""pdfplumber's words, read through PDFium: the same page model at a fraction of the cost.

pdfplumber gets its characters from pdfminer, which interprets every content stream in Python; that
is nearly all of the time a page model takes. PDFium (C++) reads the same characters with the same
origins, advances and font sizes. What differs is the vertical box: pdfminer places a character
between `baseline - descent·size` and that minus the size, with the *descent its font dictionary
declares* (LibreOffice writes 0), while PDFium substitutes metrics from the font program. So the
declared descent of every font is read with pdfminer's own font objects (pipeline.reader.pdfium_fonts:
only dictionaries are parsed, no content stream), and the words are grouped exactly as
pdfplumber's `extract_words` groups characters (`group_words`, with pipeline.reader.plumber_words'
settings).

A character's right edge is where its advance width ends. PDFium's loose box is the union of the
advance box and the glyph's ink box (CPDF_TextPage's GetLooseBounds), so its right side is the
advance wherever the ink stops short of it, which is most characters; where the ink reaches past
it (italics, "f", "l" in some fonts) the width is asked of the font instead.

A page is *not* read this way (`pdfium_page_words` returns None) when PDFium cannot vouch for
pdfplumber's result there: a turned page (/Rotate) or rotated, mirrored or skewed text; characters
without a Unicode mapping or right-to-left ones (PDFium reorders them); a font whose declared
descent is unknown or ambiguous, that has fractional widths (PDFium truncates /Widths to whole
units, so its origins drift from pdfminer's along a line: reportlab's TrueType fonts), or that has
two subsets on the page (PDFium names both alike); a character whose advance neither the loose box
nor the font gives; a text object PDFium's text page leaves out (one repeating the one before it at
the same place — fake bold, overprinting —, or one of no width); a CropBox without a MediaBox of
the page's own. pipeline.reader.triage parses those pages with pdfplumber, and compares both
readings on the pages it parses with both (`same_words`), so a document where the readings differ
anyway is read wholly by pdfplumber.
"""

from __future__ import annotations

import ctypes
import itertools
import unicodedata

import pypdfium2
import pypdfium2.raw as pdfium_c
from pdfplumber.utils.text import LIGATURES

from extractors.page import Word

from .pdfium_fonts import FontTable, LigatureWidths
from .plumber_words import X_TOLERANCE

#: pdfplumber's y_tolerance (its default, which pipeline.reader.plumber_words keeps).
Y_TOLERANCE = 3.0
#: What PDFium reports for a character it has no Unicode value for, and for a line-end hyphen.
NO_UNICODE = {0, 0xFFFD}
BLANKS = {0x20, 0x0A, 0x0D}
HYPHEN_MARKS = {0x02, 0xFFFE}
#: Two readings of a word are the same when every coordinate is within this (pt): PDFium and
#: pdfminer round advance widths differently, by up to ~0.1 pt at the end of a long word.
COORD_TOLERANCE = 0.25
SIZE_TOLERANCE = 0.05
#: How far (pt) the loose box must reach past the ink box to be taken as the advance width.
EDGE_EPSILON = 0.005


def bare(function, restype, *argtypes):
    """A PDFium function called with plain integers (text page and buffer addresses): pypdfium2's
    bindings convert pointer arguments on every call, and characters are asked one by one."""
    return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(function, ctypes.c_void_p).value)


_P, _I = ctypes.c_void_p, ctypes.c_int
#: FPDFText_GetTextObject returning the object's address: pypdfium2's binding returns a new pointer
#: object per call, which cannot be compared cheaply.
text_object_address = bare(pdfium_c.FPDFText_GetTextObject, _P, _P, _I)
get_unicode = bare(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _P, _I)
is_generated = bare(pdfium_c.FPDFText_IsGenerated, _I, _P, _I)
map_error = bare(pdfium_c.FPDFText_HasUnicodeMapError, _I, _P, _I)
char_origin = bare(pdfium_c.FPDFText_GetCharOrigin, _I, _P, _I, _P, _P)
loose_box = bare(pdfium_c.FPDFText_GetLooseCharBox, _I, _P, _I, _P)
ink_box = bare(pdfium_c.FPDFText_GetCharBox, _I, _P, _I, _P, _P, _P, _P)
page_object_count = bare(pdfium_c.FPDFPage_CountObjects, _I, _P)
page_object = bare(pdfium_c.FPDFPage_GetObject, _P, _P, _I)
object_type = bare(pdfium_c.FPDFPageObj_GetType, _I, _P)
form_object_count = bare(pdfium_c.FPDFFormObj_CountObjects, _I, _P)
form_object = bare(pdfium_c.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
#: The first right-to-left code point (Hebrew): characters below it are never RTL.
RTL_FROM = 0x0590


#: A character as pdfminer boxes it: (text, x0, x1, top, bottom, size, font name). A plain tuple,
#: since a page has thousands.
Char = tuple[str, float, float, float, float, float, str]
TEXT, X0, X1, TOP, BOTTOM, SIZE, FONT = range(7)


def page_chars(page: pypdfium2.PdfPage, fonts: FontTable) -> list[Char] | None:
    """The page's characters as pdfminer boxes them, in content order; None when PDFium cannot
    vouch for them (see the module docstring). A hot loop: six PDFium calls per character, the
    font, size and matrix asked once per text object (one text-showing operator, one of each).
    It stays one function over the 60-line limit (tests/test_code_layout.py names it): helpers
    called per character would cost a call each on the run's most frequent path.

    PDFium's text page is not quite the content: it sorts the text objects of a line by x, and it
    drops a text object that repeats the one before it at (nearly) the same place (fake bold,
    overprinting) and one of no width. The first is undone (runs put back in content order); the
    others make the page unreadable here, since pdfplumber keeps every character.
    """
    height = mediabox_height(page)
    if height is None or page.get_rotation():
        return None  # pdfminer turns the page, PDFium does not
    order = text_object_order(page)
    textpage = page.get_textpage()
    raw = textpage.raw
    page_text = ctypes.cast(raw, ctypes.c_void_p).value
    try:
        box, x, y, matrix = pdfium_c.FS_RECTF(), ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_MATRIX()
        width, ink_left, ink_right, ink_bottom, ink_top = ctypes.c_float(), *(ctypes.c_double() for _ in range(4))
        p_box, p_x, p_y = ctypes.addressof(box), ctypes.addressof(x), ctypes.addressof(y)
        p_ink = tuple(map(ctypes.addressof, (ink_left, ink_right, ink_bottom, ink_top)))
        p_matrix, p_width, glyph_width = ctypes.byref(matrix), ctypes.byref(width), pdfium_c.FPDFFont_GetGlyphWidth
        chars: list[Char] = []
        append = chars.append
        runs: list[tuple[int, int]] = []  # (content index of a text object, first char)
        last_object = handle = c_size = None
        name, descent, loose, size, scale = "", 0.0, True, 0.0, 1.0
        right, from_box = 0.0, False
        last_piece: tuple = (None, None, None, False)  # text object, origin, right edge from the box
        piece_start, ligature = 0, None  # where the piece began; its code's pending advance
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            code = get_unicode(page_text, i)
            if code in BLANKS and is_generated(page_text, i):
                continue  # PDFium's own space or line break
            if code in NO_UNICODE or map_error(page_text, i) or (code >= RTL_FROM and is_rtl(code)):
                return None
            obj = text_object_address(page_text, i)
            if obj != last_object:
                last_object = obj
                if obj not in order:
                    return None
                runs.append((order[obj], len(chars)))
                handle = pdfium_c.FPDFTextObj_GetFont(ctypes.cast(obj, pdfium_c.FPDF_PAGEOBJECT))
                font = fonts.lookup(handle)
                if (
                    font is None
                    or not pdfium_c.FPDFText_GetMatrix(raw, i, p_matrix)
                    or matrix.b
                    or matrix.c
                    or matrix.a <= 0
                    or matrix.d <= 0
                ):
                    return None
                name, descent, loose = font
                c_size = ctypes.c_float(pdfium_c.FPDFText_GetFontSize(raw, i))  # Tf's operand
                size = c_size.value * matrix.d  # pdfminer's size: the glyph box's height
                scale = matrix.a  # text space to page, horizontal scaling (Tz) included
            char_origin(page_text, i, p_x, p_y)
            if obj == last_piece[0] and x.value == last_piece[1] and y.value == last_piece[2]:
                # One code, several characters ("tt" in one glyph, "ﬁ" normalised): PDFium repeats
                # the code's boxes, while the font's width would be that of one character's glyph.
                if not last_piece[3]:
                    ligature = (piece_start, name, c_size.value, scale)
            elif ligature is not None and not ligature_advance(chars, *ligature, fonts):
                return None
            elif loose:
                loose_box(page_text, i, p_box)
                ink_box(page_text, i, *p_ink)
                if box.right > ink_right.value + EDGE_EPSILON:
                    right = box.right  # the advance box sticks out: its end
                    from_box = True
                elif (
                    glyph_width(handle, code, c_size, p_width)
                    and x.value + width.value * scale <= box.right + EDGE_EPSILON
                ):
                    right = x.value + width.value * scale  # the ink covers the advance
                    from_box = False
                else:
                    return None  # the font's width contradicts the box
            elif glyph_width(handle, code, c_size, p_width):
                right, from_box = x.value + width.value * scale, False
            else:
                return None
            if last_piece[:3] != (obj, x.value, y.value):
                piece_start, ligature = len(chars), None
            last_piece = (obj, x.value, y.value, from_box)
            bottom = height - y.value - descent * size
            append(("-" if code in HYPHEN_MARKS else chr(code), x.value, right, bottom - size, bottom, size, name))
        if ligature is not None and not ligature_advance(chars, *ligature, fonts):
            return None
        if len({index for index, _ in runs}) != len(order):
            return None  # a text object PDFium left out
        return content_order(chars, runs)
    finally:
        textpage.close()


def ligature_advance(chars: list[Char], start: int, name: str, tf_size: float, scale: float, fonts: FontTable) -> bool:
    """Give the characters of one multi-character code (chars[start:]) the end of the code's
    advance, where pdfminer ends its one character; False when the font does not say it
    unambiguously. tf_size is Tf's operand, scale the text matrix's horizontal factor."""
    width = fonts.ligatures(name, "".join(c[TEXT] for c in chars[start:])) if fonts.ligatures else None
    if width is None:
        return False
    right = chars[start][X0] + width * tf_size * scale
    chars[start:] = [(c[TEXT], c[X0], right, *c[TOP:]) for c in chars[start:]]
    return True


def content_order(chars: list[Char], runs: list[tuple[int, int]]) -> list[Char]:
    """The characters with PDFium's runs (one text object each) put back in content order."""
    if all(a[0] < b[0] for a, b in zip(runs, runs[1:])):
        return chars
    bounds = [start for _, start in runs[1:]] + [len(chars)]
    spans = sorted((index, start, stop) for (index, start), stop in zip(runs, bounds))
    return [c for _, start, stop in spans for c in chars[start:stop]]


def text_object_order(page: pypdfium2.PdfPage) -> dict[int, int]:
    """Address → content index of every text object on the page, form XObjects' in place (where
    pdfminer, and PDFium's text page, read them)."""
    order: dict[int, int] = {}

    def visit(count: int, get) -> None:
        for k in range(count):
            obj = get(k)
            kind = object_type(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                order[obj] = len(order)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                visit(form_object_count(obj), lambda j, form=obj: form_object(form, j))

    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    visit(page_object_count(handle), lambda k: page_object(handle, k))
    return order


def mediabox_height(page: pypdfium2.PdfPage) -> float | None:
    """The height pdfplumber measures `top` from: the MediaBox's (PDFium's page height is the
    CropBox's). None when the page inherits its MediaBox but has a CropBox of its own (PDFium
    reads only the page's own boxes): the two cannot be told apart then."""
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if pdfium_c.FPDFPage_GetMediaBox(page.raw, left, bottom, right, top):
        return abs(top.value - bottom.value)
    if pdfium_c.FPDFPage_GetCropBox(page.raw, left, bottom, right, top):
        return None
    return page.get_height()


def is_rtl(code: int) -> bool:
    """A right-to-left character: PDFium reverses such runs (bidi), pdfminer keeps content order."""
    return unicodedata.bidirectional(chr(code)) in ("R", "AL")


def group_words(chars: list[Char]) -> list[Word]:
    """pdfplumber's WordExtractor (use_text_flow=False, keep_blank_chars=False, extra_attrs size and
    fontname): runs of one font and size in content order, each clustered into lines by `top`
    and sorted by x0, split at blanks and at gaps over X_TOLERANCE."""
    words: list[Word] = []
    for _, run in itertools.groupby(chars, key=lambda c: (c[SIZE], c[FONT])):
        run = list(run)
        line_of = line_clusters(sorted({c[TOP] for c in run}))
        run.sort(key=lambda c: line_of[c[TOP]])  # stable: content order within a line
        for _, line in itertools.groupby(run, key=lambda c: line_of[c[TOP]]):
            current: list[Char] = []
            for char in sorted(line, key=lambda c: c[X0]):
                if char[TEXT].isspace():
                    if current:
                        words.append(merge(current))
                    current = []
                elif current and begins_new_word(current[-1], char):
                    words.append(merge(current))
                    current = [char]
                else:
                    current.append(char)
            if current:
                words.append(merge(current))
    return words


def line_clusters(tops: list[float]) -> dict[float, int]:
    """pdfplumber's cluster_list: sorted values chained while each is within Y_TOLERANCE of the last."""
    cluster, last, out = 0, None, {}
    for top in tops:
        if last is not None and top > last + Y_TOLERANCE:
            cluster += 1
        out[top] = cluster
        last = top
    return out


def begins_new_word(prev: Char, char: Char) -> bool:
    return char[X0] < prev[X0] or char[X0] > prev[X1] + X_TOLERANCE or abs(char[TOP] - prev[TOP]) > Y_TOLERANCE


def merge(chars: list[Char]) -> Word:
    first = chars[0]
    return Word(
        "".join(LIGATURES.get(c[TEXT], c[TEXT]) for c in chars),
        min(c[X0] for c in chars),
        max(c[X1] for c in chars),
        min(c[TOP] for c in chars),
        max(c[BOTTOM] for c in chars),
        first[SIZE],
        "bold" in first[FONT].lower(),
    )


def pdfium_page_words(page: pypdfium2.PdfPage, descents: dict[str, set[float]], page_obj=None) -> list[Word] | None:
    """pdfplumber's words of the page, or None; with the pdfminer page (`page_obj`), codes that
    stand for several characters are measured from the font (`LigatureWidths`) instead of
    making the page unreadable."""
    chars = page_chars(page, FontTable(descents, LigatureWidths(page_obj) if page_obj is not None else None))
    return None if chars is None else group_words(chars)


def same_words(ours: list[Word], theirs: list[Word]) -> bool:
    """Whether two readings of a page give the same words (text, bold, size and box), in any order.

    The order is left out because the page model does not use it (extractors.page.words_to_lines
    orders words by position), and pdfplumber's does not only follow the page: it groups characters
    by font size first, and pdfminer's sizes carry float noise from the text matrix
    (9.000000000000028 on one line, 9.0 on the next) where PDFium's do not, so a wrapped table
    label and its row's value come out in either order. Each reading is sorted by text, then
    position, and compared word for word.
    """

    def order(w: Word) -> tuple:
        return w.text, w.top, w.x0

    return len(ours) == len(theirs) and all(
        a.text == b.text
        and a.bold == b.bold
        and abs(a.size - b.size) <= SIZE_TOLERANCE
        and max(abs(a.x0 - b.x0), abs(a.x1 - b.x1), abs(a.top - b.top), abs(a.bottom - b.bottom)) <= COORD_TOLERANCE
        for a, b in zip(sorted(ours, key=order), sorted(theirs, key=order))
    )
