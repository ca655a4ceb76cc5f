# -*- coding: utf-8 -*-
"""Generate the held-out Kommunkompassen evaluation set (12 PDFs + answer keys).

Run:  /work/main/.venv/bin/python make.py            (all)   or   make.py words|decks|rl
      /work/main/.venv/bin/python validate.py        (independent check of keys against PDFs)
Needs LibreOffice (soffice) and poppler (pdftotext, pdfinfo) on PATH. Report prose lives in texts.py.
Word/PowerPoint sources are written to build/ and converted with soffice --headless; reportlab PDFs are
written directly. Pages in the keys are assigned after conversion and validated.
"""

import csv
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from texts import AREAS, TOPIC_OF, SUBQ_2010, SUBQ_2020, PROSE, FIND, INTRO_VAD, METOD, SUMMARY_TEXT

OUT = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(OUT, "build")
CODES = {
    r["municipality"]: r["municipality_code"]
    for r in csv.DictReader(
        open(
            os.path.join(
                os.path.dirname(os.path.abspath(__file__)),
                "..",
                "..",
                "..",
                "extractors",
                "reference",
                "municipalities.csv",
            ),
            encoding="utf-8",
        )
    )
}


# ---------------------------------------------------------------- data model
def fmt(v, na="–"):
    if v is None:
        return na
    if float(v).is_integer():
        return str(int(v))
    return ("%.1f" % v).replace(".", ",")


def evaluation(
    key,
    org,
    muni,
    year,
    fw,
    scale,
    vals,
    total,
    has_report=False,
    evaluators=None,
    max_total=800.0,
    total_old=None,
    short=None,
):
    return dict(
        key=key,
        organisation=org,
        municipality=muni,
        municipality_code=CODES[muni],
        year=year,
        framework=fw,
        total_scale=scale,
        vals=vals,
        total=total,
        has_report=has_report,
        evaluators=evaluators or [],
        max_total=max_total,
        total_old=total_old,
        short=short or muni,
    )


class Col:
    """A value column of a score table. series: list of (evaluation, scale, role, vals, total)."""

    def __init__(self, header, series, na="–", paren=False):
        self.header, self.series, self.na, self.paren = header, series, na, paren

    def cell(self, i):  # i = 0..7 for areas, 8 = total
        parts = []
        for ev, scale, role, vals, total in self.series:
            v = total if i == 8 else vals[i]
            parts.append(fmt(v, self.na))
        if self.paren:
            return "%s (%s)" % (parts[0], parts[1])
        return parts[0]


def S(ev, role="primary", scale=None, vals=None, total=None):
    return (
        ev,
        scale or ev["total_scale"],
        role,
        vals if vals is not None else ev["vals"],
        total if total is not None else ev["total"],
    )


class KeyLog:
    """Collects observations with locators for page assignment after conversion."""

    def __init__(self):
        self.tables = {}  # id -> dict(anchor, rows)
        self.obs = []

    def table(self, tid, anchor, caption):
        self.tables[tid] = dict(anchor=anchor, rows=[], caption=caption)

    def row(self, tid, label_re, cells, entries):
        t = self.tables[tid]
        t["rows"].append(dict(label_re=label_re, cells=cells))
        ri = len(t["rows"]) - 1
        for ev, scale, role, value, area in entries:
            self.obs.append(
                dict(ev=ev, scale=scale, role=role, value=value, area=area, table=t["caption"], loc=("row", tid, ri))
            )

    def page(self, p, needle, ev, scale, role, value, area, table=None):
        self.obs.append(
            dict(ev=ev, scale=scale, role=role, value=value, area=area, table=table, loc=("page", p, needle))
        )

    def text(self, needle, ev, scale, role, value, area, table=None, after=None):
        self.obs.append(
            dict(ev=ev, scale=scale, role=role, value=value, area=area, table=table, loc=("text", needle, after))
        )


def score_rows(kl, tid, fw, cols, label_mode, total_label="Totalt", labels=None, na_mark=None):
    """Return list of body rows (list of cell strings; label cells first) and log them."""
    labels = labels or AREAS[fw]
    rows = []
    for i in range(9):
        if i < 8:
            lab = labels[i] + (na_mark if (na_mark and any(s[3][i] is None for c in cols for s in c.series)) else "")
            if label_mode == "num_in_label":
                lc, lre = ["%d. %s" % (i + 1, lab)], r"%d\.\s" % (i + 1)
            elif label_mode == "omrade":
                lc, lre = ["Område %d %s" % (i + 1, lab)], r"Område\s+%d\b" % (i + 1)
            elif label_mode == "num_col":
                lc, lre = ["%d" % (i + 1), lab], r"^\s*%d\s" % (i + 1)
            elif label_mode == "num_only":
                lc, lre = ["%d" % (i + 1)], r"^\s*%d\s" % (i + 1)
            else:
                lc, lre = [lab], re.escape(lab.split()[0][:6])
        else:
            lc = [total_label] if label_mode != "num_col" else ["", total_label]
            lre = re.escape(total_label.split()[0])
        cells = [c.cell(i) for c in cols]
        entries = []
        for c in cols:
            for ev, scale, role, vals, total in c.series:
                v = total if i == 8 else vals[i]
                entries.append((ev, scale, role, v, None if i == 8 else i + 1))
        kl.row(tid, lre, cells, entries)
        rows.append(lc + cells)
    return rows


def findings(topic, k):
    s, f = FIND[topic]
    return [s[(k + j) % 4] for j in range(3)], [f[(k + j + 1) % 4] for j in range(3)]


# ---------------------------------------------------------------- Word
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

AL = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT}


def _el(tag, **attrs):
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn("w:" + k), str(v))
    return e


