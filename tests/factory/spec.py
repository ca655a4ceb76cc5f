"""A fixture report described as data: what is printed where, and the answer key it implies.

A `ReportSpec` holds the document's own evaluation, the score tables and inline score texts it
prints, its findings lists and the deliberate errors it carries, plus `body`: the document laid out
as a list of blocks (headings, paragraphs, tables, summary boxes, slides ...). The producers
(`docx.py`, `pptx.py`, `pdf.py`) render `body`; `build.py` converts, locates every printed value
and finding in the PDF to set its page, and writes `to_key()` next to the PDF.

The key is derived from the same objects the producers print, so the two cannot drift apart: a
score is in the key because a block prints it, on the page where `build.py` found it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Union

ROOT = Path(__file__).resolve().parents[2]
MUNICIPALITIES_CSV = ROOT / "extractors" / "reference" / "municipalities.csv"

PRODUCERS = ("docx", "pptx", "reportlab", "scan")
KINDS = ("report", "slides", "memo", "other")
STATUSES = ("extracted", "not_report", "failed")
FRAMEWORKS = ("2002", "2003", "2010", "2016", "2020", "no")
SCALES = ("new", "old")
ROLES = ("primary", "history", "peer", "average")
FINDING_KINDS = ("strength", "improvement")
ORG_TYPES = ("kommun", "stadsdel", "region", "other")
CHECK_CODES = (
    "sum_mismatch",
    "conflicting_values",
    "missing_area",
    "score_out_of_range",
    "municipality_unresolved",
    "no_findings",
)

#: Every printed form or trap a fixture can declare in its key's "forms" list.
FORMS: dict[str, str] = {
    "ruled-table": "result table with cell borders (Word 'Table Grid')",
    "unruled-table": "result table without borders, columns held by tab stops or a borderless table",
    "two-scales": "'Nuvarande poängskala' and 'Äldre poängskala' columns with two totals",
    "old-scale": "pre-2010 evaluation, old scale only",
    "decimal-comma": "half points printed with a decimal comma ('63,5')",
    "wrapped-labels": "long area labels wrap onto a second line inside the table cell",
    "summa-total": "total row labelled 'Summa'",
    "totalt-total": "total row labelled 'TOTALT' / 'Totalt'",
    "history-columns": "earlier evaluation of the same organisation printed beside the current one",
    "history-line": "earlier total quoted in running text ('Tyresö 2010: 452')",
    "peer-table": "comparison table with other organisations ('jämfört med fem andra')",
    "peer-sum-mismatch": "a peer total that is not the sum of its printed areas",
    "not-assessed": "area 8 not assessed: '0 *)', '–' or an empty cell, with footnote; max 700",
    "national-average": "scores printed with a national average in parentheses ('73 (63)')",
    "conflicting-values": "an area value printed differently in two tables of the same report",
    "closing-summary": "closing 'Poängsammanställning' repeating the scores",
    "percent": "scores printed as percent ('51 %')",
    "heading-scores": "area score in the area's section heading ('– 58 poäng')",
    "toc-scores": "area score in the table of contents with dot leaders ('58 p ........ 12')",
    "toc-dot-leaders": "table of contents with dot leaders and page numbers",
    "radar-chart": "radar chart whose axis labels and tick numbers are text, not scores",
    "label-drift": "area labels that differ from the canonical wording (variants, old labels kept)",
    "framework-2002": "2002 area labels",
    "framework-2003": "2003–2009 area labels",
    "framework-2016": "2016 area labels",
    "framework-2020": "2020 framework: reordered areas and new labels",
    "two-column-page": "a page set in two text columns, a findings list in one of them",
    "slides": "landscape slide deck (one slide = one page)",
    "slide-points": "'74 p' next to an area's question list on a slide",
    "slide-results-text": "results slide as text lines ('Område 1 Offentlighet och demokrati 63')",
    "example-slides": "example slides from other municipalities that are not findings",
    "memo": "pre-visit PM describing the tool, no results",
    "not-report": "unrelated municipal document with its own 'Styrkor' heading",
    "intro-area-list": "introduction names the eight areas with numbers and no scores",
    "cover-evaluators": "cover with 'Utvärderare: Name, title (employer) och Name, employer'",
    "evaluator-capitals": "an evaluator's name printed in capitals on the cover",
    "evaluators-och-capitals": "'UTVÄRDERARE: NAME OCH NAME' all in capitals",
    "evaluator-lines": "one evaluator per cover line with an affiliation ('Name, Heby kommun'), no cue",
    "evaluators-beside-toc": "evaluators one per line (affiliation below) beside the table of contents",
    "cover-place-date": "cover with only the title, the place and a compact date ('Sala 20150506')",
    "results-average-line": "results slide with a national average line ('Genomsnitt samtliga utvärderingar')",
    "abbreviation-hyphen": "line-end hyphen after an abbreviation stays ('EU-' / 'finansierade')",
    "scan-misread-bullets": "scan whose '•' bullets tesseract misreads or drops; items by hanging indent",
    "cover-boxes": "cover laid out side by side (layout table / text boxes): reading across interleaves",
    "running-header-footer": "running header and footer with date and 'N (M)' page numbers",
    "list-across-pages": "a findings list that continues across a page break, footer in between",
    "bullet-dot": "'•' bullets",
    "bullet-dash": "'–' (en dash) bullets",
    "bullet-hyphen": "'-' bullets",
    "bullet-o": "'o' bullets",
    "bullet-symbol": "Symbol-font bullet, U+F0B7 in the text layer",
    "numbered-items": "numbered findings ('1.', '2.')",
    "wrapped-items": "findings wrapping over two or three lines, with commas, colons, parentheses, 't.ex.'",
    "hyphenation": "line-end hyphenation to join ('kvalitets-' / 'deklarationer')",
    "compound-hyphen": "shortened compounds keep their hyphen at line end ('hälso-' / 'och sjukvård')",
    "finding-synonyms": "'Utvecklingsområden', 'Förbättringsförslag', 'Utvecklingsmöjligheter' headings",
    "norwegian": "Norwegian Kommunekompasset report (fokusområde, poeng, Styrker/Forbedringsområder)",
    "district": "Stockholm city district (stadsdelsområde)",
    "region": "Region Gotland",
    "stad": "organisation that calls itself 'stad'",
    "multiline-headers": "result table with two-row column headers",
    "scan": "image-only PDF (no text layer): OCR needed",
    "filler-prose": "realistic amount of prose: 20–30 pages",
}

AREAS = range(1, 9)


# ---------------------------------------------------------------------------------------------
# Organisations and evaluation ids

#: Municipalities that call themselves "stad" (canonical name "<Name>s stad" / "Malmö stad").
STAD = frozenset(
    {
        "Stockholm",
        "Göteborg",
        "Malmö",
        "Helsingborg",
        "Borås",
        "Västerås",
        "Solna",
        "Lidingö",
        "Sundbyberg",
        "Landskrona",
        "Trollhättan",
        "Mölndal",
        "Vaxholm",
        "Haparanda",
    }
)

_SLUG_MAP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "è": "e", "ü": "u", "ø": "o", "æ": "ae"})


def slugify(text: str) -> str:
    """Lower case, å/ä→a, ö→o, anything else that is not a letter or digit → '-'."""
    text = text.lower().translate(_SLUG_MAP)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def genitive(name: str) -> str:
    """Swedish genitive as printed in canonical names: 's' unless the name ends in a vowel or s/x/z."""
    return name if name[-1].lower() in "aeiouyåäösxz" else name + "s"


@lru_cache(maxsize=None)
def municipality_codes() -> dict[str, str]:
    with open(MUNICIPALITIES_CSV, encoding="utf-8") as fh:
        return {row["municipality"]: row["municipality_code"] for row in csv.DictReader(fh)}


@dataclass(frozen=True)
class Organisation:
    base: str  # "Ljusdal", "Hässelby-Vällingby", "Gotland", "Bergen"
    name: str  # canonical: "Ljusdals kommun"
    municipality: str | None
    municipality_code: str | None
    org_type: str  # kommun | stadsdel | region | other
    country: str = "SE"

    @property
    def slug(self) -> str:
        return slugify(self.base)

    @property
    def is_stad(self) -> bool:
        return self.name.endswith(" stad")

    @property
    def genitive(self) -> str:
        """'Ljusdals kommuns', 'Region Gotlands', 'Bergen kommunes' (as used in captions)."""
        if self.country == "NO":
            return self.name + "s"
        return self.name + "s" if self.name[-1] not in "sxz" else self.name


#: Official names the genitive rule does not give.
OFFICIAL_NAMES = {"Kalmar": "Kalmar kommun", "Falun": "Falu kommun"}


def kommun(base: str) -> Organisation:
    """A Swedish municipality by its SCB name; 'stad' for those in STAD."""
    code = municipality_codes()[base]
    suffix = "stad" if base in STAD else "kommun"
    return Organisation(base, OFFICIAL_NAMES.get(base, f"{genitive(base)} {suffix}"), base, code, "kommun")


def district(base: str, city: str = "Stockholm") -> Organisation:
    return Organisation(base, f"{base} stadsdelsområde", city, municipality_codes()[city], "stadsdel")


def region_gotland() -> Organisation:
    return Organisation("Gotland", "Region Gotland", "Gotland", municipality_codes()["Gotland"], "region")


def kommune(base: str) -> Organisation:
    """A Norwegian municipality: '<Name> kommune', no SCB code."""
    return Organisation(base, f"{base} kommune", base, None, "kommun", country="NO")


def framework_for(year: int, country: str = "SE") -> str:
    if country == "NO":
        return "no"
    if year <= 2002:
        return "2002"
    if year <= 2009:
        return "2003"
    if year <= 2015:
        return "2010"
    if year <= 2019:
        return "2016"
    return "2020"


def scale_for(year: int) -> str:
    return "old" if year < 2010 else "new"


@dataclass(eq=False)
class Evaluation:
    org: Organisation
    year: int
    framework: str | None = None  # default: framework_for(year)
    evaluators: list[str] | None = None
    has_report: bool = False
    max_total: float | None = None  # default: 100 per assessed area when all 8 are printed

    def __post_init__(self) -> None:
        if self.framework is None:
            self.framework = framework_for(self.year, self.org.country)

    @property
    def evaluation_id(self) -> str:
        return f"{self.org.slug}-{self.year}"

    @property
    def total_scale(self) -> str:
        return scale_for(self.year)


# ---------------------------------------------------------------------------------------------
# Printed numbers


def fmt_number(value: float) -> str:
    """63.5 → '63,5', 63.0 → '63' (Swedish decimal comma, no trailing ',0')."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.1f}".replace(".", ",")


