"""Every printed score of a document, by one strategy per printed form (camelot-style).

Order matters: tables read first and mark their lines consumed, so a heading or slide strategy never
reads the same printed number again.
"""
from __future__ import annotations

from ..organisations import Organisation
from ..page import Document
from ..records import ScoreObservation
from .base import Context, ScoreStrategy
from .headings import HeadingScores
from .result_table import ResultTable
from .slides import SlideScores

STRATEGIES: dict[str, type[ScoreStrategy]] = {
    "result_table": ResultTable,
    "slides": SlideScores,
    "headings": HeadingScores,
}


def extract_scores(doc: Document, framework: str | None, organisation: Organisation, year: int | None,
                   kind: str = "report") -> list[ScoreObservation]:
    """All score observations of a document, each with its page, role, scale and owner."""
    ctx = Context(doc, framework, organisation, year, kind)
    out: list[ScoreObservation] = []
    for strategy in STRATEGIES.values():
        out.extend(strategy().extract(ctx))
    return out