class W:
    def __init__(self, font, size, heading_font=None, heading_color=None):
        self.d = Document()
        st = self.d.styles["Normal"]
        st.font.name, st.font.size = font, Pt(size)
        st.element.rPr.rFonts.set(qn("w:eastAsia"), font)
        self.font, self.size = font, size
        for h in ("Heading 1", "Heading 2", "Heading 3", "Title"):
            s = self.d.styles[h]
            s.font.name = heading_font or font
            if heading_color is not None:
                s.font.color.rgb = RGBColor.from_string(heading_color)
        sec = self.d.sections[0]
        sec.page_width, sec.page_height = Cm(21), Cm(29.7)
        sec.left_margin = sec.right_margin = Cm(2.3)
        sec.top_margin, sec.bottom_margin = Cm(2.2), Cm(2.2)

    def h(self, text, level=1):
        return self.d.add_heading(text, level)

    def p(self, text="", bold=False, italic=False, size=None, align=None, style=None, space_after=None):
        par = self.d.add_paragraph(style=style)
        if text:
            r = par.add_run(text)
            r.bold, r.italic = bold, italic
            if size:
                r.font.size = Pt(size)
        if align:
            par.alignment = AL[align]
        if space_after is not None:
            par.paragraph_format.space_after = Pt(space_after)
        return par

    def bullets(self, items, container=None):
        for it in items:
            (container or self.d).add_paragraph(it, style="List Bullet")

    def pagebreak(self):
        self.d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def section(self, landscape=False, cols=1, new_page=True):
        self.d.sections[-1]
        sec = self.d.add_section(WD_SECTION.NEW_PAGE if new_page else WD_SECTION.CONTINUOUS)
        w, h = Cm(21), Cm(29.7)
        if landscape:
            sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.LANDSCAPE, h, w
        else:
            sec.orientation, sec.page_width, sec.page_height = WD_ORIENT.PORTRAIT, w, h
        c = sec._sectPr.find(qn("w:cols"))
        if c is None:
            c = _el("w:cols")
            sec._sectPr.append(c)
        c.set(qn("w:num"), str(cols))
        c.set(qn("w:space"), "567")
        return sec

    def header_footer(self, header=None, footer=None, header_align="right", footer_align="center"):
        sec = self.d.sections[0]
        for part, spec, al in ((sec.header, header, header_align), (sec.footer, footer, footer_align)):
            if not spec:
                continue
            par = part.paragraphs[0]
            par.alignment = AL[al]
            for bit in re.split(r"(\{PAGE\}|\{NUMPAGES\})", spec):
                if bit in ("{PAGE}", "{NUMPAGES}"):
                    fld = _el("w:fldSimple", instr=" %s " % bit[1:-1])
                    r = OxmlElement("w:r")
                    rpr = OxmlElement("w:rPr")
                    sz = _el("w:sz", val=int(self.size * 2 - 2))
                    rpr.append(sz)
                    r.append(rpr)
                    t = OxmlElement("w:t")
                    t.text = "1"
                    r.append(t)
                    fld.append(r)
                    par._p.append(fld)
                elif bit:
                    run = par.add_run(bit)
                    run.font.size = Pt(self.size - 1)

    def toc(self, entries, width_cm=16.0):
        for text, page, level in entries:
            par = self.d.add_paragraph()
            par.paragraph_format.tab_stops.add_tab_stop(Cm(width_cm), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if level > 1:
                par.paragraph_format.left_indent = Cm(0.6)
            par.paragraph_format.space_after = Pt(2)
            par.add_run("%s\t%s" % (text, page))

    def table(
        self,
        header_rows,
        body,
        borders="grid",
        shade=None,
        header_align="left",
        num_align="right",
        label_align="left",
        n_label=1,
        widths=None,
        repeat_header=False,
        size=None,
        bold_last=True,
        container=None,
        header_bold=True,
        text_last=False,
    ):
        host = container or self.d
        ncol = len(body[0])
        t = host.add_table(rows=0, cols=ncol)
        t.alignment = WD_TABLE_ALIGNMENT.LEFT
        t.autofit = False
        if borders == "grid":
            t.style = self.d.styles["Table Grid"]
        tblPr = t._tbl.tblPr
        if borders in ("hrules", "none", "hrules_heavy"):
            b = _el("w:tblBorders")
            for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
                if borders.startswith("hrules") and side in ("top", "bottom", "insideH"):
                    sz = 12 if (borders == "hrules_heavy" and side != "insideH") else 4
                    b.append(_el("w:" + side, val="single", sz=sz, space=0, color="000000"))
                else:
                    b.append(_el("w:" + side, val="nil"))
            tblPr.append(b)
        allrows = [(r, True) for r in header_rows] + [(r, False) for r in body]
        for ri, (cells, is_head) in enumerate(allrows):
            row = t.add_row()
            if is_head and repeat_header:
                trPr = row._tr.get_or_add_trPr()
                trPr.append(_el("w:tblHeader"))
            if is_head:
                trPr = row._tr.get_or_add_trPr()
                trPr.append(_el("w:cantSplit"))
            for ci, txt in enumerate(cells):
                cell = row.cells[ci]
                if widths:
                    cell.width = Cm(widths[ci])
                par = cell.paragraphs[0]
                if text_last and ci == ncol - 1 and not is_head:
                    num_al = "left"
                else:
                    num_al = num_align
                par.paragraph_format.space_after = Pt(1)
                par.paragraph_format.space_before = Pt(1)
                run = par.add_run(txt)
                if size:
                    run.font.size = Pt(size)
                if is_head:
                    run.bold = header_bold
                    par.alignment = AL[header_align if ci >= n_label else label_align]
                    if shade:
                        cell._tc.get_or_add_tcPr().append(_el("w:shd", val="clear", color="auto", fill=shade))
                else:
                    par.alignment = AL[num_al if ci >= n_label else label_align]
                    if bold_last and ri == len(allrows) - 1:
                        run.bold = True
        if widths:
            grid = t._tbl.tblGrid
            for gc, wcm in zip(grid.findall(qn("w:gridCol")), widths):
                gc.set(qn("w:w"), str(int(wcm * 567)))
        return t

    def box(self, title, strengths, improvements, shade="EAF1DD", s_head="Styrkor", i_head="Förbättringsområden"):
        t = self.d.add_table(rows=1, cols=1)
        t.style = self.d.styles["Table Grid"]
        cell = t.rows[0].cells[0]
        cell._tc.get_or_add_tcPr().append(_el("w:shd", val="clear", color="auto", fill=shade))
        cell.paragraphs[0].add_run(title).bold = True
        cell.add_paragraph().add_run(s_head).bold = True
        for s in strengths:
            cell.add_paragraph(s, style="List Bullet")
        cell.add_paragraph().add_run(i_head).bold = True
        for s in improvements:
            cell.add_paragraph(s, style="List Bullet")
        self.d.add_paragraph()

    def save(self, path):
        self.d.save(path)


def place_table(w, kl, spec):
    """spec: tid, caption, caption_pos, header_rows, cols, fw, label_mode, total_label, table opts, footnote."""
    cap = spec["caption"]
    capstyle = dict(
        bold=spec.get("caption_bold", False), italic=spec.get("caption_italic", False), size=spec.get("caption_size")
    )
    if spec.get("caption_pos", "above") == "above" and cap:
        for i, c in enumerate(cap if isinstance(cap, list) else [cap]):
            w.p(c, **capstyle, space_after=4)
    body = score_rows(
        kl,
        spec["tid"],
        spec["fw"],
        spec["cols"],
        spec["label_mode"],
        spec.get("total_label", "Totalt"),
        labels=spec.get("labels"),
        na_mark=spec.get("na_mark"),
    )
    opts = {
        k: spec[k]
        for k in (
            "borders",
            "shade",
            "header_align",
            "num_align",
            "label_align",
            "widths",
            "repeat_header",
            "size",
            "header_bold",
        )
        if k in spec
    }
    n_label = 2 if spec["label_mode"] == "num_col" else 1
    if "extra" in spec:  # extra text column (comments) appended to body rows
        body = [r + [spec["extra"][i]] for i, r in enumerate(body)]
    w.table(spec["header_rows"], body, n_label=n_label, text_last="extra" in spec, **opts)
    if spec.get("footnote"):
        w.p(spec["footnote"], size=w.size - 1.5, italic=True)
    if spec.get("caption_pos") == "below" and cap:
        for c in cap if isinstance(cap, list) else [cap]:
            w.p(c, **capstyle, space_after=4)


def kl_table(kl, spec):
    cap = spec["caption"]
    capt = cap[0] if isinstance(cap, list) else cap
    kl.table(spec["tid"], spec["anchor"], spec.get("table_name", capt))


def word_report(D, toc_pages=None):
    """Generic analysis report in Word. D: document spec dict."""
    kl = KeyLog()
    ev = D["ev"]
    fw = ev["framework"]
    w = W(D["font"], D["size"], heading_font=D.get("heading_font"), heading_color=D.get("heading_color"))
    org, org_short = D["org_text"], D.get("org_short", ev["short"])
    vals = ev["vals"]
    labs = D.get("area_labels") or AREAS[fw]
    sc = [(v, i) for i, v in enumerate(vals) if v is not None]
    best = sorted(sc, key=lambda x: -x[0])[:2]
    worst = min(sc)[1]

    def sub(s):
        s = s.replace("{best}", " och ".join(labs[i].lower() for _, i in sorted(best, key=lambda x: x[1])))
        s = s.replace("{worst}", labs[worst].lower())
        return s.replace("{Org}", org[0].upper() + org[1:]).replace("{org_short}", org_short).replace("{org}", org)

    # ---- cover
    cov = D["cover"]
    if cov == "layouttable":
        t = w.d.add_table(rows=1, cols=2)
        left, right = t.rows[0].cells
        left.width, right.width = Cm(9), Cm(7.5)
        left.paragraphs[0].add_run("Kommunkompassen").font.size = Pt(18)
        left.add_paragraph().add_run(D["title"]).font.size = Pt(16)
        left.add_paragraph(D["dates"])
        left.add_paragraph()
        left.add_paragraph().add_run("Utvärderare").bold = True
        for e in D["evaluator_lines"]:
            left.add_paragraph(e)
        right.paragraphs[0].add_run("Innehåll").bold = True
        for text, pg, lvl in D["toc_entries_fn"](toc_pages):
            right.add_paragraph("%s  %s" % (text, pg))
    else:
        for _ in range(5):
            w.p()
        w.p("Kommunkompassen", size=D["size"] + 14, bold=cov == "bold", align=D.get("cover_align", "left"))
        w.p(D["title"], size=D["size"] + 8, align=D.get("cover_align", "left"))
        w.p(D["dates"], size=D["size"] + 1, align=D.get("cover_align", "left"))
        for _ in range(6):
            w.p()
        if cov == "caps":
            w.p("UTVÄRDERARE:", bold=True)
        for e in D["evaluator_lines"]:
            w.p(e, align=D.get("cover_align", "left"), space_after=2)
    w.header_footer(D.get("header"), D.get("footer"), D.get("header_align", "right"), D.get("footer_align", "center"))
    w.pagebreak()
    # ---- toc
    if D.get("toc") and cov != "layouttable":
        w.p("Innehållsförteckning", bold=True, size=D["size"] + 4)
        w.toc(D["toc_entries_fn"](toc_pages))
        w.pagebreak()
    # ---- intro
    if D.get("twocol_intro"):
        w.section(cols=2, new_page=False)
    w.h("1. Vad är Kommunkompassen?" if D.get("numbered_chapters") else "Vad är Kommunkompassen?", 1)
    for t in INTRO_VAD:
        w.p(t)
    w.p("Kommunkompassen omfattar åtta områden:")
    for i, a in enumerate(AREAS[fw]):
        w.p("%d. %s" % (i + 1, a), space_after=0)
    w.p()
    for t in METOD:
        w.p(sub(t))
    if D.get("twocol_intro"):
        w.section(cols=1, new_page=False)
    # ---- summary with tables
    w.h("2. Sammanfattning av resultat" if D.get("numbered_chapters") else "Sammanfattning av resultat", 1)
    for t in SUMMARY_TEXT:
        w.p(sub(t))
    for pre in D.get("summary_extra_paras", []):
        w.p(pre)
    for spec in D["summary_tables"]:
        kl_table(kl, spec)
        if spec.get("landscape"):
            w.section(landscape=True)
        if spec.get("lead"):
            w.p(spec["lead"])
        place_table(w, kl, spec)
        if spec.get("landscape"):
            w.section(landscape=False)
        if spec.get("after"):
            w.p(sub(spec["after"]))
    for fn in D.get("summary_hooks", []):
        fn(w, kl)
    if D.get("twocol_after"):
        w.section(cols=2, new_page=False)
        for t in D["twocol_after"]:
            w.p(sub(t))
        w.section(cols=1, new_page=True)
    else:
        w.pagebreak()
    # ---- areas
    topics = TOPIC_OF[fw]
    subq = SUBQ_2020 if fw == "2020" else SUBQ_2010
    for i in range(8):
        a = (D.get("area_labels") or AREAS[fw])[i]
        head = D["area_head"](i, a)
        w.h(head, 1 if D.get("area_h1", True) else 2)
        if D.get("area_head_score"):
            kl.text(head, ev, ev["total_scale"], "primary", ev["vals"][i], i + 1, table=None)
        w.p("Inom området bedöms följande frågor:" if fw != "2003" else "Området belyses utifrån följande frågor:")
        for j, q in enumerate(subq[i]):
            w.p("%d.%d %s" % (i + 1, j + 1, q), space_after=0)
        w.p()
        for t in PROSE[topics[i]]:
            w.p(sub(t))
        if D.get("area_score_line"):
            line = D["area_score_line"](i)
            if line:
                w.p(line, bold=True)
                kl.text(line, ev, ev["total_scale"], "primary", ev["vals"][i], i + 1, table=None)
        s, f = findings(topics[i], D["k"] + i)
        w.box(
            "Sammanfattning område %d" % (i + 1),
            s,
            f,
            shade=D.get("box_shade", "EAF1DD"),
            i_head=D.get("improve_head", "Förbättringsområden"),
        )
        if D.get("area_pagebreak", True) and i < 7:
            w.pagebreak()
    # ---- closing
    for spec in D.get("closing_tables", []):
        if D.get("closing_pagebreak", True):
            w.pagebreak()
        else:
            w.p()
        if spec.get("landscape"):
            w.section(landscape=True)
        w.h(spec["heading"], 1)
        kl_table(kl, spec)
        if spec.get("lead"):
            w.p(spec["lead"])
        place_table(w, kl, spec)
    path = os.path.join(BUILD, D["name"] + ".docx")
    w.save(path)
    return path, kl


# ---------------------------------------------------------------- conversion and paging
def soffice(paths, outdir):
    if not paths:
        return
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", outdir] + paths,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=600,
    )


def pages_text(pdf):
    n = int(
        re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1)
    )
    out, raw = [], []
    for p in range(1, n + 1):
        out.append(
            subprocess.run(
                ["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True
            ).stdout
        )
        raw.append(
            subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True).stdout
        )
    RAW[id(out)] = raw
    return out


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


RAW = {}


def find_text_page(pages, needle, start=1):
    nn = norm(needle)
    raw = RAW.get(id(pages), [""] * len(pages))
    for p in range(start, len(pages) + 1):
        if nn in norm(pages[p - 1]) or nn in norm(raw[p - 1]):
            return p
    return None


def row_regex(label_re, cells):
    toks = []
    for c in cells:
        if c == "":
            continue
        toks += c.split()
    seq = r"\s+".join(re.escape(t) for t in toks)
    return re.compile(label_re + r".*?(?<!\S)" + seq + r"(?!\S)", re.M)


def assign_pages(kl, pages, start_page=1):
    """Returns {('row',tid,ri) or ('text',needle): page}."""
    res = {}
    for tid, t in kl.tables.items():
        p0 = find_text_page(pages, t["anchor"], start_page)
        if p0 is None:
            raise RuntimeError("anchor not found: %r" % t["anchor"])
        t["p0"] = p0
        cur = p0
        for ri, row in enumerate(t["rows"]):
            rx = row_regex(row["label_re"], row["cells"])
            for p in range(cur, len(pages) + 1):
                if rx.search(pages[p - 1]):
                    res[("row", tid, ri)] = p
                    cur = p
                    break
            else:
                raise RuntimeError("row not found %s %d %r" % (tid, ri, rx.pattern))
    for o in kl.obs:
        if o["loc"][0] == "page":
            p, needle = o["loc"][1], o["loc"][2]
            if norm(needle) not in norm(pages[p - 1]) and norm(needle) not in norm(RAW[id(pages)][p - 1]):
                raise RuntimeError("needle %r not on page %d" % (needle, p))
            res[o["loc"]] = p
        if o["loc"][0] == "text":
            needle, after = o["loc"][1], o["loc"][2]
            p = find_text_page(pages, needle, after or start_page)
            if p is None:
                raise RuntimeError("text not found %r" % needle)
            res[o["loc"]] = p
    return res


