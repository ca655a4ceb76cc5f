"""Area scores printed beside an area's name in headings and tables of contents.

"Område 3 Politisk styrning och kontroll – 58 poäng" heads an area section; a table of contents may
say "Område 3 … 58 p ........ 12". Only a number with its unit (p, poäng, poeng, %) is a score here:
the page number after the dot leader and a bare "3" in "Område 3" are not. A heading (bold, or set
larger than the body text) in a narrow column wraps ("Område 6: Personalpolitik (60" / "poäng)")
and is read whole; a section may also close with the score given by the area's number ("Poäng
område 3: 45,5 av 100").
"""

from __future__ import annotations

import re
from collections import Counter

from ..frameworks import AREA_MAXIMUM, best_area, is_total_value, scale_for_year
from ..page import Line
from ..records import ScoreObservation
from ..text import normalise_space, parse_score, strip_bullet
from .base import TOC_LEADER, Context, ScoreStrategy

#: The label runs up to its first letter without backtracking ([^letters]* rather than .*?): with
#: two lazy runs a line without a score costs time quadratic in its length (40k lines: 8 s → 0.2 s).
LABELLED_SCORE = re.compile(
    r"^(?P<label>[^A-Za-zÅÄÖåäöæø]*[A-Za-zÅÄÖåäöæø].*?)\s*[–:—-]?\s*\(?(?P<value>\d{1,3}(?:,\d{1,2})?)\s*"
    r"(?P<unit>poäng|poeng|p\.?|%)\)?(?=\s|$)",
    re.I,
)
#: Lines a bold heading may wrap over ("Område 1: Offentlighet, öppenhet" / "och demokratisk kontroll
#: (66" / "poäng)" in a narrow column), and how far (pt) their font sizes may differ.
HEADING_LINES = 3
SIZE_TOLERANCE = 0.5
#: A heading that is not bold is set this much larger than the page's body text (Word's own heading
#: styles: Calibri Light 12–16 pt over 11 pt body).
HEADING_SIZE_RATIO = 1.08
PAGE_REF = re.compile(r"(\.{3,}|…+|(\.\s){3,})\s*\d{1,3}\s*$")
#: A score given by the area's number, a points word before it or after it, and the maximum after
#: it: "Poäng område 3: 45,5 av 100", "Poäng för område 2: 64", "Område 4: 52 poäng av 100", and the
#: total "Poäng totalt: 356 av 700", "Totalpoäng: 356 av 800", "Totalt: 426,5 poäng av 800 möjliga".
#: The maximum ("av 100", "av 800") is never a score. A list item's bullet is not part of it
#: (`numbered_score`: "• Område 5: 55 poäng" in a closing list of the scores).
NUMBERED_SCORE = re.compile(
    r"^(?P<label>(?:(?P<before>poäng|poeng|resultat)\s+(?:för\s+|i\s+)?)?"
    r"(?:(?:fokus|huvud)?område\s+(?P<area>[1-8])|(?P<total>totalt|sammanlagt|summa|totalpoäng|totalpoeng)))\s*[:–—-]\s*"
    r"(?P<value>\d{1,3}(?:,\d{1,2})?)\s*(?P<unit>poäng|poeng|p\.?)?\s*"
    r"(?:(?:av|/)\s*(?:max(?:imalt|imum)?\s+)?(?P<max>\d{2,3})(?:\s+(?:möjliga|maximalt|max))?(?:\s+(?:poäng|p))?)?\s*\.?$",
    re.I,
)


def labelled_score(text: str) -> re.Match | None:
    """A line's label, value and unit (LABELLED_SCORE), a table of contents' page number left out."""
    return LABELLED_SCORE.match(PAGE_REF.sub("", text))


