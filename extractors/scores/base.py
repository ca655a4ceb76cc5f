"""The skeleton every score strategy follows: find candidates → reject noise → read observations.

Strategies share a Context: what the document is (framework, organisation, year) and which lines
an earlier strategy already read, so one printed number never becomes two observations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, Iterable, TypeVar

from ..organisations import Organisation
from ..page import Document, Line
from ..records import Check, ScoreObservation

Candidate = TypeVar("Candidate")

NOT_ASSESSED_NOTE = re.compile(
    r"poängbedöms\s+inte|bedöms\s+inte|ej\s+bedöm|inte\s+bedöm|ikke\s+vurdert|"
    r"bedömdes\s+inte|poängsätts\s+inte",
    re.I,
)
TOC_LEADER = re.compile(r"\.{4,}|…{2,}|(\.\s){4,}")


@dataclass
class Context:
    doc: Document
    framework: str | None
    organisation: Organisation
    year: int | None
    kind: str = "report"
    consumed: set[tuple[int, float]] = field(default_factory=set)  # (page, top) of lines already read
    checks: list[Check] = field(default_factory=list)  # doubts the strategies raised

    @cached_property
    def has_not_assessed_note(self) -> bool:  # a search of the whole text: asked once
        return bool(NOT_ASSESSED_NOTE.search(self.doc.text))

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