def write_key(D, kl, pdf, producer, kind, others, notes, start_page=1):
    pages = pages_text(pdf)
    pmap = assign_pages(kl, pages, start_page)
    ev = D["ev"]
    evs = []
    for e in [ev] + others:
        evs.append(
            dict(
                evaluation_id=e["key"],
                organisation=e["organisation"],
                municipality=e["municipality"],
                municipality_code=e["municipality_code"],
                org_type=e.get("org_type", "kommun"),
                country="SE",
                year=e["year"],
                framework=e["framework"],
                evaluators=e["evaluators"] if e is ev else [],
                total_score=e["total"],
                total_scale=e["total_scale"],
                max_total=e["max_total"],
                total_score_old_scale=e["total_old"],
                has_report=e is ev,
            )
        )
    for tid, t in kl.tables.items():
        ps = sorted({pmap[("row", tid, ri)] for ri in range(len(t["rows"]))})
        if ps[0] != t["p0"]:
            notes += " [auto] The caption/heading of '%s' is on page %d, its rows start on page %d." % (
                t["caption"],
                t["p0"],
                ps[0],
            )
        if len(ps) > 1:
            notes += " [auto] Table '%s' is split across pages %s." % (t["caption"], "–".join(map(str, ps)))
    obs = []
    for o in kl.obs:
        e = o["ev"]
        page = pmap[o["loc"]]
        obs.append(
            dict(
                evaluation_id=e["key"],
                organisation=e["organisation"],
                year=e["year"],
                area=o["area"],
                scale=o["scale"],
                value=None if o["value"] is None else float(o["value"]),
                role=o["role"],
                page=page,
                table=o["table"],
            )
        )
        # validate: printed value on that page
        if o["value"] is not None and fmt(o["value"]) not in pages[page - 1]:
            raise RuntimeError("value %s not on page %d" % (fmt(o["value"]), page))
    key = dict(
        file=os.path.basename(pdf),
        producer=producer,
        document=dict(kind=kind, framework=ev["framework"], status="extracted", error_code=None, text_source="pdf"),
        evaluations=evs,
        observations=obs,
        notes=notes,
    )
    with open(os.path.join(OUT, D["name"] + ".key.json"), "w", encoding="utf-8") as fh:
        json.dump(key, fh, ensure_ascii=False, indent=2)
    return pages


# ---------------------------------------------------------------- Word documents
class ConstCol(Col):
    def __init__(self, header, values):
        super().__init__(header, [])
        self.values = values

    def cell(self, i):
        return self.values[i]


def toc_fn(entries):
    def f(pages):
        return [(t, (pages or {}).get(n) or "1", lvl) for (t, n, lvl) in entries]

    f.entries = entries
    return f


def area_toc(fw, labels=None, prefix="Område %d %s"):
    return [(prefix % (i + 1, a), prefix % (i + 1, a), 2) for i, a in enumerate(labels or AREAS[fw])]


