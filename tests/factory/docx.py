"""ReportSpec → .docx, written the way municipal Word reports are (converted by convert.py).

Real reports use Word's own machinery, so this does too: built-in heading styles, list numbering
definitions for bullets (a Symbol-font bullet comes out as U+F0B7 in the PDF text layer), real
tables (ruled 'Table Grid' or borderless), tab stops with dot leaders for the table of contents,
PAGE/NUMPAGES fields in the footer, a two-column section, a borderless layout table on covers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

from tests.factory.spec import (
    Bullets,
    Chart,
    Columns,
    Heading,
    Landscape,
    PageBreak,
    Para,
    ReportSpec,
    ScoreTable,
    Slide,
    SummaryBox,
    TableBlock,
    Toc,
)

TEXT_WIDTH_CM = 16.0  # A4 with 2.5 cm margins
HEADING_COLOUR = RGBColor(0x1F, 0x3A, 0x5F)
BOX_FILL = "E8EEF4"

#: Bullet glyph → (lvlText, font, numFmt).
GLYPHS = {
    "•": ("\u2022", "Arial", "bullet"),
    "–": ("\u2013", "Arial", "bullet"),
    "-": ("-", "Arial", "bullet"),
    "o": ("o", "Courier New", "bullet"),
    "symbol": ("\uf0b7", "Symbol", "bullet"),
    "number": ("%1.", None, "decimal"),
}

ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def set_run_font(
    run,
    name: str | None = None,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    colour: RGBColor | None = None,
) -> None:
    if name:
        run.font.name = name
        rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            rfonts.set(qn(attr), name)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic
    if colour is not None:
        run.font.color.rgb = colour


def style_font(
    style, name: str, size: float | None = None, bold: bool | None = None, colour: RGBColor | None = None
) -> None:
    style.font.name = name
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in list(rfonts.attrib):
        if attr.endswith("Theme"):
            del rfonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), name)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if colour is not None:
        style.font.color.rgb = colour
    style.font.italic = False


def add_field(paragraph, instr: str, placeholder: str = "1", font: str | None = None, size: float | None = None):
    """A complex field (PAGE, NUMPAGES) that LibreOffice evaluates when exporting."""

    def run_with(xml: str):
        run = paragraph.add_run()
        run._element.append(parse_xml(xml))
        set_run_font(run, font, size)
        return run

    run_with(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>')
    run_with(f'<w:instrText {nsdecls("w")} xml:space="preserve"> {instr} </w:instrText>')
    run_with(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>')
    r = paragraph.add_run(placeholder)
    set_run_font(r, font, size)
    run_with(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>')


class DocxWriter:
    def __init__(self, spec: ReportSpec):
        self.spec = spec
        self.doc = Document()
        self._abstract: dict[str, int] = {}
        self._next_abstract = 100
        self._next_num = 100
        self._setup()

    # -- document set-up ----------------------------------------------------------------------
    def _setup(self) -> None:
        spec, doc = self.spec, self.doc
        props = doc.core_properties
        props.author = spec.options.get("author", "Sveriges Kommuner och Landsting")
        props.title = spec.options.get("title", "")
        props.created = props.modified = dt.datetime(2020, 1, 1)
        props.last_modified_by = props.author
        props.revision = 1
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        if spec.landscape:
            sec.orientation = WD_ORIENT.LANDSCAPE
            sec.page_width, sec.page_height = Cm(29.7), Cm(21.0)
        for side in ("left_margin", "right_margin"):
            setattr(sec, side, Cm(2.5))
        sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.3)
        sec.header_distance, sec.footer_distance = Cm(1.2), Cm(1.1)
        normal = doc.styles["Normal"]
        style_font(normal, spec.body_font, spec.body_size)
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.line_spacing = 1.1
        for name, size in (("Heading 1", 15), ("Heading 2", 12.5), ("Heading 3", 11.5), ("Title", 26)):
            st = doc.styles[name]
            style_font(st, spec.heading_font, size, True, HEADING_COLOUR)
            st.paragraph_format.space_before = Pt(12 if name != "Heading 3" else 8)
            st.paragraph_format.space_after = Pt(6)
            st.paragraph_format.keep_with_next = True
        for name in ("Header", "Footer"):  # the template's centre/right stops would catch our tabs
            doc.styles[name].paragraph_format.tab_stops.clear_all()
        self._header_footer(sec)

    def _header_footer(self, sec) -> None:
        spec = self.spec
        sec.different_first_page_header_footer = spec.first_page_plain
        width = Cm(29.7 - 5.0) if spec.landscape else Cm(21.0 - 5.0)
        if spec.header:
            p = sec.header.paragraphs[0]
            p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            left, _, right = spec.header.partition("\t")
            r = p.add_run(left)
            set_run_font(r, spec.heading_font, 8.5, colour=RGBColor(0x55, 0x55, 0x55))
            if right:
                r = p.add_run("\t" + right)
                set_run_font(r, spec.heading_font, 8.5, colour=RGBColor(0x55, 0x55, 0x55))
            if spec.page_numbers == "header":
                self._page_number(p, spec.heading_font, 8.5)
        if spec.footer is not None or spec.page_numbers in ("n_of_m", "n"):
            p = sec.footer.paragraphs[0]
            p.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
            if spec.footer:
                r = p.add_run(spec.footer)
                set_run_font(r, spec.heading_font, 8.5)
            if spec.page_numbers in ("n_of_m", "n"):
                self._page_number(p, spec.heading_font, 8.5, lead="\t")

    def _page_number(self, p, font, size, lead="") -> None:
        if lead:
            set_run_font(p.add_run(lead), font, size)
        add_field(p, "PAGE", "1", font, size)
        if self.spec.page_numbers in ("n_of_m", "header"):
            set_run_font(p.add_run(" (" if self.spec.page_numbers == "n_of_m" else "("), font, size)
            add_field(p, "NUMPAGES", "1", font, size)
            set_run_font(p.add_run(")"), font, size)

    # -- lists ------------------------------------------------------------------------------
    def _num_id(self, glyph: str) -> int:
        """A fresh w:num (so numbered lists restart) over one abstract definition per glyph."""
        numbering = self.doc.part.numbering_part.element
        if glyph not in self._abstract:
            text, font, fmt = GLYPHS[glyph]
            aid = self._next_abstract
            self._next_abstract += 1
            rpr = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>' if font else ""
            xml = (
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
                f'<w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
                f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs>'
                f'<w:ind w:left="720" w:hanging="360"/></w:pPr>{rpr}</w:lvl></w:abstractNum>'
            )
            first_num = numbering.find(qn("w:num"))
            el = parse_xml(xml)
            if first_num is not None:
                first_num.addprevious(el)
            else:
                numbering.append(el)
            self._abstract[glyph] = aid
        nid = self._next_num
        self._next_num += 1
        numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{self._abstract[glyph]}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        return nid

    def bullets(self, container, texts: list[str], glyph: str, size: float | None = None) -> None:
        nid = self._num_id(glyph)
        for text in texts:
            p = container.add_paragraph()
            ppr = p._p.get_or_add_pPr()
            ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{nid}"/></w:numPr>'))
            p.paragraph_format.space_after = Pt(3)
            self._typed_runs(p, text, size=size)

    def _typed_runs(self, p, text: str, size=None, bold=None, font=None, italic=None) -> None:
        """Text with '\\n' as forced line breaks (w:br) and soft hyphens kept as typed."""
        parts = text.split("\n")
        for i, part in enumerate(parts):
            r = p.add_run(part.replace("\u00ad", "\u00ad"))
            set_run_font(r, font, size, bold, italic)
            if i < len(parts) - 1:
                r.add_break(WD_BREAK.LINE)

    # -- blocks -----------------------------------------------------------------------------
    def render(self, blocks, container=None) -> None:
        container = container if container is not None else self.doc
        for b in blocks:
            getattr(self, "r_" + type(b).__name__.lower())(b, container)

    def r_para(self, b: Para, c) -> None:
        spec = self.spec
        p = c.add_paragraph()
        p.alignment = ALIGN[b.align]
        sizes = {
            "title": 28,
            "subtitle": 17,
            "cover": 12.5,
            "small": 9,
            "caption": 10,
            "footnote": 8.5,
            "bold": None,
            "big": 22,
            "body": None,
        }
        font = spec.heading_font if b.style in ("title", "subtitle", "caption", "big") else None
        bold = True if b.style in ("title", "caption", "bold", "big") else None
        colour = HEADING_COLOUR if b.style in ("title", "subtitle") else None
        if b.style in ("title", "subtitle", "cover"):
            p.paragraph_format.space_after = Pt(10)
        if b.style == "footnote":
            p.paragraph_format.space_before = Pt(2)
        p.paragraph_format.keep_with_next = b.keep_with_next or b.style == "caption"
        parts = b.text.split("\n")
        for i, part in enumerate(parts):
            r = p.add_run(part)
            set_run_font(r, font, sizes.get(b.style), bold, italic=(b.style == "caption") or None, colour=colour)
            if i < len(parts) - 1:
                r.add_break(WD_BREAK.LINE)

    def r_heading(self, b: Heading, c) -> None:
        if c is self.doc:
            p = self.doc.add_heading(b.text, level=b.level)
        else:
            p = c.add_paragraph()
            r = p.add_run(b.text)
            set_run_font(r, self.spec.heading_font, 13 if b.level == 1 else 11.5, True, colour=HEADING_COLOUR)
        p.paragraph_format.page_break_before = b.page_break

    def r_pagebreak(self, b: PageBreak, c) -> None:
        c.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def r_bullets(self, b: Bullets, c) -> None:
        self.bullets(c, b.texts(), b.bullet)

    def r_summarybox(self, b: SummaryBox, c) -> None:
        if not b.boxed:
            p = c.add_paragraph()
            set_run_font(p.add_run(b.title), self.spec.heading_font, 12, True, colour=HEADING_COLOUR)
            p.paragraph_format.keep_with_next = True
            for fl in b.lists:
                q = c.add_paragraph()
                set_run_font(q.add_run(fl.heading), None, None, True)
                q.paragraph_format.keep_with_next = True
                self.bullets(c, [f.typed for f in fl.items], fl.glyph)
            return
        table = c.add_table(rows=1, cols=1)
        self._borders(table, "single", 8, "7F8FA6")
        cell = table.cell(0, 0)
        cell._tc.get_or_add_tcPr().append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{BOX_FILL}"/>')
        )
        self._widths(table, [TEXT_WIDTH_CM])
        p = cell.paragraphs[0]
        set_run_font(p.add_run(b.title), self.spec.heading_font, 12, True, colour=HEADING_COLOUR)
        for fl in b.lists:
            q = cell.add_paragraph()
            q.paragraph_format.space_before = Pt(6)
            set_run_font(q.add_run(fl.heading), None, None, True)
            self.bullets(cell, [f.typed for f in fl.items], fl.glyph)
        c.add_paragraph()

    def r_toc(self, b: Toc, c) -> None:
        p = c.add_paragraph()
        set_run_font(p.add_run(b.title), self.spec.heading_font, 15, True, colour=HEADING_COLOUR)
        p.paragraph_format.space_after = Pt(12)
        width = Cm(TEXT_WIDTH_CM if c is self.doc else 7.5)
        for e in b.entries:
            q = c.add_paragraph()
            q.paragraph_format.tab_stops.add_tab_stop(
                width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS if b.leaders else WD_TAB_LEADER.SPACES
            )
            q.paragraph_format.left_indent = Cm(0.6 * (e.level - 1))
            q.paragraph_format.space_after = Pt(4 if e.level == 1 else 2)
            page = e.target.page if e.target is not None else e.page
            r = q.add_run(e.text + ("" if page is None else f"\t{page}"))
            set_run_font(r, None, None, True if e.level == 1 else None)

    def r_tableblock(self, b: TableBlock, c) -> None:
        t = b.table
        if t.caption:
            self.r_para(Para(t.caption, "caption"), c)
        if t.note:
            self.r_para(Para(t.note, "body", keep_with_next=True), c)
        if t.style == "tabs":
            self._tab_table(t, c)
        else:
            self._word_table(t, c)
        if t.footnote:
            self.r_para(Para(t.footnote, "footnote"), c)
        else:
            c.add_paragraph()

    def _tab_table(self, t: ScoreTable, c) -> None:
        stops = []
        x = t.label_width_cm
        for _ in t.columns:
            x += t.value_width_cm
            stops.append(x - 0.4)

        def line(cells: list[str], bold=False, rule=False):
            p = c.add_paragraph()
            pf = p.paragraph_format
            pf.space_after = Pt(2)
            pf.keep_with_next = True
            for s in stops:
                pf.tab_stops.add_tab_stop(Cm(s), WD_TAB_ALIGNMENT.RIGHT)
            set_run_font(p.add_run("\t".join(cells)), None, t.font_size + 0.5, bold)
            if rule:
                p._p.get_or_add_pPr().append(
                    parse_xml(
                        f"<w:pBdr {nsdecls('w')}>"
                        '<w:bottom w:val="single" w:sz="4" w:space="1" w:color="000000"/></w:pBdr>'
                    )
                )

        line([t.label_header, *[col.header.replace("\n", " ") for col in t.columns]], bold=True, rule=True)
        for area, label in t.labels.items():
            line([label, *[col.cell_text(area) for col in t.columns]])
        if t.total_label:
            line([t.total_label, *[col.cell_text(None) for col in t.columns]], bold=True)

    def _word_table(self, t: ScoreTable, c) -> None:
        n = 1 + len(t.columns)
        rows = (1 if t.group_header else 0) + 1 + len(t.labels) + (1 if t.total_label else 0)
        table = c.add_table(rows=rows, cols=n)
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        borders = t.borders or ("grid" if t.style == "ruled" else "none")
        if borders == "grid":
            self._borders(table, "single", 4, "000000")
        elif borders == "hrules":
            self._borders(table, "single", 4, "000000", edges=("top", "bottom", "insideH"))
        self._widths(table, [t.label_width_cm] + [t.value_width_cm] * len(t.columns))
        r = 0
        if t.group_header:
            col = 0
            for text, span in t.group_header:
                cell = table.cell(0, col)
                if span > 1:
                    cell = cell.merge(table.cell(0, col + span - 1))
                self._cell(cell, text, t, bold=True, align="left" if col == 0 else "center")
                col += span
            r = 1
        self._cell(table.cell(r, 0), t.label_header, t, bold=True)
        for j, col in enumerate(t.columns, 1):
            self._cell(table.cell(r, j), col.header, t, bold=True, align=t.header_align)
        if t.style == "ruled" and borders == "grid":
            for j in range(n):
                table.cell(r, j)._tc.get_or_add_tcPr().append(
                    parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="D9E2F3"/>')
                )
        for i, (area, label) in enumerate(t.labels.items(), r + 1):
            self._cell(table.cell(i, 0), label, t)
            for j, col in enumerate(t.columns, 1):
                self._cell(table.cell(i, j), col.cell_text(area), t, align=t.number_align)
        if t.total_label:
            i = rows - 1
            self._cell(table.cell(i, 0), t.total_label, t, bold=True)
            for j, col in enumerate(t.columns, 1):
                self._cell(table.cell(i, j), col.cell_text(None), t, bold=True, align=t.number_align)
        if t.split:  # the table may break between rows; Word repeats the header row(s) on the next page
            for k, row in enumerate(table.rows):
                trpr = row._tr.get_or_add_trPr()
                trpr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
                if k <= r:
                    trpr.append(parse_xml(f"<w:tblHeader {nsdecls('w')}/>"))
            return
        for row in table.rows:  # keep the table on one page, as the reports' tables are
            trpr = row._tr.get_or_add_trPr()
            trpr.append(parse_xml(f"<w:cantSplit {nsdecls('w')}/>"))
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.keep_with_next = True

    def _cell(self, cell, text: str, t: ScoreTable, bold=False, align="left") -> None:
        p = cell.paragraphs[0]
        p.alignment = ALIGN[align]
        p.paragraph_format.space_after = Pt(1)
        p.paragraph_format.space_before = Pt(1)
        parts = text.split("\n")
        for k, part in enumerate(parts):
            run = p.add_run(part)
            set_run_font(run, None, t.font_size, bold or None)
            if k < len(parts) - 1:
                run.add_break(WD_BREAK.LINE)

    def _borders(
        self,
        table,
        val: str,
        size: int,
        colour: str,
        edges: tuple[str, ...] = ("top", "left", "bottom", "right", "insideH", "insideV"),
    ) -> None:
        tblpr = table._tbl.tblPr
        edges = "".join(f'<w:{e} w:val="{val}" w:sz="{size}" w:space="0" w:color="{colour}"/>' for e in edges)
        tblpr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))

    def _widths(self, table, widths_cm: list[float]) -> None:
        table.autofit = False
        tbl = table._tbl
        tblpr = tbl.tblPr
        tblpr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
        grid = tbl.tblGrid
        for gc, w in zip(grid.findall(qn("w:gridCol")), widths_cm):
            gc.set(qn("w:w"), str(int(w * 567)))
        for row in table.rows:
            for cell, w in zip(row.cells, widths_cm):
                cell.width = Cm(w)

    def r_columns(self, b: Columns, c) -> None:
        if b.mode == "section":
            self._column_section(b)
            return
        table = c.add_table(rows=1, cols=2)
        self._widths(table, list(b.widths_cm))
        for cell, blocks in ((table.cell(0, 0), b.left), (table.cell(0, 1), b.right)):
            first = cell.paragraphs[0]
            self.render(blocks, cell)
            if not first.text and len(cell.paragraphs) > 1:
                first._p.getparent().remove(first._p)

    def _column_section(self, b: Columns) -> None:
        doc = self.doc
        sec = doc.add_section(WD_SECTION.NEW_PAGE)
        sec.different_first_page_header_footer = False
        cols = sec._sectPr.find(qn("w:cols"))
        if cols is None:
            cols = parse_xml(f"<w:cols {nsdecls('w')}/>")
            sec._sectPr.append(cols)
        cols.set(qn("w:num"), "2")
        cols.set(qn("w:space"), str(int(0.8 * 567)))
        self.render(b.left)
        doc.add_paragraph().add_run().add_break(WD_BREAK.COLUMN)
        self.render(b.right)
        nxt = doc.add_section(WD_SECTION.NEW_PAGE)
        nxt.different_first_page_header_footer = False
        cols2 = nxt._sectPr.find(qn("w:cols"))
        if cols2 is not None:
            cols2.set(qn("w:num"), "1")

    def r_landscape(self, b: Landscape, c) -> None:
        """A landscape section between two portrait ones (Word's 'Section break, next page')."""
        for orient, (w, h) in ((WD_ORIENT.LANDSCAPE, (29.7, 21.0)), (WD_ORIENT.PORTRAIT, (21.0, 29.7))):
            sec = self.doc.add_section(WD_SECTION.NEW_PAGE)
            sec.different_first_page_header_footer = False
            sec.orientation = orient
            sec.page_width, sec.page_height = Cm(w), Cm(h)
            if orient == WD_ORIENT.LANDSCAPE:
                self.render(b.blocks)

    def r_chart(self, b: Chart, c) -> None:
        raise NotImplementedError("charts are drawn by the reportlab producer (pdf.py)")

    def r_slide(self, b: Slide, c) -> None:
        raise NotImplementedError("slides are written by pptx.py")

    def save(self, path: Path) -> Path:
        self.render(self.spec.body)
        self.doc.save(str(path))
        return path


def write_docx(spec: ReportSpec, path: Path) -> Path:
    """Write spec.body as a .docx at path."""
    return DocxWriter(spec).save(path)