def numbered_score(text: str) -> tuple[int | None, float, str] | None:
    """(area or None for the total, value, printed label) of a score given by the area's number
    (NUMBERED_SCORE): a points word must say it is a score, and the value must not exceed its maximum,
    an area's 100. A total must print its maximum ("av 800") or be more than an area's 100 and at
    most eight areas' (frameworks.is_total_value): "Totalt: 58 p" on an area's slide is the area's,
    "Totalt: 352 poäng" closing a list of the scores is the document's."""
    m = NUMBERED_SCORE.match(strip_bullet(normalise_space(text))[1])
    value = parse_score(m.group("value")) if m else None
    if m is None or value is None or not (m.group("before") or m.group("unit") or m.group("max")):
        return None
    maximum = int(m.group("max")) if m.group("max") else None
    if m.group("total") and (maximum <= AREA_MAXIMUM if maximum is not None else not is_total_value(value)):
        return None
    if maximum is not None and (value > maximum or (m.group("area") and maximum != AREA_MAXIMUM)):
        return None
    return (int(m.group("area")) if m.group("area") else None), value, m.group("label")


class HeadingScores(ScoreStrategy[list[Line]]):
    name = "headings"

    def find_candidates(self, ctx: Context) -> list[list[Line]]:
        out = []
        for page in ctx.doc.pages:
            lines = [l for l in page.lines if not ctx.is_consumed(l)]
            body = body_size(page.lines)
            i = 0
            while i < len(lines):
                parts = heading_lines(lines, i, ctx.framework, body)
                out += [parts] if parts else []
                i += len(parts) or 1
        return out

    def read(self, parts: list[Line], ctx: Context) -> list[ScoreObservation]:
        area, value, label, table = heading_score(" ".join(l.text for l in parts), ctx.framework)
        ctx.consume(parts)
        return [
            ScoreObservation(
                ctx.organisation,
                ctx.year,
                area,
                scale_for_year(ctx.year),
                value,
                "primary",
                parts[0].page,
                table,
                normalise_space(label).strip(" –-:") if area is not None else None,
                ctx.framework,
                self.name,
            )
        ]


def heading_lines(lines: list[Line], i: int, framework: str | None, body: float) -> list[Line]:
    """The lines from `i` that print a score (`heading_score`): line `i` alone, or a heading wrapped
    over up to HEADING_LINES lines ("Område 6: Personalpolitik (60" / "poäng)"); [] for none. `body`:
    the size of the page's body text (`body_size`)."""
    for n in range(1, HEADING_LINES + 1):
        parts = lines[i : i + n]
        if len(parts) < n or (n > 1 and not wraps(parts[-2], parts[-1], body)):
            return []
        if heading_score(" ".join(l.text for l in parts), framework) is not None:
            return parts
    return []


def wraps(line: Line, following: Line, body: float) -> bool:
    """Whether `following` goes on with the heading `line`: a heading line too, the same size and
    weight, right below."""
    return (
        is_heading_line(line, body)
        and is_heading_line(following, body)
        and line.bold == following.bold
        and abs(line.size - following.size) <= SIZE_TOLERANCE
        and 0 <= following.top - line.bottom <= line.bottom - line.top
    )


def is_heading_line(line: Line, body: float) -> bool:
    """Set as a heading: bold, or larger than the body text (Word's own heading styles are not bold)."""
    return line.bold or line.size >= body * HEADING_SIZE_RATIO


def body_size(lines: list[Line]) -> float:
    """The font size most of a page's lines are set in (0 for a page without lines)."""
    sizes = Counter(round(l.size * 2) / 2 for l in lines)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def heading_score(text: str, framework: str | None) -> tuple[int | None, float, str, str | None] | None:
    """(area or None for the total, value, printed label, "Innehåll" for a contents line) of a score
    printed after an area's label (LABELLED_SCORE) or given by the area's number (NUMBERED_SCORE)."""
    numbered = numbered_score(text)
    if numbered is not None:
        return *numbered, None
    m = labelled_score(text)
    match = best_area(m.group("label"), framework) if m else None
    value = parse_score(m.group("value")) if m else None
    if match is None or value is None:
        return None
    return match.area, value, m.group("label"), "Innehåll" if TOC_LEADER.search(text) else None
