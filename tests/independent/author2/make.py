#!/usr/bin/env python
"""Regenerate the heldout3 Kommunkompassen evaluation set.

Run: /work/main/.venv/bin/python make.py
Builds .docx/.pptx sources in build/, converts with LibreOffice, writes PDFs and
NAME.key.json beside them; pages in the keys are found from the converted PDFs
(pdftotext) and every keyed value is checked on its page.
"""

import json
import os
import random
import re
import subprocess
import sys
import shutil

from docx import Document
from docx.shared import Pt, Cm, RGBColor
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
from PIL import Image, ImageDraw, ImageFilter, ImageFont

HERE = os.path.dirname(os.path.abspath(__file__))
BUILD = os.path.join(HERE, "build")
os.makedirs(BUILD, exist_ok=True)

L = {
    "2003": [
        "Offentlighet, öppenhet och demokratisk kontroll",
        "Tillgänglighet/medborgar- och brukarorientering",
        "Tydlighet i samspelet mellan politiker och tjänstemän",
        "Ledning, decentralisering och delegering",
        "Kontroll och rapportering",
        "Personalpolitik",
        "Verksamhetsutveckling",
        "Kommunen som samhällsbyggare",
    ],
    "2010": [
        "Offentlighet och demokrati",
        "Tillgänglighet och brukarorientering",
        "Politisk styrning och kontroll",
        "Ledarskap, ansvar och delegation",
        "Resultat och effektivitet",
        "Kommunen som arbetsgivare – personalpolitik",
        "Verksamhetsutveckling",
        "Kommunen som samhällsbyggare",
    ],
    "2016": [
        "Offentlighet och demokrati",
        "Brukarfokus, tillgänglighet och bemötande",
        "Politisk styrning och kontroll",
        "Ledarskap, ansvar och delegation",
        "Resultat och effektivitet",
        "Kommunen som arbetsgivare – personalpolitik",
        "Ständiga förbättringar",
        "Kommunen som samhällsbyggare",
    ],
    "2020": [
        "Samspel mellan förtroendevalda och medborgare",
        "Samhällsutveckling",
        "Styrning och kontroll",
        "Effektivitet",
        "Brukarens fokus",
        "Kvalitetsutveckling",
        "Arbetsliv",
        "Chefs- och ledarskap samt medarbetarskap",
    ],
}
# theme index (2010 numbering, 0-based) of each area per framework
THEME = {"2003": list(range(8)), "2010": list(range(8)), "2016": list(range(8)), "2020": [0, 7, 2, 4, 1, 6, 5, 3]}

SUBQ = [
    [
        "Plan och strategi för demokratiutveckling och information",
        "Hur informeras medborgarna?",
        "Information om kommunens resultat",
        "Medborgardialog och deltagande",
        "Etik och korruption",
    ],
    [
        "Strategi för brukarorientering",
        "Tillgänglighet och bemötande",
        "Information om service och tjänster",
        "Valfrihet och brukarens påverkan",
        "Brukarundersökningar",
        "Servicedeklarationer, synpunkts- och klagomålshantering",
    ],
    [
        "Helhetstänkande i styrning och uppföljning",
        "Tydliga politiska mål",
        "Rapportering och tillsyn",
        "Delegation och ansvarsfördelning",
        "Förståelse av roller mellan politiker och tjänstemän",
    ],
    [
        "Strategi för ledarskap, ansvar och delegation",
        "Resultatenheternas ansvar",
        "Tvärsektoriellt samarbete",
        "Chefernas personliga uppdrag",
        "Central ledning",
        "Ledarutveckling",
    ],
    [
        "Strategi för resultatstyrning och effektivitet",
        "Kostnader och resultat i budgetprocessen",
        "Arbetsprocesser, uppföljning och kontroll",
        "Strategiska diskussioner om resurser och resultat",
        "Jämförelser",
        "Extern samverkan",
    ],
    [
        "Personalstrategi",
        "Rekrytering – attraktiv arbetsgivare",
        "Kompetens- och medarbetarutveckling",
        "Lönesättning och belöning",
        "Arbetsmiljö",
        "Mångfald",
    ],
    [
        "Strategiskt kvalitetsarbete",
        "Metoder och verktyg",
        "Omvärldsspaning och samverkan",
        "Kreativitet och innovation",
        "IT-stöd",
    ],
    [
        "Planer för samhällsbyggande",
        "Civilsamhället",
        "Kulturlivet",
        "Näringslivet",
        "Internationella kontakter",
        "Hållbar utveckling",
    ],
]

STR = [
    [
        "Sammanträdeshandlingar och protokoll läggs ut på webben i god tid före mötena.",
        "Fullmäktiges möten sänds via webben och kan ses i efterhand.",
        "Det finns en antagen policy mot mutor och jäv som tas upp i chefsintroduktionen.",
    ],
    [
        "Kontaktcenter med utökade öppettider besvarar en stor del av frågorna direkt.",
        "Brukarundersökningar görs årligen inom skola, äldreomsorg och socialtjänst.",
        "Synpunkter och klagomål registreras i ett gemensamt system och återkopplas.",
    ],
    [
        "Fullmäktiges mål är få och följs upp med mätbara indikatorer.",
        "Ett årshjul binder ihop planering, budget och uppföljning.",
        "Samarbetsklimatet mellan förtroendevalda och tjänstemän beskrivs som gott.",
    ],
    [
        "Ledningsgruppen arbetar tydligt med helheten och gemensamma frågor.",
        "Chefer får ett skriftligt uppdrag som följs upp i medarbetarsamtal.",
        "Ett internt ledarprogram erbjuds nya chefer.",
    ],
    [
        "Kommunen deltar aktivt i jämförelsenätverk och använder nyckeltal.",
        "Resursfördelningen bygger på volymer och följs upp varje månad.",
        "Samverkan med grannkommuner kring upphandling ger lägre kostnader.",
    ],
    [
        "En gemensam kompetensförsörjningsplan finns och följs upp årligen.",
        "Heltid som norm har införts inom vård och omsorg.",
        "Medarbetarenkäten följs upp på varje arbetsplats med handlingsplaner.",
    ],
    [
        "Förbättringsförslag från medarbetare samlas in och redovisas.",
        "Kommunen har ett ledningssystem för kvalitet inom socialtjänsten.",
        "Omvärldsbevakning sker genom nätverk och studiebesök.",
    ],
    [
        "En överenskommelse med föreningslivet och den idéburna sektorn finns.",
        "Näringslivsrådet träffas regelbundet med kommunledningen.",
        "Ett aktivt miljö- och klimatarbete med mätbara mål.",
    ],
]
IMP = [
    [
        "Utveckla återkopplingen till invånare som deltar i dialoger.",
        "Redovisa verksamheternas resultat på webben på ett lättillgängligt sätt.",
        "Följ upp hur medborgarförslag och e-förslag har hanterats.",
    ],
    [
        "Inför mätbara servicegarantier i fler verksamheter.",
        "Mät tillgängligheten via telefon och e-post och redovisa resultatet.",
        "Ge brukarna större möjlighet att påverka utformningen av tjänsterna.",
    ],
    [
        "Stärk kopplingen mellan mål, resurser och uppföljning.",
        "Tydliggör nämndernas ansvar för att bryta ned fullmäktiges mål.",
        "Utveckla formerna för politikens uppsikt över verksamheterna.",
    ],
    [
        "Tydliggör enhetschefernas mandat i ekonomiska frågor.",
        "Erbjud fortsatt ledarutveckling även för erfarna chefer.",
        "Skapa forum där chefer från olika förvaltningar kan lära av varandra.",
    ],
    [
        "Analysera skillnader i kostnader och kvalitet jämfört med andra kommuner.",
        "Använd jämförelserna i budgetarbetet, inte bara i årsredovisningen.",
        "Kartlägg och förbättra de viktigaste arbetsprocesserna.",
    ],
    [
        "Tydliggör lönekriterierna och hur de kopplas till verksamhetens mål.",
        "Arbeta mer strategiskt med arbetsgivarvarumärket.",
        "Följ upp sjukfrånvaron per arbetsplats och sätt in tidiga insatser.",
    ],
    [
        "Anta en gemensam strategi för kvalitets- och förbättringsarbetet.",
        "Avsätt tid och resurser för innovation i verksamheterna.",
        "Samordna IT-stödet så att systemen kan kommunicera med varandra.",
    ],
    [
        "Anta en strategi för internationellt arbete kopplad till kommunens mål.",
        "Integrera hållbarhetsmålen i den ordinarie styrmodellen.",
        "Tydliggör ansvaret för landsbygdsutveckling.",
    ],
]
PROSE = [
    "Under intervjuerna framkom en samstämmig bild av hur arbetet bedrivs, även om det finns "
    "skillnader mellan förvaltningarna i hur långt man har kommit.",
    "Utvärderarna har tagit del av styrdokument, årsredovisning och budget samt intervjuat "
    "förtroendevalda, chefer och medarbetare på olika nivåer.",
    "Det finns goda förutsättningar att ta nästa steg, men arbetet behöver samordnas bättre "
    "och följas upp systematiskt i hela organisationen.",
    "Flera av de intervjuade lyfte fram att dokumenten är kända, men att de inte alltid "
    "används som stöd i det dagliga arbetet.",
    "Kommunen har under de senaste åren genomfört ett antal förändringar som ännu inte hunnit "
    "få fullt genomslag i verksamheterna.",
    "Jämfört med andra kommuner som utvärderats ligger resultatet inom detta område nära "
    "genomsnittet, med vissa tydliga styrkor.",
]


def fmt(v):
    if v is None:
        return None
    if float(v).is_integer():
        return str(int(v))
    return ("%.1f" % v).replace(".", ",")


