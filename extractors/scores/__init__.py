"""Every printed score of a document, by one strategy per printed form (camelot-style).

Order matters: ruled tables (cells drawn by their rules, pipeline.reader.grids) read first, then tables
found in text lines; tables read first and mark their lines consumed, so a heading or slide strategy never
reads the same printed number again.
"""

from __future__ import annotations

from ..organisations import Organisation
from ..page import Document
from ..records import Check, ScoreObservation
from .base import Context, ScoreStrategy
from .headings import HeadingScores
from .prose import ProseTotals
from .result_table import ResultTable
from .ruled_table import RuledTable
from .slides import SlideScores
from .transposed import TransposedTable

STRATEGIES: dict[str, type[ScoreStrategy]] = {
    "ruled_table": RuledTable,
    "result_table": ResultTable,
    "transposed_table": TransposedTable,
    "slides": SlideScores,
    "headings": HeadingScores,
    "prose": ProseTotals,
}


def extract_scores(
    doc: Document,
    framework: str | None,
    organisation: Organisation,
    year: int | None,
    kind: str = "report",
    checks: list[Check] | None = None,
) -> list[ScoreObservation]:
    """All score observations of a document, each with its page, role, scale and owner; the doubts
    the strategies raise (unreadable headers, columns claiming the same numbers, strategies that
    read one table differently) are added to `checks`."""
    ctx = Context(doc, framework, organisation, year, kind)
    out: list[ScoreObservation] = []
    for strategy in STRATEGIES.values():
        out.extend(strategy().extract(ctx))
    if checks is not None:
        checks.extend(ctx.checks)
    return out