@dataclass(eq=False)
class ScoreColumn:
    """One value column of a score table: whose numbers, on which scale, as printed."""

    header: str  # as printed; '\n' is a line break inside the cell
    evaluation: Evaluation
    role: str  # primary | history | peer
    scale: str  # new | old
    values: dict[int, float | None]  # area → value; None = printed not-assessed mark
    total: float | None = None  # printed total (None: total cell left empty)
    marks: dict[int, str] = field(default_factory=dict)  # not-assessed mark per area: '0 *)', '–', ''
    averages: dict[int | None, float] = field(default_factory=dict)  # '73 (63)': area (None = total) → 63
    style: str = "plain"  # plain | percent | average

    def cell_text(self, area: int | None) -> str:
        if area is not None and self.values.get(area) is None:
            return self.marks.get(area, "–")
        value = self.total if area is None else self.values[area]
        if value is None:
            return ""
        text = fmt_number(value)
        if self.style == "percent" and area is not None:
            text += " %"
        if area in self.averages:
            text += f" ({fmt_number(self.averages[area])})"
        return text

    @property
    def area_sum(self) -> float:
        return sum(v for v in self.values.values() if v is not None)


@dataclass(eq=False)
class ScoreTable:
    caption: str | None  # printed above the table (key 'table'), or None
    labels: dict[int, str]  # printed row label per area ('1. Offentlighet ...')
    columns: list[ScoreColumn]
    label_header: str = "Område"
    total_label: str | None = "TOTALT"  # None: no total row
    footnote: str | None = None
    style: str = "ruled"  # ruled | unruled | tabs | slide
    result: bool = False  # the report's own result table ("first table wins")
    group_header: list[tuple[str, int]] | None = None  # an extra header row: (text, column span)
    label_width_cm: float = 7.0
    value_width_cm: float = 2.6
    font_size: float = 10.0
    heading: str | None = None  # the section heading printed above it (key 'table' when no caption)
    page: int | None = None  # set by build.py
    # layout knobs (tests/factory/variants.py draws them; the defaults are the fixtures' look)
    header_align: str = "center"  # value column headers: left | center | right
    number_align: str = "center"  # value cells: left | center | right
    borders: str | None = None  # grid | hrules | none; None: from style (ruled = grid + shading)
    note: str | None = None  # prose printed between the caption and the header row
    split: bool = False  # may break across a page, header row repeated
    row_pages: dict[int | None, int] = field(default_factory=dict)  # split tables: area → page (build.py)

    @property
    def key_table(self) -> str | None:
        return self.caption if self.caption is not None else self.heading

    @property
    def anchor(self) -> str:
        return self.caption or self.heading or self.label_header