def slug(name):
    s = name.lower()
    for a, b in (("å", "a"), ("ä", "a"), ("ö", "o"), ("é", "e")):
        s = s.replace(a, b)
    for w in (" stadsdelsområde", " stadsdelsomrade", " kommun", " stad", "region "):
        s = s.replace(w, "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# ---------------------------------------------------------------- key helpers
class Key:
    def __init__(self, name, producer, kind, framework, notes):
        self.name = name
        self.producer = producer
        self.kind = kind
        self.framework = framework
        self.notes = notes
        self.evals = []
        self.obs = []

    def evaluation(
        self,
        organisation,
        municipality,
        code,
        org_type,
        year,
        framework,
        scores,
        scale,
        total,
        has_report=False,
        evaluators=(),
        old_total=None,
        eid=None,
    ):
        assessed = [s for s in scores if s is not None]
        mx = 100.0 * len(assessed)
        if eid is None:
            eid = slug(municipality) if org_type in ("kommun", "region") else slug(organisation)
        e = dict(
            evaluation_id="%s-%d" % (eid, year),
            organisation=organisation,
            municipality=municipality,
            municipality_code=code,
            org_type=org_type,
            country="SE",
            year=year,
            framework=framework,
            total_score=float(total) if total is not None else None,
            total_scale=scale,
            max_total=mx,
            total_score_old_scale=float(old_total) if old_total is not None else None,
            has_report=has_report,
            evaluators=list(evaluators),
        )
        self.evals.append(e)
        return e

    def add(self, ev, area, scale, value, role, table, anchor, row=None, shown=None, org=None, year=None):
        """anchor: text locating the table/slide/heading; row: text locating the row (>= anchor page);
        shown: the printed string to verify on the page."""
        o = dict(
            evaluation_id=ev["evaluation_id"],
            organisation=org or ev["organisation"],
            year=year or ev["year"],
            area=area,
            scale=scale,
            value=None if value is None else float(value),
            role=role,
            page=None,
            table=table,
            _anchor=anchor,
            _row=row,
            _shown=shown if shown is not None else fmt(value),
        )
        self.obs.append(o)

    def add_series(
        self, ev, scores, total, scale, role, table, anchor, rows=None, shown=None, org=None, year=None, with_total=True
    ):
        for i, v in enumerate(scores):
            self.add(
                ev,
                i + 1,
                scale,
                v,
                role,
                table,
                anchor,
                rows[i] if rows else None,
                shown[i] if shown else None,
                org,
                year,
            )
        if with_total:
            self.add(
                ev,
                None,
                scale,
                total,
                role,
                table,
                anchor,
                rows[8] if rows else None,
                shown[8] if shown else None,
                org,
                year,
            )


def norm(t):
    return re.sub(r"\s+", " ", t.replace("\u00ad", "")).strip()


def page_texts(pdf):
    n = int(
        re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout).group(1)
    )
    out = []
    for p in range(1, n + 1):
        t = subprocess.run(
            ["pdftotext", "-layout", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True
        ).stdout
        t2 = subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), pdf, "-"], capture_output=True, text=True).stdout
        out.append(norm(t) + " || " + norm(t2))
    return out


def resolve_pages(key, pdf, pages=None):
    pages = pages or page_texts(pdf)
    problems = []
    for o in key.obs:
        a = norm(o["_anchor"])
        pa = [i for i, t in enumerate(pages) if a in t]
        if not pa:
            problems.append("anchor not found: %r" % a)
            continue
        p = pa[-1] if o.get("_last") else pa[0]
        if o["_row"]:
            r = norm(o["_row"])
            cand = [i for i in range(p, len(pages)) if r in pages[i]]
            if not cand:
                problems.append("row not found: %r" % r)
                continue
            p = cand[0]
        o["page"] = p + 1
        s = o["_shown"]
        pat = (r"(?<![0-9,])" if s[:1].isdigit() else "") + re.escape(s) + (r"(?![0-9])" if s[-1:].isdigit() else "")
        if s and not re.search(pat, pages[p]):
            problems.append("value %r (%s area %s) not on page %d" % (s, o["evaluation_id"], o["area"], p + 1))
    return problems, len(pages)


def write_key(key, pdf_name, extra_notes=""):
    obs = []
    for o in key.obs:
        obs.append({k: v for k, v in o.items() if not k.startswith("_")})
    k = dict(
        file=pdf_name,
        producer=key.producer,
        document=dict(
            kind=key.kind,
            framework=key.framework,
            status="extracted",
            error_code=None,
            text_source="ocr" if key.producer == "scan" else "pdf",
        ),
        evaluations=key.evals,
        observations=obs,
        notes=key.notes + extra_notes,
    )
    with open(os.path.join(HERE, pdf_name.replace(".pdf", ".key.json")), "w", encoding="utf-8") as f:
        json.dump(k, f, ensure_ascii=False, indent=2)


def soffice(path):
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", BUILD, path], check=True, capture_output=True
    )
    return os.path.splitext(path)[0] + ".pdf"


# ---------------------------------------------------------------- docx helpers
def set_cell_bg(cell, hexcolor):
    tcPr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), hexcolor)
    tcPr.append(shd)


def set_table_borders(table, spec):
    """spec: dict edge->(val,size) for top,bottom,insideH,insideV,left,right"""
    tblPr = table._tbl.tblPr
    b = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        e = OxmlElement("w:" + edge)
        val, sz = spec.get(edge, ("nil", 0))
        e.set(qn("w:val"), val)
        if val != "nil":
            e.set(qn("w:sz"), str(sz))
            e.set(qn("w:color"), "404040")
        b.append(e)
    tblPr.append(b)


def repeat_header(row):
    trPr = row._tr.get_or_add_trPr()
    h = OxmlElement("w:tblHeader")
    h.set(qn("w:val"), "true")
    trPr.append(h)


def cell_text(cell, text, bold=False, align=None, size=None, italic=False, color=None):
    cell.text = ""
    p = cell.paragraphs[0]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        r = p.add_run(line)
        r.bold = bold
        r.italic = italic
        if size:
            r.font.size = Pt(size)
        if color:
            r.font.color.rgb = RGBColor.from_string(color)
        if i < len(lines) - 1:
            r.add_break()
    if align:
        p.alignment = align
    p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.space_before = Pt(1)


def col_widths(table, widths):
    table.autofit = False
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(int(Cm(w).twips)))
    for row in table.rows:
        for i, w in enumerate(widths):
            row.cells[i].width = Cm(w)


def base_doc(font, size, header_text=None, footer_text=None, margins=2.5):
    d = Document()
    st = d.styles["Normal"]
    st.font.name = font
    st.element.rPr.rFonts.set(qn("w:eastAsia"), font)
    st.font.size = Pt(size)
    for hs in ("Heading 1", "Heading 2", "Heading 3", "Title"):
        d.styles[hs].font.name = font
        d.styles[hs].element.rPr.rFonts.set(qn("w:ascii"), font)
        d.styles[hs].element.rPr.rFonts.set(qn("w:hAnsi"), font)
    s = d.sections[0]
    s.left_margin = s.right_margin = Cm(margins)
    s.top_margin = s.bottom_margin = Cm(2.2)
    s.different_first_page_header_footer = True
    if header_text:
        s.header.paragraphs[0].text = header_text
        s.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if footer_text:
        fp = s.footer.paragraphs[0]
        fp.text = footer_text + " "
        add_page_field(fp)
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return d


def add_page_field(p):
    r = p.add_run()
    f1 = OxmlElement("w:fldChar")
    f1.set(qn("w:fldCharType"), "begin")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = "PAGE"
    f2 = OxmlElement("w:fldChar")
    f2.set(qn("w:fldCharType"), "end")
    r._r.append(f1)
    r._r.append(it)
    r._r.append(f2)


def page_break(d):
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def bullets(d, items, style="List Bullet"):
    for it in items:
        d.add_paragraph(it, style=style)


def prose(d, rnd, n=2):
    for _ in range(n):
        d.add_paragraph(" ".join(rnd.sample(PROSE, 3)))


def area_walk(
    d,
    rnd,
    fw,
    heading_fmt,
    scores=None,
    sum_heading="Sammanfattning område {n}",
    imp_word="Förbättringsområden",
    nprose=2,
    level=1,
):
    """Detailed walk through the eight areas. heading_fmt gets n, label, score."""
    for i in range(8):
        th = THEME[fw][i]
        sc = fmt(scores[i]) if scores else ""
        d.add_heading(heading_fmt.format(n=i + 1, label=L[fw][i], score=sc), level=level)
        subs = SUBQ[th] if fw != "2020" else SUBQ[th][:4]
        for j, sq in enumerate(subs[:3]):
            d.add_heading("%d.%d %s" % (i + 1, j + 1, sq), level=level + 1)
            prose(d, rnd, nprose)
        d.add_paragraph().add_run(sum_heading.format(n=i + 1)).bold = True
        d.add_paragraph().add_run("Styrkor").bold = True
        bullets(d, STR[th])
        d.add_paragraph().add_run(imp_word).bold = True
        bullets(d, IMP[th])


def toc(d, entries):
    d.add_heading("Innehåll", level=1)
    for t, p in entries:
        para = d.add_paragraph()
        para.paragraph_format.tab_stops.add_tab_stop(Cm(15), alignment=2, leader=1)
        para.add_run("%s\t%s" % (t, p))


def vad_ar(d, rnd, fw):
    d.add_heading("Vad är Kommunkompassen?", level=1)
    d.add_paragraph(
        "Kommunkompassen är ett verktyg för att analysera hur en kommun styrs och leds. "
        "Utgångspunkten är en bild av en väl fungerande kommun, och utvärderingen belyser "
        "helheten snarare än enskilda verksamheter. Analysen bygger på intervjuer och "
        "dokumentstudier och ger kommunen underlag för sitt fortsatta utvecklingsarbete."
    )
    d.add_paragraph("Utvärderingen omfattar åtta huvudområden:")
    for i, l in enumerate(L[fw]):
        d.add_paragraph("%d. %s" % (i + 1, l))
    d.add_paragraph(
        "Varje område bedöms med högst 100 poäng, vilket ger en maximal totalpoäng på 800. "
        "Poängen ska inte ses som ett betyg utan som en indikation på var kommunen står i "
        "förhållande till en väl fungerande organisation."
    )


def cover(d, title_lines, sub, evaluator_lines, size=26):
    for _ in range(5):
        d.add_paragraph()
    for t in title_lines:
        p = d.add_paragraph()
        r = p.add_run(t)
        r.bold = True
        r.font.size = Pt(size)
    p = d.add_paragraph()
    p.add_run(sub).font.size = Pt(14)
    for _ in range(6):
        d.add_paragraph()
    for e in evaluator_lines:
        d.add_paragraph(e)
    page_break(d)


