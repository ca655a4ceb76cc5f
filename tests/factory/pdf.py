"""ReportSpec → PDF drawn directly with reportlab: charts and layouts Word does not make.

The radar chart is drawn with its axis labels and tick numbers as real text, which is exactly
the trap: a text extractor reads "1 Offentlighet och demokrati 100 80 60 ..." off the chart page.
Fonts are the Liberation TrueType fonts when installed (embedded like a real export), else the
standard PDF fonts. `rl_config.invariant` keeps the output byte-stable.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Line, Polygon, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak as RLPageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from tests.factory.spec import (
    Bullets,
    Chart,
    Columns,
    Heading,
    Landscape,
    Para,
    ReportSpec,
    ScoreTable,
    Slide,
    SummaryBox,
    TableBlock,
    Toc,
)

rl_config.invariant = 1

FONT_DIR = Path("/usr/share/fonts/truetype/liberation2")
HEADING_COLOUR = colors.HexColor("#1F3A5F")
BOX_FILL = colors.HexColor("#E8EEF4")
_FONTS: dict[str, str] = {}


def fonts() -> dict[str, str]:
    """Font names for serif/sans regular/bold: embedded Liberation if present."""
    if _FONTS:
        return _FONTS
    names = {
        "serif": ("LiberationSerif-Regular", "Times-Roman"),
        "serif-bold": ("LiberationSerif-Bold", "Times-Bold"),
        "serif-italic": ("LiberationSerif-Italic", "Times-Italic"),
        "sans": ("LiberationSans-Regular", "Helvetica"),
        "sans-bold": ("LiberationSans-Bold", "Helvetica-Bold"),
    }
    for key, (ttf, std) in names.items():
        path = FONT_DIR / f"{ttf}.ttf"
        if path.exists():
            pdfmetrics.registerFont(TTFont(ttf, str(path)))
            _FONTS[key] = ttf
        else:
            _FONTS[key] = std
    return _FONTS


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br/>")


class TocLine(Flowable):
    """'Område 3 ... 58 p .......... 12': text, dot leaders, right-aligned page number."""

    def __init__(self, text: str, page: str, font: str, size: float, width: float, indent: float = 0):
        super().__init__()
        self.text, self.page, self.font, self.size = text, page, font, size
        self.width, self.indent = width, indent
        self.height = size * 1.6

    def wrap(self, aw, ah):
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.setFont(self.font, self.size)
        c.drawString(self.indent, 2, self.text)
        if self.page:
            c.drawRightString(self.width, 2, self.page)
            x0 = self.indent + pdfmetrics.stringWidth(self.text, self.font, self.size) + 4
            x1 = self.width - pdfmetrics.stringWidth(self.page, self.font, self.size) - 4
            dot = pdfmetrics.stringWidth(". ", self.font, self.size)
            n = max(0, int((x1 - x0) / dot))
            c.drawRightString(x1, 2, ". " * n)


def radar(chart: Chart, width: float, height: float, font: str) -> Drawing:
    d = Drawing(width, height)
    cx, cy, r = width / 2, height / 2 - 10, min(width, height) / 2 - 70
    n = len(chart.labels)
    top = max(chart.ticks)

    def point(i, v):
        ang = math.pi / 2 - 2 * math.pi * i / n
        return cx + r * v / top * math.cos(ang), cy + r * v / top * math.sin(ang)

    for t in chart.ticks:
        pts = [c for i in range(n) for c in point(i, t)]
        d.add(Polygon(pts, strokeColor=colors.HexColor("#B0B0B0"), fillColor=None, strokeWidth=0.5))
    for i in range(n):
        x, y = point(i, top)
        d.add(Line(cx, cy, x, y, strokeColor=colors.HexColor("#B0B0B0"), strokeWidth=0.5))
    axis = n // 4  # tick numbers along the horizontal axis, as text on the labels' line
    for t in chart.ticks:
        x, y = point(axis, t)
        d.add(String(x - 4, y + 3, str(t), fontName=font, fontSize=7, fillColor=colors.HexColor("#606060")))
    palette = [colors.HexColor("#1F5F9F"), colors.HexColor("#C05020")]
    for k, (_, values) in enumerate(chart.series):
        pts = [c for i, v in enumerate(values) for c in point(i, v)]
        d.add(Polygon(pts, strokeColor=palette[k % 2], fillColor=None, strokeWidth=1.6))
    for i, label in enumerate(chart.labels):
        x, y = point(i, top * 1.12)
        anchor = "middle" if abs(x - cx) < 5 else ("start" if x > cx else "end")
        lines = label.split("\n")
        for j, ln in enumerate(lines):
            d.add(String(x, y - j * 10 + (len(lines) - 1) * 5, ln, fontName=font, fontSize=8.5, textAnchor=anchor))
    for k, (name, _) in enumerate(chart.series):  # legend
        y = 12 + 12 * k
        d.add(Line(10, y + 3, 30, y + 3, strokeColor=palette[k % 2], strokeWidth=1.6))
        d.add(String(34, y, name, fontName=font, fontSize=8))
    return d


class PdfWriter:
    def __init__(self, spec: ReportSpec):
        self.spec = spec
        f = fonts()
        serif = spec.body_font.lower().startswith(("times", "garamond", "georgia", "liberation serif"))
        self.body = f["serif"] if serif else f["sans"]
        self.bold = f["serif-bold"] if serif else f["sans-bold"]
        self.sans, self.sans_bold, self.italic = f["sans"], f["sans-bold"], f["serif-italic"]
        size = spec.body_size
        self.pagesize = landscape(A4) if spec.landscape else A4
        self.width = self.pagesize[0] - 5 * cm
        S = ParagraphStyle
        self.styles = {
            "body": S("body", fontName=self.body, fontSize=size, leading=size * 1.3, spaceAfter=6),
            "title": S(
                "title", fontName=self.sans_bold, fontSize=28, leading=34, spaceAfter=14, textColor=HEADING_COLOUR
            ),
            "subtitle": S(
                "subtitle", fontName=self.sans, fontSize=17, leading=22, spaceAfter=10, textColor=HEADING_COLOUR
            ),
            "cover": S("cover", fontName=self.body, fontSize=12.5, leading=16, spaceAfter=10),
            "small": S("small", fontName=self.body, fontSize=9, leading=11, spaceAfter=4),
            "caption": S("caption", fontName=self.sans_bold, fontSize=10, leading=13, spaceAfter=4),
            "footnote": S("footnote", fontName=self.body, fontSize=8.5, leading=10, spaceBefore=2, spaceAfter=8),
            "bold": S("bold", fontName=self.bold, fontSize=size, leading=size * 1.3, spaceAfter=4),
            "big": S("big", fontName=self.sans_bold, fontSize=22, leading=26),
            "h1": S(
                "h1",
                fontName=self.sans_bold,
                fontSize=15,
                leading=19,
                spaceBefore=12,
                spaceAfter=6,
                textColor=HEADING_COLOUR,
            ),
            "h2": S(
                "h2",
                fontName=self.sans_bold,
                fontSize=12.5,
                leading=16,
                spaceBefore=10,
                spaceAfter=5,
                textColor=HEADING_COLOUR,
            ),
            "bullet": S(
                "bullet",
                fontName=self.body,
                fontSize=size,
                leading=size * 1.3,
                leftIndent=18,
                bulletIndent=4,
                spaceAfter=3,
                bulletFontName=self.body,
                bulletFontSize=min(size, 10),
            ),  # reportlab's 10 pt, never above the text's size
            "cell": S("cell", fontName=self.body, fontSize=10, leading=12),
        }

    # -- blocks -----------------------------------------------------------------------------
    def flow(self, blocks, width=None) -> list:
        out = []
        for b in blocks:
            out.extend(getattr(self, "f_" + type(b).__name__.lower())(b, width or self.width))
        return out

    def f_para(self, b: Para, w):
        st = self.styles[b.style].clone(b.style + "x")
        st.alignment = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}[b.align]
        return [Paragraph(esc(b.text), st)]

    def f_heading(self, b: Heading, w):
        out = [RLPageBreak()] if b.page_break else []
        return out + [Paragraph(esc(b.text), self.styles["h1" if b.level == 1 else "h2"])]

    def f_pagebreak(self, b, w):
        return [RLPageBreak()]

    def _bullets(self, texts, glyph):
        out = []
        for i, t in enumerate(texts, 1):
            g = f"{i}." if glyph == "number" else ("\uf0b7" if glyph == "symbol" else glyph)
            out.append(Paragraph(esc(t), self.styles["bullet"], bulletText=g))
        return out

    def f_bullets(self, b: Bullets, w):
        return self._bullets(b.texts(), b.bullet)

    def f_summarybox(self, b: SummaryBox, w):
        inner = [Paragraph(esc(b.title), self.styles["h2"])]
        for fl in b.lists:
            inner.append(Paragraph(esc(fl.heading), self.styles["bold"]))
            inner.extend(self._bullets([f.typed for f in fl.items], fl.glyph))
        if not b.boxed:
            return inner
        t = Table([[inner]], colWidths=[w])
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), BOX_FILL),
                    ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#7F8FA6")),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ]
            )
        )
        return [Spacer(1, 6), t, Spacer(1, 10)]

    def f_toc(self, b: Toc, w):
        out = [Paragraph(esc(b.title), self.styles["h1"]), Spacer(1, 6)]
        for e in b.entries:
            page = e.target.page if e.target is not None else e.page
            font = self.bold if e.level == 1 else self.body
            out.append(TocLine(e.text, "" if page is None else str(page), font, 11, w, 14 * (e.level - 1)))
        return out

    def f_tableblock(self, b: TableBlock, w):
        t: ScoreTable = b.table
        out = []
        if t.caption:
            out.append(Paragraph(esc(t.caption), self.styles["caption"]))
        if t.note:
            out.append(Paragraph(esc(t.note), self.styles["body"].clone("note", spaceAfter=3)))
        aligns = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
        cell = self.styles["cell"].clone("c", fontSize=t.font_size, leading=t.font_size * 1.25)
        cell_c = cell.clone("cc", alignment=aligns[t.number_align])
        bold = cell.clone("b", fontName=self.bold)
        bold_c = bold.clone("bc", alignment=aligns[t.header_align])
        bold_n = bold.clone("bn", alignment=aligns[t.number_align])
        rows = []
        if t.group_header:
            row = []
            for text, span in t.group_header:
                row.append(Paragraph(esc(text), bold_c if row else bold))
                row.extend([""] * (span - 1))
            rows.append(row)
        rows.append([Paragraph(esc(t.label_header), bold)] + [Paragraph(esc(c.header), bold_c) for c in t.columns])
        for area, label in t.labels.items():
            rows.append([Paragraph(esc(label), cell)] + [Paragraph(esc(c.cell_text(area)), cell_c) for c in t.columns])
        if t.total_label:
            rows.append(
                [Paragraph(esc(t.total_label), bold)] + [Paragraph(esc(c.cell_text(None)), bold_n) for c in t.columns]
            )
        h = 1 if t.group_header else 0
        table = Table(
            rows,
            colWidths=[t.label_width_cm * cm] + [t.value_width_cm * cm] * len(t.columns),
            repeatRows=h + 1 if t.split else 0,
        )
        style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        if t.borders == "grid" or (t.borders is None and t.style == "ruled"):
            style += [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
            if t.style == "ruled":
                style += [("BACKGROUND", (0, 0), (-1, h), colors.HexColor("#D9E2F3"))]
        elif t.borders == "hrules":
            style += [
                ("LINEABOVE", (0, 0), (-1, 0), 0.6, colors.black),
                ("LINEBELOW", (0, 0), (-1, -1), 0.6, colors.black),
            ]
        elif t.borders is None:
            style += [("LINEBELOW", (0, h), (-1, h), 0.6, colors.black)]
        if t.group_header:
            col = 0
            for _, span in t.group_header:
                if span > 1:
                    style.append(("SPAN", (col, 0), (col + span - 1, 0)))
                col += span
        table.setStyle(TableStyle(style))
        out.append(table)
        if t.footnote:
            out.append(Paragraph(esc(t.footnote), self.styles["footnote"]))
        out.append(Spacer(1, 10))
        return out if t.split else [KeepTogether(out)]

    def f_columns(self, b: Columns, w):
        left, right = self.flow(b.left, b.widths_cm[0] * cm - 12), self.flow(b.right, b.widths_cm[1] * cm - 12)
        # KeepTogether cannot size itself inside a table cell (a score table in a column)
        left, right = (
            [x for f in side for x in (f._content if isinstance(f, KeepTogether) else [f])] for side in (left, right)
        )
        t = Table([[left, right]], colWidths=[b.widths_cm[0] * cm, b.widths_cm[1] * cm])
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return [t]

    def f_landscape(self, b: Landscape, w):
        inner = self.flow(b.blocks, landscape(A4)[0] - 5 * cm)
        return [NextPageTemplate("Landscape"), RLPageBreak(), *inner, NextPageTemplate("Later"), RLPageBreak()]

    def f_chart(self, b: Chart, w):
        return [
            CondPageBreak(12 * cm),
            Paragraph(esc(b.title), self.styles["caption"]),
            radar(b, w, 13.5 * cm, self.sans),
            Spacer(1, 8),
        ]

    def f_slide(self, b: Slide, w):
        raise NotImplementedError("slides are written by pptx.py")

    # -- page furniture -----------------------------------------------------------------------
    def build(self, path: Path) -> Path:
        spec, writer = self.spec, self

        class Numbered(rl_canvas.Canvas):
            """Defers page furniture until the page count is known ('5 (29)')."""

            def __init__(self, *a, **k):
                super().__init__(*a, **k)
                self._states = []

            def showPage(self):
                self._states.append(dict(self.__dict__))
                self._startPage()

            def save(self):
                total = len(self._states)
                for state in self._states:
                    self.__dict__.update(state)
                    writer.furniture(self, self._pageNumber, total)
                    super().showPage()
                super().save()

        class Doc(SimpleDocTemplate):
            """SimpleDocTemplate plus a landscape page template after its own two (for Landscape blocks).

            A landscape section that runs over a page goes on in landscape until its end, as a Word
            section does: SimpleDocTemplate would switch every page after the first back to 'Later'."""

            def handle_pageBegin(self):
                self._handle_pageBegin()
                if self.pageTemplate.id == "First":
                    self._handle_nextPageTemplate("Later")

            def addPageTemplates(self, templates):
                super().addPageTemplates(templates)
                if any(getattr(t, "id", None) == "Later" for t in templates):
                    lw, lh = landscape(A4)
                    frame = Frame(2.5 * cm, 2.3 * cm, lw - 5 * cm, lh - 4.8 * cm, id="landscape")
                    super().addPageTemplates([PageTemplate(id="Landscape", frames=frame, pagesize=(lw, lh))])

        doc = Doc(
            str(path),
            pagesize=self.pagesize,
            leftMargin=2.5 * cm,
            rightMargin=2.5 * cm,
            topMargin=2.5 * cm,
            bottomMargin=2.3 * cm,
            title=spec.options.get("title", ""),
            author=spec.options.get("author", "Sveriges Kommuner och Landsting"),
            creator="Microsoft Word" if spec.options.get("creator_word") else "ReportLab",
        )
        doc.build(self.flow(spec.body), canvasmaker=Numbered)
        return path

    def furniture(self, c, page: int, total: int) -> None:
        spec = self.spec
        if page == 1 and spec.first_page_plain:
            return
        w, h = c._pagesize
        c.saveState()
        c.setFont(self.sans, 8.5)
        c.setFillColor(colors.HexColor("#555555"))
        if spec.header:
            left, _, right = spec.header.partition("\t")
            c.drawString(2.5 * cm, h - 1.5 * cm, left)
            if right:
                c.drawRightString(w - 2.5 * cm, h - 1.5 * cm, right)
        c.setFillColor(colors.black)
        if spec.footer:
            c.drawString(2.5 * cm, 1.3 * cm, spec.footer)
        if spec.page_numbers == "n_of_m":
            c.drawRightString(w - 2.5 * cm, 1.3 * cm, f"{page} ({total})")
        elif spec.page_numbers == "n":
            c.drawRightString(w - 2.5 * cm, 1.3 * cm, str(page))
        c.restoreState()


def write_pdf(spec: ReportSpec, path: Path) -> Path:
    """Draw spec.body straight to a PDF at path."""
    return PdfWriter(spec).build(path)
