"""Scores on feedback slides: "74 p" on an area's question slide, and quotes like "Tyresö 2010: 452".

An area slide is titled with the area ("Område 1 – Offentlighet och demokrati"), lists its
sub-questions ("1.1 …", numbers that are not scores) and prints the area's points once ("74 p").
A quoted earlier or other result ("Tyresö 2010: 452") is a total of that organisation and year.
A results slide may label the totals instead ("Totalt: 431 p", "Snitt: 403 p" beside a chart): the
evaluation's own total and the average's.
"""

from __future__ import annotations

import re

from ..frameworks import best_area, is_total_value, scale_for_year
from ..organisations import resolve_organisation
from ..page import Line, Page
from ..records import ScoreObservation
from ..text import fold, normalise_space, parse_score
from .base import Context, ScoreStrategy, total_observation
from .columns import AVERAGE_HEAD
from .table_rows import BLOCK_GAP, TOTAL_LABEL

POINTS = re.compile(r"^(?P<value>\d{1,3}(?:,\d{1,2})?)\s*(p|p\.|poäng|poeng)$", re.I)
QUOTED_TOTAL = re.compile(
    r"(?P<name>[A-ZÅÄÖ][\wåäöÅÄÖ-]+(?:\s[A-ZÅÄÖ][\wåäöÅÄÖ-]+)?)\s+(?P<year>(?:19|20)\d\d)\s*:\s*"
    r"(?P<value>\d{2,3}(?:,\d{1,2})?)(?![\d,])"
)
#: Lines at the top of a slide that may carry its title.
TITLE_LINES = 3
#: A total or an average's total with its label and points unit, alone on its line: "Totalt: 431 p".
LABELLED_TOTAL = re.compile(r"^(?P<label>[^\d:]{3,30}?)\s*:?\s*(?P<value>\d{3}(?:,\d{1,2})?)\s*(?:p|p\.|poäng)$", re.I)


def points_in(line: Line) -> list[float]:
    """Values printed with a points unit in a line: "74 p", "74p", "74 poäng", "Poäng: 74"."""
    words = [w.text for w in line.words]
    found = []
    for i, text in enumerate(words):
        if (
            re.fullmatch(r"(poäng|poeng):?", text, re.I)
            and i + 1 < len(words)
            and parse_score(words[i + 1]) is not None
            and (i + 2 == len(words) or words[i + 2].lower() in ("av", "(av", "/"))
        ):
            found.append(parse_score(words[i + 1]))
        elif POINTS.match(text):
            found.append(parse_score(POINTS.match(text).group("value")))
        elif i + 1 < len(words) and parse_score(text) is not None and POINTS.match("0 " + words[i + 1]):
            found.append(parse_score(text))
    return found


def quote_texts(line: Line, consumed: bool) -> list[str]:
    """The texts of a line a quoted total is read from: the line, or, for a line a table has read,
    its blocks set apart by gaps of BLOCK_GAP or more. A quote printed beside a table's row
    ("2 Tillgänglighet …  55  63      Lerum 2011: 433") is text of its own, never the row's cells."""
    if not consumed:
        return [line.text]
    blocks: list[list[str]] = []
    for before, word in zip((None,) + line.words, line.words):
        if before is None or word.x0 - before.x1 >= BLOCK_GAP:
            blocks.append([])
        blocks[-1].append(word.text)
    return [" ".join(block) for block in blocks]


def labelled_totals(line: Line) -> list[tuple[str, float]]:
    """(role, value) of each total labelled in a block of its own on the line (chart labels may share
    it): 'Totalt: 431 p' is the evaluation's ("primary"), 'Snitt: 403 p' the average's."""
    out = []
    for text in quote_texts(line, True):
        m = LABELLED_TOTAL.match(normalise_space(text))
        value = parse_score(m.group("value")) if m else None
        if value is None or not is_total_value(value):
            continue
        label = fold(m.group("label").strip(" –-"))
        role = "average" if AVERAGE_HEAD.search(label) else "primary" if TOTAL_LABEL.match(label) else None
        if role is not None:
            out.append((role, value))
    return out


class SlideScores(ScoreStrategy[Page]):
    name = "slides"

    def find_candidates(self, ctx: Context) -> list[Page]:
        return list(ctx.doc.pages)

    def read(self, page: Page, ctx: Context) -> list[ScoreObservation]:
        out = self.read_quoted_totals(page, ctx)
        if ctx.kind == "slides":
            out += self.read_labelled_totals(page, ctx)
            out += self.read_area_points(page, ctx)
        return out

    def read_labelled_totals(self, page: Page, ctx: Context) -> list[ScoreObservation]:
        """'Totalt: 431 p' (the evaluation's total) and 'Snitt: 403 p' (the average's) on a slide."""
        out = []
        for line in page.lines:
            found = [] if ctx.is_consumed(line) else labelled_totals(line)
            if found:
                ctx.consume([line])
            out += [
                total_observation(ctx.organisation, ctx.year, value, role, page.number, ctx, self.name)
                for role, value in found
            ]
        return out

    def read_area_points(self, page: Page, ctx: Context) -> list[ScoreObservation]:
        title = next(
            (
                (l, m)
                for l in page.lines[:TITLE_LINES]
                if not ctx.is_consumed(l) and (m := best_area(l.text, ctx.framework))  # a table row is no title
            ),
            None,
        )
        points = [(l, v) for l in page.lines if not ctx.is_consumed(l) for v in points_in(l)]
        if title is None or len(points) != 1:
            return []
        line, match = title
        ctx.consume([points[0][0]])
        value = points[0][1]
        return [
            ScoreObservation(
                ctx.organisation,
                ctx.year,
                match.area,
                scale_for_year(ctx.year),
                value,
                "primary",
                page.number,
                normalise_space(line.text),
                normalise_space(line.text),
                ctx.framework,
                self.name,
            )
        ]

    def read_quoted_totals(self, page: Page, ctx: Context) -> list[ScoreObservation]:
        out = []
        for line in page.lines:
            for m in (m for text in quote_texts(line, ctx.is_consumed(line)) for m in QUOTED_TOTAL.finditer(text)):
                org = resolve_organisation(m.group("name"), ctx.organisation.country)
                year, value = int(m.group("year")), parse_score(m.group("value"))
                if org is None or value is None:
                    continue
                own = org.slug == ctx.organisation.slug
                role = ("primary" if year == ctx.year else "history") if own else "peer"
                out.append(total_observation(org, year, value, role, page.number, ctx, self.name))
                ctx.consume([line])
        return out