def set_landscape(section):
    section.orientation = WD_ORIENT.LANDSCAPE
    w, h = section.page_width, section.page_height
    if w < h:
        section.page_width, section.page_height = h, w


def set_portrait(section):
    section.orientation = WD_ORIENT.PORTRAIT
    w, h = section.page_width, section.page_height
    if w > h:
        section.page_width, section.page_height = h, w


def two_columns(section, n=2):
    sp = section._sectPr
    cols = sp.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        sp.append(cols)
    cols.set(qn("w:num"), str(n))
    cols.set(qn("w:space"), "567")


# ======================================================================
# D1: Härnösand 2011, two scales (framework 2010)
# ======================================================================
def d1():
    name = "harnosand-2011-tva-skalor"
    rnd = random.Random(1)
    fw = "2010"
    new = [62, 54.5, 57, 48, 51, 55, 43.5, 60]
    old = [58, 66, 49, 45, 44, 50, 37, 52]
    key = Key(
        name,
        "docx",
        "report",
        fw,
        "Two-scale 2011 report: 'Nuvarande poängskala' and 'Äldre poängskala' columns with two totals "
        "('TOTALT'), in Tabell 1 (narrow label column, labels wrap; header cells left-aligned, numbers "
        "right-aligned; horizontal rules only) and again in the closing 'Poängsammanställning' (full "
        "grid, centred headers). Evaluators on the cover, one per line with affiliation. Calibri/Carlito 11. "
        "Running header and page footer. TOC lists areas with page numbers (no scores). ",
    )
    ev = key.evaluation(
        "Härnösands kommun",
        "Härnösand",
        "2280",
        "kommun",
        2011,
        fw,
        new,
        "new",
        sum(new),
        True,
        ["Maria Lundqvist", "Tomas Berglund"],
        old_total=sum(old),
    )
    d = base_doc("Calibri", 11, "Kommunkompassen – Härnösands kommun 2011", "Sveriges Kommuner och Landsting")
    cover(
        d,
        ["Kommunkompassen", "Analys av Härnösands kommun"],
        "Utvärdering genomförd 14–16 mars 2011",
        ["Utvärderare:", "Maria Lundqvist, Sveriges Kommuner och Landsting", "Tomas Berglund, Sandvikens kommun"],
    )
    toc(
        d,
        [
            ("1. Inledning", 2),
            ("2. Sammanfattning av resultat", 3),
            ("3. Genomgång av områdena", 5),
            ("4. Poängsammanställning", 12),
        ],
    )
    d.add_heading("1. Inledning", level=1)
    d.add_paragraph(
        "Härnösands kommun beslutade hösten 2010 att låta utvärdera kommunen enligt "
        "Kommunkompassen. Utvärderingen genomfördes i mars 2011."
    )
    vad_ar(d, rnd, fw)
    d.add_paragraph(
        "Kommunkompassen reviderades 2010. Eftersom poängsättningen har ändrats redovisas resultatet "
        "både enligt den nuvarande och enligt den äldre poängskalan, så att jämförelser med tidigare "
        "utvärderade kommuner blir möjliga."
    )
    page_break(d)
    d.add_heading("2. Sammanfattning av resultat", level=1)
    d.add_paragraph(
        "Härnösand uppvisar en jämn profil med sitt starkaste resultat inom offentlighet och "
        "demokrati samt inom samhällsbyggandet. Lägst poäng får verksamhetsutvecklingen."
    )
    cap1 = "Tabell 1 Härnösands kommuns resultat i förhållande till Kommunkompassens huvudområden"
    cp = d.add_paragraph()
    cp.add_run(cap1).italic = True
    t = d.add_table(rows=10, cols=3)
    set_table_borders(t, {"top": ("single", 8), "bottom": ("single", 8), "insideH": ("single", 4)})
    cell_text(t.cell(0, 0), "Område", True, WD_ALIGN_PARAGRAPH.LEFT)
    cell_text(t.cell(0, 1), "Nuvarande\npoängskala", True, WD_ALIGN_PARAGRAPH.LEFT)
    cell_text(t.cell(0, 2), "Äldre\npoängskala", True, WD_ALIGN_PARAGRAPH.LEFT)
    for i in range(8):
        cell_text(t.cell(i + 1, 0), "%d. %s" % (i + 1, L[fw][i]))
        cell_text(t.cell(i + 1, 1), fmt(new[i]), align=WD_ALIGN_PARAGRAPH.RIGHT)
        cell_text(t.cell(i + 1, 2), fmt(old[i]), align=WD_ALIGN_PARAGRAPH.RIGHT)
    cell_text(t.cell(9, 0), "TOTALT", True)
    cell_text(t.cell(9, 1), fmt(sum(new)), True, WD_ALIGN_PARAGRAPH.RIGHT)
    cell_text(t.cell(9, 2), fmt(sum(old)), True, WD_ALIGN_PARAGRAPH.RIGHT)
    col_widths(t, [5.0, 2.6, 2.6])
    key.add_series(ev, new, sum(new), "new", "primary", cap1, cap1)
    key.add_series(ev, old, sum(old), "old", "primary", cap1, cap1)
    d.add_paragraph()
    d.add_paragraph(
        "Resultatet enligt den äldre skalan kan jämföras med de kommuner som utvärderades "
        "före 2010. Poängen ska läsas tillsammans med de styrkor och förbättringsområden "
        "som redovisas för varje område."
    )
    page_break(d)
    d.add_heading("3. Genomgång av områdena", level=1)
    area_walk(d, rnd, fw, "Område {n}. {label}", level=2, nprose=1)
    page_break(d)
    d.add_heading("4. Poängsammanställning", level=1)
    cap2 = "Poängsammanställning per huvudområde"
    d.add_paragraph(cap2)
    t = d.add_table(rows=10, cols=3)
    t.style = "Table Grid"
    cell_text(t.cell(0, 0), "Huvudområde", True, WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(0, 1), "Poäng, nuvarande skala", True, WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(0, 2), "Poäng, äldre skala", True, WD_ALIGN_PARAGRAPH.CENTER)
    for i in range(8):
        cell_text(t.cell(i + 1, 0), "%d. %s" % (i + 1, L[fw][i]))
        cell_text(t.cell(i + 1, 1), fmt(new[i]), align=WD_ALIGN_PARAGRAPH.CENTER)
        cell_text(t.cell(i + 1, 2), fmt(old[i]), align=WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(9, 0), "TOTALT", True)
    cell_text(t.cell(9, 1), fmt(sum(new)), True, WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(9, 2), fmt(sum(old)), True, WD_ALIGN_PARAGRAPH.CENTER)
    col_widths(t, [8.5, 3.5, 3.5])
    key.add_series(ev, new, sum(new), "new", "primary", "Poängsammanställning", cap2)
    key.add_series(ev, old, sum(old), "old", "primary", "Poängsammanställning", cap2)
    return name, d, key


# ======================================================================
# D2: Vänersborg 2017 (framework 2016), history 2013, merged header, scores in headings
# ======================================================================
def d2():
    name = "vanersborg-2017-historik"
    rnd = random.Random(2)
    fw = "2016"
    h13 = [55, 48, 52, 46, 44, 50, 38, 57]
    s17 = [63, 58.5, 60, 52, 49, 56, 47, 61]
    key = Key(
        name,
        "docx",
        "report",
        fw,
        "2016 framework. Result table with area number and label in separate columns, a merged header "
        "cell 'Poäng' spanning the year columns 'Vänersborg 2013' and 'Vänersborg 2017' (earlier "
        "evaluation first), long five-line caption above the table, full grid, Times/Liberation Serif "
        "10.5. Each area heading prints the 2017 score ('Område 3 … – 60 poäng'): keyed as primary "
        "observations on the heading's page. 2013 evaluation used the 2010 framework (same area "
        "numbering). Total row 'Summa'. ",
    )
    ev = key.evaluation(
        "Vänersborgs kommun",
        "Vänersborg",
        "1487",
        "kommun",
        2017,
        fw,
        s17,
        "new",
        sum(s17),
        True,
        ["Anna-Karin Holm", "Peter Ekdahl"],
    )
    eh = key.evaluation("Vänersborgs kommun", "Vänersborg", "1487", "kommun", 2013, "2010", h13, "new", sum(h13))
    d = base_doc("Times New Roman", 10.5, "Analys av Vänersborgs kommun", "Kommunkompassen 2017 –", margins=2.8)
    cover(
        d,
        ["KOMMUNKOMPASSEN", "Analys av Vänersborgs kommun 2017"],
        "Sveriges Kommuner och Landsting",
        ["Utvärderare: Anna-Karin Holm, SKL och Peter Ekdahl, Uddevalla kommun", "September 2017"],
        size=24,
    )
    vad_ar(d, rnd, fw)
    d.add_heading("Sammanfattning", level=1)
    d.add_paragraph(
        "Vänersborg utvärderades första gången 2013 och har sedan dess ökat sin totalpoäng. "
        "Störst förbättring syns inom brukarfokus och ständiga förbättringar."
    )
    cap = (
        "Tabell 1. Vänersborgs kommuns resultat vid utvärderingen 2017 jämfört med resultatet vid den "
        "föregående utvärderingen 2013, fördelat på Kommunkompassens åtta huvudområden. Observera att "
        "Kommunkompassen reviderades 2016 och att två områden har fått nya benämningar; frågorna är i "
        "allt väsentligt desamma, varför resultaten bedöms vara jämförbara. Maxpoäng per område är 100 "
        "och maximal totalpoäng 800."
    )
    d.add_paragraph(cap).runs[0].italic = True
    t = d.add_table(rows=11, cols=4)
    t.style = "Table Grid"
    a = t.cell(0, 0).merge(t.cell(1, 0))
    cell_text(a, "Nr", True)
    b = t.cell(0, 1).merge(t.cell(1, 1))
    cell_text(b, "Huvudområde", True)
    c = t.cell(0, 2).merge(t.cell(0, 3))
    cell_text(c, "Poäng", True, WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(1, 2), "Vänersborg 2013", True, WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(1, 3), "Vänersborg 2017", True, WD_ALIGN_PARAGRAPH.CENTER)
    for r in (0, 1):
        for cc in range(4):
            set_cell_bg(t.cell(r, cc), "D9E2F3")
    for i in range(8):
        cell_text(t.cell(i + 2, 0), str(i + 1), align=WD_ALIGN_PARAGRAPH.CENTER)
        cell_text(t.cell(i + 2, 1), L[fw][i])
        cell_text(t.cell(i + 2, 2), fmt(h13[i]), align=WD_ALIGN_PARAGRAPH.RIGHT)
        cell_text(t.cell(i + 2, 3), fmt(s17[i]), align=WD_ALIGN_PARAGRAPH.RIGHT)
    cell_text(t.cell(10, 1), "Summa", True)
    cell_text(t.cell(10, 2), fmt(sum(h13)), True, WD_ALIGN_PARAGRAPH.RIGHT)
    cell_text(t.cell(10, 3), fmt(sum(s17)), True, WD_ALIGN_PARAGRAPH.RIGHT)
    col_widths(t, [1.0, 8.0, 3.0, 3.0])
    tab = "Tabell 1. Vänersborgs kommuns resultat vid utvärderingen 2017"
    rws = ["%d %s %s" % (i + 1, L[fw][i], fmt(h13[i])) for i in range(8)] + ["Summa %s" % fmt(sum(h13))]
    key.add_series(eh, h13, sum(h13), "new", "history", tab, "Tabell 1. Vänersborgs", rows=rws)
    key.add_series(ev, s17, sum(s17), "new", "primary", tab, "Tabell 1. Vänersborgs", rows=rws)
    d.add_paragraph()
    prose(d, rnd, 2)
    page_break(d)
    hf = "Område {n} {label} – {score} poäng"
    area_walk(d, rnd, fw, hf, scores=s17, imp_word="Förbättringsområden", nprose=1)
    for i in range(8):
        h = hf.format(n=i + 1, label=L[fw][i], score=fmt(s17[i]))
        key.add(ev, i + 1, "new", s17[i], "primary", h, h)
    return name, d, key