@dataclass(eq=False)
class InlineScore:
    """A score printed in running text, a heading, a TOC line or on a slide."""

    evaluation: Evaluation
    area: int | None
    value: float | None
    role: str = "primary"
    scale: str | None = None  # default: the evaluation's scale
    table: str | None = None
    page: int | None = None


@dataclass(eq=False)
class Finding:
    text: str  # as a reader writes it out (the key)
    printed: str | None = None  # as typed: '\n' forced line break, '\u00ad' soft hyphen
    page: int | None = None

    @property
    def typed(self) -> str:
        return self.printed if self.printed is not None else self.text


@dataclass(eq=False)
class FindingList:
    area: int | None
    kind: str  # strength | improvement
    heading: str  # 'Styrkor', 'Förbättringsområden', ...
    items: list[Finding]
    glyph: str = "•"  # • – - o symbol number


# ---------------------------------------------------------------------------------------------
# Layout blocks rendered by the producers


@dataclass(eq=False)
class Para:
    text: str
    style: str = "body"  # body | title | subtitle | cover | small | caption | footnote | bold | big
    align: str = "left"  # left | center | right
    score: InlineScore | None = None
    keep_with_next: bool = False


@dataclass(eq=False)
class Heading:
    text: str
    level: int = 1
    page_break: bool = False
    score: InlineScore | None = None
    page: int | None = None  # set by build.py (the TOC prints it)