def docx_specs():
    docs = []
    # 1 ---------------------------------------------------------- Sala 2005, old framework
    ev = evaluation(
        "sala-2005",
        "Sala kommun",
        "Sala",
        2005,
        "2003",
        "old",
        [62, 55, 48, 51, 44, 58, 39, 60],
        417,
        True,
        ["Gunnel Axelsson", "Bertil Nyström"],
    )
    docs.append(
        dict(
            name="kk-sala-2005",
            ev=ev,
            others=[],
            k=0,
            font="Times New Roman",
            size=11,
            cover="plain",
            cover_align="center",
            org_text="kommunen",
            org_short="Sala",
            title="Analys av Sala kommun",
            dates="Besök 12–13 oktober 2005",
            evaluator_lines=["Gunnel Axelsson, Svenska Kommunförbundet", "Bertil Nyström, Enköpings kommun"],
            footer="Svenska Kommunförbundet 2005-11-08          {PAGE} ({NUMPAGES})",
            footer_align="right",
            summary_tables=[
                dict(
                    tid="t1",
                    anchor="Tabell 1. Sala kommuns resultat",
                    caption="Tabell 1. Sala kommuns resultat i förhållande till Kommunkompassens huvudområden",
                    caption_pos="above",
                    caption_bold=True,
                    header_rows=[["Område", "Poäng"]],
                    fw="2003",
                    cols=[Col("Poäng", [S(ev)])],
                    label_mode="num_in_label",
                    total_label="TOTALT",
                    borders="grid",
                    header_align="center",
                    num_align="center",
                    label_align="left",
                    widths=[11.5, 3],
                )
            ],
            area_head=lambda i, a, ev=ev: "Område %d %s – %s poäng" % (i + 1, a, fmt(ev["vals"][i])),
            area_head_score=True,
            closing_tables=[
                dict(
                    heading="Poängsammanställning",
                    tid="t2",
                    anchor="Poängsammanställning",
                    caption=None,
                    table_name="Poängsammanställning",
                    header_rows=[["Område", "Max", "Sala 2005"]],
                    fw="2003",
                    cols=[ConstCol("Max", ["100"] * 8 + ["800"]), Col("Sala 2005", [S(ev)])],
                    label_mode="num_in_label",
                    total_label="TOTALT",
                    borders="grid",
                    header_align="center",
                    num_align="center",
                    widths=[11, 2, 3],
                )
            ],
            notes="Word, Times 11 pt, full-grid table, centred header and numbers, area number inside label "
            "('1. Offentlighet, …'), 'TOTALT'. Scores also in area headings ('Område 3 … – 48 poäng'). "
            "Closing Poängsammanställning has a constant 'Max' column (100/800) that is NOT a score. "
            "Old framework, old scale. Footer 'Svenska Kommunförbundet 2005-11-08 N (M)'.",
        )
    )
    # 2 ---------------------------------------------------------- Lundby (Göteborg) 2008 district
    ev = evaluation(
        "lundby-2008",
        "Lundby stadsdelsförvaltning",
        "Göteborg",
        2008,
        "2003",
        "old",
        [57, 64, 45.5, 52, 41, 49, 47.5, None],
        356,
        True,
        ["Marianne Lindqvist", "Olof Berggren"],
        max_total=700.0,
        short="Lundby",
    )
    ev["org_type"] = "stadsdel"
    docs.append(
        dict(
            name="kk-goteborg-lundby-2008",
            ev=ev,
            others=[],
            k=1,
            font="Arial",
            size=10,
            cover="caps",
            org_text="stadsdelsförvaltningen",
            org_short="Lundby",
            title="Analys av Lundby stadsdelsförvaltning, Göteborgs stad",
            dates="Utvärdering genomförd i april 2008",
            evaluator_lines=["MARIANNE LINDQVIST, SVERIGES KOMMUNER OCH LANDSTING", "OLOF BERGGREN, BORÅS STAD"],
            header="Kommunkompassen Lundby 2008",
            header_align="left",
            footer="Sida {PAGE}",
            twocol_intro=True,
            summary_tables=[
                dict(
                    tid="t1",
                    anchor="Summa",
                    caption=[
                        "Tabell 1. Stadsdelsförvaltningens resultat per område. Tabellen visar den poäng som Lundby "
                        "har fått inom vart och ett av de sju områden som bedöms när en stadsdelsförvaltning "
                        "utvärderas. Högsta möjliga poäng per område är 100. Summan ska därför jämföras med "
                        "maximalt 700 poäng och inte med 800, eftersom samhällsbyggandet i huvudsak ligger utanför "
                        "stadsdelsnämndens ansvar."
                    ],
                    table_name="Tabell 1. Stadsdelsförvaltningens resultat per område.",
                    caption_pos="below",
                    caption_italic=True,
                    header_rows=[["", "Område", "Poäng"]],
                    fw="2003",
                    cols=[Col("Poäng", [S(ev)], na="")],
                    na_mark=" *)",
                    label_mode="num_col",
                    total_label="Summa",
                    borders="hrules",
                    shade="D9D9D9",
                    header_align="left",
                    num_align="right",
                    widths=[1, 10, 2.5],
                    footnote="*) Område 8 poängbedöms inte vid stadsdelsutvärderingar.",
                )
            ],
            twocol_after=[
                "Stadsdelsförvaltningen har sedan den förra organisationsförändringen arbetat med att "
                "tydliggöra ansvaret mellan stadsdelsnämnden och facknämnderna. Det arbetet märks i "
                "intervjuerna, där både politiker och tjänstemän beskriver rollerna som tydligare än tidigare.",
                "I de följande avsnitten redovisas iakttagelserna område för område. Varje avsnitt avslutas "
                "med en sammanfattning av styrkor och förbättringsområden. Område 8 beskrivs kortfattat "
                "men poängsätts inte.",
                "Utvärderingen bygger på intervjuer med ett fyrtiotal personer: ledamöter i "
                "stadsdelsnämnden, stadsdelsdirektören, ledningsgruppen, enhetschefer, medarbetare och "
                "fackliga företrädare.",
            ],
            area_head=lambda i, a: "%d %s" % (i + 1, a.upper()),
            area_h1=True,
            area_score_line=lambda i, ev=ev: (
                ("Poäng område %d: %s av 100" % (i + 1, fmt(ev["vals"][i]))) if ev["vals"][i] is not None else None
            ),
            box_shade="DDEBF7",
            notes="Göteborg city district (stadsdelsförvaltning), area 8 not assessed: empty cell, label marked '*)' "
            "and footnote; max_total 700. Arial 10 pt, shaded header row, horizontal rules only, header left / "
            "numbers right, area number in its own column, 'Summa'. Long 4-line caption BELOW the table. "
            "Intro and post-table text in two columns. Upper-case area headings; each area ends with "
            "'Poäng område N: X av 100' (keyed; '100' is the maximum, not a score). Evaluators in capitals "
            "after 'UTVÄRDERARE:'.",
        )
    )
    # 3 ---------------------------------------------------------- Vänersborg 2011, two scales + 2007
    new = [61, 54.5, 58, 47, 52.5, 55, 43, 63]
    old = [66, 60, 62, 50, 57, 58, 49, 66]
    ev = evaluation(
        "vanersborg-2011",
        "Vänersborgs kommun",
        "Vänersborg",
        2011,
        "2010",
        "new",
        new,
        434,
        True,
        ["Helena Fors", "Johan Ekström"],
        total_old=468,
    )
    h07 = evaluation(
        "vanersborg-2007",
        "Vänersborgs kommun",
        "Vänersborg",
        2007,
        "2003",
        "old",
        [55, 49, 52, 44, 46, 51, 38, 57],
        392,
    )
    ents = (
        [
            ("Vad är Kommunkompassen?", "Vad är Kommunkompassen?", 1),
            ("Sammanfattning av resultat", "Sammanfattning av resultat", 1),
        ]
        + area_toc("2010")
        + [("Poängsammanställning", "Poängsammanställning", 1)]
    )
    docs.append(
        dict(
            name="kk-vanersborg-2011-tva-skalor",
            ev=ev,
            others=[h07],
            k=2,
            font="Calibri",
            size=10.5,
            cover="plain",
            org_text="kommunen",
            org_short="Vänersborg",
            title="Analys av Vänersborgs kommun 2011",
            dates="Platsbesök 4–5 april 2011",
            evaluator_lines=[
                "Utvärderare:",
                "Helena Fors, Sveriges Kommuner och Landsting",
                "Johan Ekström, Uddevalla kommun",
            ],
            header="Kommunkompassen – Vänersborgs kommun 2011",
            footer="Sveriges Kommuner och Landsting 2011-05-17      {PAGE} ({NUMPAGES})",
            footer_align="right",
            toc=True,
            toc_entries_fn=toc_fn(ents),
            toc_start=3,
            summary_extra_paras=[
                "Vänersborg utvärderades första gången 2007. Kommunkompassen reviderades 2010 och "
                "poängsättningen gjordes då strängare. För att resultatet ska kunna jämföras med den "
                "tidigare utvärderingen redovisas poängen 2011 både enligt den nuvarande och enligt den "
                "äldre poängskalan."
            ],
            summary_tables=[
                dict(
                    tid="t1",
                    anchor="Tabell 1 Vänersborgs kommuns resultat",
                    caption=[
                        "Tabell 1 Vänersborgs kommuns resultat i förhållande till Kommunkompassens huvudområden. "
                        "Den första kolumnen visar resultatet från utvärderingen 2007, som gjordes med den äldre "
                        "poängskalan. De två följande kolumnerna visar resultatet 2011, dels omräknat till den äldre "
                        "skalan, dels enligt den nuvarande poängskalan som gäller från 2010. Det är resultatet enligt "
                        "den nuvarande skalan som ska användas vid jämförelser med andra kommuner som utvärderats "
                        "från och med 2010."
                    ],
                    table_name="Tabell 1 Vänersborgs kommuns resultat i förhållande till Kommunkompassens huvudområden",
                    caption_pos="above",
                    header_rows=[
                        [
                            "Område",
                            "Vänersborg 2007 (äldre skala)",
                            "Äldre poängskala 2011",
                            "Nuvarande poängskala 2011",
                        ]
                    ],
                    fw="2010",
                    cols=[Col("", [S(h07, "history")]), Col("", [S(ev, "primary", "old", old, 468)]), Col("", [S(ev)])],
                    label_mode="plain",
                    total_label="TOTALT",
                    borders="hrules",
                    header_align="left",
                    num_align="right",
                    widths=[5.6, 3.3, 3.3, 3.3],
                )
            ],
            area_head=lambda i, a: "Område %d %s" % (i + 1, a),
            closing_tables=[
                dict(
                    heading="Poängsammanställning",
                    tid="t2",
                    anchor="Poängsammanställning",
                    caption=None,
                    table_name="Poängsammanställning",
                    header_rows=[["Område", "Nuvarande poängskala", "Äldre poängskala"]],
                    fw="2010",
                    cols=[Col("", [S(ev)]), Col("", [S(ev, "primary", "old", old, 468)])],
                    label_mode="num_in_label",
                    total_label="TOTALT",
                    borders="grid",
                    header_align="center",
                    num_align="center",
                    widths=[8, 3.5, 3.5],
                )
            ],
            notes="Two-scale 2011 report (new + old scale columns, two totals) with a history column for the 2007 "
            "evaluation (old scale, 2003 framework) placed FIRST (oldest-first). Carlito 10.5 pt, horizontal "
            "rules only, headers left-aligned over right-aligned numbers, narrow label column so labels wrap. "
            "Five-line caption above the header row. TOC with dot leaders (page numbers next to area names), "
            "running header and footer 'Sveriges Kommuner och Landsting 2011-05-17 N (M)'. Closing "
            "Poängsammanställning repeats new/old 2011 in a full grid.",
        )
    )
    # 4 ---------------------------------------------------------- Ale 2014, avg + 2010, misprinted total
    ev = evaluation(
        "ale-2014",
        "Ale kommun",
        "Ale",
        2014,
        "2010",
        "new",
        [58, 49.5, 61, 52, 47, 55, 41.5, 62],
        436,
        True,
        ["Annika Wallin", "Tomas Berg"],
    )
    h10 = evaluation("ale-2010", "Ale kommun", "Ale", 2010, "2010", "new", [52, 44, 55, 48, 43.5, 50, 36, 57], 385.5)
    avg = [55, 50, 54, 51, 48, 53, 44, 56]
    comments = [
        "Öppenheten är god och informationen på webben har utvecklats sedan 2010. Medborgardialogen saknar fortfarande en samlad strategi.",
        "Kontaktcentret har förbättrat tillgängligheten, men svarstider mäts inte och servicedeklarationer finns bara i ett fåtal verksamheter.",
        "Styrmodellen har förenklats och målen är färre. Kopplingen mellan mål och budget behöver stärkas ytterligare.",
        "Cheferna har ett tydligt uppdrag. Erfarna chefer efterfrågar fortsatt ledarutveckling och nätverk.",
        "Jämförelser görs men analyseras sällan. Budgetprocessen utgår från tidigare års ramar.",
        "Rekryteringsprocessen är gemensam och väl fungerande. Lönekriterierna behöver förankras.",
        "Ett gemensamt kvalitetsarbete saknas. Goda exempel finns inom vård och omsorg.",
        "Samarbetet med föreningslivet och näringslivet är väl utvecklat.",
        "Resultatet har förbättrats jämfört med 2010 inom samtliga områden.",
    ]
    docs.append(
        dict(
            name="kk-ale-2014",
            ev=ev,
            others=[h10],
            k=3,
            font="Liberation Serif",
            size=12,
            cover="bold",
            org_text="kommunen",
            org_short="Ale",
            title="Analys av Ale kommun",
            dates="Oktober 2014",
            evaluator_lines=["Annika Wallin, Sveriges Kommuner och Landsting", "Tomas Berg, Lerums kommun"],
            footer="Ale kommun – Kommunkompassen 2014          Sida {PAGE}",
            footer_align="left",
            closing_pagebreak=False,
            summary_tables=[
                dict(
                    tid="t1",
                    anchor="Medel alla",
                    lead="Resultatet per område framgår av tabellen nedan.",
                    caption=[
                        "Tabell 1. Ale kommuns resultat 2014 jämfört med resultatet vid utvärderingen 2010 och med "
                        "medelvärdet för samtliga kommuner som utvärderats enligt Kommunkompassen sedan 2010. "
                        "Varje område kan ge högst 100 poäng."
                    ],
                    table_name="Tabell 1. Ale kommuns resultat 2014 jämfört med resultatet vid utvärderingen 2010",
                    caption_pos="below",
                    caption_italic=True,
                    header_rows=[["", "Medel alla kommuner", "Ale kommun 2010", "Ale kommun 2014"]],
                    fw="2010",
                    cols=[
                        Col("", [S(ev, "average", vals=avg, total=411)]),
                        Col("", [S(h10, "history")]),
                        Col("", [S(ev)]),
                    ],
                    label_mode="omrade",
                    total_label="Summa",
                    borders="none",
                    header_align="center",
                    num_align="left",
                    widths=[7.4, 2.8, 2.8, 2.8],
                )
            ],
            area_head=lambda i, a: "%d. %s" % (i + 1, a),
            closing_tables=[
                dict(
                    heading="Översikt av poängfördelning",
                    tid="t2",
                    anchor="Översikt av poängfördelning",
                    caption=None,
                    table_name="Översikt av poängfördelning",
                    lead="I tabellen sammanfattas poängen per område "
                    "tillsammans med en kort kommentar till resultatet.",
                    header_rows=[["Område", "Poäng 2014", "Kommentar"]],
                    fw="2010",
                    cols=[Col("", [S(ev)])],
                    extra=comments,
                    label_mode="num_in_label",
                    total_label="Summa",
                    borders="grid",
                    shade="C6D9F1",
                    header_align="left",
                    num_align="center",
                    widths=[5, 2.2, 9],
                    repeat_header=True,
                )
            ],
            notes="PRINTED TOTAL IS WRONG: the areas of Ale 2014 sum to 426 but both tables print 'Summa 436' "
            "(key records 436 as printed; total_score = 436). Summary table has NO borders, headers centred "
            "over left-aligned numbers, column order average first ('Medel alla kommuner'), then history "
            "'Ale kommun 2010', then own 'Ale kommun 2014'; headers wrap; labels 'Område 1 …'; caption below. "
            "Closing 'Översikt av poängfördelning' has a Kommentar column and is split across a page break "
            "with the header row repeated. Serif 12 pt.",
        )
    )
    # 5 ---------------------------------------------------------- Skarpnäck 2012 + peers
    ev = evaluation(
        "skarpnack-2012",
        "Skarpnäcks stadsdelsförvaltning",
        "Stockholm",
        2012,
        "2010",
        "new",
        [56.5, 61, 52, 48, 45.5, 57, 40, None],
        360,
        True,
        ["Eva Hallberg", "Mats Lundgren"],
        max_total=700.0,
        short="Skarpnäck",
    )
    ev["org_type"] = "stadsdel"

    def peer(key, org, yr, vals, total):
        e = evaluation(key, org, "Stockholm", yr, "2010", "new", vals, total, max_total=700.0)
        e["org_type"] = "stadsdel"
        return e

    p1 = peer(
        "kungsholmen-2011", "Kungsholmens stadsdelsförvaltning", 2011, [63, 66.5, 58, 55, 51, 60, 47.5, None], 401
    )
    p2 = peer("farsta-2010", "Farsta stadsdelsförvaltning", 2010, [48, 52, 44.5, 41, 39, 50, 33, None], 307.5)
    p3 = peer(
        "hagersten-liljeholmen-2012",
        "Hägersten-Liljeholmens stadsdelsförvaltning",
        2012,
        [59, 58, 57.5, 53, 49, 61, 44, None],
        381.5,
    )
    p4 = peer(
        "spanga-tensta-2010", "Spånga-Tensta stadsdelsförvaltning", 2010, [51.5, 55, 47, 45, 42, 52.5, 38, None], 331
    )
    p5 = peer("alvsjo-2011", "Älvsjö stadsdelsförvaltning", 2011, [60, 63, 55, 50.5, 47, 58, 45, None], 378.5)
    docs.append(
        dict(
            name="kk-stockholm-skarpnack-2012",
            ev=ev,
            others=[p1, p2, p3, p4, p5],
            k=4,
            font="Arial",
            size=10,
            cover="plain",
            org_text="stadsdelsförvaltningen",
            org_short="Skarpnäck",
            title="Analys av Skarpnäcks stadsdelsförvaltning",
            dates="Stockholms stad, november 2012",
            evaluator_lines=["Eva Hallberg, Sveriges Kommuner och Landsting", "Mats Lundgren, Haninge kommun"],
            header="Skarpnäcks stadsdelsförvaltning 2012-12-03",
            footer="{PAGE} ({NUMPAGES})",
            summary_tables=[
                dict(
                    tid="t1",
                    anchor="Tabell 1. Skarpnäcks",
                    caption="Tabell 1. Skarpnäcks resultat i förhållande till Kommunkompassens huvudområden",
                    caption_pos="above",
                    caption_bold=True,
                    header_rows=[["Område", "Resultat"]],
                    fw="2010",
                    cols=[Col("", [S(ev)], na="–")],
                    na_mark=" *)",
                    label_mode="num_in_label",
                    total_label="Totalt",
                    borders="hrules_heavy",
                    header_align="right",
                    num_align="right",
                    widths=[10.5, 3],
                    footnote="*) Område 8 poängbedöms inte vid stadsdelsutvärderingar. Högsta möjliga poäng är därmed 700.",
                ),
                dict(
                    tid="t2",
                    anchor="Tabell 2. Skarpnäcks",
                    landscape=True,
                    lead="I tabell 2 jämförs Skarpnäcks resultat med fem andra stadsdelsförvaltningar i Stockholms stad "
                    "som utvärderats enligt Kommunkompassen sedan 2010.",
                    caption="Tabell 2. Skarpnäcks resultat jämfört med fem andra stadsdelsförvaltningar i Stockholm",
                    caption_pos="above",
                    caption_bold=True,
                    header_rows=[
                        [
                            "Område",
                            "Skarpnäck\n2012",
                            "Kungsholmen\n2011",
                            "Farsta\n2010",
                            "Hägersten-\nLiljeholmen\n2012",
                            "Spånga-\nTensta\n2010",
                            "Älvsjö\n2011",
                        ]
                    ],
                    fw="2010",
                    cols=[
                        Col("", [S(e, "primary" if e is ev else "peer")], na="0 *)") for e in (ev, p1, p2, p3, p4, p5)
                    ],
                    label_mode="num_only",
                    total_label="Totalt",
                    borders="grid",
                    header_align="center",
                    num_align="center",
                    label_align="center",
                    widths=[2.2, 2.4, 2.9, 2.4, 2.6, 2.4, 2.4],
                    size=9,
                    footnote="*) Område 8 poängbedöms inte vid stadsdelsutvärderingar.",
                ),
            ],
            area_head=lambda i, a: "Område %d: %s" % (i + 1, a),
            improve_head="Förbättringsmöjligheter",
            notes="Stockholm city district (area 8 not assessed: '–' in Tabell 1, '0 *)' in Tabell 2 — both null). "
            "Tabell 1: heavy top/bottom rules, header and numbers right-aligned, 'Totalt'. Tabell 2 on a "
            "LANDSCAPE page: peer comparison with five other districts, rows labelled only '1'…'8', "
            "organisation headers wrapping over two or three lines (explicit line breaks), half points with "
            "comma, full grid 9 pt centred. Own column 'Skarpnäck 2012' first. Improvement lists headed "
            "'Förbättringsmöjligheter'. max_total 700 for all districts.",
        )
    )
    # 6 ---------------------------------------------------------- Kungsbacka 2018, "73 (63)" + 2014, 2010
    v18 = [73, 68, 66.5, 61, 58, 64, 55, 70]
    ev = evaluation(
        "kungsbacka-2018",
        "Kungsbacka kommun",
        "Kungsbacka",
        2018,
        "2016",
        "new",
        v18,
        515.5,
        True,
        ["Lena Ohlsson", "Per-Erik Sandberg", "Ingrid Falk"],
    )
    h14 = evaluation(
        "kungsbacka-2014",
        "Kungsbacka kommun",
        "Kungsbacka",
        2014,
        "2010",
        "new",
        [67, 61, 60, 57, 51.5, 59, 47, 66],
        468.5,
    )
    h10 = evaluation(
        "kungsbacka-2010", "Kungsbacka kommun", "Kungsbacka", 2010, "2010", "new", [58, 52, 55, 49, 46, 53, 40, 61], 414
    )
    avg = [63, 60, 59, 55, 52, 57, 48, 62]
    ents = [
        ("Vad är Kommunkompassen?", "Vad är Kommunkompassen?", 1),
        ("Sammanfattning av resultat", "Sammanfattning av resultat", 1),
    ] + [("%d. %s" % (i + 1, a), "%d. %s" % (i + 1, a), 2) for i, a in enumerate(AREAS["2016"])]
    docs.append(
        dict(
            name="kk-kungsbacka-2018",
            ev=ev,
            others=[h14, h10],
            k=5,
            font="Calibri",
            size=11,
            cover="plain",
            org_text="kommunen",
            org_short="Kungsbacka",
            title="Utvärdering av Kungsbacka kommun",
            dates="Mars 2018",
            heading_color="1F4E79",
            evaluator_lines=[
                "Lena Ohlsson, Sveriges Kommuner och Landsting",
                "Per-Erik Sandberg, Varbergs kommun",
                "Ingrid Falk, Mölndals stad",
            ],
            header="Sveriges Kommuner och Landsting",
            header_align="left",
            footer="Kommunkompassen Kungsbacka 2018-04-20 – sida {PAGE} av {NUMPAGES}",
            toc=True,
            toc_entries_fn=toc_fn(ents),
            toc_start=3,
            summary_tables=[
                dict(
                    tid="t1",
                    anchor="Tabell 1 Kungsbacka",
                    landscape=True,
                    lead="Kungsbacka har utvärderats enligt Kommunkompassen tre gånger. Tabellen visar resultatet per "
                    "område vid de tre tillfällena, med det senaste resultatet först.",
                    caption="Tabell 1 Kungsbacka kommuns resultat 2018, 2014 och 2010. Inom parentes anges genomsnittet "
                    "för de kommuner som utvärderats 2016–2018.",
                    caption_pos="above",
                    header_rows=[["Område", "Kommunen 2018 (genomsnitt)", "2014", "2010"]],
                    fw="2016",
                    cols=[
                        Col("", [S(ev), S(ev, "average", vals=avg, total=456)], paren=True),
                        Col("", [S(h14, "history")]),
                        Col("", [S(h10, "history")]),
                    ],
                    label_mode="num_in_label",
                    total_label="Totalt",
                    borders="grid",
                    shade="BDD7EE",
                    header_align="right",
                    num_align="right",
                    widths=[11, 5, 3.5, 3.5],
                )
            ],
            area_head=lambda i, a: "%d. %s" % (i + 1, a),
            notes="'73 (63)' notation: own 2018 score with the average of municipalities evaluated 2016–2018 in "
            "parentheses (role average). History columns NEWEST-first, headed only '2014' and '2010' "
            "(Kungsbacka's own earlier evaluations). Table on a LANDSCAPE page, full grid, shaded header, "
            "header and numbers right-aligned. Three evaluators. TOC with dot leaders listing '1. Offentlighet "
            "och demokrati … 5' style entries; footer 'sida N av M'. 2016 framework labels.",
        )
    )
    # 7 ---------------------------------------------------------- Östersund 2021, 2020 framework
    v = [54, 61, 58.5, 49, 63, 52, 57, 55.5]
    ev = evaluation(
        "ostersund-2021",
        "Östersunds kommun",
        "Östersund",
        2021,
        "2020",
        "new",
        v,
        450,
        True,
        ["Sofia Nordin", "Karl-Henrik Ahl"],
    )
    ents = (
        [
            ("Vad är Kommunkompassen?", "Vad är Kommunkompassen?", 1),
            ("Sammanfattning av resultat", "Sammanfattning av resultat", 1),
        ]
        + area_toc("2020")
        + [("Översikt av poängfördelning", "Översikt av poängfördelning", 1)]
    )
    docs.append(
        dict(
            name="kk-ostersund-2021",
            ev=ev,
            others=[],
            k=6,
            font="DejaVu Sans",
            size=9.5,
            cover="layouttable",
            org_text="kommunen",
            org_short="Östersund",
            title="Analys av Östersunds kommun",
            dates="Intervjuer 13–15 september 2021",
            evaluator_lines=["Sofia Nordin", "Sveriges Kommuner och Regioner", "Karl-Henrik Ahl", "Sundsvalls kommun"],
            toc_entries_fn=toc_fn(ents),
            toc_start=2,
            header="Kommunkompassen 2021 – Östersunds kommun",
            header_align="center",
            footer="SKR 2021-10-04 | {PAGE}",
            footer_align="right",
            summary_tables=[],
            area_head=lambda i, a, ev=ev: "Område %d %s – %s poäng" % (i + 1, a, fmt(ev["vals"][i])),
            area_head_score=True,
            area_pagebreak=False,
            closing_tables=[
                dict(
                    heading="Översikt av poängfördelning",
                    tid="t1",
                    anchor="Översikt av poängfördelning",
                    caption=None,
                    table_name="Översikt av poängfördelning",
                    header_rows=[["Nr", "Område", "Poäng"]],
                    fw="2020",
                    cols=[Col("", [S(ev)])],
                    label_mode="num_col",
                    total_label="Totalt",
                    borders="hrules",
                    header_align="center",
                    num_align="left",
                    widths=[1.2, 10, 2.5],
                )
            ],
            notes="2020 framework (reordered areas). Cover is a borderless layout table: title/dates/evaluators "
            "(one per line with affiliation on the next line) on the left, table of contents with page "
            "numbers on the right. Summary section has NO table: scores only in area headings "
            "('Område 3 Styrning och kontroll – 58,5 poäng') and the closing 'Översikt av poängfördelning' "
            "(area number column 'Nr', centred headers over left-aligned numbers, horizontal rules). DejaVu Sans "
            "9.5 pt, areas run on without page breaks.",
        )
    )
    # 8 ---------------------------------------------------------- Region Gotland 2022
    v = [62, 70.5, 64, 57, 66, 59, 61, 58]
    ev = evaluation(
        "gotland-2022", "Region Gotland", "Gotland", 2022, "2020", "new", v, 497.5, True, ["Maria Strand", "Anders Lök"]
    )
    ev["org_type"] = "region"
    h18 = evaluation("gotland-2018", "Region Gotland", "Gotland", 2018, "2016", "new", [None] * 8, 498)
    h18["org_type"] = "region"
    snitt = [52, 55, 56, 50, 57, 51, 54, 53]
    hist_line = (
        "Vid den förra utvärderingen 2018 fick Region Gotland 498 poäng av 800 möjliga. Eftersom "
        "Kommunkompassen reviderades 2020 går resultaten per område inte att jämföra direkt, men "
        "totalresultatet är i stort sett oförändrat."
    )

    def hook(w, kl, ev=ev, h18=h18, hist_line=hist_line):
        w.p(hist_line)
        kl.text("fick Region Gotland 498 poäng", h18, "new", "history", 498, None, table=None)

    docs.append(
        dict(
            name="kk-region-gotland-2022",
            ev=ev,
            others=[h18],
            k=7,
            font="Liberation Serif",
            size=11.5,
            cover="plain",
            org_text="regionen",
            org_short="Region Gotland",
            title="Analys av Region Gotland",
            dates="Visby, maj 2022",
            evaluator_lines=["Utvärderare: Maria Strand, SKR och Anders Lök, Region Halland"],
            footer="Region Gotland · Kommunkompassen 2022 · {PAGE}",
            summary_tables=[
                dict(
                    tid="t1",
                    anchor="Snitt",
                    caption=[
                        "Tabell 1. Region Gotlands resultat per område i Kommunkompassen 2022. I den högra kolumnen "
                        "redovisas snittet för de kommuner och regioner som har utvärderats enligt den reviderade "
                        "versionen av Kommunkompassen från 2020. Snittet bygger på ett begränsat antal utvärderingar "
                        "och ska därför tolkas med försiktighet. Observera att områdena har fått en ny indelning "
                        "och en ny ordning jämfört med tidigare versioner, vilket gör att jämförelser med "
                        "utvärderingar före 2020 inte kan göras område för område."
                    ],
                    table_name="Tabell 1. Region Gotlands resultat per område i Kommunkompassen 2022.",
                    caption_pos="above",
                    header_rows=[["Område", "Region Gotland 2022", "Snitt"]],
                    fw="2020",
                    cols=[Col("", [S(ev)]), Col("", [S(ev, "average", vals=snitt, total=428)])],
                    label_mode="omrade",
                    total_label="Totalt",
                    borders="grid",
                    shade="E2EFDA",
                    header_align="center",
                    num_align="center",
                    widths=[8.5, 3.5, 3],
                    repeat_header=True,
                )
            ],
            summary_hooks=[hook],
            area_head=lambda i, a: "Område %d – %s" % (i + 1, a),
            improve_head="Förbättringsområden",
            notes="Region Gotland (org_type region, code 0980), 2020 framework. Six-line caption ABOVE the table; "
            "columns own 'Region Gotland 2022' then average 'Snitt' (last), grid with shaded header, centred. "
            "The 2018 evaluation appears only as a total in prose ('fick Region Gotland 498 poäng av 800 "
            "möjliga'), keyed as a history total with no area values. Evaluators on one line joined by 'och'.",
        )
    )
    return docs


