"""Layout variants: every printed score form under seeded random layout parameters.

The fixtures in catalogue.py each show one form in one clean layout; real reports print the same
forms in layouts the extractors must not depend on (DOMAIN.md, "What real renderings do to these
forms"). A variant is a short but complete report (cover with organisation, year and evaluators,
the introduction listing the eight areas, a results section with the table(s), one area section
with its findings) whose score tables are
drawn with layout parameters picked by a seeded generator: header and number alignment drawn
separately, borders, column order, a caption of one to six lines right above the header row, one-
or two-line headers, narrow label columns that wrap, a table in one column of a two-column page,
a table broken over a page with its header repeated, a landscape page, 9–12 pt serif or sans
fonts, half points, not-assessed marks. The parameters are recorded in the key ("layout"), so the
exactness of an extraction can be tabulated per parameter value (tests/factory/exactness.py).

    python -m tests.factory.variants --sample                 # the committed sample, tests/pdfs/variants
    python -m tests.factory.variants --out /tmp/v --count 200 --seed 7 [--measure]

Rendering and page location are build.py's: a variant is an ordinary ReportSpec.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from tests.factory.catalogue import (
    DISTRICTS,
    THEME,
    Composer,
    _evaluators,
    area_labels,
    col,
    community_area,
    publisher,
    split_scores,
    standard_header,
)
from tests.factory.pdf import fonts
from tests.factory.spec import (
    AREAS,
    STAD,
    Columns,
    Evaluation,
    Heading,
    Landscape,
    Para,
    ReportSpec,
    Requirement,
    Organisation,
    ScoreColumn,
    ScoreTable,
    TableBlock,
    district,
    kommun,
    municipality_codes,
    region_gotland,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_DIR = ROOT / "tests" / "pdfs" / "variants"
#: The committed sample: seed and size (`make variants-sample`); 64 variants cover every value of
#: every parameter several times over while rendering in a few minutes.
SAMPLE_SEED = 1313
SAMPLE_COUNT = 64
#: Office files converted per LibreOffice run: bounds a run's time and memory on a shared machine.
BATCH = 24

#: Every printed score form a variant can show.
FORMS = ("one-scale", "two-scales", "history", "average", "peer", "inline-average")

#: Parameters drawn for every variant (form-specific ones are drawn in `draw`).
COMMON = {
    "producer": ("docx", "docx", "reportlab"),  # municipalities write Word
    "header_align": ("left", "center", "right"),
    "number_align": ("left", "center", "right"),
    "borders": ("grid", "hrules", "none"),
    "caption_lines": (1, 2, 3, 4, 5, 6),
    "header_lines": (1, 2),
    "label_width": ("wide", "narrow"),
    "placement": ("flow", "two-column", "two-column", "page-break", "landscape"),  # two-column often falls back
    "font": ("serif", "sans"),
    "font_size": (9, 10, 11, 12),
    "decimals": ("whole", "halves"),
    "not_assessed": ("none", "none", "none", "none", "0 *)", "–", "empty"),  # not none: a district
}
#: Not-assessed parameter value → printed mark, and the footnote under the table: one that names the
#: area (`na_note` names-area: the extractor must follow it) or one that does not (generic: the
#: extractor must know the framework's community-building area, 8, or 2 under the 2020 framework).
MARKS = {"empty": ""}
FOOTNOTES = {
    ("0 *)", "names-area"): "*) Område {area} poängbedöms inte vid stadsdelsutvärderingar.",
    ("0 *)", "generic"): "*) Området poängbedöms inte vid stadsdelsutvärderingar.",
    ("–", "names-area"): "– = område {area} poängbedöms inte vid utvärderingar av stadsdelsområden.",
    ("–", "generic"): "– = området poängbedöms inte vid utvärderingar av stadsdelsområden.",
    (
        "empty",
        "names-area",
    ): "Område {area} poängbedöms inte vid utvärderingar av stadsdelsområden och har lämnats tomt.",
    ("empty", "generic"): "Samhällsbyggnadsområdet poängbedöms inte vid utvärderingar av stadsdelsområden och har "
    "lämnats tomt.",
}
#: Area numbers as words, for prose that names the unscored area ("Område åtta poängbedöms inte …").
NUMBER_WORDS = {2: "två", 8: "åtta"}
AVERAGE_HEADERS = ("Genomsnitt", "Medel", "Snitt", "Riket", "Genomsnitt alla kommuner")
FONT_NAMES = {"serif": "Times New Roman", "sans": "Arial"}
#: Usable text width (cm) of a portrait page, a landscape page and one column of a two-column page.
TEXT_WIDTH = {"portrait": 16.0, "landscape": 24.7, "column": 7.2}
#: Text height (pt) of a portrait / landscape page between the margins (29.7 - 2.5 - 2.3 cm).
PAGE_TEXT_PT = {"portrait": 24.9 / 2.54 * 72, "landscape": 16.2 / 2.54 * 72}
#: Share of a landscape page's text height a table may fill with its caption and footnote (the
#: estimate in `height_pt` is within about 5 % of what both renderers draw): a taller one would break
#: over the page, so it goes on a portrait page, which holds it whole.
LANDSCAPE_FILL = 0.95
#: Cell paddings (pt) of both renderers, left + right and top + bottom, and line height per pt of
#: font by producer (reportlab's cell style; LibreOffice's single spacing of Times and Arial).
CELL_PAD_X, CELL_PAD_Y = 12.0, 6.0
CELL_LEADING = {"reportlab": 1.25, "docx": 1.15}
#: Filler shifts (pt) tried in turn until a page-break table really breaks after two or more rows.
SPLIT_SHIFTS = (0, 45, -45, 90, -90, 135, -135, 180, -180)

#: Longest peer name: six organisation columns share a portrait page.
MAX_PEER_NAME = 10
#: Prose printed between a caption and its table (written for the factory).
NOTE = {
    "any": [
        "Tabellen visar poängen per område och den sammanlagda poängen.",
        "Varje område kan ge högst hundra poäng.",
        "Poängen ska läsas som en indikation på hur långt utvecklingsarbetet har kommit, inte som ett betyg.",
        "Skillnader på några enstaka poäng bör inte övertolkas.",
        "Bedömningen bygger på skriftligt underlag och på intervjuer under besöket.",
        "Områdena redovisas i samma ordning som i resten av rapporten.",
        "Utvärderarna har gjort bedömningen gemensamt efter besöket.",
        "För varje område finns en närmare beskrivning i rapportens senare avsnitt.",
        "En jämförelse över tid bör göras med försiktighet eftersom frågorna har justerats.",
    ],
    "two-scales": ["Resultatet redovisas både enligt den nuvarande och enligt den äldre poängskalan."],
    "history": ["De tidigare utvärderingarnas resultat anges för jämförelse."],
    "average": ["Genomsnittet avser samtliga kommuner som har utvärderats med samma version av verktyget."],
    "inline-average": ["Inom parentes anges genomsnittet för de kommuner som har utvärderats."],
    "peer": [
        "Jämförelsen avser de senaste utvärderingarna av organisationer av liknande storlek.",
        "Uppgifterna för de andra organisationerna är hämtade ur deras egna rapporter.",
    ],
}
#: Prose a district's caption may add, by `na_note`.
DISTRICT_NOTE = {
    "names-area": "Område {word} poängbedöms inte vid utvärderingar av stadsdelsområden.",
    "generic": "Samhällsbyggnadsfrågorna poängbedöms inte vid utvärderingar av stadsdelsområden.",
}


def pick(rng: random.Random, values):
    return values[rng.randrange(len(values))]


def draw(rng: random.Random, form: str, turn: int) -> dict:
    """The layout parameters of one variant (only those that apply to its form); turn counts the variants
    of this form before it, so that the average headers take turns (each is a class of its own)."""
    p = {"form": form, **{k: pick(rng, v) for k, v in COMMON.items()}}
    if form == "two-scales":
        p["scale_order"] = pick(rng, ("new-first", "old-first"))
    if form == "history":
        p["group_header"] = pick(rng, ("no", "yes"))  # 'Tranås kommun' spanning the year columns
    if form in ("history", "average"):
        p["history_count"] = pick(rng, (1, 2)) if form == "history" else pick(rng, (0, 1))
        if p["history_count"]:
            p["history_order"] = pick(rng, ("ascending", "descending"))
    if form == "average":
        p["average_position"] = pick(rng, ("first", "last"))
        p["average_header"] = AVERAGE_HEADERS[turn % len(AVERAGE_HEADERS)]
    if form == "peer":
        p["peer_count"] = pick(rng, (3, 4, 5))
        p["own_position"] = pick(rng, ("first", "last"))
        p["peer_error"] = pick(rng, ("none", "none", "sum", "conflict"))
        p["label_width"] = "numbers"
        if p["placement"] in ("two-column", "page-break"):  # six columns need the page; '1 58 61' is no row needle
            p["placement"] = pick(rng, ("flow", "landscape"))
    if p["placement"] == "two-column":
        p["font_size"] = pick(rng, (9, 10))  # a column holds a table in small print only
    if p["placement"] == "page-break":
        p["label_width"] = "wide"  # the rows are located by their label openings
    if p["placement"] == "two-column" and value_columns(p) > 2:
        p["placement"] = pick(rng, ("flow", "page-break", "landscape"))
        if p["placement"] == "page-break":
            p["label_width"] = "wide"
    if p["not_assessed"] != "none":  # drawn last: the other variants of a seed stay as they were
        p["na_note"] = pick(rng, ("names-area", "generic"))
    return p


def value_columns(p: dict) -> int:
    return {
        "one-scale": 1,
        "two-scales": 2,
        "inline-average": 1,
        "peer": p.get("peer_count", 0) + 1,
        "history": 1 + p.get("history_count", 0),
        "average": 2 + p.get("history_count", 0),
    }[p["form"]]


def years_for(rng: random.Random, p: dict) -> int:
    form = p["form"]
    if form == "two-scales":
        return pick(rng, (2010, 2011))
    if form == "history":
        return rng.randint(2013, 2019) if p["history_count"] == 1 else rng.randint(2016, 2019)
    if form == "average":
        return rng.randint(2013, 2021) if p["history_count"] else rng.randint(2010, 2021)
    if form == "inline-average":
        return rng.randint(2010, 2019)
    return rng.randint(2006, 2021)


def municipality(base: str) -> Organisation:
    """A municipality by its SCB name under its canonical name (Gotland is 'Region Gotland')."""
    return region_gotland() if base == "Gotland" else kommun(base)


def header(parts: list[str], lines: int) -> str:
    """A header from its words: one line, or its parts over two or three lines."""
    return "\n".join(parts) if lines == 2 else " ".join(parts)


def org_parts(ev: Evaluation, wordy: bool) -> list[str]:
    """'Bromma / (Stockholms stad) / 2006', 'Sala / kommun / 2012', 'Borås / 2015'."""
    org = ev.org
    if org.org_type == "stadsdel":
        return [org.base, "(Stockholms stad)", str(ev.year)] if wordy else [org.base, str(ev.year)]
    if wordy:
        return (
            [org.base, "stad" if org.base in STAD else "kommun", str(ev.year)]
            if org.org_type == "kommun"
            else ["Region", org.base, str(ev.year)]
        )
    return [org.base, str(ev.year)]


class Variant:
    """One variant report: parameters drawn from (seed, index), then composed as a ReportSpec."""

    def __init__(self, index: int, seed: int, shift: int = 0):
        self.index, self.seed, self.shift = index, seed, shift
        rng = self.rng = random.Random(seed * 100_003 + index)
        form = FORMS[index % len(FORMS)]
        self.p = draw(rng, form, index // len(FORMS))
        self.year = years_for(rng, self.p)
        munis = sorted(municipality_codes())
        if self.p["not_assessed"] != "none":
            self.org = district(pick(rng, DISTRICTS))
        else:
            self.org = municipality(pick(rng, [m for m in munis if m != "Stockholm"]))
        names, self.printed_evaluators = _evaluators(rng, self.year)
        self.ev = Evaluation(self.org, self.year, evaluators=names, has_report=True)
        self.halves = self.p["decimals"] == "halves"
        self.checks: list[tuple[str, Evaluation]] = []
        #: the row a district's tables leave unscored: community building in the report's own numbering
        #: (every table of a variant prints its rows in it, earlier and peer evaluations included)
        self.unscored = community_area(self.ev.framework)

    # -- values -------------------------------------------------------------------------------
    def values(self, ev: Evaluation) -> dict[int, float | None]:
        """Scores of one evaluation; districts are not assessed on community building (self.unscored)."""
        lo, hi = (30, 75) if ev.total_scale == "old" else (35, 82)
        v: dict[int, float | None] = dict(split_scores(self.rng, lo, hi, self.halves))
        if ev.org.org_type == "stadsdel":
            v[self.unscored] = None
        return v

    def column(
        self, head: str, ev: Evaluation, values, role: str = "primary", scale: str | None = None, **kw
    ) -> ScoreColumn:
        mark = MARKS.get(self.p["not_assessed"], self.p["not_assessed"])
        marks = {a: mark for a, x in values.items() if x is None}
        return col(head, ev, values, role, scale, marks=marks, **kw)

    # -- tables -------------------------------------------------------------------------------
    def result_columns(self) -> list[ScoreColumn]:
        p, ev, lines, rng = self.p, self.ev, self.p["header_lines"], self.rng
        form = p["form"]
        own_parts = pick(rng, ([str(ev.year)], [ev.org.base, str(ev.year)]))
        if p.get("group_header") == "yes":
            own_parts = [str(ev.year)]
        if form == "one-scale" or form == "peer":
            head = pick(rng, (["Poäng"], [str(ev.year)], [ev.org.base, str(ev.year)], ["Resultat", str(ev.year)]))
            return [self.column(header(head, lines), ev, self.values(ev))]
        if form == "two-scales":
            cols = [
                self.column(header(["Nuvarande", "poängskala"], lines), ev, self.values(ev), scale="new"),
                self.column(header(["Äldre", "poängskala"], lines), ev, self.values(ev), scale="old"),
            ]
            return cols if p["scale_order"] == "new-first" else cols[::-1]
        if form == "inline-average":
            v = self.values(ev)
            avg = {a: float(rng.randint(45, 70)) for a in AREAS if v[a] is not None}
            avg[None] = sum(avg.values())
            head = pick(rng, (["Poäng", "(genomsnitt)"], [ev.org.base, str(ev.year), "(snitt)"]))
            return [self.column(header(head, lines), ev, v, averages=avg, style="average")]
        own = self.column(header(own_parts, lines), ev, self.values(ev))
        history = []
        for k in range(p.get("history_count", 0)):
            hev = Evaluation(ev.org, max(2010, ev.year - 3 * (k + 1) - (rng.random() < 0.3)))
            history.append(
                self.column(header([*own_parts[:-1], str(hev.year)], lines), hev, self.values(hev), role="history")
            )
        timeline = [*history[::-1], own]
        if p.get("history_order") == "descending":
            timeline = timeline[::-1]
        if form == "history":
            return timeline
        avg = {a: float(rng.randint(45, 70)) + (0.5 if self.halves and rng.random() < 0.4 else 0) for a in AREAS}
        words = p["average_header"].split(" ", 1)
        average = col(header(words, lines), ev, avg, role="average", scale="new")
        return [average, *timeline] if p["average_position"] == "first" else [*timeline, average]

    def peer_columns(self, own_values: dict) -> list[ScoreColumn]:
        p, ev, rng, lines = self.p, self.ev, self.rng, self.p["header_lines"]
        wordy = lines == 2 and rng.random() < 0.6
        if ev.org.org_type == "stadsdel":
            orgs = [district(d) for d in rng.sample([d for d in DISTRICTS if d != ev.org.base], p["peer_count"])]
        else:
            munis = [m for m in sorted(municipality_codes()) if m != ev.org.base]
            orgs = [municipality(m) for m in rng.sample([m for m in munis if len(m) <= MAX_PEER_NAME], p["peer_count"])]
        lo = 2010 if ev.year >= 2010 else 2004
        peers = []
        for org in orgs:
            pev = Evaluation(org, rng.randint(max(lo, ev.year - 5), ev.year))
            peers.append(self.column(header(org_parts(pev, wordy), lines), pev, self.values(pev), role="peer"))
        if p["peer_error"] == "sum":
            bad = peers[rng.randrange(len(peers))]
            bad.total = bad.area_sum + pick(rng, (-10, 10, 20))
            self.checks.append(("sum_mismatch", bad.evaluation))
        own_v = dict(own_values)
        if p["peer_error"] == "conflict":
            area = pick(rng, [a for a in AREAS if own_v[a] is not None])
            own_v[area] = own_v[area] + pick(rng, (-4, -2, 3, 5))
            self.checks.append(("conflicting_values", ev))
        own = self.column(header(org_parts(ev, wordy), lines), ev, own_v)
        return [own, *peers] if p["own_position"] == "first" else [*peers, own]

    def width_cm(self) -> float:
        placement = self.p["placement"]
        return TEXT_WIDTH[
            "column" if placement == "two-column" else "landscape" if placement == "landscape" else "portrait"
        ]

    def word_cm(self, texts, bold: bool, hyphens: bool = False) -> float:
        """Width of the longest word in texts plus cell padding: no word is broken inside a cell.
        With `hyphens` a word may break after its hyphens ("Enskede-" / "Årsta-" / "Vantör"), as Word
        breaks a name too wide for its cell."""
        f = fonts()
        font = f[("serif" if self.p["font"] == "serif" else "sans") + ("-bold" if bold else "")]
        words = [w for t in texts for w in (re.findall(r"[^\s-]+-?", t) if hyphens else t.split())]
        return max(stringWidth(w, font, self.p["font_size"]) for w in words) / 72 * 2.54 + 0.45

    def break_at_hyphens(self, columns: list[ScoreColumn], value_cm: float) -> None:
        """Headers whose name is wider than the cell break after its hyphens, as Word breaks them (and
        reportlab does not: the break is printed as a line break for both producers)."""
        for c in columns:
            c.header = "\n".join(
                " ".join(
                    re.sub(r"-(?=\w)", "-\n", w) if self.word_cm([w], True) > value_cm else w for w in line.split(" ")
                )
                for line in c.header.split("\n")
            )

    def widths(
        self, labels: dict, columns: list[ScoreColumn], numbers: bool, group: str | None = None
    ) -> tuple[float, float]:
        """(label, value) column widths in cm; a placement the table cannot fit falls back (recorded).
        `group`: a header spanning all value columns, whose words must fit their joint width too."""
        p, n = self.p, len(columns)
        value_min = max(
            self.word_cm([c.header for c in columns], True, hyphens=True),
            self.word_cm([c.cell_text(a) for c in columns for a in [*labels, None]], True),
        )
        if group:  # the cell padding is counted once for the spanning cell, not per column
            value_min = max(value_min, (self.word_cm([group], True) - 0.45) / n + 0.45)
        label_min = max(1.5, self.word_cm([*labels.values(), "Område", "TOTALT"], True))
        if label_min + n * value_min > self.width_cm():
            p["placement"] = "landscape" if p["placement"] != "landscape" and numbers else "flow"
            if label_min + n * value_min > self.width_cm():
                p["placement"] = "landscape"
        avail = self.width_cm()
        if numbers:
            label = label_min
        elif p["placement"] == "two-column":
            label = max(label_min, 3.4 if p["label_width"] == "narrow" else 4.2)
        else:
            label = max(
                label_min,
                pick(self.rng, (3.2, 3.8, 4.4)) if p["label_width"] == "narrow" else pick(self.rng, (8.0, 9.0)),
            )
        label = min(label, avail - n * value_min)
        value = max(value_min, min(2.8 if p["label_width"] != "narrow" else 2.4, (avail - label) / n))
        return round(label, 2), round(value, 2)

    def height_pt(self, labels: dict, columns: list[ScoreColumn], label_cm: float, value_cm: float) -> float:
        """About how tall a table is with its caption, note and footnote: every row as tall as its most
        wrapped cell (labels wrap in a narrow column), the note as many lines as caption_lines asks."""
        p, size = self.p, self.p["font_size"]
        font = fonts()["serif" if p["font"] == "serif" else "sans"]

        def lines(text: str, cm: float) -> int:
            return sum(
                max(1, len(simpleSplit(part, font, size, cm / 2.54 * 72 - CELL_PAD_X))) for part in text.split("\n")
            )

        rows = [max(lines(c.header, value_cm) for c in columns)] + [lines(label, label_cm) for label in labels.values()]
        leading = size * CELL_LEADING[p["producer"]]
        table = sum(n * leading + CELL_PAD_Y for n in rows + [1])  # + the total row
        return table + 13 + (p["caption_lines"] - 1) * leading + 2 * 11  # caption, note, footnote

    def note(self, kind: str, width_cm: float) -> str | None:
        """Prose of about caption_lines - 1 lines (the caption's own line is the first)."""
        lines = self.p["caption_lines"] - 1
        if lines <= 0:
            return None
        district_note = (
            [DISTRICT_NOTE[self.p["na_note"]].format(word=NUMBER_WORDS[self.unscored])]
            if self.org.org_type == "stadsdel"
            else []
        )
        pool = NOTE.get(kind, []) + district_note + self.rng.sample(NOTE["any"], len(NOTE["any"]))
        font = fonts()["serif" if self.p["font"] == "serif" else "sans"]
        size = self.p["font_size"]
        width = width_cm / 2.54 * 72
        text = ""
        for s in pool:
            longer = (text + " " + s).strip()
            if len(simpleSplit(longer, font, size, width)) > lines:
                break
            text = longer
        return text or pool[0]

    def table(
        self, caption: str, labels: dict, columns: list[ScoreColumn], kind: str, result: bool, numbers: bool = False
    ) -> ScoreTable:
        p = self.p
        spanning = self.ev.org.name if p.get("group_header") == "yes" and result else None
        label_w, value_w = self.widths(labels, columns, numbers, spanning)
        if p["placement"] == "landscape" and self.height_pt(labels, columns, label_w, value_w) > (
            LANDSCAPE_FILL * PAGE_TEXT_PT["landscape"]
        ):
            p["placement"] = "flow"  # whole on a portrait page, where it fits it (widths() says if not)
            label_w, value_w = self.widths(labels, columns, numbers, spanning)
        self.break_at_hyphens(columns, value_w)
        width = self.width_cm()
        has_mark = any(v is None for c in columns for v in c.values.values())
        footnote = FOOTNOTES[p["not_assessed"], p["na_note"]].format(area=self.unscored) if has_mark else None
        group = [("", 1), (spanning, len(columns))] if spanning else None
        return ScoreTable(
            caption,
            labels,
            columns,
            "Område",
            pick(self.rng, ("TOTALT", "Totalt", "Summa")) if not numbers else "Totalt",
            footnote=footnote,
            style="ruled",
            result=result,
            label_width_cm=label_w,
            value_width_cm=value_w,
            font_size=p["font_size"],
            header_align=p["header_align"],
            number_align=p["number_align"],
            borders=p["borders"],
            note=self.note(kind, width),
            split=p["placement"] == "page-break",
            group_header=group,
        )

    # -- the report ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return f"variant-{self.index:03d}-{self.org.slug}-{self.year}-{self.p['form']}"

    def spec(self) -> ReportSpec:
        p, ev, rng = self.p, self.ev, self.rng
        c = Composer(ev, seed=rng.randrange(10**9), depth=0)
        month = pick(rng, ("mars", "april", "maj", "september", "oktober", "november"))
        day = rng.randint(3, 24)
        c.cover(dates=f"Besök {day}–{day + 2} {month} {ev.year}", evaluators=self.printed_evaluators)
        c.intro()  # the eight areas listed without scores, as every report does
        fw = ev.framework
        numbered = pick(rng, ("{a}. {label}", "{a} {label}", "Område {a} {label}"))
        labels = area_labels(fw, numbered)
        results = self.result_columns()
        genitive = ev.org.genitive
        kind = "one-scale" if p["form"] == "peer" else p["form"]
        tables = [self.table(f"Tabell 1 {genitive} resultat per område {ev.year}", labels, results, kind, result=True)]
        if p["form"] == "peer":
            own = results[0].values
            peers = self.peer_columns(own)
            what = "stadsdelsområden" if ev.org.org_type == "stadsdel" else "kommuner"
            tables.append(
                self.table(
                    f"Tabell 2 {ev.org.name} jämfört med {len(peers) - 1} andra {what}",
                    {a: str(a) for a in AREAS},
                    peers,
                    "peer",
                    result=False,
                    numbers=True,
                )
            )
        blocks: list = []
        for i, t in enumerate(tables):
            blocks.append(TableBlock(t))
            if i < len(tables) - 1:
                blocks.append(
                    Para("Tabell 2 jämför resultatet med organisationer som har utvärderats under de senaste åren.")
                )
        theme = THEME[fw][pick(rng, list(AREAS))]
        heading = Heading("Resultat", 1, page_break=True)
        if p["placement"] == "two-column":
            c.add(
                heading,
                c.paragraph(theme, 3),
                Columns(blocks, [c.paragraph(theme, 4), c.paragraph(theme, 4)], mode="section"),
            )
        elif p["placement"] == "page-break":
            c.add(heading, *self.filler(c, theme, tables[0]), *blocks)
        elif p["placement"] == "landscape":
            c.add(heading, c.paragraph(theme, 3), Landscape(blocks))
        else:
            c.add(heading, c.paragraph(theme, 3), *blocks)
        area = pick(rng, list(AREAS))
        # after landscape pages the next page is new already (reportlab would leave a blank one)
        c.area_section(area, depth=0, page_break=p["placement"] != "landscape", strengths=2, improvements=2)
        spec = ReportSpec(
            name=self.name,
            producer=p["producer"],
            kind="report",
            forms=self.forms(tables),
            body=c.body,
            evaluation=ev,
            checks=list(self.checks),
            header=standard_header(ev.org, ev.year),
            footer=publisher(ev.year),
            body_font=FONT_NAMES[p["font"]],
            heading_font="Arial",
            body_size=p["font_size"],
            layout=dict(p),
        )
        if p["placement"] == "page-break":
            spec.requirements.append(
                Requirement("table_split", tables[0], why="the table breaks over a page after two or more rows")
            )
            nxt = self.shift + 1
            if nxt < len(SPLIT_SHIFTS):
                spec.options["retry"] = lambda: Variant(self.index, self.seed, nxt).spec()
        return spec

    def filler(self, c: Composer, theme: str, table: ScoreTable) -> list[Para]:
        """Prose that ends about four rows before the page foot, so the table breaks inside."""
        p = self.p
        size = p["font_size"]
        leading = size * (1.3 if p["producer"] == "reportlab" else 1.27)
        line_width = TEXT_WIDTH["portrait"] / 2.54 * 72
        font = fonts()["serif" if p["font"] == "serif" else "sans"]
        row = table.font_size * 1.25 + 4
        head = 2 * 15 + 12  # 'Resultat' heading with its spacing
        caption = 16 + (len(simpleSplit(table.note, font, size, line_width)) * leading if table.note else 0)
        header_rows = row * (1 + table.columns[0].header.count("\n"))
        target = PAGE_TEXT_PT["portrait"] - head - caption - header_rows - 4.5 * row + SPLIT_SHIFTS[self.shift]
        out, used = [], 0.0
        while used < target - leading:
            para = c.paragraph(theme, 3)
            n = len(simpleSplit(para.text, font, size, line_width))
            if used + n * leading + 6 > target:
                words = para.text.split()
                keep = int(len(words) * max(0.0, (target - used - 6) / (n * leading)))
                if keep < 6:
                    break
                para = Para(" ".join(words[:keep]).rstrip(",;") + ".")
                n = len(simpleSplit(para.text, font, size, line_width))
            out.append(para)
            used += n * leading + 6
        return out

    def forms(self, tables: list[ScoreTable]) -> list[str]:
        p = self.p
        out = [
            "ruled-table" if p["borders"] != "none" else "unruled-table",
            {"TOTALT": "totalt-total", "Totalt": "totalt-total", "Summa": "summa-total"}[tables[0].total_label],
        ]
        extra = {
            "two-scales": "two-scales",
            "history": "history-columns",
            "peer": "peer-table",
            "inline-average": "national-average",
            "average": "national-average",
        }
        if p["form"] in extra:
            out.append(extra[p["form"]])
        if p.get("history_count"):
            out.append("history-columns")
        if self.halves:
            out.append("decimal-comma")
        if p["label_width"] == "narrow":
            out.append("wrapped-labels")
        if p["header_lines"] == 2:
            out.append("multiline-headers")
        if p["not_assessed"] != "none":
            out += ["not-assessed", "district"]
        if p["placement"] == "two-column":
            out.append("two-column-page")
        if p.get("peer_error") == "sum":
            out.append("peer-sum-mismatch")
        if p.get("peer_error") == "conflict":
            out.append("conflicting-values")
        if self.ev.total_scale == "old":
            out.append("old-scale")
        return sorted(set(out))


def variant_specs(count: int, seed: int) -> list[ReportSpec]:
    return [Variant(i, seed).spec() for i in range(count)]


def render(count: int, seed: int, outdir: Path, strict: bool = True, log=print) -> list[ReportSpec]:
    """Build `count` variants into outdir in batches (one LibreOffice run per batch)."""
    from tests.factory.build import BuildError, build

    specs = variant_specs(count, seed)
    failed = []
    for i in range(0, len(specs), BATCH):
        try:
            build(specs[i : i + BATCH], outdir, log=log)
        except BuildError as exc:  # keep the other batches; a missing key shows in the count
            log(str(exc))
            failed.append(str(exc))
    if failed and strict:
        raise BuildError("\n".join(failed))
    return specs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.factory.variants", description=__doc__.split("\n\n")[0])
    ap.add_argument("--sample", action="store_true", help=f"regenerate the committed sample in {SAMPLE_DIR}")
    ap.add_argument("--out", type=Path, help="render fresh variants into this directory")
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--seed", type=int, default=None, help="default: a new seed from the clock (printed)")
    ap.add_argument("--measure", action="store_true", help="extract the variants and print exactness per parameter")
    args = ap.parse_args(argv)
    t0 = time.time()
    if args.sample:
        outdir, count, seed = SAMPLE_DIR, SAMPLE_COUNT, SAMPLE_SEED
    elif args.out:
        outdir, count = args.out, args.count
        seed = args.seed if args.seed is not None else int(time.time()) % 100_000
    else:
        ap.error("give --sample or --out DIR")
    print(f"variants: {count} with seed {seed} → {outdir}")
    specs = render(count, seed, outdir, strict=args.sample)
    if args.sample:
        keep = {f"{s.name}{ext}" for s in specs for ext in (".pdf", ".key.json")}
        for f in outdir.iterdir():
            if f.name not in keep:
                f.unlink()
    print(f"rendered in {time.time() - t0:.0f} s")
    if args.measure:
        from tests.factory.exactness import measure_folder

        print(measure_folder(outdir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