# ======================================================================
# D3: Skarpnäck 2009 (old scale, district), area 8 not assessed, peer table on landscape page
# ======================================================================
def d3():
    name = "skarpnack-2009-stadsdel"
    rnd = random.Random(3)
    fw = "2003"
    own = [61, 58, 55, 52, 50, 54, 46, None]
    peers = [
        ("Bromma stadsdelsområde", "Bromma\n2006", 2006, [55, 60, 50, 48, 46, 52, 40, None]),
        ("Kungsholmens stadsdelsområde", "Kungsholmen\n2007", 2007, [58, 57, 53, 51, 47.5, 50, 44, None]),
        ("Spånga-Tensta stadsdelsområde", "Spånga-\nTensta\n2008", 2008, [49, 53, 47, 44, 41, 48, 36, None]),
        (
            "Hägersten-Liljeholmens stadsdelsområde",
            "Hägersten-\nLiljeholmen\n2008",
            2008,
            [57, 59, 56, 50, 49, 55, 45, None],
        ),
    ]
    tot = lambda s: sum(v for v in s if v is not None)
    key = Key(
        name,
        "docx",
        "report",
        fw,
        "Stockholm city district 2009, old (2003–2009) framework. Area 8 not assessed: printed '0 *)' in "
        "Tabell 1 and '–' in the peer table, with footnote '*) Område 8 poängbedöms inte vid "
        "stadsdelsutvärderingar'; value null, max_total 700. Evaluators in upper case after 'UTVÄRDERARE:'. "
        "Tabell 2 on a landscape page compares with four other districts (rows labelled only 1–8, "
        "headers wrapping over 2–3 lines, half point 47,5). No rules in Tabell 1 except a line under the "
        "header; Tabell 2 full grid, numbers centred. Arial/Liberation Sans 10. ",
    )
    ev = key.evaluation(
        "Skarpnäcks stadsdelsområde",
        "Stockholm",
        "0180",
        "stadsdel",
        2009,
        fw,
        own,
        "old",
        tot(own),
        True,
        ["Lars Öhman", "Birgitta Näslund"],
        eid="skarpnack",
    )
    pev = [
        key.evaluation(o, "Stockholm", "0180", "stadsdel", y, fw, s, "old", tot(s), eid=e)
        for (o, h, y, s), e in zip(peers, ["bromma", "kungsholmen", "spanga-tensta", "hagersten-liljeholmen"])
    ]
    d = base_doc("Arial", 10, "Kommunkompassen – Skarpnäck 2009", "Sveriges Kommuner och Landsting  |  sida")
    cover(
        d,
        ["ANALYS AV SKARPNÄCKS STADSDELSOMRÅDE", "enligt Kommunkompassen"],
        "Stockholms stad, oktober 2009",
        ["UTVÄRDERARE: LARS ÖHMAN, SKL OCH BIRGITTA NÄSLUND, HUDDINGE KOMMUN"],
        size=20,
    )
    d.add_heading("Vad är Kommunkompassen?", level=1)
    d.add_paragraph(
        "Kommunkompassen är ett analysverktyg för att värdera hur en kommun eller en "
        "stadsdelsnämnd styrs och leds. Vid utvärderingar av stadsdelsområden bedöms inte "
        "område 8, Kommunen som samhällsbyggare, eftersom ansvaret för samhällsbyggandet i "
        "huvudsak ligger hos staden centralt. Maximal poäng blir därmed 700."
    )
    for i, l in enumerate(L[fw]):
        d.add_paragraph("%d. %s" % (i + 1, l))
    d.add_heading("Sammanfattning av resultat", level=1)
    cap1 = "Tabell 1 Skarpnäcks resultat per huvudområde 2009"
    d.add_paragraph().add_run(cap1).bold = True
    t = d.add_table(rows=10, cols=2)
    set_table_borders(t, {"insideH": ("nil", 0)})
    for i in range(8):
        cell_text(t.cell(i + 1, 0), "%d. %s" % (i + 1, L[fw][i]))
        cell_text(t.cell(i + 1, 1), fmt(own[i]) if own[i] is not None else "0 *)", align=WD_ALIGN_PARAGRAPH.RIGHT)
    cell_text(t.cell(0, 0), "Huvudområde", True)
    cell_text(t.cell(0, 1), "Poäng", True, WD_ALIGN_PARAGRAPH.RIGHT)
    tcPr = t.cell(0, 0)._tc.get_or_add_tcPr()
    for cc in (0, 1):
        tcPr = t.cell(0, cc)._tc.get_or_add_tcPr()
        bd = OxmlElement("w:tcBorders")
        bt = OxmlElement("w:bottom")
        bt.set(qn("w:val"), "single")
        bt.set(qn("w:sz"), "8")
        bd.append(bt)
        tcPr.append(bd)
    cell_text(t.cell(9, 0), "Totalt (max 700)", True)
    cell_text(t.cell(9, 1), fmt(tot(own)), True, WD_ALIGN_PARAGRAPH.RIGHT)
    col_widths(t, [11, 2.5])
    p = d.add_paragraph("*) Område 8 poängbedöms inte vid stadsdelsutvärderingar")
    p.runs[0].font.size = Pt(8)
    shown1 = [fmt(v) if v is not None else "0 *)" for v in own] + [fmt(tot(own))]
    key.add_series(ev, own, tot(own), "old", "primary", cap1, cap1, shown=shown1)
    prose(d, rnd, 2)
    page_break(d)
    area_walk(d, rnd, fw, "{n}. {label}", imp_word="Förbättringsområden", nprose=1)
    # landscape section with peer table
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    set_landscape(sec)
    d.add_heading("Jämförelse med andra stadsdelsområden", level=1)
    cap2 = (
        "Tabell 2 Skarpnäcks resultat 2009 jämfört med fyra andra stadsdelsområden i Stockholms stad "
        "som utvärderats enligt Kommunkompassen"
    )
    d.add_paragraph(cap2)
    t = d.add_table(rows=10, cols=6)
    t.style = "Table Grid"
    cell_text(t.cell(0, 0), "Område", True)
    cell_text(t.cell(0, 1), "Skarpnäck\n2009", True, WD_ALIGN_PARAGRAPH.CENTER)
    for j, (o, h, y, s) in enumerate(peers):
        cell_text(t.cell(0, j + 2), h, True, WD_ALIGN_PARAGRAPH.CENTER)
    cols = [own] + [p[3] for p in peers]
    for i in range(8):
        cell_text(t.cell(i + 1, 0), str(i + 1), align=WD_ALIGN_PARAGRAPH.CENTER)
        for j, s in enumerate(cols):
            cell_text(t.cell(i + 1, j + 1), fmt(s[i]) if s[i] is not None else "–", align=WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(9, 0), "Totalt", True)
    for j, s in enumerate(cols):
        cell_text(t.cell(9, j + 1), fmt(tot(s)), True, WD_ALIGN_PARAGRAPH.CENTER)
    col_widths(t, [2.5, 3, 3, 3, 3, 3])
    d.add_paragraph("–) Område 8 bedöms inte för stadsdelsområden.").runs[0].font.size = Pt(8)
    tab2 = "Tabell 2 Skarpnäcks resultat 2009 jämfört med fyra andra stadsdelsområden"
    sh = lambda s: [fmt(v) if v is not None else "–" for v in s] + [fmt(tot(s))]
    key.add_series(ev, own, tot(own), "old", "primary", tab2, "Tabell 2 Skarpnäcks", shown=sh(own))
    for e, (o, h, y, s) in zip(pev, peers):
        key.add_series(e, s, tot(s), "old", "peer", tab2, "Tabell 2 Skarpnäcks", shown=sh(s))
    d.add_paragraph()
    d.add_paragraph(
        "Skarpnäck får den högsta totalpoängen bland de jämförda stadsdelsområdena, "
        "främst tack vare ett tydligt arbete med öppenhet och demokratisk kontroll."
    )
    sec2 = d.add_section(WD_SECTION.NEW_PAGE)
    set_portrait(sec2)
    d.add_heading("Avslutande kommentarer", level=1)
    prose(d, rnd, 3)
    return name, d, key