# ---------------------------------------------------------------- PowerPoint
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor as PRGB
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.text import PP_ALIGN
from pptx.util import Inches, Pt as PPt
from pptx.oxml.ns import qn as pqn


class Deck:
    def __init__(self, font, accent):
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(13.333), Inches(7.5)
        self.font, self.accent = font, PRGB.from_string(accent)
        self.n = 0

    def slide(self, band=True):
        s = self.prs.slides.add_slide(self.prs.slide_layouts[6])
        self.n += 1
        if band:
            shp = s.shapes.add_shape(1, 0, 0, self.prs.slide_width, Inches(0.25))
            shp.fill.solid()
            shp.fill.fore_color.rgb = self.accent
            shp.line.fill.background()
        return s

    def tb(self, s, x, y, w, h, lines, size=20, bold=False, color=None, align="left", bullet=None, font=None):
        box = s.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        tf = box.text_frame
        tf.word_wrap = True
        for i, ln in enumerate(lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            r = p.add_run()
            r.text = ln
            r.font.size, r.font.bold, r.font.name = PPt(size), bold, font or self.font
            if color:
                r.font.color.rgb = PRGB.from_string(color)
            p.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]
            if bullet:
                pPr = p._p.get_or_add_pPr()
                pPr.set("marL", "342900")
                pPr.set("indent", "-342900")
                bf = pPr.makeelement(pqn("a:buFont"), {"typeface": "Arial"})
                bc = pPr.makeelement(pqn("a:buChar"), {"char": bullet})
                pPr.append(bf)
                pPr.append(bc)
            p.space_after = PPt(6)
        return box

    def title(self, s, text, size=30):
        return self.tb(s, 0.6, 0.45, 12.1, 1.0, [text], size=size, bold=True, color="1F3864")

    def footer(self, s, text):
        self.tb(s, 0.6, 6.95, 9, 0.4, [text], size=10, color="7F7F7F")
        self.tb(s, 11.8, 6.95, 1, 0.4, [str(self.n)], size=10, color="7F7F7F", align="right")

    def table(self, s, x, y, w, rows, colw, size=16, head_fill="1F3864"):
        shp = s.shapes.add_table(len(rows), len(rows[0]), Inches(x), Inches(y), Inches(w), Inches(0.4 * len(rows)))
        t = shp.table
        for j, cw in enumerate(colw):
            t.columns[j].width = Inches(cw)
        for i, r in enumerate(rows):
            for j, txt in enumerate(r):
                c = t.cell(i, j)
                c.text = txt
                for p in c.text_frame.paragraphs:
                    p.alignment = PP_ALIGN.LEFT if j == 0 else PP_ALIGN.CENTER
                    for rr in p.runs:
                        rr.font.size, rr.font.name = PPt(size), self.font
                        rr.font.bold = i == 0 or i == len(rows) - 1
        return t

    def save(self, path):
        self.prs.save(path)


