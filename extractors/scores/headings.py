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


def labelled_score(text: str) -> re.Match | None:
    """A line's label, value and unit (LABELLED_SCORE), a table of contents' page number left out."""
    return LABELLED_SCORE.match(PAGE_REF.sub("", text))


class HeadingScores(ScoreStrategy[Line]):
    name = "headings"

    def find_candidates(self, ctx: Context) -> list[Line]:
        return [l for l in ctx.doc.lines() if not ctx.is_consumed(l) and labelled_score(l.text)]

    def read(self, line: Line, ctx: Context) -> list[ScoreObservation]:
        m = labelled_score(line.text)
        match = best_area(m.group("label"), ctx.framework)
        value = parse_score(m.group("value"))
        if match is None or value is None:
            return []
        ctx.consume([line])
        table = "Innehåll" if TOC_LEADER.search(line.text) else None
        return [
            ScoreObservation(
                ctx.organisation,
                ctx.year,
                match.area,
                scale_for_year(ctx.year),
                value,
                "primary",
                line.page,
                table,
                normalise_space(m.group("label")).strip(" –-:"),
                ctx.framework,
                self.name,
            )
        ]