# ======================================================================
# D4: Kalix 2022 (framework 2020), "61 (55)" cells, shaded rows, summary list
# ======================================================================
def d4():
    name = "kalix-2022-snitt"
    rnd = random.Random(4)
    fw = "2020"
    own = [61, 52, 58, 47.5, 55, 50, 44, 59]
    avg = [55, 50, 54, 46, 51, 47, 42, 53]
    key = Key(
        name,
        "docx",
        "report",
        fw,
        "2020 framework (reordered areas). Result table prints score and national average in one cell "
        "('61 (55)'); header explains 'Poäng (snitt)'. Alternate rows shaded, no vertical rules, centred "
        "headers over left-aligned numbers. Averages keyed with role 'average', Kalix's organisation "
        "and year. The closing section repeats the own scores as a bullet list 'Område 5: 55 poäng' "
        "and 'Totalt: 426,5 poäng av 800 möjliga' on the last page. Calibri/Carlito 10, white-on-blue header row. ",
    )
    ev = key.evaluation(
        "Kalix kommun", "Kalix", "2514", "kommun", 2022, fw, own, "new", sum(own), True, ["Jenny Strand", "Mikael Fors"]
    )
    d = base_doc("Calibri", 10, "SKR – Kommunkompassen", "Kalix kommun 2022", margins=2.2)
    cover(
        d,
        ["Kommunkompassen", "Analys av Kalix kommun"],
        "Sveriges Kommuner och Regioner, maj 2022",
        ["Utvärderare", "Jenny Strand, Sveriges Kommuner och Regioner", "Mikael Fors, Piteå kommun"],
    )
    vad_ar(d, rnd, fw)
    d.add_paragraph(
        "Kommunkompassen reviderades 2020. Områdena har fått en ny ordning och delvis nytt "
        "innehåll, vilket gör att resultat före 2020 inte kan jämföras område för område."
    )
    d.add_heading("Sammanfattning av resultat", level=1)
    d.add_paragraph(
        "Kalix ligger över genomsnittet för de kommuner som utvärderats sedan 2020 inom "
        "samtliga områden. Siffran inom parentes anger genomsnittet för dessa kommuner."
    )
    cap = "Tabell 1 Kalix kommuns poäng 2022 och genomsnitt för utvärderade kommuner (inom parentes)"
    d.add_paragraph().add_run(cap).bold = True
    t = d.add_table(rows=10, cols=2)
    set_table_borders(t, {"top": ("single", 6), "bottom": ("single", 6), "insideH": ("single", 2)})
    cell_text(t.cell(0, 0), "Område", True, WD_ALIGN_PARAGRAPH.CENTER, color="FFFFFF")
    cell_text(t.cell(0, 1), "Poäng (snitt)", True, WD_ALIGN_PARAGRAPH.CENTER, color="FFFFFF")
    set_cell_bg(t.cell(0, 0), "1F4E79")
    set_cell_bg(t.cell(0, 1), "1F4E79")
    for i in range(8):
        cell_text(t.cell(i + 1, 0), "%d %s" % (i + 1, L[fw][i]), align=WD_ALIGN_PARAGRAPH.LEFT)
        cell_text(t.cell(i + 1, 1), "%s (%s)" % (fmt(own[i]), fmt(avg[i])), align=WD_ALIGN_PARAGRAPH.LEFT)
        if i % 2 == 1:
            set_cell_bg(t.cell(i + 1, 0), "E7EEF7")
            set_cell_bg(t.cell(i + 1, 1), "E7EEF7")
    cell_text(t.cell(9, 0), "Totalt", True)
    cell_text(t.cell(9, 1), "%s (%s)" % (fmt(sum(own)), fmt(sum(avg))), True)
    col_widths(t, [10.5, 4])
    key.add_series(
        ev, own, sum(own), "new", "primary", cap, cap, shown=["%s (" % fmt(v) for v in own] + ["%s (" % fmt(sum(own))]
    )
    key.add_series(
        ev, avg, sum(avg), "new", "average", cap, cap, shown=["(%s)" % fmt(v) for v in avg] + ["(%s)" % fmt(sum(avg))]
    )
    prose(d, rnd, 2)
    page_break(d)
    area_walk(d, rnd, fw, "{n}. {label}", imp_word="Utvecklingsområden", nprose=1)
    page_break(d)
    d.add_heading("Översikt av poängfördelning", level=1)
    d.add_paragraph("Kalix kommuns poäng per område 2022:")
    for i in range(8):
        s = "Område %d: %s poäng" % (i + 1, fmt(own[i]))
        d.add_paragraph(s, style="List Bullet")
        key.add(
            ev,
            i + 1,
            "new",
            own[i],
            "primary",
            "Översikt av poängfördelning",
            "Översikt av poängfördelning",
            row=s,
            shown=fmt(own[i]),
        )
    s = "Totalt: %s poäng av 800 möjliga" % fmt(sum(own))
    d.add_paragraph().add_run(s).bold = True
    key.add(
        ev,
        None,
        "new",
        sum(own),
        "primary",
        "Översikt av poängfördelning",
        "Översikt av poängfördelning",
        row=s,
        shown=fmt(sum(own)),
    )
    for o in key.obs:
        if o["_anchor"] == "Översikt av poängfördelning":
            o["_last"] = True
    return name, d, key


# ======================================================================
# D5: Lidköping 2015 (framework 2010), transposed table on landscape page, caption below
# ======================================================================
def d5():
    name = "lidkoping-2015-transponerad"
    rnd = random.Random(5)
    fw = "2010"
    h08 = [52, 57, 45, 48, 40, 47, 35, 50]
    h11 = [50, 49, 51, 45, 42.5, 48, 37, 52]
    s15 = [64, 60, 62, 55, 53, 58, 49, 63]
    key = Key(
        name,
        "docx",
        "report",
        fw,
        "Transposed result table on a landscape page: areas as columns headed only '1'…'8' and 'Totalt', "
        "evaluations as rows 'Lidköping 2008' (old scale, 2003–2009 framework), 'Lidköping 2011' and "
        "'Lidköping 2015'. Area names given in a legend below; caption BELOW the table. No borders at all, "
        "header row bold, numbers right-aligned, header centred; row labels on one line ('Lidköping 2008'). "
        "No per-area scores elsewhere. Serif (DejaVu Serif) 10. Two-column layout on the "
        "'Vad är Kommunkompassen' page. ",
    )
    ev = key.evaluation(
        "Lidköpings kommun",
        "Lidköping",
        "1494",
        "kommun",
        2015,
        fw,
        s15,
        "new",
        sum(s15),
        True,
        ["Göran Wiklund", "Lena Sjödin"],
    )
    e08 = key.evaluation("Lidköpings kommun", "Lidköping", "1494", "kommun", 2008, "2003", h08, "old", sum(h08))
    e11 = key.evaluation("Lidköpings kommun", "Lidköping", "1494", "kommun", 2011, "2010", h11, "new", sum(h11))
    d = base_doc("DejaVu Serif", 10, None, "Kommunkompassen Lidköping 2015, sid")
    cover(
        d,
        ["Kommunkompassen", "Analys av Lidköpings kommun 2015"],
        "Tredje utvärderingen",
        ["Göran Wiklund, Sveriges Kommuner och Landsting", "Lena Sjödin, Skövde kommun", "", "April 2015"],
        22,
    )
    sec = d.add_section(WD_SECTION.CONTINUOUS)
    two_columns(sec)
    vad_ar(d, rnd, fw)
    prose(d, rnd, 2)
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    set_landscape(sec)
    two_columns(sec, 1)
    d.add_heading("Resultat 2008, 2011 och 2015", level=1)
    d.add_paragraph(
        "Lidköping har utvärderats tre gånger. Resultatet 2008 är satt enligt den äldre "
        "poängskalan och är därför inte direkt jämförbart med de senare utvärderingarna."
    )
    t = d.add_table(rows=4, cols=10)
    set_table_borders(t, {})
    cell_text(t.cell(0, 0), "", True)
    for i in range(8):
        cell_text(t.cell(0, i + 1), str(i + 1), True, WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(0, 9), "Totalt", True, WD_ALIGN_PARAGRAPH.CENTER)
    rows = [("Lidköping 2008", h08), ("Lidköping 2011", h11), ("Lidköping 2015", s15)]
    for r, (lab, s) in enumerate(rows):
        cell_text(t.cell(r + 1, 0), lab, r == 2)
        for i in range(8):
            cell_text(t.cell(r + 1, i + 1), fmt(s[i]), r == 2, WD_ALIGN_PARAGRAPH.RIGHT)
        cell_text(t.cell(r + 1, 9), fmt(sum(s)), r == 2, WD_ALIGN_PARAGRAPH.RIGHT)
    col_widths(t, [4.4] + [1.9] * 8 + [2.4])
    cap = (
        "Figur 2. Lidköpings kommuns poäng per huvudområde vid utvärderingarna 2008, 2011 och 2015. "
        "2008 års poäng är satta enligt den äldre skalan."
    )
    d.add_paragraph().add_run(cap).italic = True
    d.add_paragraph("Områden: " + "; ".join("%d = %s" % (i + 1, l) for i, l in enumerate(L[fw])) + ".").runs[
        0
    ].font.size = Pt(8)
    tab = "Figur 2. Lidköpings kommuns poäng per huvudområde"
    key.add_series(e08, h08, sum(h08), "old", "history", tab, "Figur 2. Lidköpings")
    key.add_series(e11, h11, sum(h11), "new", "history", tab, "Figur 2. Lidköpings")
    key.add_series(ev, s15, sum(s15), "new", "primary", tab, "Figur 2. Lidköpings")
    sec = d.add_section(WD_SECTION.NEW_PAGE)
    set_portrait(sec)
    area_walk(d, rnd, fw, "Område {n} – {label}", imp_word="Förbättringsområden", nprose=1)
    return name, d, key


