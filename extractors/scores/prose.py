"""Totals of earlier evaluations told in a sentence: "Vid den förra utvärderingen 2018 fick Region
Gotland 498 poäng av 800 möjliga."

A repeat evaluation whose framework changed cannot put the earlier areas beside the new ones, so the
report may give only the earlier total, in prose. Prose is full of numbers, so a sentence counts
only when it names an evaluation and its year, says the organisation got ("fick", "erhöll") a
number of points, and that organisation is the report's own (by name, or "kommunen", "regionen",
"stadsdelen"): the value is then the earlier evaluation's total. A year that is not earlier than
the report's is left to the strategies that read the report's own scores.
"""

from __future__ import annotations

import re

from ..frameworks import is_total_value
from ..organisations import resolve_organisation
from ..page import Page
from ..records import ScoreObservation
from ..text import parse_score
from .base import Context, ScoreStrategy, total_observation

#: An evaluation and its year, then within the sentence who got how many points.
EARLIER_TOTAL = re.compile(
    r"\b(?:utvärdering(?:en)?|kommunkompass(?:en)?|mätning(?:en)?)\s+(?:år\s+)?(?P<year>(?:19|20)\d\d)\b"
    r"[^.!?]{0,40}?\b(?:fick|erhöll|uppnådde|nådde)\s+(?P<who>[^.!?\d]{0,50}?)\s*"
    r"(?:(?:totalt|sammanlagt|sammantaget)\s+)?(?P<value>\d{3}(?:,\d{1,2})?)\s*(?:poäng|p\b)",
    re.I,
)
#: How a report names itself in a sentence instead of by its name.
SELF_NAMES = re.compile(r"^(?:(?:hela\s+)?(?:kommunen|regionen|staden|stadsdelen|förvaltningen|organisationen))?$")


class ProseTotals(ScoreStrategy[Page]):
    name = "prose"

    def find_candidates(self, ctx: Context) -> list[Page]:
        return [p for p in ctx.doc.pages if ctx.year is not None and EARLIER_TOTAL.search(page_text(p))]

    def read(self, page: Page, ctx: Context) -> list[ScoreObservation]:
        out = []
        for m in EARLIER_TOTAL.finditer(page_text(page)):
            year, value = int(m.group("year")), parse_score(m.group("value"))
            # an area's 100 points or fewer in such a sentence is an area's score ("fick 100 poäng inom
            # området"), not a total
            if value is None or not is_total_value(value) or ctx.year is None or year >= ctx.year:
                continue
            if not self.names_own(m.group("who"), ctx):
                continue
            out.append(total_observation(ctx.organisation, year, value, "history", page.number, ctx, self.name))
        return out

    @staticmethod
    def names_own(who: str, ctx: Context) -> bool:
        who = who.strip(" ,").lower()
        if SELF_NAMES.match(who):
            return True
        org = resolve_organisation(who, ctx.organisation.country, fuzzy=False)
        return org is not None and org.slug == ctx.organisation.slug


def page_text(page: Page) -> str:
    """The page's body lines as one text: a sentence may wrap over lines."""
    return " ".join(line.text for line in page.lines)
