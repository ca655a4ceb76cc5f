"""The fonts of a page as pdfminer reads them, for PDFium's characters (pipeline.reader.pdfium_words).

pdfminer places a character between `baseline - descent·size` and that minus the size, with the
*descent its font dictionary declares* (LibreOffice writes 0), while PDFium substitutes metrics from
the font program. So the declared descent of every font is read with pdfminer's own font objects
(`declared_descents`: only dictionaries are parsed, no content stream), and `FontTable` gives it per
PDFium font handle. A font PDFium would read differently from pdfminer (fractional widths, two
subsets of one name) is marked UNUSABLE; `LigatureWidths` measures a code that stands for several
characters from the font, where PDFium's boxes do not show its advance.
"""

from __future__ import annotations

import ctypes
import math
import re

import pypdfium2.raw as pdfium_c
from pdfminer.pdffont import FontMetricsDB
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdftypes import PDFObjRef, dict_value, list_value, num_value, resolve1, stream_value
from pdfminer.psparser import LIT, PSLiteral, literal_name

#: Nested form XObjects searched for fonts.
MAX_FORM_DEPTH = 4
#: A subset font's name starts with six capitals and "+" (pdfminer keeps it, PDFium drops it).
SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")
#: Added to a font's descents by `declared_descents` when PDFium would read its characters
#: differently from pdfminer (fractional widths, two subsets): no single usable descent then.
UNUSABLE = math.inf


def font_name(name: str) -> str:
    return SUBSET_PREFIX.sub("", name)


def page_font_specs(page_obj) -> list:
    """The font dictionaries of a pdfminer PDFPage: its own and those of the form XObjects it draws
    (each resource dictionary once: forms often share one dictionary that lists them all)."""
    specs: list = []
    seen: set[int] = set()

    def visit(resources, depth: int) -> None:
        resources = dict_value(resolve1(resources)) if resources else {}
        if id(resources) in seen:
            return
        seen.add(id(resources))
        specs.extend(dict_value(resources.get("Font") or {}).values())
        if depth >= MAX_FORM_DEPTH:
            return
        for xobj in dict_value(resources.get("XObject") or {}).values():
            stream = stream_value(xobj)
            if getattr(stream.get("Subtype"), "name", "") == "Form":
                visit(stream.get("Resources"), depth + 1)

    visit(page_obj.resources, 0)
    return specs


def declared_descents(page_obj) -> dict[str, set[float]]:
    """Descent per font name (subset prefix dropped) as pdfminer reads it, for a pdfminer PDFPage
    (`page_font_specs`). A font PDFium would read differently also has UNUSABLE among its
    descents: fractional widths, or two subsets of it (one name without prefix)."""
    manager = PDFResourceManager(caching=True)
    found: dict[str, set[float]] = {}
    full_names: dict[str, set[str]] = {}
    for spec in page_font_specs(page_obj):
        name, descent = font_descent(spec, manager)
        descents = found.setdefault(font_name(name), set())
        descents.add(descent)
        full_names.setdefault(font_name(name), set()).add(name)
        if fractional_widths(spec):
            descents.add(UNUSABLE)
    for name, names in full_names.items():
        if len(names) > 1:
            found[name].add(UNUSABLE)  # two subsets of one font: pdfplumber tells them apart, PDFium's names do not
    return found


class LigatureWidths:
    """The advance (per unit of size, as pdfminer's `char_width`) of a code that stands for several
    characters ("ff" drawn as one glyph), found through the font's ToUnicode map. PDFium gives no
    character codes and repeats such a code's box for each character, and when the glyph's ink
    reaches past its advance the box does not show the advance; pdfminer's font object does. It
    parses the ToUnicode CMap, so the table is built only when a page has such a code."""

    def __init__(self, page_obj):
        self.page_obj = page_obj
        self.table: dict[tuple[str, str], set[float]] | None = None

    def __call__(self, name: str, text: str) -> float | None:
        if self.table is None:
            self.table = {}
            manager = PDFResourceManager(caching=True)
            for spec in page_font_specs(self.page_obj):
                objid = spec.objid if isinstance(spec, PDFObjRef) else None
                font = manager.get_font(objid, dict_value(spec))
                unicode_map = getattr(font, "unicode_map", None)
                for cid, chars in getattr(unicode_map, "cid2unichr", {}).items():
                    if len(chars) > 1:
                        self.table.setdefault((font_name(str(font.fontname)), chars), set()).add(font.char_width(cid))
        widths = self.table.get((name, text), set())
        return next(iter(widths)) if len(widths) == 1 else None