# ======================================================================
# D6: Ockelbo 2006 (old scale), table beside a chart in a layout table, units "p", misprinted total
# ======================================================================
def chart_png(scores, path, labels=None, title=None):
    W, H = 900, 620
    im = Image.new("RGB", (W, H), "white")
    dr = ImageDraw.Draw(im)
    try:
        f = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 22)
    except Exception:
        f = ImageFont.load_default()
    x0, y0, y1 = 80, 40, 560
    dr.line((x0, y0, x0, y1), fill="black", width=2)
    dr.line((x0, y1, W - 20, y1), fill="black", width=2)
    for k in range(0, 101, 20):
        y = y1 - (y1 - y0) * k / 100
        dr.line((x0 - 6, y, W - 20, y), fill=(210, 210, 210), width=1)
        dr.text((20, y - 12), str(k), fill="black", font=f)
    bw = (W - 120) / len(scores)
    for i, v in enumerate(scores):
        x = x0 + 15 + i * bw
        y = y1 - (y1 - y0) * (v or 0) / 100
        dr.rectangle((x, y, x + bw - 30, y1), fill=(60, 110, 170))
        dr.text((x + bw / 2 - 22, y1 + 10), str(i + 1), fill="black", font=f)
    im.save(path)


def d6():
    name = "ockelbo-2006-felsumma"
    rnd = random.Random(6)
    fw = "2003"
    own = [48, 55, 42, 39, 37, 44, 31, 46]
    printed_total = 352  # misprint: areas sum to 342
    key = Key(
        name,
        "docx",
        "report",
        fw,
        "Old scale 2006. TRAP: the printed total is 352 p but the eight areas sum to 342; the key records "
        "what is printed (total_score 352) — a sum_mismatch check is expected. Score table has no borders, "
        "values with unit ('48 p'), sits in the left cell of a borderless layout table beside a bar chart "
        "image (picture, no text layer; x labels 1–8, y ticks 0–100 drawn in the image). The closing "
        "'Poängsammanställning' is a list 'Område 5: 37 poäng' … 'Totalt: 352 poäng' (misprint repeated). "
        "Verdana-like font (DejaVu Sans) 9. ",
    )
    ev = key.evaluation(
        "Ockelbo kommun",
        "Ockelbo",
        "2101",
        "kommun",
        2006,
        fw,
        own,
        "old",
        printed_total,
        True,
        ["Karl-Erik Dahl", "Ingrid Moberg"],
    )
    d = base_doc("DejaVu Sans", 9, "Ockelbo kommun – Kommunkompassen 2006", "Sveriges Kommuner och Landsting")
    cover(
        d,
        ["Kommunkompassen", "Analys av Ockelbo kommun"],
        "November 2006",
        ["Utvärderare: Karl-Erik Dahl, Sveriges Kommuner och Landsting och Ingrid Moberg, Bollnäs kommun"],
        24,
    )
    vad_ar(d, rnd, fw)
    page_break(d)
    d.add_heading("Sammanfattande resultat", level=1)
    d.add_paragraph(
        "Ockelbo har sina starkaste sidor inom tillgänglighet och brukarorientering samt "
        "offentlighet. Verksamhetsutvecklingen är det område där mest återstår att göra."
    )
    lay = d.add_table(rows=1, cols=2)
    set_table_borders(lay, {})
    left = lay.cell(0, 0)
    cell_text(left, "Poäng per område, Ockelbo 2006", True)
    inner = left.add_table(rows=10, cols=2)
    set_table_borders(inner, {})
    cell_text(inner.cell(0, 0), "Område", True)
    cell_text(inner.cell(0, 1), "Poäng", True, WD_ALIGN_PARAGRAPH.RIGHT)
    for i in range(8):
        cell_text(inner.cell(i + 1, 0), "%d. %s" % (i + 1, L[fw][i]), size=8)
        cell_text(inner.cell(i + 1, 1), "%s p" % fmt(own[i]), align=WD_ALIGN_PARAGRAPH.RIGHT, size=8)
    cell_text(inner.cell(9, 0), "Totalt", True)
    cell_text(inner.cell(9, 1), "%d p" % printed_total, True, WD_ALIGN_PARAGRAPH.RIGHT)
    col_widths(inner, [5.5, 1.5])
    png = os.path.join(BUILD, "ockelbo-chart.png")
    chart_png(own, png)
    right = lay.cell(0, 1)
    right.paragraphs[0].add_run().add_picture(png, width=Cm(8))
    col_widths(lay, [7.6, 8.4])
    tab = "Poäng per område, Ockelbo 2006"
    key.add_series(
        ev,
        own,
        printed_total,
        "old",
        "primary",
        tab,
        tab,
        shown=["%s p" % fmt(v) for v in own] + ["%d p" % printed_total],
    )
    d.add_paragraph("Diagram: poäng per område (0–100).").runs[0].font.size = Pt(7)
    prose(d, rnd, 2)
    page_break(d)
    area_walk(d, rnd, fw, "{n}. {label}", imp_word="Förbättringsområden", nprose=1)
    page_break(d)
    d.add_heading("Poängsammanställning", level=1)
    for i in range(8):
        s = "Område %d: %s poäng" % (i + 1, fmt(own[i]))
        d.add_paragraph(s)
        key.add(ev, i + 1, "old", own[i], "primary", "Poängsammanställning", "Område 1: 48 poäng", row=s)
    s = "Totalt: %d poäng" % printed_total
    d.add_paragraph().add_run(s).bold = True
    key.add(ev, None, "old", printed_total, "primary", "Poängsammanställning", "Område 1: 48 poäng", row=s)
    return name, d, key


# ======================================================================
# D7: Hultsfred 2004 (old scale) with average column -> rendered as SCAN
# ======================================================================
def d7():
    name = "hultsfred-2004-skannad"
    rnd = random.Random(7)
    fw = "2003"
    own = [50, 46, 44, 41, 39, 45, 33, 48]
    avg = [54, 52, 49, 46, 43, 48, 38, 51]
    key = Key(
        name,
        "scan",
        "report",
        fw,
        "SCAN: Word report rendered with pdftoppm -r 200 -gray, each page rotated by a small random angle "
        "(±0.6°), light blur and noise, saved as image-only PDF (no text layer). Old scale 2004. Ruled grid "
        "table with columns 'Område | Hultsfred 2004 | Genomsnitt*' (average of evaluated municipalities, "
        "role average); asterisk footnote below. Pages verified on the pre-scan render (identical pagination). "
        "Times/Liberation Serif 12. ",
    )
    ev = key.evaluation(
        "Hultsfreds kommun",
        "Hultsfred",
        "0860",
        "kommun",
        2004,
        fw,
        own,
        "old",
        sum(own),
        True,
        ["Sven Axelsson", "Margareta Höök"],
    )
    d = base_doc("Times New Roman", 12, "Kommunkompassen Hultsfred 2004", "Svenska Kommunförbundet")
    cover(
        d,
        ["Kommunkompassen", "Analys av Hultsfreds kommun"],
        "Svenska Kommunförbundet, 2004",
        ["Utvärderare:", "Sven Axelsson, Svenska Kommunförbundet", "Margareta Höök, Vetlanda kommun"],
        24,
    )
    vad_ar(d, rnd, fw)
    page_break(d)
    d.add_heading("Resultat", level=1)
    cap = "Tabell 1 Hultsfreds kommuns poäng jämfört med genomsnittet"
    d.add_paragraph(cap)
    t = d.add_table(rows=10, cols=3)
    t.style = "Table Grid"
    cell_text(t.cell(0, 0), "Område", True)
    cell_text(t.cell(0, 1), "Hultsfred 2004", True, WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(0, 2), "Genomsnitt*", True, WD_ALIGN_PARAGRAPH.CENTER)
    for i in range(8):
        cell_text(t.cell(i + 1, 0), "%d. %s" % (i + 1, L[fw][i]))
        cell_text(t.cell(i + 1, 1), fmt(own[i]), align=WD_ALIGN_PARAGRAPH.CENTER)
        cell_text(t.cell(i + 1, 2), fmt(avg[i]), align=WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(9, 0), "Summa", True)
    cell_text(t.cell(9, 1), fmt(sum(own)), True, WD_ALIGN_PARAGRAPH.CENTER)
    cell_text(t.cell(9, 2), fmt(sum(avg)), True, WD_ALIGN_PARAGRAPH.CENTER)
    col_widths(t, [9, 3, 3])
    d.add_paragraph("* Genomsnitt för de 42 kommuner som utvärderats enligt Kommunkompassen 2003–2004.").runs[
        0
    ].font.size = Pt(9)
    key.add_series(ev, own, sum(own), "old", "primary", cap, cap)
    key.add_series(ev, avg, sum(avg), "old", "average", cap, cap)
    prose(d, rnd, 1)
    page_break(d)
    area_walk(d, rnd, fw, "{n}. {label}", imp_word="Förbättringsområden", nprose=1)
    return name, d, key


def scan_pdf(src_pdf, out_pdf, seed=11):
    rnd = random.Random(seed)
    tmp = os.path.join(BUILD, "scan")
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", src_pdf, os.path.join(tmp, "p")], check=True)
    imgs = []
    for fn in sorted(os.listdir(tmp)):
        im = Image.open(os.path.join(tmp, fn)).convert("L")
        im = im.rotate(rnd.uniform(-0.6, 0.6), resample=Image.BICUBIC, expand=False, fillcolor=255)
        im = im.filter(ImageFilter.GaussianBlur(0.6))
        noise = Image.effect_noise(im.size, 18)
        im = Image.blend(im, noise, 0.06)
        imgs.append(im)
    imgs[0].save(out_pdf, save_all=True, append_images=imgs[1:], resolution=200.0)