@dataclass(eq=False)
class PageBreak:
    pass


@dataclass(eq=False)
class Bullets:
    """A bulleted list; a FindingList's items, or plain text items that are not findings."""

    items: list[str] | FindingList
    glyph: str = "•"

    @property
    def findings(self) -> FindingList | None:
        return self.items if isinstance(self.items, FindingList) else None

    def texts(self) -> list[str]:
        if isinstance(self.items, FindingList):
            return [f.typed for f in self.items.items]
        return list(self.items)

    @property
    def bullet(self) -> str:
        return self.items.glyph if isinstance(self.items, FindingList) else self.glyph


@dataclass(eq=False)
class TableBlock:
    table: ScoreTable


@dataclass(eq=False)
class SummaryBox:
    """'Sammanfattning område N' with its lists, drawn as a shaded box (or plain with boxed=False)."""

    title: str
    lists: list[FindingList]
    boxed: bool = True


@dataclass(eq=False)
class TocEntry:
    text: str
    target: Heading | None = None
    level: int = 1
    score: InlineScore | None = None
    page: int | None = None  # printed page when there is no target


@dataclass(eq=False)
class Toc:
    title: str
    entries: list[TocEntry]
    leaders: bool = True


@dataclass(eq=False)
class Columns:
    """Side-by-side blocks: a borderless layout table (docx), frames (reportlab)."""

    left: list["Block"]
    right: list["Block"]
    mode: str = "table"  # table: layout table | section: two-column section (newspaper)
    widths_cm: tuple[float, float] = (8.0, 8.0)


