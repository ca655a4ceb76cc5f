"""What a document is (report, slides, memo, other) and which framework version it follows.

A crawl of municipal sites brings in policies and annual reports that also talk about goals and
areas, and pre-visit memos that name all eight areas without results. Kommunkompassen documents
name the tool repeatedly; memos say "PM"; slide decks are landscape.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import IMPROVEMENT_WORDS, STRENGTH_WORDS
from .frameworks import detect_framework, framework_for_year, match_labels
from .page import Document
from .text import years_in

TOOL = re.compile(r"kommun(e)?kompass", re.I)
NORWEGIAN = re.compile(r"kommunekompass|\bfokusområde|\bpoeng\b|\bkommune\b|\bforbedringsområde", re.I)
MEMO = re.compile(r"^\s*PM\b|\bPM\s*\d+\s*\(\d+\)|\bpromemoria\b", re.I | re.M)
#: A Kommunkompassen document names the tool at least this many times (policies cite it once at most).
MIN_TOOL_MENTIONS = 2
#: Share of landscape pages that makes a document a slide deck.
SLIDES_SHARE = 0.6
#: Distinct area labels a report or deck must print (intros and tables name all eight).
MIN_AREAS = 4
#: Lines longer than this are prose, not labels.
MAX_LABEL_LINE = 90
#: List headings of an evaluation's findings at a line's start ("Styrkor", "Område 3 Förbättringsområden",
#: "Styrkor och förbättringsområden", and the two side by side on a slide: "Styrkor Förbättringsmöjligheter").
HEADING_START = r"^\s*(?:område\s*\d\s*[:.–—-]?\s*)?"
STRENGTHS = re.compile(rf"{HEADING_START}(?:{STRENGTH_WORDS})\b", re.I)
IMPROVEMENTS = re.compile(
    rf"{HEADING_START}(?:(?:{STRENGTH_WORDS})\s+(?:och\s+|&\s+)?)?(?:{IMPROVEMENT_WORDS})\b", re.I
)


@dataclass(frozen=True)
class Classification:
    kind: str  # report · slides · memo · other
    framework: str | None
    country: str  # SE · NO
    reason: str


def label_lines(doc: Document) -> list[str]:
    return [l.text for l in doc.lines() if len(l.text) <= MAX_LABEL_LINE and match_labels(l.text, allow_prefix=False)]


def distinct_areas(labels: list[str]) -> int:
    return len({m.area for text in labels for m in match_labels(text)[:1]})


def tool_in_margins(doc: Document) -> set[str]:
    """Running headers and footers that name the tool, digits folded: a deck whose only other mention
    is its title ("Återkoppling Kommunkompass") says "Kommunkompassen Sala 2015" on every slide."""
    return {re.sub(r"\d+", "#", l.text) for p in doc.pages for l in p.margin_lines if TOOL.search(l.text)}


def has_findings_lists(doc: Document) -> bool:
    """Headings of both strengths and improvements: a feedback deck that names the tool only on its
    title slide is still an evaluation when it lists what the evaluators found (area labels are
    asked for apart)."""
    lines = [l.text for l in doc.lines() if len(l.text) <= MAX_LABEL_LINE]
    return any(STRENGTHS.search(t) for t in lines) and any(IMPROVEMENTS.search(t) for t in lines)


def classify_document(doc: Document) -> Classification:
    """Kind, framework and country of a document, with the reason in words."""
    text = doc.text
    mentions = len(TOOL.findall(text)) + len(tool_in_margins(doc))
    norwegian = len(NORWEGIAN.findall(text)) >= 3 or bool(re.search(r"kommunekompass", text, re.I))
    country = "NO" if norwegian else "SE"
    labels = label_lines(doc)
    areas = distinct_areas(labels)
    first = "\n".join(p.text for p in doc.pages[:2])
    landscape = sum(p.is_landscape for p in doc.pages) / max(len(doc.pages), 1)
    if mentions < MIN_TOOL_MENTIONS and not (mentions and landscape >= SLIDES_SHARE and has_findings_lists(doc)):
        return Classification("other", None, country, f"names Kommunkompassen {mentions} time(s)")
    if areas < MIN_AREAS:
        return Classification("other", None, country, f"prints {areas} area label(s)")
    framework = "no" if norwegian else detect_framework(labels, years_in(first))
    if framework is None:
        framework = framework_for_year(max(years_in(first), default=None))
    if doc.pages and MEMO.search(doc.pages[0].text):
        return Classification("memo", framework, country, "pre-visit memo (PM) without results")
    if landscape >= SLIDES_SHARE:
        return Classification("slides", framework, country, f"{landscape:.0%} landscape pages")
    return Classification("report", framework, country, f"{mentions} mentions, {areas} areas")