# ======================================================================
# P1: Ale 2015 feedback deck (framework 2010), history 2011 lines
# ======================================================================
def pptx_deck_ale():
    from pptx import Presentation
    from pptx.util import Inches, Pt as PPt
    from pptx.dml.color import RGBColor as PRGB

    name = "ale-2015-aterkoppling"
    fw = "2010"
    h11 = [48, 50, 47, 49, 45, 52, 40, 51]
    s15 = [60, 58, 55, 61, 52, 57, 48, 62]
    key = Key(
        name,
        "pptx",
        "slides",
        fw,
        "Feedback deck 'Återkoppling Kommunkompass', cover 'Ale 20150506' (never says 'Analys av'). "
        "Results slide: table 'Område | Ale 2011 | Ale 2015' plus a text box 'Ale 2011: 382' / "
        "'Ale 2015: 453' (totals printed twice on the slide → two observations each). Per area: a slide "
        "with its sub-questions and the points ('60 p'), a Styrkor slide and a Förbättringsområden slide. "
        "Interleaved example slides from other municipalities (Kungälv, Lerum) carry no scores. ",
    )
    ev = key.evaluation(
        "Ale kommun", "Ale", "1440", "kommun", 2015, fw, s15, "new", sum(s15), True, ["Anders Nyström", "Eva Lindh"]
    )
    eh = key.evaluation("Ale kommun", "Ale", "1440", "kommun", 2011, fw, h11, "new", sum(h11))
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]

    def tb(slide, x, y, w, h, lines, size=20, bold=False, color=None):
        box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        tf = box.text_frame
        tf.word_wrap = True
        for i, l in enumerate(lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = l
            p.font.size = PPt(size)
            p.font.bold = bold
            if color:
                p.font.color.rgb = PRGB.from_string(color)
        return box

    def band(slide, title):
        r = slide.shapes.add_shape(1, 0, 0, prs.slide_width, Inches(1.1))
        r.fill.solid()
        r.fill.fore_color.rgb = PRGB(0x00, 0x5A, 0x8C)
        r.line.fill.background()
        tb(slide, 0.5, 0.2, 12, 0.8, [title], 28, True, "FFFFFF")

    s = prs.slides.add_slide(blank)
    tb(s, 1, 2.0, 11, 1.2, ["Återkoppling Kommunkompass"], 40, True, "005A8C")
    tb(s, 1, 3.4, 11, 1.5, ["Ale 20150506", "Anders Nyström och Eva Lindh, SKL"], 24)
    s = prs.slides.add_slide(blank)
    band(s, "Kommunkompassens åtta områden")
    tb(s, 0.8, 1.5, 11.5, 5, ["%d. %s" % (i + 1, l) for i, l in enumerate(L[fw])], 22)
    s = prs.slides.add_slide(blank)
    band(s, "Resultat Ale 2011 och 2015")
    rows, cols = 10, 3
    gt = s.shapes.add_table(rows, cols, Inches(0.6), Inches(1.4), Inches(8), Inches(5.6)).table
    gt.columns[0].width = Inches(5.2)
    gt.columns[1].width = Inches(1.4)
    gt.columns[2].width = Inches(1.4)
    hdr = ["Område", "Ale 2011", "Ale 2015"]
    for j, h in enumerate(hdr):
        gt.cell(0, j).text = h
    for i in range(8):
        gt.cell(i + 1, 0).text = "%d. %s" % (i + 1, L[fw][i])
        gt.cell(i + 1, 1).text = fmt(h11[i])
        gt.cell(i + 1, 2).text = fmt(s15[i])
    gt.cell(9, 0).text = "Totalt"
    gt.cell(9, 1).text = fmt(sum(h11))
    gt.cell(9, 2).text = fmt(sum(s15))
    for r in range(rows):
        for c in range(cols):
            for p in gt.cell(r, c).text_frame.paragraphs:
                p.font.size = PPt(15)
    tb(s, 9.0, 2.5, 4, 2, ["Ale 2011: %s" % fmt(sum(h11)), "Ale 2015: %s" % fmt(sum(s15))], 26, True, "005A8C")
    tab = "Resultat Ale 2011 och 2015"
    key.add_series(eh, h11, sum(h11), "new", "history", tab, tab)
    key.add_series(ev, s15, sum(s15), "new", "primary", tab, tab)
    key.add(eh, None, "new", sum(h11), "history", tab, tab, shown="Ale 2011: %s" % fmt(sum(h11)))
    key.add(ev, None, "new", sum(s15), "primary", tab, tab, shown="Ale 2015: %s" % fmt(sum(s15)))
    examples = {
        2: (
            "Exempel: Kungälvs medborgarlöften",
            ["Medborgarlöften tas fram tillsammans med polisen", "Dialogmöten i varje kommundel två gånger per år"],
        ),
        5: (
            "Exempel från Lerum: resultatdialoger",
            ["Förvaltningarna presenterar resultat för nämnden", "Gemensam analys inför budgetarbetet"],
        ),
    }
    for i in range(8):
        s = prs.slides.add_slide(blank)
        title = "Område %d: %s" % (i + 1, L[fw][i])
        band(s, title)
        tb(s, 0.8, 1.5, 9.5, 5.5, ["%d.%d %s" % (i + 1, j + 1, q) for j, q in enumerate(SUBQ[i])], 20)
        tb(s, 10.4, 3.0, 2.5, 1.2, ["%s p" % fmt(s15[i])], 44, True, "C0392B")
        key.add(ev, i + 1, "new", s15[i], "primary", title, title, shown="%s p" % fmt(s15[i]))
        s = prs.slides.add_slide(blank)
        band(s, "Styrkor – område %d" % (i + 1))
        tb(s, 0.8, 1.5, 11.5, 5, ["• " + x for x in STR[i]], 22)
        s = prs.slides.add_slide(blank)
        band(s, "Förbättringsområden – område %d" % (i + 1))
        tb(s, 0.8, 1.5, 11.5, 5, ["• " + x for x in IMP[i]], 22)
        if i in examples:
            s = prs.slides.add_slide(blank)
            band(s, examples[i][0])
            tb(s, 0.8, 1.5, 11.5, 5, ["– " + x for x in examples[i][1]], 22)
    s = prs.slides.add_slide(blank)
    band(s, "Tack!")
    tb(s, 0.8, 2, 11, 2, ["Frågor och synpunkter välkomnas.", "Rapporten skickas till kommunen i juni."], 24)
    return name, prs, key


# ======================================================================
# P2: Region Gotland 2021 (framework 2020), chart with data labels and average series
# ======================================================================
def pptx_deck_gotland():
    from pptx import Presentation
    from pptx.util import Inches, Pt as PPt
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_LABEL_POSITION
    from pptx.dml.color import RGBColor as PRGB

    name = "gotland-2021-diagram"
    fw = "2020"
    own = [57, 62, 54, 49, 58, 51, 53, 47]
    avg = [52, 55, 51, 47, 53, 49, 50, 46]
    key = Key(
        name,
        "pptx",
        "slides",
        fw,
        "Feedback deck for Region Gotland (org_type region, code 0980), 2020 framework. Results slide is a "
        "native clustered bar chart with data labels, series 'Region Gotland 2021' and 'Snitt' (national "
        "average, role average); categories are area numbers 1–8 with value axis ticks 0–100 (chart ticks "
        "are NOT scores). Totals in a text box on the same slide 'Totalt: 431 p' and 'Snitt: 403 p'. "
        "Per area a slide with questions and 'NN p', then Styrkor / Förbättringsmöjligheter on one slide "
        "in two columns. ",
    )
    ev = key.evaluation(
        "Region Gotland",
        "Gotland",
        "0980",
        "region",
        2021,
        fw,
        own,
        "new",
        sum(own),
        True,
        ["Helena Berg", "Jonas Wik"],
    )
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    blank = prs.slide_layouts[6]

    def tb(slide, x, y, w, h, lines, size=20, bold=False, color=None):
        box = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
        tf = box.text_frame
        tf.word_wrap = True
        for i, l in enumerate(lines):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = l
            p.font.size = PPt(size)
            p.font.bold = bold
            if color:
                p.font.color.rgb = PRGB.from_string(color)
        return box

    s = prs.slides.add_slide(blank)
    tb(s, 0.8, 2.0, 12, 1.2, ["Återkoppling Kommunkompassen"], 40, True, "2E7D32")
    tb(s, 0.8, 3.3, 12, 2, ["Region Gotland, Visby 2021-11-18", "Helena Berg och Jonas Wik, SKR"], 24)
    s = prs.slides.add_slide(blank)
    tb(s, 0.6, 0.3, 12, 0.9, ["Resultat per område"], 32, True, "2E7D32")
    cd = CategoryChartData()
    cd.categories = [str(i + 1) for i in range(8)]
    cd.add_series("Region Gotland 2021", own)
    cd.add_series("Snitt", avg)
    gf = s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(0.5), Inches(1.2), Inches(9.3), Inches(6.0), cd)
    ch = gf.chart
    ch.has_legend = True
    ch.legend.position = XL_LEGEND_POSITION.BOTTOM
    ch.legend.include_in_layout = False
    ch.value_axis.maximum_scale = 100
    ch.value_axis.minimum_scale = 0
    ch.value_axis.major_unit = 20
    pl = ch.plots[0]
    pl.has_data_labels = True
    pl.data_labels.font.size = PPt(12)
    pl.data_labels.number_format = "0"
    pl.data_labels.number_format_is_linked = False
    pl.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
    tb(s, 10.0, 2.5, 3.2, 2, ["Totalt: %s p" % fmt(sum(own)), "Snitt: %s p" % fmt(sum(avg))], 22, True)
    tab = "Resultat per område"
    # chart data labels: keyed, values must be present as text on the slide
    key.add_series(ev, own, sum(own), "new", "primary", tab, tab, with_total=False)
    key.add_series(ev, avg, sum(avg), "new", "average", tab, tab, with_total=False)
    key.add(ev, None, "new", sum(own), "primary", tab, tab, shown="Totalt: %s p" % fmt(sum(own)))
    key.add(ev, None, "new", sum(avg), "average", tab, tab, shown="Snitt: %s p" % fmt(sum(avg)))
    subq20 = {
        0: ["Information och insyn", "Medborgardialog", "Etik och förtroende"],
        1: [
            "Planer för samhällsutveckling",
            "Näringsliv och arbetsmarknad",
            "Civilsamhälle och kultur",
            "Hållbar utveckling",
        ],
        2: ["Styrmodell och mål", "Uppföljning och rapportering", "Roller och ansvar"],
        3: ["Resursfördelning", "Jämförelser och analys", "Samverkan med andra"],
        4: ["Tillgänglighet och bemötande", "Brukarens delaktighet", "Synpunkter och klagomål"],
        5: ["Systematiskt kvalitetsarbete", "Innovation och digitalisering", "Lärande och omvärldsbevakning"],
        6: ["Kompetensförsörjning", "Arbetsmiljö och hälsa", "Lön och villkor"],
        7: ["Chefers förutsättningar", "Ledarutveckling", "Medarbetarskap"],
    }
    for i in range(8):
        s = prs.slides.add_slide(blank)
        title = "Område %d – %s" % (i + 1, L[fw][i])
        tb(s, 0.6, 0.3, 12, 0.9, [title], 30, True, "2E7D32")
        tb(s, 0.8, 1.6, 9, 5, ["%d.%d %s" % (i + 1, j + 1, q) for j, q in enumerate(subq20[i])], 22)
        tb(s, 10.3, 1.6, 2.6, 1.2, ["%s p" % fmt(own[i])], 48, True, "2E7D32")
        key.add(ev, i + 1, "new", own[i], "primary", title, title, shown="%s p" % fmt(own[i]))
        s = prs.slides.add_slide(blank)
        tb(s, 0.6, 0.3, 12, 0.9, ["Område %d – Styrkor och förbättringsmöjligheter" % (i + 1)], 28, True, "2E7D32")
        th = THEME[fw][i]
        tb(s, 0.6, 1.4, 6, 5.8, ["Styrkor"] + ["• " + x for x in STR[th]], 18)
        tb(s, 6.9, 1.4, 6, 5.8, ["Förbättringsmöjligheter"] + ["• " + x for x in IMP[th]], 18)
    return name, prs, key