@dataclass(eq=False)
class Landscape:
    """Blocks on pages of their own turned to landscape (a wide table in a portrait report)."""

    blocks: list["Block"]


@dataclass(eq=False)
class Chart:
    """A radar chart: labels and ticks are drawn as text."""

    title: str
    labels: list[str]
    series: list[tuple[str, list[float]]]
    ticks: list[int] = field(default_factory=lambda: [20, 40, 60, 80, 100])


@dataclass(eq=False)
class Slide:
    title: str
    blocks: list["Block"] = field(default_factory=list)
    side: list["Block"] = field(default_factory=list)  # right-hand text box (e.g. '74 p')
    layout: str = "content"  # title | content
    page: int | None = None


Block = Union[Para, Heading, PageBreak, Bullets, TableBlock, SummaryBox, Toc, Columns, Chart, Slide, Landscape]


@dataclass
class Requirement:
    """A property of the rendered PDF that the fixture exists for (checked by build.py)."""

    kind: str  # line_endswith | line_equals | list_spans_pages | text_on_page | no_text
    arg: object = None
    page: int | None = None
    why: str = ""


@dataclass(eq=False)
class ReportSpec:
    name: str  # file stem: report-ljusdal-2010-two-scales
    producer: str  # docx | pptx | reportlab | scan
    kind: str  # report | slides | memo | other
    forms: list[str]
    body: list[Block]
    evaluation: Evaluation | None = None  # the document's own evaluation
    framework: str | None = None  # default: the own evaluation's framework
    status: str = "extracted"
    error_code: str | None = None
    checks: list[tuple[str, Evaluation]] = field(default_factory=list)
    header: str | None = None  # running header text
    footer: str | None = None  # running footer text, followed by 'N (M)'
    page_numbers: str = "n_of_m"  # n_of_m | n | none
    first_page_plain: bool = True  # no header/footer on the cover
    body_font: str = "Times New Roman"
    heading_font: str = "Arial"
    body_size: float = 11.0
    landscape: bool = False
    requirements: list[Requirement] = field(default_factory=list)
    options: dict = field(default_factory=dict)  # producer-specific knobs
    n_pages: int | None = None  # set by build.py
    layout: dict | None = None  # layout parameters of a variant (written into the key)

    @property
    def file(self) -> str:
        return self.name + ".pdf"

    @property
    def text_source(self) -> str:
        return "ocr" if self.producer == "scan" else "pdf"

    # -- walking the body ---------------------------------------------------------------------
    def walk(self) -> Iterator[Block]:
        """Every block in reading order, descending into columns, boxes are leaves, slides open."""

        def rec(blocks):
            for b in blocks:
                yield b
                if isinstance(b, Columns):
                    yield from rec(b.left)
                    yield from rec(b.right)
                elif isinstance(b, Slide):
                    yield from rec(b.blocks)
                    yield from rec(b.side)
                elif isinstance(b, Landscape):
                    yield from rec(b.blocks)

        yield from rec(self.body)

    def tables(self) -> list[ScoreTable]:
        return [b.table for b in self.walk() if isinstance(b, TableBlock)]

    def printed_scores(self) -> Iterator[ScoreTable | InlineScore]:
        """Tables and inline scores in document order."""
        for b in self.walk():
            if isinstance(b, TableBlock):
                yield b.table
            elif isinstance(b, (Para, Heading)) and b.score is not None:
                yield b.score
            elif isinstance(b, Toc):
                for e in b.entries:
                    if e.score is not None:
                        yield e.score

    def finding_lists(self) -> list[FindingList]:
        out: list[FindingList] = []
        for b in self.walk():
            if isinstance(b, SummaryBox):
                out.extend(b.lists)
            elif isinstance(b, Bullets) and b.findings is not None:
                out.append(b.findings)
        return out

    # -- the answer key ----------------------------------------------------------------------
    def observations(self) -> list[dict]:
        own = self.evaluation
        rows: list[dict] = []
        for item in self.printed_scores():
            if isinstance(item, InlineScore):
                rows.append(
                    _obs(
                        item.evaluation,
                        item.area,
                        item.scale or item.evaluation.total_scale,
                        item.value,
                        item.role,
                        item.page,
                        item.table,
                    )
                )
                continue
            table = item
            for area in [*AREAS, None]:
                if area is None and table.total_label is None:
                    continue
                for col in table.columns:
                    if area is not None and area not in col.values:
                        continue
                    value = col.total if area is None else col.values[area]
                    if area is None and value is None and not col.cell_text(None):
                        continue  # an empty total cell is not a printed score
                    page = table.row_pages.get(area, table.page)
                    rows.append(_obs(col.evaluation, area, col.scale, value, col.role, page, table.key_table))
                    if area in col.averages:
                        rows.append(_obs(own, area, col.scale, col.averages[area], "average", page, table.key_table))
        return rows

    def area_scores(self) -> list[dict]:
        """Resolved per evaluation × area × scale: result tables first, then document order."""
        ordered = sorted(self.printed_scores(), key=lambda x: 0 if isinstance(x, ScoreTable) and x.result else 1)
        seen: dict[tuple, dict] = {}
        for item in ordered:
            if isinstance(item, InlineScore):
                cells = (
                    []
                    if item.area is None or item.role == "average"
                    else [(item.evaluation, item.area, item.scale or item.evaluation.total_scale, item.value)]
                )
            else:
                cells = [
                    (c.evaluation, a, c.scale, v)
                    for c in item.columns
                    if c.role != "average"
                    for a, v in c.values.items()
                ]
            for ev, area, scale, value in cells:
                k = (ev.evaluation_id, area, scale)
                if k not in seen:
                    seen[k] = {
                        "evaluation_id": ev.evaluation_id,
                        "area": area,
                        "scale": scale,
                        "score": None if value is None else float(value),
                        "assessed": value is not None,
                    }
        order = {e.evaluation_id: i for i, e in enumerate(self.evaluations())}
        return sorted(
            seen.values(), key=lambda r: (order.get(r["evaluation_id"], 99), r["area"], SCALES.index(r["scale"]))
        )

    def evaluations(self) -> list[Evaluation]:
        out: list[Evaluation] = [self.evaluation] if self.evaluation and self.kind in ("report", "slides") else []
        for item in self.printed_scores():
            evs = [item.evaluation] if isinstance(item, InlineScore) else [c.evaluation for c in item.columns]
            for ev in evs:
                if all(ev.evaluation_id != o.evaluation_id for o in out):
                    out.append(ev)
        return out

    def _totals(self, ev: Evaluation) -> dict[str, float | None]:
        """Printed totals per scale for an evaluation, result tables first."""
        found: dict[str, float | None] = {}
        ordered = sorted(self.printed_scores(), key=lambda x: 0 if isinstance(x, ScoreTable) and x.result else 1)
        for item in ordered:
            if isinstance(item, InlineScore):
                if item.evaluation is ev and item.area is None and item.role != "average":
                    found.setdefault(item.scale or ev.total_scale, item.value)
            elif item.total_label is not None:
                for c in item.columns:
                    if c.evaluation is ev and c.total is not None and c.role != "average":
                        found.setdefault(c.scale, c.total)
        return found

    def _max_total(self, ev: Evaluation) -> float | None:
        if ev.max_total is not None:
            return ev.max_total
        for item in self.printed_scores():
            if isinstance(item, ScoreTable):
                for c in item.columns:
                    if (
                        c.evaluation is ev
                        and c.role != "average"
                        and c.scale == ev.total_scale
                        and set(c.values) == set(AREAS)
                    ):
                        return 100.0 * sum(v is not None for v in c.values.values())
        return 800.0 if ev is self.evaluation else None

    def evaluation_row(self, ev: Evaluation) -> dict:
        totals = self._totals(ev)
        own = ev is self.evaluation
        total = totals.get(ev.total_scale)
        return {
            "evaluation_id": ev.evaluation_id,
            "organisation": ev.org.name,
            "municipality": ev.org.municipality,
            "municipality_code": ev.org.municipality_code,
            "org_type": ev.org.org_type,
            "country": ev.org.country,
            "year": ev.year,
            "framework": ev.framework,
            "evaluators": list(ev.evaluators) if (own and ev.evaluators is not None) else None,
            "total_score": None if total is None else float(total),
            "total_scale": ev.total_scale,
            "max_total": self._max_total(ev),
            "total_score_old_scale": (
                float(totals["old"]) if ev.total_scale == "new" and totals.get("old") is not None else None
            ),
            "has_report": own,
        }

    def findings_key(self) -> list[dict]:
        rows = []
        for fl in self.finding_lists():
            for pos, f in enumerate(fl.items, 1):
                rows.append({"area": fl.area, "kind": fl.kind, "position": pos, "text": f.text, "page": f.page})
        return rows

    def to_key(self) -> dict:
        framework = (
            self.framework
            if self.framework is not None
            else (self.evaluation.framework if self.evaluation and self.status == "extracted" else None)
        )
        return {
            "file": self.file,
            "producer": self.producer,
            "forms": list(self.forms),
            "document": {
                "kind": self.kind,
                "framework": framework,
                "status": self.status,
                "error_code": self.error_code,
                "text_source": self.text_source,
            },
            "evaluations": [self.evaluation_row(e) for e in self.evaluations()],
            "observations": self.observations(),
            "area_scores": self.area_scores(),
            "findings": self.findings_key(),
            "checks": [{"code": code, "evaluation_id": ev.evaluation_id} for code, ev in self.checks],
            **({"layout": dict(self.layout)} if self.layout is not None else {}),
        }


def _obs(ev: Evaluation, area, scale, value, role, page, table) -> dict:
    return {
        "evaluation_id": ev.evaluation_id,
        "area": area,
        "scale": scale,
        "value": None if value is None else float(value),
        "role": role,
        "page": page,
        "table": table,
    }


def reader_text(typed: str) -> str:
    """What a reader writes out for a typed item: forced breaks joined, hyphenation resolved.

    A hyphen before a forced break joins the word ('kvalitets-\\ndeklarationer') unless the next
    word is a conjunction or the hyphen follows a comma list (Swedish shortened compounds:
    'hälso-\\noch sjukvård', 'ekonomi-,\\npersonal- och'). Soft hyphens vanish.
    """
    text = typed.replace("\u00ad", "")
    text = re.sub(r"-\n(?=(och|eller|samt|som|till)\b)", "- ", text)
    text = re.sub(r"(?<=\w)-\n", "", text)
    return re.sub(r"\s+", " ", text.replace("\n", " ")).strip()
