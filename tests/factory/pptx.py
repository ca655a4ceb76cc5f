"""ReportSpec of Slide blocks → landscape .pptx, as an evaluator's feedback deck is made.

Each Slide becomes one slide: a coloured title band, a body text box (paragraphs, bullet lists,
a score table) and an optional right-hand box (the large '74 p'). Bullets are real PowerPoint
bullets (a:buChar), so the glyph lives in the paragraph format, as in real decks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt
from lxml import etree

from tests.factory.spec import Bullets, Heading, Para, ReportSpec, Slide, SummaryBox, TableBlock

BAND = RGBColor(0x1F, 0x3A, 0x5F)
ACCENT = RGBColor(0xE0, 0x7A, 0x1F)
GLYPH_FONT = {"•": "Arial", "–": "Arial", "-": "Arial", "o": "Courier New", "symbol": "Symbol"}


def _bullet(paragraph, glyph: str, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.set("marL", str(Emu(Inches(0.3 + 0.3 * level))))
    ppr.set("indent", str(-Emu(Inches(0.28))))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buFont"):
        for el in ppr.findall(qn(tag)):
            ppr.remove(el)
    if glyph == "number":
        el = etree.SubElement(ppr, qn("a:buAutoNum"))
        el.set("type", "arabicPeriod")
        return
    font = etree.SubElement(ppr, qn("a:buFont"))
    font.set("typeface", GLYPH_FONT.get(glyph, "Arial"))
    ch = etree.SubElement(ppr, qn("a:buChar"))
    ch.set("char", "\uf0b7" if glyph == "symbol" else glyph)


def _no_bullet(paragraph) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    etree.SubElement(ppr, qn("a:buNone"))


class PptxWriter:
    def __init__(self, spec: ReportSpec):
        self.spec = spec
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(13.333), Inches(7.5)
        props = self.prs.core_properties
        props.author = spec.options.get("author", "Sveriges Kommuner och Landsting")
        props.title = spec.options.get("title", "")
        props.created = props.modified = dt.datetime(2020, 1, 1)
        props.last_modified_by = props.author
        props.revision = 1
        self.blank = self.prs.slide_layouts[6]
        self.font = spec.body_font

    def _text(self, tf, text: str, size: float, bold=False, colour=None, align=None, first=False):
        p = tf.paragraphs[0] if first else tf.add_paragraph()
        if align is not None:
            p.alignment = align
        parts = text.split("\n")
        for i, part in enumerate(parts):
            r = p.add_run()
            r.text = part
            r.font.size, r.font.bold, r.font.name = Pt(size), bold, self.font
            if colour is not None:
                r.font.color.rgb = colour
            if i < len(parts) - 1:
                p.add_line_break()
        return p

    def slide(self, s: Slide, number: int, total: int) -> None:
        sl = self.prs.slides.add_slide(self.blank)
        W = self.prs.slide_width
        if s.layout == "title":
            band = sl.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, Inches(4.9), W, Inches(2.6))
            band.fill.solid()
            band.fill.fore_color.rgb = BAND
            band.line.fill.background()
            box = sl.shapes.add_textbox(Inches(0.9), Inches(1.5), Inches(11.5), Inches(3.2))
            tf = box.text_frame
            tf.word_wrap = True
            self._text(tf, s.title, 40, True, BAND, first=True)
            for b in s.blocks:
                if isinstance(b, Para):
                    self._text(tf, b.text, 22 if b.style in ("subtitle", "big") else 18, b.style == "bold")
            self._footer(sl, number, total)
            return
        band = sl.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, W, Inches(1.25))
        band.fill.solid()
        band.fill.fore_color.rgb = BAND
        band.line.fill.background()
        title = sl.shapes.add_textbox(Inches(0.6), Inches(0.2), Inches(12.0), Inches(0.9))
        title.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        self._text(title.text_frame, s.title, 30, True, RGBColor(0xFF, 0xFF, 0xFF), first=True)
        body_w = Inches(8.6) if s.side else Inches(12.0)
        top = Inches(1.55)
        tables = [b for b in s.blocks if isinstance(b, TableBlock)]
        texts = [b for b in s.blocks if not isinstance(b, TableBlock)]
        if texts:
            box = sl.shapes.add_textbox(Inches(0.7), top, body_w, Inches(5.3))
            tf = box.text_frame
            tf.word_wrap = True
            first = True
            for b in texts:
                first = self._block(tf, b, first)
        for b in tables:
            self._table(sl, b, Inches(0.7), top + (Inches(0.9) if texts else 0))
        if s.side:
            box = sl.shapes.add_textbox(Inches(9.6), Inches(2.4), Inches(3.2), Inches(2.5))
            tf = box.text_frame
            tf.word_wrap = True
            first = True
            for b in s.side:
                size = 54 if b.style == "big" else 18
                p = self._text(tf, b.text, size, True, ACCENT if b.style == "big" else None, PP_ALIGN.CENTER, first)
                _no_bullet(p)
                first = False
        self._footer(sl, number, total)

    def _block(self, tf, b, first: bool) -> bool:
        if isinstance(b, (Para, Heading)):
            style = getattr(b, "style", "bold")
            size = {"small": 14, "big": 28, "bold": 20}.get(style, 20)
            p = self._text(tf, b.text, size, isinstance(b, Heading) or style == "bold", first=first)
            _no_bullet(p)
            p.space_after = Pt(8)
            return False
        if isinstance(b, Bullets):
            for t in b.texts():
                p = self._text(tf, t, 20, first=first)
                _bullet(p, b.bullet)
                p.space_after = Pt(10)
                first = False
            return False
        if isinstance(b, SummaryBox):
            for fl in b.lists:
                first = self._block(tf, Bullets(fl), first)
            return first
        raise TypeError(f"cannot put {type(b).__name__} on a slide")

    def _table(self, sl, b: TableBlock, left, top) -> None:
        t = b.table
        rows = 1 + len(t.labels) + (1 if t.total_label else 0)
        cols = 1 + len(t.columns)
        width = Inches(t.label_width_cm / 2.54) + Inches(t.value_width_cm / 2.54) * len(t.columns)
        shape = sl.shapes.add_table(rows, cols, left, top, width, Inches(0.38) * rows)
        table = shape.table
        table.columns[0].width = Inches(t.label_width_cm / 2.54)
        for j in range(1, cols):
            table.columns[j].width = Inches(t.value_width_cm / 2.54)
        cells = [[t.label_header] + [c.header for c in t.columns]]
        cells += [[label] + [c.cell_text(a) for c in t.columns] for a, label in t.labels.items()]
        if t.total_label:
            cells.append([t.total_label] + [c.cell_text(None) for c in t.columns])
        for i, row in enumerate(cells):
            for j, text in enumerate(row):
                tf = table.cell(i, j).text_frame
                tf.paragraphs[0].text = ""
                self._text(
                    tf,
                    text,
                    t.font_size + 4,
                    i == 0 or (t.total_label and i == rows - 1),
                    align=PP_ALIGN.CENTER if j else None,
                    first=True,
                )

    def _footer(self, sl, number: int, total: int) -> None:
        if self.spec.footer is None:
            return
        W, H = self.prs.slide_width, self.prs.slide_height
        box = sl.shapes.add_textbox(Inches(0.6), H - Inches(0.55), Inches(9), Inches(0.4))
        self._text(box.text_frame, self.spec.footer, 11, colour=RGBColor(0x60, 0x60, 0x60), first=True)
        if self.spec.page_numbers != "none":
            box = sl.shapes.add_textbox(W - Inches(1.6), H - Inches(0.55), Inches(1.0), Inches(0.4))
            self._text(
                box.text_frame, str(number), 11, colour=RGBColor(0x60, 0x60, 0x60), align=PP_ALIGN.RIGHT, first=True
            )

    def save(self, path: Path) -> Path:
        slides = [b for b in self.spec.body if isinstance(b, Slide)]
        if len(slides) != len(self.spec.body):
            raise TypeError("a pptx spec's body must consist of Slide blocks")
        for i, s in enumerate(slides, 1):
            self.slide(s, i, len(slides))
        self.prs.save(str(path))
        return path


def write_pptx(spec: ReportSpec, path: Path) -> Path:
    """Write spec.body (a list of Slide) as a 16:9 .pptx at path."""
    return PptxWriter(spec).save(path)