def font_descent(spec, manager: PDFResourceManager) -> tuple[str, float]:
    """A font's name and descent (per unit of size) as pdfminer's font object has them.

    Building that object parses the font's ToUnicode CMap in Python, which costs more than reading
    the page with PDFium; for the common fonts (TrueType, Type1 and CID fonts with a descriptor)
    the two values are read from the descriptor as pdfminer.pdffont.PDFFont reads them. Type3 and
    the standard 14 fonts (metrics from pdfminer's tables) take pdfminer's own object.
    """
    objid = spec.objid if isinstance(spec, PDFObjRef) else None
    font_spec = dict_value(spec)
    subtype = literal_name(font_spec.get("Subtype", LIT("Type1")))
    if subtype == "Type0":
        descendants = list_value(font_spec.get("DescendantFonts", []))
        font_spec = dict_value(descendants[0]) if descendants else {}
        subtype = literal_name(font_spec.get("Subtype", LIT("Type1")))
    base = literal_name(font_spec.get("BaseFont", LIT("unknown")))
    if (
        subtype in ("TrueType", "Type1", "MMType1", "CIDFontType0", "CIDFontType2")
        and "FontDescriptor" in font_spec
        and not is_standard_font(base, subtype)
    ):
        descriptor = dict_value(font_spec["FontDescriptor"])
        name = resolve1(descriptor.get("FontName", "unknown"))
        descent = num_value(descriptor.get("Descent", 0))
        return literal_name(name) if isinstance(name, PSLiteral) else str(name), -abs(descent) * 0.001
    font = manager.get_font(objid, dict_value(spec))
    return str(font.fontname), float(font.get_descent())


def fractional_widths(spec) -> bool:
    """Whether a font declares an advance width that is not a whole number of glyph units: PDFium
    keeps widths as integers (truncated), pdfminer as written, and the difference accumulates
    along a text object. Type3 widths are in glyph space (scaled by the FontMatrix): not checked."""
    font_spec = dict_value(spec)
    numbers: list = []
    if literal_name(font_spec.get("Subtype", LIT("Type1"))) == "Type0":
        for descendant in list_value(font_spec.get("DescendantFonts", [])):
            descendant = dict_value(descendant)
            numbers.append(resolve1(descendant.get("DW", 1000)))
            for item in list_value(descendant.get("W", [])):
                item = resolve1(item)
                numbers.extend(resolve1(v) for v in item) if isinstance(item, list) else numbers.append(item)
    elif literal_name(font_spec.get("Subtype", LIT("Type1"))) != "Type3":
        numbers.extend(resolve1(v) for v in list_value(font_spec.get("Widths", [])))
        descriptor = resolve1(font_spec.get("FontDescriptor"))
        if isinstance(descriptor, dict):
            numbers.append(resolve1(descriptor.get("MissingWidth", 0)))
    return any(isinstance(n, float) and not n.is_integer() for n in numbers)


def is_standard_font(base: str, subtype: str) -> bool:
    """pdfminer takes a Type1 font's metrics from its own tables when it knows the name."""
    if subtype not in ("Type1", "MMType1", "TrueType"):
        return False
    try:
        FontMetricsDB.get_metrics(base)
    except KeyError:
        return False
    return True


class FontTable:
    """PDFium font handle → (name, declared descent, loose); None for a font whose descent is unknown.

    `loose`: PDFium's loose character box includes the advance box (origin to origin + width, what
    pdfminer takes) only for fonts whose ascent and descent differ; for the others it is the
    glyph's ink box alone, and the width is asked of the font instead.
    """

    def __init__(self, descents: dict[str, set[float]], ligatures: LigatureWidths | None = None):
        self.descents = descents
        self.ligatures = ligatures
        self.by_handle: dict[int | None, tuple[str, float] | None] = {}

    def lookup(self, font) -> tuple[str, float, bool] | None:
        key = ctypes.cast(font, ctypes.c_void_p).value if font else None
        if key not in self.by_handle:
            self.by_handle[key] = self.describe(font)
        return self.by_handle[key]

    def describe(self, font) -> tuple[str, float, bool] | None:
        if not font:
            return None
        size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
        name = font_name(buffer.value.decode("utf-8", "replace"))
        descents = self.descents.get(name, set())
        if len(descents) != 1 or not math.isfinite(next(iter(descents))):
            return None
        ascent, descent, em = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(1000.0)
        if not (
            pdfium_c.FPDFFont_GetAscent(font, em, ctypes.byref(ascent))
            and pdfium_c.FPDFFont_GetDescent(font, em, ctypes.byref(descent))
        ):
            return None
        return name, next(iter(descents)), ascent.value != descent.value