EXAMPLES = [
    (
        "Exempel från Borås: servicegarantier",
        [
            "Garantier inom hemtjänst, bygglov och skola",
            "Följs upp två gånger per år och redovisas för nämnden",
            "Kompensation om garantin inte uppfylls",
        ],
    ),
    (
        "Så gör man i Tyresö: medborgardialog",
        [
            "Dialogforum inför budgeten",
            "Webbaserade enkäter kopplade till planärenden",
            "Återkoppling till deltagarna inom en månad",
        ],
    ),
    (
        "Exempel: Uddevallas chefsutveckling",
        [
            "Program för nya chefer under första året",
            "Mentorer bland erfarna chefer",
            "Årliga chefsdagar med politisk ledning",
        ],
    ),
    (
        "Inspiration från Linköping: förbättringsarbete",
        ["Förbättringstavlor på alla arbetsplatser", "Idébank på intranätet", "Utmärkelse för årets förbättring"],
    ),
]


def deck_lerum():
    kl = KeyLog()
    v15 = [74, 63, 66, 59.5, 58, 62, 52, 64]
    ev = evaluation(
        "lerum-2015", "Lerums kommun", "Lerum", 2015, "2010", "new", v15, 498.5, True, ["Camilla Dahl", "Fredrik Wik"]
    )
    h11 = evaluation("lerum-2011", "Lerums kommun", "Lerum", 2011, "2010", "new", [60, 55, 57, 52, 50, 56, 45, 58], 433)
    d = Deck("Calibri", "C00000")
    s = d.slide(band=False)
    d.tb(s, 0.8, 2.2, 11.5, 1.2, ["Återkoppling Kommunkompass"], size=44, bold=True, color="C00000")
    d.tb(s, 0.8, 3.5, 11.5, 0.8, ["Lerum 20150923"], size=28)
    d.tb(s, 0.8, 5.6, 11.5, 0.8, ["Sveriges Kommuner och Landsting"], size=18, color="7F7F7F")
    s = d.slide()
    d.title(s, "Utvärderare")
    d.tb(s, 0.8, 1.8, 11, 3, ["Camilla Dahl, SKL", "Fredrik Wik, Alingsås kommun"], size=24, bullet="•")
    d.footer(s, "Kommunkompassen Lerum 2015")
    s = d.slide()
    d.title(s, "Kommunkompassens åtta områden")
    d.tb(s, 0.8, 1.6, 11, 5, ["%d. %s" % (i + 1, a) for i, a in enumerate(AREAS["2010"])], size=22)
    d.footer(s, "Kommunkompassen Lerum 2015")
    # results
    s = d.slide()
    d.title(s, "Resultat 2011 och 2015")
    rows = (
        [["Område", "2011", "2015"]]
        + [["%d %s" % (i + 1, a), fmt(h11["vals"][i]), fmt(v15[i])] for i, a in enumerate(AREAS["2010"])]
        + [["Totalt", fmt(433), fmt(498.5)]]
    )
    d.table(s, 0.6, 1.5, 8.2, rows, [5.8, 1.2, 1.2], size=14)
    d.tb(s, 9.3, 2.2, 3.6, 2, ["Lerum 2011: 433", "Lerum 2015: 498,5"], size=24, bold=True, color="C00000")
    d.footer(s, "Kommunkompassen Lerum 2015")
    for i in range(8):
        kl.page(
            d.n,
            "%d %s" % (i + 1, AREAS["2010"][i].split()[0]),
            h11,
            "new",
            "history",
            h11["vals"][i],
            i + 1,
            "Resultat 2011 och 2015",
        )
        kl.page(
            d.n,
            "%d %s" % (i + 1, AREAS["2010"][i].split()[0]),
            ev,
            "new",
            "primary",
            v15[i],
            i + 1,
            "Resultat 2011 och 2015",
        )
    kl.page(d.n, "Totalt", h11, "new", "history", 433, None, "Resultat 2011 och 2015")
    kl.page(d.n, "Totalt", ev, "new", "primary", 498.5, None, "Resultat 2011 och 2015")
    kl.page(d.n, "Lerum 2011: 433", h11, "new", "history", 433, None, "Resultat 2011 och 2015 (text)")
    kl.page(d.n, "Lerum 2015: 498,5", ev, "new", "primary", 498.5, None, "Resultat 2011 och 2015 (text)")
    for i in range(8):
        a = AREAS["2010"][i]
        s = d.slide()
        d.title(s, "%d. %s" % (i + 1, a))
        d.tb(
            s,
            0.8,
            1.6,
            8.8,
            5,
            ["%d.%d %s" % (i + 1, j + 1, q) for j, q in enumerate(SUBQ_2010[i])],
            size=20,
            bullet="•",
        )
        d.tb(s, 10.0, 2.6, 2.8, 1.2, ["%s p" % fmt(v15[i])], size=48, bold=True, color="C00000", align="center")
        d.footer(s, "Kommunkompassen Lerum 2015")
        kl.page(d.n, "%s p" % fmt(v15[i]), ev, "new", "primary", v15[i], i + 1, "%d. %s" % (i + 1, a))
        st, im = findings(TOPIC_OF["2010"][i], i + 2)
        s = d.slide()
        d.title(s, "Styrkor – %s" % a.lower() if i != 5 else "Styrkor – personalpolitik")
        d.tb(s, 0.8, 1.6, 11.5, 5, st, size=22, bullet="•")
        d.footer(s, "Kommunkompassen Lerum 2015")
        s = d.slide()
        d.title(s, "Förbättringsområden")
        d.tb(s, 0.8, 1.6, 11.5, 5, im, size=22, bullet="–")
        d.footer(s, "Kommunkompassen Lerum 2015")
        if i in (1, 5):
            t, b = EXAMPLES[0 if i == 1 else 2]
            s = d.slide()
            d.title(s, t)
            d.tb(s, 0.8, 1.6, 11.5, 5, b, size=22, bullet="•")
            d.footer(s, "Kommunkompassen Lerum 2015")
    s = d.slide()
    d.title(s, "Tack!")
    d.tb(s, 0.8, 2, 11, 2, ["Frågor och diskussion"], size=28)
    path = os.path.join(BUILD, "aterkoppling-kommunkompass-lerum-2015.pptx")
    d.save(path)
    D = dict(
        name="aterkoppling-kommunkompass-lerum-2015",
        ev=ev,
        others=[h11],
        notes="PowerPoint feedback deck (16:9), never says 'Analys av'; cover 'Återkoppling Kommunkompass / "
        "Lerum 20150923'. Results slide: table 'Område | 2011 | 2015' (history first) plus text lines "
        "'Lerum 2011: 433' and 'Lerum 2015: 498,5'. One slide per area with its numbered sub-questions "
        "and a large 'NN p'; separate Styrkor and Förbättringsområden slides per area; example slides "
        "from Borås and Uddevalla (not findings). Slide with the eight area names (no scores). Page "
        "numbers are slide numbers.",
    )
    return path, kl, D


def deck_sandviken():
    kl = KeyLog()
    v = [58, 64, 55, 60.5, 52, 61, 47, 73.5]
    ev = evaluation(
        "sandviken-2019",
        "Sandvikens kommun",
        "Sandviken",
        2019,
        "2016",
        "new",
        v,
        471,
        True,
        ["Jenny Åberg", "Lars-Olof Hedman"],
    )
    labels = [
        "Offentlighet och demokrati",
        "Tillgänglighet och brukarorientering",
        "Politisk styrning och kontroll",
        "Ledarskap, ansvar och delegation",
        "Resultat och effektivitet",
        "Kommunen som arbetsgivare/personalpolitik",
        "Ständiga förbättringar",
        "Kommun som samhällsbyggare",
    ]
    d = Deck("Arial", "2E75B6")
    s = d.slide(band=False)
    bg = s.shapes.add_shape(1, 0, 0, d.prs.slide_width, Inches(3.2))
    bg.fill.solid()
    bg.fill.fore_color.rgb = PRGB.from_string("2E75B6")
    bg.line.fill.background()
    d.tb(s, 0.8, 1.0, 11.5, 1.2, ["Återkoppling Kommunkompassen"], size=40, bold=True, color="FFFFFF")
    d.tb(s, 0.8, 3.8, 11.5, 0.8, ["Sandviken 20190314"], size=26)
    d.tb(
        s,
        0.8,
        4.7,
        11.5,
        1.2,
        ["UTVÄRDERARE: JENNY ÅBERG, SKL", "LARS-OLOF HEDMAN, GÄVLE KOMMUN"],
        size=16,
        color="595959",
    )
    s = d.slide()
    d.title(s, "Resultat per område")
    cd = CategoryChartData()
    cd.categories = ["%d" % (i + 1) for i in range(8)]
    cd.add_series("Sandviken", v)
    gf = s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.6), Inches(1.5), Inches(7.4), Inches(5.2), cd)
    ch = gf.chart
    ch.has_legend = False
    ch.value_axis.maximum_scale, ch.value_axis.minimum_scale, ch.value_axis.major_unit = 100, 0, 20
    ch.plots[0].series[0].format.fill.solid()
    ch.plots[0].series[0].format.fill.fore_color.rgb = PRGB.from_string("2E75B6")
    lines = ["%d %s  %s p" % (i + 1, labels[i], fmt(v[i])) for i in range(8)]
    d.tb(s, 8.2, 1.6, 4.9, 5, lines + ["Totalt  %s p" % fmt(471)], size=14)
    d.footer(s, "Kommunkompassen Sandviken 2019")
    for i in range(8):
        kl.page(d.n, "%s p" % fmt(v[i]), ev, "new", "primary", v[i], i + 1, "Resultat per område")
    kl.page(d.n, "Totalt 471 p", ev, "new", "primary", 471, None, "Resultat per område")
    for i in range(8):
        a = labels[i]
        s = d.slide()
        d.title(s, "Område %d – %s" % (i + 1, a))
        d.tb(
            s,
            0.8,
            1.6,
            9.0,
            5,
            ["%d.%d %s" % (i + 1, j + 1, q) for j, q in enumerate(SUBQ_2010[i])],
            size=18,
            bullet="o",
        )
        d.tb(s, 10.2, 1.6, 2.6, 1.0, ["%s p" % fmt(v[i])], size=40, bold=True, color="2E75B6", align="right")
        d.footer(s, "Kommunkompassen Sandviken 2019")
        kl.page(d.n, "%s p" % fmt(v[i]), ev, "new", "primary", v[i], i + 1, "Område %d – %s" % (i + 1, a))
        st, im = findings(TOPIC_OF["2016"][i], i + 1)
        s = d.slide()
        d.title(s, "Område %d – styrkor och förbättringsmöjligheter" % (i + 1), size=26)
        d.tb(s, 0.6, 1.5, 6, 0.6, ["Styrkor"], size=22, bold=True, color="2E75B6")
        d.tb(s, 0.6, 2.1, 6, 4.5, st, size=16, bullet="•")
        d.tb(s, 6.9, 1.5, 6, 0.6, ["Förbättringsmöjligheter"], size=22, bold=True, color="2E75B6")
        d.tb(s, 6.9, 2.1, 6, 4.5, im, size=16, bullet="•")
        d.footer(s, "Kommunkompassen Sandviken 2019")
        if i in (3, 6):
            t, b = EXAMPLES[1 if i == 3 else 3]
            s = d.slide()
            d.title(s, t)
            d.tb(s, 0.8, 1.6, 11.5, 5, b, size=22, bullet="•")
            d.footer(s, "Kommunkompassen Sandviken 2019")
    path = os.path.join(BUILD, "sandviken-kommunkompassen-2019.pptx")
    d.save(path)
    D = dict(
        name="sandviken-kommunkompassen-2019",
        ev=ev,
        others=[],
        notes="PowerPoint feedback deck; cover 'Återkoppling Kommunkompassen / Sandviken 20190314' with "
        "evaluators in capitals after 'UTVÄRDERARE:'. Results slide: native column chart (axis ticks "
        "0–100 and categories 1–8 come out as text; NOT scores) next to a text list "
        "'1 Offentlighet och demokrati  58 p' … 'Totalt  471 p'. One slide per area with sub-questions "
        "(bullet 'o') and 'NN p'; combined Styrkor / Förbättringsmöjligheter slide per area in two "
        "columns; example slides from Tyresö and Linköping. 2016 framework but the deck keeps the 2010 "
        "label for area 2 and uses variants 'Kommunen som arbetsgivare/personalpolitik', 'Kommun som "
        "samhällsbyggare'.",
    )
    return path, kl, D


