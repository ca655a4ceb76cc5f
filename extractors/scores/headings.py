"""Area scores printed beside an area's name in headings and tables of contents.

"Område 3 Politisk styrning och kontroll – 58 poäng" heads an area section; a table of contents may
say "Område 3 … 58 p ........ 12". Only a number with its unit (p, poäng, poeng, %) is a score here:
the page number after the dot leader and a bare "3" in "Område 3" are not.
"""

from __future__ import annotations

import re

from ..frameworks import best_area, scale_for_year
from ..page import Line
from ..records import ScoreObservation
from ..text import normalise_space, parse_score
from .base import TOC_LEADER, Context, ScoreStrategy

#: The label runs up to its first letter without backtracking ([^letters]* rather than .*?): with
#: two lazy runs a line without a score costs time quadratic in its length (40k lines: 8 s → 0.2 s).
LABELLED_SCORE = re.compile(
    r"^(?P<label>[^A-Za-zÅÄÖåäöæø]*[A-Za-zÅÄÖåäöæø].*?)\s*[–:—-]?\s*\(?(?P<value>\d{1,3}(?:,\d{1,2})?)\s*"
    r"(?P<unit>poäng|poeng|p\.?|%)\)?(?=\s|$)",
    re.I,
)
PAGE_REF = re.compile(r"(\.{3,}|…+|(\.\s){3,})\s*\d{1,3}\s*$")
#: A score given by the area's number, a points word before it or after it, and the maximum after
#: it: "Poäng område 3: 45,5 av 100", "Poäng för område 2: 64", "Område 4: 52 poäng av 100", and the
#: total "Poäng totalt: 356 av 700". The maximum ("av 100", "av 800") is never a score.
NUMBERED_SCORE = re.compile(
    r"^(?P<label>(?:(?P<before>poäng|poeng|resultat)\s+(?:för\s+|i\s+)?)?"
    r"(?:(?:fokus|huvud)?område\s+(?P<area>[1-8])|(?P<total>totalt|sammanlagt|summa)))\s*[:–—-]\s*"
    r"(?P<value>\d{1,3}(?:,\d{1,2})?)\s*(?P<unit>poäng|poeng|p\.?)?\s*(?:(?:av|/)\s*(?P<max>\d{2,3}))?\s*\.?$",
    re.I,
)


def labelled_score(text: str) -> re.Match | None:
    """A line's label, value and unit (LABELLED_SCORE), a table of contents' page number left out."""
    return LABELLED_SCORE.match(PAGE_REF.sub("", text))


def numbered_score(text: str) -> tuple[int | None, float, str] | None:
    """(area or None for the total, value, printed label) of a score given by the area's number
    (NUMBERED_SCORE): a points word must say it is a score, and the value must not exceed its maximum."""
    m = NUMBERED_SCORE.match(normalise_space(text))
    value = parse_score(m.group("value")) if m else None
    if m is None or value is None or not (m.group("before") or m.group("unit") or m.group("max")):
        return None
    if m.group("max") is not None and value > int(m.group("max")):
        return None
    return (int(m.group("area")) if m.group("area") else None), value, m.group("label")


class HeadingScores(ScoreStrategy[Line]):
    name = "headings"

    def find_candidates(self, ctx: Context) -> list[Line]:
        return [
            l for l in ctx.doc.lines() if not ctx.is_consumed(l) and (labelled_score(l.text) or numbered_score(l.text))
        ]

    def read(self, line: Line, ctx: Context) -> list[ScoreObservation]:
        numbered = numbered_score(line.text)
        if numbered is not None:
            return self.observation(line, ctx, *numbered)
        m = labelled_score(line.text)
        match = best_area(m.group("label"), ctx.framework)
        value = parse_score(m.group("value"))
        if match is None or value is None:
            return []
        table = "Innehåll" if TOC_LEADER.search(line.text) else None
        return self.observation(line, ctx, match.area, value, m.group("label"), table)

    def observation(
        self, line: Line, ctx: Context, area: int | None, value: float, label: str, table: str | None = None
    ) -> list[ScoreObservation]:
        """The report's own score of an area (None: the total) printed on a line, which is consumed."""
        ctx.consume([line])
        return [
            ScoreObservation(
                ctx.organisation,
                ctx.year,
                area,
                scale_for_year(ctx.year),
                value,
                "primary",
                line.page,
                table,
                normalise_space(label).strip(" –-:") if area is not None else None,
                ctx.framework,
                self.name,
            )
        ]
