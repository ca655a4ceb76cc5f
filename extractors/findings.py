"""Styrkor and Förbättringsområden lists → one Finding per item, with its area and position.

Items wrap over lines and continue across page breaks (running headers are already gone from the
page model), bullets come in every glyph, and only lists under a strengths/improvements heading
count: example slides from other municipalities and other bullet lists are not findings. The area
is the one whose section ("Område 3 …", "Sammanfattning område 3") or slide title the list sits in.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .frameworks import best_area
from .page import Document, Line
from .records import Check, Finding
from .text import join_wrapped, strip_bullet

STRENGTH_WORDS = r"styrkor|styrker|starka sidor|sterke sider"
IMPROVEMENT_WORDS = (
    r"förbättringsområden|förbättringsmöjligheter|förbättringsförslag|utvecklingsområden|"
    r"utvecklingsmöjligheter|förbättringspunkter|forbedringsområder|forbedringsmuligheter|"
    r"utviklingsområder|forbedringspunkter"
)
LIST_HEADING = re.compile(
    rf"^(?:(?:område|fokusområde)\s*(?P<n>\d)\s*[:.–—-]?\s*)?(?P<kw>{STRENGTH_WORDS}|{IMPROVEMENT_WORDS})\b"
    r"\s*(?:i|för|inom)?\s*[:.–—-]?\s*(?P<rest>.*)$",
    re.I,
)
AREA_HEADING = re.compile(r"^(?:sammanfattning\s+)?(?:område|fokusområde|omrade)\s*(?P<n>[1-8])\b", re.I)
AREA_RESET = re.compile(
    r"^(\d{1,2}\.?\s+)?(sammanfattning av resultat|sammanfattande|samlad bedömning|övergripande|"
    r"helhetsbedömning|inledning|bilaga|poängsammanställning|översikt av poäng)",
    re.I,
)
SUBQUESTION = re.compile(r"^\d\.\d{1,2}\s+\S")
CAPTION = re.compile(r"^(tabell|figur|diagram|källa)\b", re.I)
#: Longest list heading line; longer lines mentioning "styrkor" are prose.
MAX_HEADING = 90
#: Words a list heading may add after its keyword without naming an area ("Styrkor och
#: förbättringsområden i korthet"); a prose line opening with the keyword goes on longer.
MAX_HEADING_REST = 4
#: A continuation line may start this far left of the item's text (pt) and still belong to it.
INDENT_TOLERANCE = 6.0
#: A word this short (characters), of punctuation only or one lower-case letter, at the bullet column
#: with the item's text at the text column, is a bullet glyph OCR misread ("e", "»", "+", "*", "o",
#: "©", "—", "»«"): tesseract reads "•" as any of these, and as two glyphs ("ee", "e«" in
#: report-vellinge-2005-b57 at 300 dpi).
MAX_BULLET_CHARS = 2
#: The letters tesseract reads a round bullet as; a word of these and punctuation only is no Swedish
#: word ("ee", "e«", "«o"), so it is a bullet even where no earlier item has shown the bullet column.
OCR_BULLET_LETTERS = "eo"
#: Gap (pt) after a list's first word that makes it a bullet before a hanging indent (Word indents list
#: text 0.63 cm = 18 pt past the bullet; scanned "•" in report-ostersund-2008-scan sits 13 pt before
#: its text); word spaces in OCR'd 11-12 pt text are 3-5 pt.
BULLET_GAP = 8.0
#: Room (pt) for a word space (3-5 pt in OCR'd 11-12 pt text) and the jitter of OCR'd line ends (1-2 pt):
#: a line's first word that fits this much inside the widest line of its list after the line before
#: would have been wrapped onto that line, so the line is a new item whose bullet OCR dropped.
WRAP_SLACK = 8.0
#: An OCR'd item that swallowed the next one: a sentence end, then a lone bullet-like token (a misread
#: "•" that kept no gap, "… per år. e Inför …") and a capital; or such a token left at its start.
MERGED_ITEM = re.compile(
    rf"[.!?]\s+(?:[^\w\s]|[{OCR_BULLET_LETTERS}]){{1,2}}\s+[A-ZÅÄÖ]"
    rf"|^(?:[^\w\s(\"”']|[{OCR_BULLET_LETTERS}]){{1,2}}\s+[A-ZÅÄÖ]"
)
#: Font size this much above the body text makes a line a heading. OCR word boxes vary with
#: ascenders and descenders (9–15 pt for 11 pt body text in report-ostersund-2008-scan), so OCR'd
#: pages need a wider step.
HEADING_SIZE_STEP = {"pdf": 1.0, "ocr": 4.0}


@dataclass
class _List:
    kind: str
    area: int | None
    heading: Line
    items: list[list[Line]] = field(default_factory=list)
    bulleted: bool = False
    text_x0: float | None = None
    ocr: bool = False  # OCR drops some bullets: sentence ends then open items too
    bullet_x0: float | None = None  # where the bullets of its items stand
    column_guessed: bool = False  # text_x0 is a glued bullet's x0 until a wrapped line shows the column
    cut_at: Line | None = None  # an OCR'd line set like an item that ended the list: maybe an unread bullet


def body_size(doc: Document) -> float:
    sizes = [l.size for l in doc.lines() if l.size]
    return statistics.median(sizes) if sizes else 0.0


def is_heading(line: Line, body: float, step: float = HEADING_SIZE_STEP["pdf"]) -> bool:
    text = line.text.strip()
    if AREA_HEADING.match(text) or AREA_RESET.match(text) or SUBQUESTION.match(text) or CAPTION.match(text):
        return True
    if LIST_HEADING.match(text) and len(text) <= MAX_HEADING:
        return True
    if body and line.size >= body + step and len(text) < 100:
        return True  # "4. Poängsammanställning" is numbered, but a heading
    return False


def read_list_heading(line: Line, framework: str | None, after: Line | None = None) -> tuple[str, int | None] | None:
    """(kind, area named in the heading itself) for a list heading line, else None.

    `after` is the line that follows in reading order: words after the keyword that the next line
    carries on (`continues`) are a sentence, however few fit on the line of a narrow column."""
    text = line.text.strip()
    m = LIST_HEADING.match(text)
    if not m or len(text) > MAX_HEADING:
        return None
    rest = m.group("rest").strip()
    if rest and len(rest.split()) > 8:
        return None
    kind = "strength" if re.fullmatch(STRENGTH_WORDS, m.group("kw"), re.I) else "improvement"
    area = int(m.group("n")) if m.group("n") else None
    if area is None and rest:
        n = re.match(r"(?:område|fokusområde)\s*(\d)", rest, re.I)
        match = best_area(rest, framework, allow_prefix=True)
        area = int(n.group(1)) if n else (match.area if match else None)
        if area is None and (len(rest.split()) > MAX_HEADING_REST or rest.endswith(".") or continues(line, after)):
            return None  # prose: "Förbättringsförslag från medarbetarna tas tillvara på …, men det"
    return kind, area


def carries_on(line: Line, after: Line | None) -> bool:
    """The next line carries on the line: the line ends in no punctuation and the next one, unbulleted,
    opens in lower case ('Förbättringsförslag från medarbetarna tas' / 'tillvara på …')."""
    if after is None or line.text.rstrip()[-1:] in ".:;!?":
        return False
    has_bullet, _ = strip_bullet(after.text)
    return not has_bullet and after.text[:1].islower()


def continues(line: Line, after: Line | None) -> bool:
    """The next line carries on the line's sentence; two bold lines are a heading wrapped in a narrow
    column (`wrapped_heading`), not prose."""
    return carries_on(line, after) and not wrapped_heading(line, after)


def wrapped_heading(line: Line, after: Line | None) -> bool:
    return carries_on(line, after) and line.bold and after is not None and after.bold


def area_of_heading(
    line: Line, framework: str | None, body: float, step: float = HEADING_SIZE_STEP["pdf"]
) -> int | None:
    """The area a section heading opens: 'Område 3 …', 'Sammanfattning område 3', or a bare area label."""
    m = AREA_HEADING.match(line.text.strip())
    if m:
        return int(m.group("n"))
    if is_heading(line, body, step) or line.bold:
        match = best_area(line.text, framework)
        return match.area if match else None
    return None


def extract_findings(doc: Document, framework: str | None, kind: str = "report") -> tuple[list[Finding], list[Check]]:
    """Read the Styrkor and Förbättringsområden items of every area summary.

    Reports: a list runs from its heading to the next heading or to a non-bulleted paragraph back at
    the margin, across page breaks. Slides: a list ends with its slide. Each Finding keeps the page
    its item starts on and its 1-based position in the list.
    """
    body = body_size(doc)
    step = HEADING_SIZE_STEP.get(doc.text_source, HEADING_SIZE_STEP["pdf"])
    lists: list[_List] = []
    current: _List | None = None
    area: int | None = None
    slide_area: int | None = None
    last_page = None
    lines = list(doc.lines())
    heading_tail: Line | None = None  # the second line of a list heading wrapped in a narrow column
    for i, line in enumerate(lines):
        if kind == "slides" and line.page != last_page:
            current, slide_area = None, slide_area_of(doc, line.page, framework)
        last_page = line.page
        after = lines[i + 1] if i + 1 < len(lines) else None
        if line is heading_tail:
            continue
        heading = read_list_heading(line, framework, after)
        if heading:
            heading_tail = after if wrapped_heading(line, after) else None
            list_kind, named_area = heading
            current = _List(
                list_kind, named_area or (slide_area if kind == "slides" else area), line, ocr=doc.text_source == "ocr"
            )
            lists.append(current)
            continue
        if is_heading(line, body, step) or (current is None and area_of_heading(line, framework, body, step)):
            current = None
            if AREA_RESET.match(line.text.strip()):
                area = None
            found = area_of_heading(line, framework, body, step)
            if found:
                area = found
            continue
        if current is None:
            continue
        if not add_line(current, line):
            current = None
    return lists_to_findings(lists)


def slide_area_of(doc: Document, page_number: int, framework: str | None) -> int | None:
    """The area a slide is about: named by an area heading or label among its first three lines."""
    page = doc.page(page_number)
    for top_line in page.lines[:3] if page else []:
        found = area_of_heading(top_line, framework, 0) or (
            best_area(top_line.text, framework, allow_prefix=True).area
            if best_area(top_line.text, framework, allow_prefix=True)
            else None
        )
        if found:
            return found
    return None


def lists_to_findings(lists: list[_List]) -> tuple[list[Finding], list[Check]]:
    """Each list's items as Findings (wrapped lines joined, bullet removed, 1-based positions), and
    a check for every list that no area heading placed or that a line set like an item cut short."""
    findings: list[Finding] = []
    checks: list[Check] = []
    for lst in lists:
        texts = [
            join_wrapped([strip_bullet(l.text)[1] if i == 0 else l.text for i, l in enumerate(item)])
            for item in lst.items
        ]
        # An item whose text is empty (a bullet alone) is dropped with its lines, so the next item keeps its page.
        items = [(text, item) for text, item in zip(texts, lst.items) if text]
        if not items:
            continue
        if lst.area is None:
            checks.append(
                Check(
                    "finding_without_area",
                    "info",
                    f"{len(items)} {lst.kind} item(s) under '{lst.heading.text}' are not tied to an area",
                    lst.heading.page,
                )
            )
        if lst.cut_at is not None:
            checks.append(
                Check(
                    "finding_list_cut",
                    "warning",
                    f"the {lst.kind} list under '{lst.heading.text}' ends at '{lst.cut_at.text}', a line set like its "
                    "items: if OCR misread its bullet, that item and the ones after it are missing",
                    lst.cut_at.page,
                )
            )
        for pos, (text, item) in enumerate(items, start=1):
            findings.append(Finding(lst.kind, lst.area, pos, text, item[0].page, lst.heading.text.strip()))
    return findings, checks


def bullet_by_geometry(lst: _List, line: Line) -> bool:
    """The line opens an item with a bullet no glyph test knows (OCR misread it): a short first word
    set apart by a bullet's gap from the rest of the line, which starts at the list's text column
    (a hanging indent; any x for a list's first line)."""
    words = line.words
    first = words[0].text if words else ""
    if len(words) < 2 or len(first) > MAX_BULLET_CHARS or not reads_as_bullet(lst, line):
        return False  # "En", "I": words, however far justified text sets them apart
    if words[1].x0 - words[0].x1 < BULLET_GAP:
        return False  # a lone "e" before a word space is text
    if lst.text_x0 is not None and lst.items:
        return abs(words[1].x0 - lst.text_x0) <= INDENT_TOLERANCE and words[0].x0 < lst.text_x0 - INDENT_TOLERANCE
    return True


def reads_as_bullet(lst: _List, line: Line) -> bool:
    """The line's first word could be a misread bullet: punctuation only or one lower-case letter; on
    an OCR'd page also two glyphs of OCR_BULLET_LETTERS and punctuation ("ee", "e«"), or any word
    without a capital or digit standing at the column where the list's earlier bullets stand ("a«")."""
    first = line.words[0]
    if not any(c.isalnum() for c in first.text) or (len(first.text) == 1 and first.text.islower()):
        return True
    if not lst.ocr:
        return False
    if all(c in OCR_BULLET_LETTERS or not c.isalnum() for c in first.text):
        return True
    return set_like_item(lst, line) and not any(c.isupper() or c.isdigit() for c in first.text)


def set_like_item(lst: _List, line: Line) -> bool:
    """The line's first word stands at the column of the list's bullets and its second at the list's
    text column, as in each of its items."""
    words = line.words
    return (
        lst.bullet_x0 is not None
        and lst.text_x0 is not None
        and len(words) >= 2
        and abs(words[0].x0 - lst.bullet_x0) <= INDENT_TOLERANCE
        and abs(words[1].x0 - lst.text_x0) <= INDENT_TOLERANCE
    )


def add_line(lst: _List, line: Line) -> bool:
    """Add a line to a list as a new item or a continuation; False when the list has ended.

    A bullet is recognised by its glyph (extractors.text.BULLET) when that is the whole first word,
    else by where the line's words stand (`bullet_by_geometry`), so misread bullets of a scan ("e",
    "ee", "«e") still open items. A bullet glued to the item's first word ("«Analysera") hides where
    the text starts: the list's text column stays."""
    bullet_x0 = line.x0
    if line.words and strip_bullet(line.words[0].text)[1] and bullet_by_geometry(lst, line):
        has_bullet, text = True, " ".join(w.text for w in line.words[1:])
        line = Line(line.words[1:], line.page)
    else:
        has_bullet, text = strip_bullet(line.text)
    if has_bullet and text:
        first_bullet, first_text = strip_bullet(line.words[0].text)
        rest = line.words[1:] if first_text == "" else line.words
        text_x0 = rest[0].x0 if rest else line.x0
        if lst.items and not lst.bulleted and abs(text_x0 - lst.text_x0) > INDENT_TOLERANCE:
            return False  # a bulleted list after an unbulleted one is another list
        glued = first_bullet and first_text != ""  # "«Analysera": its box starts at the bullet
        if not (glued and lst.bulleted):
            lst.text_x0, lst.column_guessed = text_x0, glued
        lst.bulleted = True
        lst.bullet_x0 = bullet_x0
        lst.items.append([line])
        return True
    if not lst.items:
        # an unbulleted list: each line starting at the list's margin is an item
        lst.items.append([line])
        lst.text_x0 = line.x0
        return True
    if lst.text_x0 is not None and line.x0 >= lst.text_x0 - INDENT_TOLERANCE:
        if lst.column_guessed and line.x0 > lst.text_x0 + INDENT_TOLERANCE:
            lst.text_x0, lst.column_guessed = line.x0, False  # the glued bullet's text column
        if (not lst.bulleted or lst.ocr) and abs(line.x0 - lst.text_x0) <= INDENT_TOLERANCE and starts_item(lst, line):
            lst.items.append([line])
        else:
            lst.items[-1].append(line)
        return True
    if lst.ocr and set_like_item(lst, line):
        lst.cut_at = line
    return False


def looks_merged(text: str) -> bool:
    """An item whose text still holds a misread bullet, so two items may have been read as one."""
    return bool(MERGED_ITEM.search(text))


def starts_item(lst: _List, line: Line) -> bool:
    """In an unbulleted list (or an OCR'd one, which drops bullets), a line opens a new item when it
    starts with a capital and the previous one ended a sentence, or, OCR'd, when the line's first
    word would have fitted on the previous line (items without a full stop)."""
    previous = lst.items[-1][-1]
    if not line.text[:1].isupper():
        return False
    if previous.text.rstrip().endswith((".", "!", "?")):
        return True
    widest = max(l.x1 for item in lst.items for l in item)
    return lst.ocr and previous.x1 + (line.words[0].x1 - line.words[0].x0) + WRAP_SLACK <= widest