# ======================================================================
# R1: Mjölby 2019 (framework 2016) reportlab, two-column pages, percent, split table w/ repeated header
# ======================================================================
NSUM = int(os.environ.get("NSUM", "14"))


def reportlab_mjolby(pdf_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
        NextPageTemplate,
        PageBreak,
    )
    from reportlab.lib.styles import getSampleStyleSheet, ParagraphStyle
    from reportlab.lib import colors
    from reportlab.lib.units import cm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    name = "mjolby-2019-reportlab"
    fw = "2016"
    own = [66, 61, 63, 58, 55, 60, 52, 64]
    key = Key(
        name,
        "reportlab",
        "report",
        fw,
        "reportlab PDF, DejaVu Sans. Body in two columns. Result table printed as percent ('66 %' means "
        "66 points), deliberately split over two pages with the header row repeated; area label and "
        "number in one cell, long labels wrap in a narrow column; caption below the table ('Tabell 1 …'). "
        "Section headings print the score in parentheses ('Område 4. Ledarskap, ansvar och delegation "
        "(58 poäng)'). Running header/footer drawn on every page ('Mjölby kommun | Kommunkompassen 2019', "
        "'SKL 2019-10-02 sida N'). ",
    )
    ev = key.evaluation(
        "Mjölby kommun",
        "Mjölby",
        "0586",
        "kommun",
        2019,
        fw,
        own,
        "new",
        sum(own),
        True,
        ["Åsa Lindgren", "Bengt Håkansson"],
    )
    pdfmetrics.registerFont(TTFont("DV", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    pdfmetrics.registerFont(TTFont("DVB", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"))
    ss = getSampleStyleSheet()
    body = ParagraphStyle("b", parent=ss["Normal"], fontName="DV", fontSize=9, leading=12.5)
    h1 = ParagraphStyle("h1", parent=body, fontName="DVB", fontSize=14, leading=18, spaceBefore=8, spaceAfter=6)
    h2 = ParagraphStyle("h2", parent=body, fontName="DVB", fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3)
    bul = ParagraphStyle("bu", parent=body, leftIndent=12, bulletIndent=2)
    title = ParagraphStyle("t", parent=body, fontName="DVB", fontSize=28, leading=34)
    W, H = A4
    m = 2 * cm

    def deco(c, doc):
        if doc.page == 1:
            return
        c.saveState()
        c.setFont("DV", 8)
        c.drawString(m, H - 1.3 * cm, "Mjölby kommun | Kommunkompassen 2019")
        c.drawRightString(W - m, 1.2 * cm, "SKL 2019-10-02 sida %d" % doc.page)
        c.restoreState()

    doc = BaseDocTemplate(
        pdf_path,
        pagesize=A4,
        leftMargin=m,
        rightMargin=m,
        topMargin=m,
        bottomMargin=m,
        title="Kommunkompassen Mjölby 2019",
    )
    full = Frame(m, m, W - 2 * m, H - 2 * m, id="full")
    gap = 0.8 * cm
    cw = (W - 2 * m - gap) / 2
    c1 = Frame(m, m, cw, H - 2 * m, id="c1")
    c2 = Frame(m + cw + gap, m, cw, H - 2 * m, id="c2")
    doc.addPageTemplates([PageTemplate("one", [full], onPage=deco), PageTemplate("two", [c1, c2], onPage=deco)])
    rnd = random.Random(8)
    st = []
    st += [
        Spacer(1, 5 * cm),
        Paragraph("Kommunkompassen", title),
        Spacer(1, 0.5 * cm),
        Paragraph("Analys av Mjölby kommun", ParagraphStyle("t2", parent=title, fontSize=20)),
        Spacer(1, 1 * cm),
        Paragraph("Utvärdering i september 2019", body),
        Spacer(1, 6 * cm),
        Paragraph(
            "Utvärderare: Åsa Lindgren, Sveriges Kommuner och Landsting, och Bengt Håkansson, Motala kommun", body
        ),
        NextPageTemplate("two"),
        PageBreak(),
    ]
    st.append(Paragraph("Vad är Kommunkompassen?", h1))
    st.append(
        Paragraph(
            "Kommunkompassen är ett analysverktyg som beskriver hur kommunen styrs och leds "
            "utifrån åtta huvudområden. Varje område kan ge högst 100 poäng. Resultatet "
            "redovisas här i procent av maxpoängen, vilket motsvarar poängen.",
            body,
        )
    )
    for i, l in enumerate(L[fw]):
        st.append(Paragraph("%d. %s" % (i + 1, l), body))
    for _ in range(6):
        st.append(Paragraph(" ".join(rnd.sample(PROSE, 3)), body))
        st.append(Spacer(1, 4))
    st.append(Paragraph("Sammanfattning av resultatet", h1))
    for _ in range(NSUM):
        st.append(Paragraph(" ".join(rnd.sample(PROSE, 3)), body))
        st.append(Spacer(1, 4))
    cs = ParagraphStyle("cell", parent=body, fontSize=8.5, leading=10.5)
    data = [[Paragraph("<b>Huvudområde</b>", cs), Paragraph("<b>Resultat</b>", cs)]]
    for i in range(8):
        data.append([Paragraph("%d. %s" % (i + 1, L[fw][i]), cs), "%s %%" % fmt(own[i])])
    data.append([Paragraph("<b>Totalt</b>", cs), "%s av 800" % fmt(sum(own))])
    t = Table(data, colWidths=[cw * 0.66, cw * 0.3], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), "DV", 8.5),
                ("ALIGN", (1, 1), (1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dfe8f0")),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    st.append(t)
    cap = "Tabell 1. Mjölby kommuns resultat 2019 per huvudområde (procent av maxpoäng)."
    st.append(Paragraph("<i>%s</i>" % cap, body))
    tabname = "Tabell 1. Mjölby kommuns resultat 2019 per huvudområde"
    for i in range(8):
        key.add(
            ev,
            i + 1,
            "new",
            own[i],
            "primary",
            tabname,
            "Vad är Kommunkompassen?",
            row="%s %%" % fmt(own[i]),
            shown="%s %%" % fmt(own[i]),
        )
    key.add(
        ev,
        None,
        "new",
        sum(own),
        "primary",
        tabname,
        "Vad är Kommunkompassen?",
        row="%s av 800" % fmt(sum(own)),
        shown="%s av 800" % fmt(sum(own)),
    )
    st.append(NextPageTemplate("two"))
    st.append(PageBreak())
    for i in range(8):
        hd = "Område %d. %s (%s poäng)" % (i + 1, L[fw][i], fmt(own[i]))
        st.append(Paragraph(hd, h1))
        key.add(ev, i + 1, "new", own[i], "primary", hd, hd)
        for j, q in enumerate(SUBQ[i][:3]):
            st.append(Paragraph("%d.%d %s" % (i + 1, j + 1, q), h2))
            st.append(Paragraph(" ".join(rnd.sample(PROSE, 2)), body))
        st.append(Paragraph("<b>Sammanfattning område %d</b>" % (i + 1), body))
        st.append(Paragraph("<b>Styrkor</b>", body))
        for x in STR[i]:
            st.append(Paragraph(x, bul, bulletText="•"))
        st.append(Paragraph("<b>Förbättringsområden</b>", body))
        for x in IMP[i]:
            st.append(Paragraph(x, bul, bulletText="–"))
    doc.build(st)
    return name, key


# ---------------------------------------------------------------- main
def finish(name, key, pdf_src, pages_from=None):
    out = os.path.join(HERE, name + ".pdf")
    if pdf_src != out:
        shutil.copy(pdf_src, out)
    probs, n = resolve_pages(key, pages_from or out)
    write_key(key, name + ".pdf")
    print("%-32s pages=%-3d obs=%-3d %s" % (name, n, len(key.obs), "OK" if not probs else "PROBLEMS"))
    for p in probs:
        print("   ", p)
    return probs


def main():
    only = sys.argv[1:]
    allp = []
    for fn in (d1, d2, d3, d4, d5, d6):
        if only and fn.__name__ not in only:
            continue
        name, d, key = fn()
        src = os.path.join(BUILD, name + ".docx")
        d.save(src)
        allp += finish(name, key, soffice(src))
    if not only or "d7" in only:
        name, d, key = d7()
        src = os.path.join(BUILD, name + ".docx")
        d.save(src)
        clean = soffice(src)
        out = os.path.join(HERE, name + ".pdf")
        scan_pdf(clean, out)
        allp += finish(name, key, out, pages_from=clean)
    for fn in (pptx_deck_ale, pptx_deck_gotland):
        if only and fn.__name__ not in only:
            continue
        name, prs, key = fn()
        src = os.path.join(BUILD, name + ".pptx")
        prs.save(src)
        allp += finish(name, key, soffice(src))
    if not only or "reportlab_mjolby" in only:
        pdf = os.path.join(BUILD, "mjolby-2019-reportlab.pdf")
        name, key = reportlab_mjolby(pdf)
        allp += finish(name, key, pdf)
    print("problems:", len(allp))


if __name__ == "__main__":
    main()
