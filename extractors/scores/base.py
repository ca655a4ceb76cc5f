"""The skeleton every score strategy follows: find candidates → reject noise → read observations.

Strategies share a Context: what the document is (framework, organisation, year) and which lines
an earlier strategy already read, so one printed number never becomes two observations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, Iterable, TypeVar

from ..frameworks import best_area, district_unscored_area, scale_for_year
from ..organisations import Organisation
from ..page import Document, Line
from ..records import Check, ScoreObservation
from ..text import fold

Candidate = TypeVar("Candidate")

NOT_ASSESSED_NOTE = re.compile(
    r"poängbedöms\s+inte|bedöms\s+inte|ej\s+bedöm|inte\s+bedöm|ikke\s+vurdert|"
    r"bedömdes\s+inte|poängsätts\s+inte",
    re.I,
)
TOC_LEADER = re.compile(r"\.{4,}|…{2,}|(\.\s){4,}")
#: A note that names the area a district is not scored on, in folded text: "*) Område 8 poängbedöms
#: inte vid stadsdelsutvärderingar", "Område åtta poängbedöms inte …", "Område 2 (Samhällsutveckling)
#: bedöms inte vid …", "Område 8 vurderes ikke". A bare "bedöms inte" must go on with "vid"/"i"/"för":
#: "Område 3 bedöms inte ha förbättrats" is a finding, not a note.
UNSCORED_AREA_NOTE = re.compile(
    r"\bomrade\s+(?P<area>[1-8]|ett|tva|tre|fyra|fem|sex|sju|atta)\b\s*(?:\([^)]{0,80}\)\s*)?,?\s*"
    r"(?:(?:poangbedoms|poangsatts|vurderes)\s+(?:inte|ej|ikke)\b"
    r"|bedom(?:s|des)\s+(?:inte|ej)\s+(?:vid|i|for|hos)\b"
    r"|(?:har|er)\s+(?:inte|ej|ikke)\s+(?:poangbedomts|poangsatts|bedomts|vurdert)\b)"
)
AREA_NUMBER_WORDS = {"ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "atta": 8}
#: The same note naming the area by its label: "Området Kommunen som samhällsbyggare poängbedöms inte …".
UNSCORED_AREA_NAME = re.compile(
    r"\bomradet\s+[\"'”]?(?P<name>[^.;:\n\"'”]{6,60}?)[\"'”]?\s*,?\s*"
    r"(?:(?:poangbedoms|poangsatts|vurderes)\s+(?:inte|ej|ikke)\b|bedom(?:s|des)\s+(?:inte|ej)\s+(?:vid|i|for|hos)\b)"
)


def named_unscored_area(text: str, framework: str | None = None) -> int | None:
    """The area a note in text says is not scored ("Område 8 poängbedöms inte …", or the area's label
    in the document's framework: "Området Samhällsutveckling poängbedöms inte …"), else None."""
    folded = fold(text)
    m = UNSCORED_AREA_NOTE.search(folded)
    if m is not None:
        area = m.group("area")
        return int(area) if area.isdigit() else AREA_NUMBER_WORDS[area]
    for m in UNSCORED_AREA_NAME.finditer(folded):
        match = best_area(m.group("name"), framework)
        if match is not None:
            return match.area
    return None


def unscored_area(doc: Document, page: int, framework: str | None, in_document: int | None) -> int:
    """The area a district's table on `page` leaves unscored: what the report prints decides. A note
    on the page naming it, else one elsewhere in the document (a table broken over a page has its
    footnote under the second part), else the framework's community-building area (8; 2 since 2020).
    `in_document`: named_unscored_area of the whole text, looked up once per document."""
    if in_document is None:
        return district_unscored_area(framework)
    on_page = doc.page(page)
    named = named_unscored_area(on_page.text, framework) if on_page is not None else None
    return in_document if named is None else named


@dataclass
class Context:
    doc: Document
    framework: str | None
    organisation: Organisation
    year: int | None
    kind: str = "report"
    consumed: set[tuple[int, float]] = field(default_factory=set)  # (page, top) of lines already read
    checks: list[Check] = field(default_factory=list)  # doubts the strategies raised
    unscored: dict[int, int] = field(default_factory=dict)  # page → unscored_area, asked once per page

    @cached_property
    def has_not_assessed_note(self) -> bool:  # a search of the whole text: asked once
        return bool(NOT_ASSESSED_NOTE.search(self.doc.text))

    @cached_property
    def unscored_note(self) -> int | None:  # the area a note anywhere in the document names: asked once
        return named_unscored_area(self.doc.text, self.framework)

    def unscored_area(self, page: int) -> int:
        if page not in self.unscored:
            self.unscored[page] = unscored_area(self.doc, page, self.framework, self.unscored_note)
        return self.unscored[page]

    def consume(self, lines: Iterable[Line]) -> None:
        self.consumed.update((l.page, round(l.top, 1)) for l in lines)

    def is_consumed(self, line: Line) -> bool:
        return (line.page, round(line.top, 1)) in self.consumed


class ScoreStrategy(Generic[Candidate]):
    """Subclasses fill in find_candidates and read; reject drops look-alikes (chart ticks, TOCs)."""

    name = "base"

    def extract(self, ctx: Context) -> list[ScoreObservation]:
        out: list[ScoreObservation] = []
        for candidate in self.find_candidates(ctx):
            if self.reject(candidate, ctx):
                continue
            out.extend(self.read(candidate, ctx))
        return out

    def find_candidates(self, ctx: Context) -> list[Candidate]:
        raise NotImplementedError

    def reject(self, candidate: Candidate, ctx: Context) -> bool:
        return False

    def read(self, candidate: Candidate, ctx: Context) -> list[ScoreObservation]:
        raise NotImplementedError


def total_observation(
    org: Organisation, year: int | None, value: float, role: str, page: int, ctx: Context, strategy: str
) -> ScoreObservation:
    """A total printed outside a table ("Tyresö 2010: 452", "Totalt: 431 p", a sentence): no area,
    no caption, on its year's scale."""
    return ScoreObservation(
        org, year, None, scale_for_year(year), value, role, page, None, None, ctx.framework, strategy
    )