def build_decks():
    items = [deck_lerum(), deck_sandviken()]
    soffice([p for p, _, _ in items], BUILD)
    for path, kl, D in items:
        pdf = os.path.join(BUILD, D["name"] + ".pdf")
        shutil.copy(pdf, os.path.join(OUT, D["name"] + ".pdf"))
        write_key(D, kl, os.path.join(OUT, D["name"] + ".pdf"), "pptx", "slides", D["others"], D["notes"])
        print("ok", D["name"])


# ---------------------------------------------------------------- reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.charts.barcharts import VerticalBarChart


def rl_styles(font, bold, size):
    return dict(
        body=ParagraphStyle("body", fontName=font, fontSize=size, leading=size * 1.3, spaceAfter=size * 0.6),
        h1=ParagraphStyle(
            "h1", fontName=bold, fontSize=size + 5, leading=(size + 5) * 1.25, spaceBefore=10, spaceAfter=6
        ),
        h2=ParagraphStyle(
            "h2", fontName=bold, fontSize=size + 2, leading=(size + 2) * 1.25, spaceBefore=8, spaceAfter=4
        ),
        bul=ParagraphStyle(
            "bul", fontName=font, fontSize=size, leading=size * 1.3, leftIndent=12, bulletIndent=2, spaceAfter=2
        ),
        cap=ParagraphStyle(
            "cap",
            fontName=font.replace("Roman", "Italic") if "Times" in font else font + "-Oblique",
            fontSize=size - 0.5,
            leading=(size - 0.5) * 1.3,
            spaceBefore=4,
            spaceAfter=8,
        ),
        cell=ParagraphStyle("cell", fontName=font, fontSize=size - 0.5, leading=(size - 0.5) * 1.2),
        cellb=ParagraphStyle("cellb", fontName=bold, fontSize=size - 0.5, leading=(size - 0.5) * 1.2),
        cellc=ParagraphStyle(
            "cellc", fontName=bold, fontSize=size - 0.5, leading=(size - 0.5) * 1.2, alignment=TA_CENTER
        ),
        big=ParagraphStyle("big", fontName=bold, fontSize=26, leading=32, spaceAfter=10),
        sub=ParagraphStyle("sub", fontName=font, fontSize=15, leading=20, spaceAfter=6),
    )


def rl_area_text(st, story, fw, i, head, k, bullet, org, improve_head="Förbättringsområden"):
    story.append(Paragraph(head, st["h1"]))
    subq = SUBQ_2020 if fw == "2020" else SUBQ_2010
    story.append(
        Paragraph(
            "Frågor inom området: "
            + "; ".join("%d.%d %s" % (i + 1, j + 1, q.rstrip("?")) for j, q in enumerate(subq[i]))
            + ".",
            st["body"],
        )
    )
    for t in PROSE[TOPIC_OF[fw][i]]:
        story.append(Paragraph(t.replace("{Org}", org), st["body"]))
    s, f = findings(TOPIC_OF[fw][i], k + i)
    story.append(Paragraph("Styrkor", st["h2"]))
    for x in s:
        story.append(Paragraph(x, st["bul"], bulletText=bullet))
    story.append(Paragraph(improve_head, st["h2"]))
    for x in f:
        story.append(Paragraph(x, st["bul"], bulletText=bullet))


def rl_ystad():
    kl = KeyLog()
    v = [66, 58, 53, 49, 51.5, 60, 45, 68]
    ev = evaluation(
        "ystad-2007", "Ystads kommun", "Ystad", 2007, "2003", "old", v, 450.5, True, ["Birgitta Holm", "Rune Ek"]
    )
    name = "Kommunkompassen_Ystad_2007"
    st = rl_styles("Times-Roman", "Times-Bold", 10)
    W_, H_ = A4

    def deco(c, doc):
        c.saveState()
        c.setFont("Times-Italic", 8.5)
        c.drawString(2 * cm, H_ - 1.3 * cm, "Kommunkompassen – Ystads kommun")
        c.line(2 * cm, H_ - 1.45 * cm, W_ - 2 * cm, H_ - 1.45 * cm)
        c.drawString(2 * cm, 1.2 * cm, "Sveriges Kommuner och Landsting · 2007-06-11")
        c.drawRightString(W_ - 2 * cm, 1.2 * cm, "sida %d" % doc.page)
        c.restoreState()

    doc = BaseDocTemplate(
        os.path.join(OUT, name + ".pdf"),
        pagesize=A4,
        leftMargin=2 * cm,
        rightMargin=2 * cm,
        topMargin=2 * cm,
        bottomMargin=2 * cm,
        title="Kommunkompassen Ystad 2007",
    )
    fw_ = (W_ - 4 * cm - 0.8 * cm) / 2
    one = Frame(2 * cm, 2 * cm, W_ - 4 * cm, H_ - 4 * cm, id="one")
    left = Frame(2 * cm, 2 * cm, fw_, H_ - 4 * cm, id="l")
    right = Frame(2 * cm + fw_ + 0.8 * cm, 2 * cm, fw_, H_ - 4 * cm, id="r")
    doc.addPageTemplates([PageTemplate("cover", [one]), PageTemplate("two", [left, right], onPage=deco)])
    S_ = []
    S_ += [
        Spacer(1, 5 * cm),
        Paragraph("Kommunkompassen", st["big"]),
        Paragraph("Analys av Ystads kommun 2007", st["sub"]),
        Paragraph("Besök 23–24 april 2007", st["body"]),
        Spacer(1, 6 * cm),
        Paragraph(
            "Utvärderare: Birgitta Holm, Sveriges Kommuner och Landsting, och Rune Ek, Trelleborgs kommun", st["body"]
        ),
        NextPageTemplate("two"),
        PageBreak(),
    ]
    S_.append(Paragraph("Vad är Kommunkompassen?", st["h1"]))
    for t in INTRO_VAD + METOD:
        S_.append(Paragraph(t, st["body"]))
    S_.append(Paragraph("Sammanfattning", st["h1"]))
    for t in SUMMARY_TEXT[:1]:
        S_.append(Paragraph(t.replace("{Org}", "Kommunen"), st["body"]))
    S_.append(
        Paragraph(
            "Resultatet per område framgår av tabell 1. Den högsta poängen har Ystad fått inom området "
            "samhällsbyggande och den lägsta inom verksamhetsutveckling.",
            st["body"],
        )
    )
    cap = "Tabell 1. Ystads kommuns poäng per område"
    S_.append(Paragraph(cap, st["h2"]))
    kl.table("t1", "Tabell 1. Ystads kommuns", cap)
    data = [[Paragraph("Område", st["cellb"]), Paragraph("Max", st["cellc"]), Paragraph("Poäng", st["cellc"])]]
    for i in range(8):
        data.append([Paragraph("%d. %s" % (i + 1, AREAS["2003"][i]), st["cell"]), "100", fmt(v[i])])
        kl.row("t1", r"%d\.\s" % (i + 1), ["100", fmt(v[i])], [(ev, "old", "primary", v[i], i + 1)])
    data.append([Paragraph("Totalt", st["cellb"]), "800", fmt(450.5)])
    kl.row("t1", "Totalt", ["800", fmt(450.5)], [(ev, "old", "primary", 450.5, None)])
    t = Table(data, colWidths=[fw_ - 2.6 * cm, 1.2 * cm, 1.4 * cm])
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Times-Roman", 9.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
                ("LINEBELOW", (0, -1), (-1, -1), 1, colors.black),
                ("FONT", (1, -1), (-1, -1), "Times-Bold", 9.5),
            ]
        )
    )
    S_.append(t)
    S_.append(Spacer(1, 8))
    for t_ in SUMMARY_TEXT[1:]:
        S_.append(
            Paragraph(
                "Utvärderingen visar att arbetet med tillgänglighet och bemötande har kommit långt, medan "
                "styrningen av verksamheten behöver utvecklas. I de följande avsnitten redovisas "
                "iakttagelserna område för område.",
                st["body"],
            )
        )
    for i in range(8):
        head = "Område %d: %s (%s poäng)" % (i + 1, AREAS["2003"][i], fmt(v[i]))
        rl_area_text(st, S_, "2003", i, head, 3, "–", "Kommunen")
        kl.text(head, ev, "old", "primary", v[i], i + 1, table=None, after=2)
    doc.build(S_)
    D = dict(
        name=name,
        ev=ev,
        others=[],
        notes="reportlab, Times 10 pt, two-column pages throughout (the result table sits inside the left "
        "column, so long labels wrap). Table has a constant 'Max' column (100/800, not scores) before "
        "'Poäng'; horizontal rules only, numbers right-aligned; 'Totalt'. Area headings carry the score "
        "in parentheses ('Område 3: Tydlighet i samspelet mellan politiker och tjänstemän (53 poäng)'). "
        "Bullets are en dashes. Evaluators in one sentence on the cover. Old framework, old scale. "
        "Tabell 1 starts at the bottom of the LEFT column of page 2 and continues (without a repeated "
        "header) at the top of the RIGHT column of the same page, so a layout text extractor sees rows "
        "5–8 and Totalt beside the intro text. Area headings wrap, e.g. '(66' / 'poäng)'.",
    )
    return kl, D


def rl_pitea():
    kl = KeyLog()
    v = [63, 57, 61.5, 54, 50, 58, 46, 65]
    ev = evaluation(
        "pitea-2016", "Piteå kommun", "Piteå", 2016, "2016", "new", v, 454.5, True, ["Linnea Bergman", "Oskar Nilsson"]
    )
    h12 = evaluation("pitea-2012", "Piteå kommun", "Piteå", 2012, "2010", "new", [55, 49, 57, 50, 44, 52, 41, 60], 408)
    name = "pitea-kommunkompassen-rapport-2016"
    st = rl_styles("Helvetica", "Helvetica-Bold", 9)
    W_, H_ = A4

    def deco(c, doc):
        c.saveState()
        c.setFillColor(colors.HexColor("#00546E"))
        c.rect(0, H_ - 1.0 * cm, W_, 1.0 * cm, stroke=0, fill=1)
        c.setFillColor(colors.white)
        c.setFont("Helvetica-Bold", 8)
        c.drawString(2 * cm, H_ - 0.65 * cm, "KOMMUNKOMPASSEN 2016 · PITEÅ KOMMUN")
        c.setFillColor(colors.black)
        c.setFont("Helvetica", 7.5)
        c.drawCentredString(W_ / 2, 1.1 * cm, "%d" % doc.page)
        c.restoreState()

    doc = BaseDocTemplate(
        os.path.join(OUT, name + ".pdf"),
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.2 * cm,
        bottomMargin=2 * cm,
        title="Kommunkompassen Piteå 2016",
    )
    doc.addPageTemplates([PageTemplate("p", [Frame(2.5 * cm, 2 * cm, W_ - 5 * cm, H_ - 4.2 * cm)], onPage=deco)])
    S_ = [
        Spacer(1, 4 * cm),
        Paragraph("Kommunkompassen", st["big"]),
        Paragraph("Analys av Piteå kommun", st["sub"]),
        Paragraph("Platsbesök 7–9 mars 2016", st["body"]),
        Spacer(1, 4 * cm),
        Paragraph("Utvärderare: Linnea Bergman (SKL) och Oskar Nilsson (Luleå kommun)", st["body"]),
        PageBreak(),
    ]
    S_.append(Paragraph("Innehåll", st["h1"]))
    for t in ["1 Inledning", "2 Resultat i sammandrag", "3 Områdesvisa iakttagelser"] + [
        "   3.%d %s" % (i + 1, a) for i, a in enumerate(AREAS["2016"])
    ]:
        S_.append(Paragraph(t.replace(" ", "&nbsp;", 3), st["body"]))
    S_.append(PageBreak())
    S_.append(Paragraph("1 Inledning", st["h1"]))
    for t in INTRO_VAD + METOD:
        S_.append(Paragraph(t, st["body"]))
    S_.append(
        Paragraph(
            "Piteå utvärderades senast 2012. I denna rapport jämförs resultatet med den utvärderingen.", st["body"]
        )
    )
    S_.append(PageBreak())
    S_.append(Paragraph("2 Resultat i sammandrag", st["h1"]))
    S_.append(
        Paragraph("Diagrammet visar poängen per område 2016. Områdena är numrerade enligt Kommunkompassen.", st["body"])
    )
    dr = Drawing(15 * cm, 6.5 * cm)
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 1.2 * cm, 0.9 * cm, 13 * cm, 5 * cm
    bc.data = [v]
    bc.valueAxis.valueMin, bc.valueAxis.valueMax, bc.valueAxis.valueStep = 0, 100, 20
    bc.categoryAxis.categoryNames = ["%d" % (i + 1) for i in range(8)]
    bc.bars[0].fillColor = colors.HexColor("#00546E")
    dr.add(bc)
    S_.append(dr)
    S_.append(Spacer(1, 6))
    kl.table("t1", "Poäng 2012", "Tabell 1. Poäng per område 2012 och 2016")
    data = [["Område", "Poäng 2012", "Poäng 2016"]]
    for i in range(8):
        data.append([Paragraph(AREAS["2016"][i], st["cell"]), fmt(h12["vals"][i]), fmt(v[i])])
        kl.row(
            "t1",
            re.escape(AREAS["2016"][i].split()[0]),
            [fmt(h12["vals"][i]), fmt(v[i])],
            [(h12, "new", "history", h12["vals"][i], i + 1), (ev, "new", "primary", v[i], i + 1)],
        )
    data.append(["Summa", fmt(408), fmt(454.5)])
    kl.row(
        "t1", "Summa", [fmt(408), fmt(454.5)], [(h12, "new", "history", 408, None), (ev, "new", "primary", 454.5, None)]
    )
    t = Table(data, colWidths=[7.4 * cm, 2.6 * cm, 2.6 * cm], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "Helvetica", 8.5),
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8.5),
                ("ALIGN", (1, 0), (-1, 0), "CENTER"),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
                ("RIGHTPADDING", (1, 1), (-1, -1), 18),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DCE9EE")),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 8.5),
            ]
        )
    )
    S_.append(t)
    S_.append(
        Paragraph(
            "Tabell 1. Poäng per område 2012 och 2016. Piteå utvärderades enligt 2010 års version av "
            "Kommunkompassen 2012 och enligt den reviderade versionen 2016. Områdena har samma indelning i "
            "båda versionerna, men några av frågorna har formulerats om, vilket bör beaktas när "
            "resultaten jämförs. Högsta möjliga poäng per område är 100 och totalt 800.",
            st["cap"],
        )
    )
    S_.append(PageBreak())
    S_.append(Paragraph("Resultat i procent av maxpoäng", st["h2"]))
    S_.append(
        Paragraph(
            "Eftersom varje område kan ge högst 100 poäng motsvarar poängen andelen av maxpoängen. "
            "Så här fördelar sig resultatet 2016:",
            st["body"],
        )
    )
    for i in range(8):
        line = "%s: %s %%" % (AREAS["2016"][i], fmt(v[i]))
        S_.append(Paragraph(line, st["bul"], bulletText="•"))
        kl.text(line, ev, "new", "primary", v[i], i + 1, table="Resultat i procent av maxpoäng", after=4)
    S_.append(Paragraph("3 Områdesvisa iakttagelser", st["h1"]))
    for i in range(8):
        rl_area_text(
            st,
            S_,
            "2016",
            i,
            "3.%d %s" % (i + 1, AREAS["2016"][i]),
            5,
            "\u25aa",
            "Kommunen",
            improve_head="Utvecklingsområden",
        )
    doc.build(S_)
    D = dict(
        name=name,
        ev=ev,
        others=[h12],
        notes="reportlab, Helvetica 9 pt, coloured running header band 'KOMMUNKOMPASSEN 2016 · PITEÅ KOMMUN'. "
        "Result page has a vector bar chart (axis ticks 0–100 and categories 1–8 become text; NOT "
        "scores) above Tabell 1 'Område | Poäng 2012 | Poäng 2016' (history first), grid, shaded header, "
        "headers centred over right-aligned (padded) numbers, 'Summa'; long 4-line caption BELOW. A "
        "separate page states the 2016 scores as percentages ('Politisk styrning och kontroll: 61,5 %' "
        "= points, keyed as primary). Improvement lists are headed 'Utvecklingsområden'; bullets ▪. "
        "TOC without page numbers.",
    )
    return kl, D


def build_rl():
    for fn in (rl_ystad, rl_pitea):
        kl, D = fn()
        write_key(D, kl, os.path.join(OUT, D["name"] + ".pdf"), "reportlab", "report", D["others"], D["notes"])
        print("ok", D["name"])


def build_words(only=None):
    specs = [D for D in docx_specs() if not only or D["name"] in only]
    built = {}
    for D in specs:
        built[D["name"]] = word_report(D, None)
    soffice([built[D["name"]][0] for D in specs], BUILD)
    redo = []
    for D in specs:
        if "toc_entries_fn" in D:
            pages = pages_text(os.path.join(BUILD, D["name"] + ".pdf"))
            tp = {
                n: str(find_text_page(pages, n, D.get("toc_start", 2)) or "")
                for (t, n, l) in D["toc_entries_fn"].entries
            }
            built[D["name"]] = word_report(D, tp)
            redo.append(built[D["name"]][0])
            D["_tp"] = tp
    soffice(redo, BUILD)
    for D in specs:
        pdf = os.path.join(BUILD, D["name"] + ".pdf")
        if "_tp" in D:  # verify TOC page numbers still right after the second pass
            pages = pages_text(pdf)
            for n, p in D["_tp"].items():
                q = find_text_page(pages, n, D.get("toc_start", 2))
                if str(q) != p:
                    print("WARN toc page drift", D["name"], n, p, q)
        shutil.copy(pdf, os.path.join(OUT, D["name"] + ".pdf"))
        kl = built[D["name"]][1]
        write_key(
            D,
            kl,
            os.path.join(OUT, D["name"] + ".pdf"),
            "docx",
            "report",
            D["others"],
            D["notes"],
            start_page=D.get("toc_start", 1),
        )
        print("ok", D["name"])


def write_readme():
    import glob

    out = [
        "# Held-out Kommunkompassen evaluation set 2 (12 documents)",
        "",
        "Generated by `make.py` (prose in `texts.py`), checked by `validate.py`. Regenerate with",
        "`/work/main/.venv/bin/python make.py && /work/main/.venv/bin/python validate.py` (needs soffice and poppler).",
        "Intermediate .docx/.pptx files land in `build/`. All report text was written for this set.",
        "",
        "## Key format",
        "Each `NAME.key.json` follows the example key's format (without `forms`, `findings`, `area_scores`, `checks`):",
        "`file`, `producer`, `document` {kind, framework, status, error_code, text_source}, `evaluations`",
        "(own evaluation with `has_report: true` and evaluators; earlier and peer evaluations with `has_report: false`),",
        "`observations` (one per printed score: evaluation_id, organisation, year, area (null = total), scale, value",
        "(null = not assessed), role, page, table) and `notes`.",
        "",
        "Conventions used:",
        "- `role: average` observations carry the report's own evaluation_id/organisation/year (the average is quoted in that",
        "  report); their values are averages, not the organisation's scores.",
        "- Pages are 1-based PDF pages, assigned after conversion by locating each row/heading in `pdftotext` output and",
        "  validated (`validate.py`: every non-null value is printed on the named page; nulls sit on a page with `–`/`*)`).",
        "- Constant 'Max' columns (100/800), TOC page numbers, chart axis ticks and the '100'/'800' in prose are NOT keyed.",
        "- A score printed twice (summary table and closing table, results slide and area slide, heading and table) is keyed",
        "  once per printing, each with its own page.",
        "- Deliberate error: `kk-ale-2014` prints Summa 436 while its areas sum to 426 (key keeps 436 as printed).",
        "- Notes ending in `[auto]` sentences were added by make.py after conversion (page splits found in the PDF).",
        "",
        "## Documents",
        "",
    ]
    for kf in sorted(glob.glob(os.path.join(OUT, "*.key.json"))):
        k = json.load(open(kf, encoding="utf-8"))
        own = [e for e in k["evaluations"] if e["has_report"]][0]
        others = ", ".join(
            "%s %d (%s)"
            % (e["organisation"], e["year"], "peer" if e["organisation"] != own["organisation"] else "history")
            for e in k["evaluations"]
            if not e["has_report"]
        )
        out.append("### %s" % k["file"])
        out.append(
            "- producer: %s · kind: %s · framework: %s · %s %d · total %s (%s scale)%s · max %s"
            % (
                k["producer"],
                k["document"]["kind"],
                k["document"]["framework"],
                own["organisation"],
                own["year"],
                own["total_score"],
                own["total_scale"],
                (" / old scale %s" % own["total_score_old_scale"]) if own["total_score_old_scale"] else "",
                own["max_total"],
            )
        )
        if others:
            out.append("- other evaluations printed: " + others)
        out.append("- layout: " + k["notes"])
        out.append("")
    open(os.path.join(OUT, "README.md"), "w", encoding="utf-8").write("\n".join(out))


if __name__ == "__main__":
    os.makedirs(BUILD, exist_ok=True)
    only = sys.argv[1:]
    if not only or "words" in only:
        build_words()
    if not only or "decks" in only:
        build_decks()
    if not only or "rl" in only:
        build_rl()
    write_readme()
