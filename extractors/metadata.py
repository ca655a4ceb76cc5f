"""Organisation, year and evaluators from every cue a document gives, strongest first.

Covers are text boxes and layout tables (read block by block by extractors.layout), titles print
names in capitals and genitive ("ANALYS AV LJUSDALS KOMMUN"), and evaluator lines mix names with
titles and employers ("Lars Strid, senior konsult (SKL) och Anders Bergenek, Halmstad"). A feedback
deck may never say "Analys av": its cover has "Återkoppling Kommunkompass", the place and a compact
date ("Sala 20150506"), so identity falls back, in order, on the title block, a place and date on
the cover, other cover mentions, running headers, the results slide ("Sala 2010: 452"), the PDF's
title, the file name and the URL. Metadata says which cue decided.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator
from urllib.parse import unquote, urlparse

from .organisations import Organisation, resolve_organisation
from .page import Document, Line, Page
from .records import Metadata
from .scores.slides import QUOTED_TOTAL
from .text import BULLET, normalise_space, years_in

#: Pages read for the cover and title information.
COVER_PAGES = 2
#: Pages searched for the evaluator line: the cover pages and the one after them.
EVALUATOR_PAGES = COVER_PAGES + 1
ORG_MENTION = re.compile(
    r"region\s+gotland|(?:[A-Za-zÅÄÖåäöÉé][\wÅÄÖåäöÉé-]*\s+){1,3}"
    r"(?:kommuns?|kommune|stads?|stadsdelsområdet?|stadsdel|stadsdelsförvaltning(?:en)?|stadsdelsnämnd(?:en)?|sd[nf])\b",
    re.I,
)
TITLE_CUE = re.compile(r"analys av|evaluering av|kommunkompass(en)? (i|för)|utvärdering (enligt|av)|återkoppling", re.I)
#: A place printed bare after the tool's name or a title phrase: "Återkoppling Kommunkompass Sala",
#: "Kommunkompassen Tyresö 2015" (a running footer), "Analys av Tyresö".
NAMED_PLACE = re.compile(
    r"(?:analys av|evaluering av|kommun(?:e)?kompass(?:en|et)?(?:\s+(?:i|för))?)\s*[–—:|-]?\s*"
    r"(?!analys\b|evaluering\b|återkoppling\b)(?P<name>[A-ZÅÄÖ][\wåäöÅÄÖ-]+(?:\s[A-ZÅÄÖ][\wåäöÅÄÖ-]+)?)",
    re.I,
)
MONTHS = (
    r"januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december|"
    r"januar|februar|mai|august|desember"
)
#: A date in any form covers print it: 2015-05-06, 20150506, 6.5.2015, 6 maj 2015, maj 2015.
DATE = re.compile(
    r"(?<!\d)(?P<iso>(?:19|20)\d\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?!\d)"
    r"|(?<![\d-])(?P<compact>(?:19|20)\d\d)(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\d-])"
    r"|(?<!\d)(?:0?[1-9]|[12]\d|3[01])[./](?:0?[1-9]|1[0-2])[./](?P<dotted>(?:19|20)\d\d)(?!\d)"
    rf"|(?<!\w)(?:(?:0?[1-9]|[12]\d|3[01])\.?\s+)?(?:{MONTHS})\s+(?P<named>(?:19|20)\d\d)(?!\d)",
    re.I,
)
#: A file name or URL word that is a year or a compact date ("2015", "20150506").
WORD_YEAR = re.compile(r"(19[89]\d|20[0-4]\d)((0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))?")
VISIT_CUE = re.compile(
    r"besök|utvärdering|genomför|datum|intervju|januari|februari|mars|april|maj|juni|"
    r"juli|augusti|september|oktober|november|december|høst|vår|besøk",
    re.I,
)
EVALUATOR_CUE = re.compile(
    r"(utvärderare|utvärderingen (har )?(genomförts|genomfördes|gjordes) av|utvärderingsteam(et)?|"
    r"rapporten (är )?(skriven|författad) av|rapportförfattare|evaluatorer|evaluerere|"
    r"evaluert av|granskare)\s*:?\s*",
    re.I,
)
#: Words that make a comma-separated part a title, employer or place rather than a person.
NOT_NAME = re.compile(
    r"\b(konsult|utredare|sakkunnig|chef|direktör|handläggare|skl|skr|ks|sveriges|kommuner|landsting|regioner|"
    r"kommun|kommune|stad|region|senior|f\.d\.|fd|tidigare|kommunchef|kommundirektör|rådman|rådgivare|"
    r"förbund|förbundet|kommunförbundet|avdelning|ekonom|strateg|utvärderare|och|samt|analys|rapport)\b",
    re.I,
)
EVALUATOR_EMPLOYER = re.compile(r"\b(SKL|SKR|Sveriges Kommuner och (Landsting|Regioner)|Svenska Kommunförbundet|KS)\b")
#: An affiliation after a name on a cover line: the evaluators' employer, a municipality, or a title.
AFFILIATION = re.compile(
    rf"{EVALUATOR_EMPLOYER.pattern}|\b[\wåäöÅÄÖ-]+\s+(kommun|kommune|stad|region)\b|\bregion\s+\w+|"
    r"\b(konsult|utredare|strateg|chef|direktör|rådgivare|sakkunnig)\b",
    re.I,
)
NAME_TOKEN = re.compile(r"^[A-ZÅÄÖÉÆØ][a-zåäöéæøüA-ZÅÄÖÉÆØÜ'-]+$")
NAME_SEPARATORS = re.compile(r",|;|\boch\b|\bog\b|\bsamt\b|&|\n|\s[–-]\s", re.I)
#: Words of one cover line this far apart (pt) belong to text blocks side by side (names beside a
#: table of contents); a word space is 2-4 pt at cover sizes.
BLOCK_GAP = 24.0
#: Segments starting within this distance (pt) of each other are one left-aligned text block.
BLOCK_ALIGN = 6.0


def tokens(text: str) -> list[str]:
    """A file name or URL path cut into words: 'aterkoppling_kommunkompass-sala_20150506.pdf'."""
    return [t for t in re.split(r"[\W_]+", unquote(text)) if t]


def place_in_words(words: list[str], country: str) -> tuple[Organisation, str] | None:
    """The first run of one to three words that is exactly an organisation's name (no fuzzy match:
    a bare word is a place only if it is spelt as one)."""
    if country != "SE":
        return None
    for i in range(len(words)):
        for n in (3, 2, 1):
            printed = " ".join(words[i : i + n])
            if len(words[i : i + n]) == n and not any(c.isdigit() for c in printed):
                org = resolve_organisation(printed, country, fuzzy=False)
                if org is not None:
                    return org, printed
    return None


def mentions(text: str, country: str) -> Iterator[tuple[Organisation, str]]:
    """Organisations named with an organisation word ("Sala kommun") or bare after the tool's name."""
    for m in ORG_MENTION.finditer(text):
        words = m.group(0).split()  # "Återkoppling Kommunkompass Sala kommun": the shortest tail
        for printed in (" ".join(words[k:]) for k in range(len(words) - 1)):
            org = resolve_organisation(printed, country)
            if org is not None:
                yield org, printed
                break
    for m in NAMED_PLACE.finditer(text):
        found = place_in_words(m.group("name").split(), country)
        if found:
            yield found


def dated_place(text: str, country: str) -> tuple[Organisation, str, int] | None:
    """'Sala 20150506', 'Sala, 6 maj 2015': the place printed right before a date, and its year."""
    m = DATE.search(text)
    if not m or country != "SE" or EVALUATOR_EMPLOYER.search(text):  # "…Landsting, Stockholm 2015-05-06"
        return None  # is SKL's office, not the place
    before = re.sub(r"\s+den$", "", text[: m.start()].strip(" ,–-"), flags=re.I).split()
    for n in (3, 2, 1):
        printed = " ".join(before[-n:])
        org = resolve_organisation(printed, country, fuzzy=False) if len(before) >= n else None
        if org is not None:
            return org, printed, int(next(y for y in m.groups() if y))
    return None


def date_years(text: str) -> list[int]:
    return [int(next(y for y in m.groups() if y)) for m in DATE.finditer(text)]


def title_mention(doc: Document, country: str) -> tuple[Organisation, str, int] | None:
    """A mention in the title block: on a line with a title cue, or the line before or after it."""
    for page in doc.pages[:COVER_PAGES]:
        lines = [l.text for l in page.lines]
        for i, line in enumerate(lines):
            window = normalise_space(" ".join(lines[i : i + 2]))
            if not TITLE_CUE.search(window):
                continue
            for org, printed in mentions(line if not TITLE_CUE.search(line) else window, country):
                return org, printed, page.number
    return None


def cover_mentions(doc: Document, country: str) -> tuple[Organisation, str, int] | None:
    """The organisation the cover pages name most often, evaluators' lines left out."""
    seen: Counter[Organisation] = Counter()
    first: dict[Organisation, tuple[str, int]] = {}
    for page in doc.pages[:COVER_PAGES]:
        for line in page.lines:
            if read_names(line.text) or EVALUATOR_CUE.search(line.text):
                continue  # "Per Holmgren, Heby kommun": an evaluator's employer
            for org, printed in mentions(line.text, country):
                seen[org] += 1
                first.setdefault(org, (printed, page.number))
    if not seen:
        return None
    org = seen.most_common(1)[0][0]
    return org, first[org][0], first[org][1]


def results_lines(doc: Document, country: str) -> list[tuple[Organisation, int, int]]:
    """(organisation, year, page) of every quoted result ("Sala 2010: 452") in the document."""
    out = []
    for page in doc.pages:
        for line in page.lines:
            for m in QUOTED_TOTAL.finditer(line.text):
                org = resolve_organisation(m.group("name"), country)
                if org is not None:
                    out.append((org, int(m.group("year")), page.number))
    return out


def results_owner(quoted: list[tuple[Organisation, int, int]]) -> Organisation | None:
    """The organisation a results slide is about: the one quoted for most years (its own history and
    total; peers appear once), the first printed on a tie. National averages carry no year."""
    years: dict[Organisation, set[int]] = {}
    for org, year, _ in quoted:
        years.setdefault(org, set()).add(year)
    return max(years, key=lambda o: len(years[o])) if years else None


def source_words(source: str) -> list[list[str]]:
    """Word lists of a URL's path and host (path first), or of a local path's file name."""
    if re.match(r"https?://", source, re.I):
        url = urlparse(source)
        return [tokens(url.path), tokens(url.hostname or "")]
    return []


Cue = tuple[str, Organisation, str | None, int | None]


def identity_cues(doc: Document, country: str, source: str = "") -> Iterator[Cue]:
    """(cue, organisation, as printed, page) candidates, strongest cue first."""
    found = title_mention(doc, country)
    if found:
        yield "title", *found
    for page in doc.pages[:COVER_PAGES]:
        for line in page.lines:
            dated = dated_place(line.text, country)
            if dated:
                yield "cover_date", dated[0], dated[1], page.number
    found = cover_mentions(doc, country)
    if found:
        yield "cover", *found
    for page in doc.pages:
        for line in page.margin_lines:
            for org, printed in mentions(line.text, country):
                yield "running_header", org, printed, None
    quoted = results_lines(doc, country)
    owner = results_owner(quoted)
    if owner:
        yield "results", owner, None, next(page for org, _, page in quoted if org == owner)
    title = str(doc.info.get("Title", ""))
    for org, printed in mentions(title, country):
        yield "pdf_title", org, printed, None
    for cue, words in [("file_name", tokens(doc.file_name))] + [("url", w) for w in source_words(source)]:
        found = place_in_words(words, country) if country == "SE" else next(mentions(" ".join(words), country), None)
        if found:
            yield cue, found[0], found[1], None


def find_organisation(
    doc: Document, country: str = "SE", source: str = ""
) -> tuple[Organisation | None, str | None, int | None, str | None]:
    """(organisation, as printed, page, cue) from the strongest cue that names one."""
    for cue, org, printed, page in identity_cues(doc, country, source):
        return org, printed, page, cue
    return None, None, None, None


def commonest(years: list[int]) -> int | None:
    """The most frequent year, the earliest on a tie."""
    counts = Counter(years)
    return max(counts, key=lambda y: (counts[y], -y)) if counts else None


def word_years(words: list[str]) -> list[int]:
    """Years in a file name or URL: a token that is a year or a date (never digits inside a hash)."""
    return [int(t[:4]) for t in words if WORD_YEAR.fullmatch(t)]


def find_year(
    doc: Document, organisation: Organisation | None = None, source: str = ""
) -> tuple[int | None, str | None]:
    """(year, cue): years on dated or visit lines of the cover first, then any cover year, running
    headers, the organisation's latest quoted result, the PDF title, the file name, the URL."""
    return next(((year, cue) for cue, year in year_cues(doc, organisation, source) if year is not None), (None, None))


def year_cues(doc: Document, organisation: Organisation | None, source: str) -> Iterator[tuple[str, int | None]]:
    """(cue, year or None) strongest first, each looked at only when the ones before gave none."""
    dated: list[int] = []
    visits: list[int] = []
    all_years: list[int] = []
    for page in doc.pages[:COVER_PAGES]:
        for line in page.lines:
            if QUOTED_TOTAL.search(line.text):
                continue  # a results slide's "Sala 2010: 452" is a cue of its own (below)
            ys = years_in(line.text)
            all_years += ys
            dated += date_years(line.text)
            visits += ys if VISIT_CUE.search(line.text) else []
    # a date ("Visby, maj 2022") outranks a year in a sentence about the evaluation ("… utvärderingar
    # enligt versionen från 2020"), which prose on the second cover page may hold
    yield "cover_date", commonest(dated)
    yield "cover_visit", commonest(visits)
    yield "cover", commonest(all_years)
    yield (
        "running_header",
        commonest([y for page in doc.pages for line in page.margin_lines for y in years_in(line.text)]),
    )
    if organisation is not None:
        yield (
            "results",
            max(
                (y for org, y, _ in results_lines(doc, organisation.country) if org.slug == organisation.slug),
                default=None,
            ),
        )
    yield "pdf_title", commonest(years_in(str(doc.info.get("Title", ""))))
    yield "file_name", commonest(word_years(tokens(doc.file_name)))
    for words in source_words(source):
        yield "url", commonest(word_years(words))


def name_case(token: str) -> str:
    """'STRID' → 'Strid', 'ANNA-KARIN' → 'Anna-Karin'; mixed case is kept as printed."""
    if not token.isupper():
        return token
    return "-".join(p.capitalize() for p in token.split("-"))


def read_names(text: str) -> list[str]:
    """Person names in an evaluator statement, titles and employers dropped ("OCH" joins names too);
    a list bullet before a name ("• Camilla Dahl, SKL" on a deck's cover) is no part of it."""
    text = BULLET.sub("", re.sub(r"\([^)]*\)", " ", text))
    names = []
    for part in NAME_SEPARATORS.split(text):
        part = normalise_space(part).strip(".:")
        words = part.split()
        if not 2 <= len(words) <= 4 or NOT_NAME.search(part) or any(c.isdigit() for c in part):
            continue
        if all(NAME_TOKEN.match(t) for t in words) and resolve_organisation(part, fuzzy=False) is None:
            names.append(" ".join(name_case(t) for t in words))
    return names


def split_blocks(line: Line) -> list[Line]:
    """A line cut where its words are BLOCK_GAP apart: text blocks side by side on a cover."""
    parts: list[list] = []
    for word in line.words:
        if parts and word.x0 - parts[-1][-1].x1 < BLOCK_GAP:
            parts[-1].append(word)
        else:
            parts.append([word])
    return [Line(tuple(p), line.page) for p in parts]


def cover_readings(page: Page) -> list[list[str]]:
    """The page's lines as printed, and, where lines hold blocks side by side (names beside a table
    of contents), each left-aligned block read top down on its own."""
    readings = [[l.text for l in page.lines]]
    segments = [s for line in page.lines for s in split_blocks(line)]
    if len(segments) == len(page.lines):
        return readings
    blocks: list[list[Line]] = []
    for seg in segments:
        block = next((b for b in blocks if abs(b[0].x0 - seg.x0) <= BLOCK_ALIGN), None)
        if block is None:
            blocks.append([seg])
        else:
            block.append(seg)
    return [[s.text for s in sorted(b, key=lambda s: s.top)] for b in blocks] + readings


def find_evaluators(doc: Document) -> list[str]:
    """Names after an evaluator cue ("Utvärderare:"); else, on the cover, names beside an affiliation."""
    return find_cued_evaluators(doc) or find_cover_evaluators(doc)


def find_cover_evaluators(doc: Document) -> list[str]:
    """Names on cover lines that also print an affiliation: one evaluator per line, after a comma
    ("Karin Sjöberg, Sveriges Kommuner och Landsting" / "Per Holmgren, Sala kommun") or in a column
    of its own ("Karin Sjöberg      SKL"), or all on one line."""
    names: list[str] = []
    for line in doc.pages[0].lines if doc.pages else []:
        if AFFILIATION.search(line.text):
            names += [n for part in split_blocks(line) for n in read_names(part.text)] or read_names(line.text)
    return list(dict.fromkeys(names))


def find_cued_evaluators(doc: Document) -> list[str]:
    for page in doc.pages[:EVALUATOR_PAGES]:
        for lines in cover_readings(page):
            names = cued_names(lines)
            if names:
                return names
    return []


def cued_names(lines: list[str]) -> list[str]:
    """Names after the first evaluator cue: on its line, wrapped over the next, or one per line."""
    for i, line in enumerate(lines):
        m = EVALUATOR_CUE.search(line)
        if not m:
            continue
        statement = line[m.end() :]
        names = read_names(statement)
        for nxt in lines[i + 1 : i + 6]:
            more = read_names(nxt)
            joined = read_names(statement + " " + nxt)
            if len(joined) > len(names) + len(more):
                statement += " " + nxt
                names = joined
            elif more:
                names += more
            elif not AFFILIATION.search(nxt):
                break  # an affiliation on a line of its own may stand between names
        if names:
            return list(dict.fromkeys(names))
    return []


def extract_metadata(doc: Document, country: str = "SE", source: str = "") -> Metadata:
    """Who was evaluated, when, and by whom; `source` is the file's path or URL (a last cue)."""
    org, printed, page, org_cue = find_organisation(doc, country, source)
    year, year_cue = find_year(doc, org, source)
    return Metadata(
        organisation=org,
        organisation_printed=printed,
        year=year,
        evaluators=find_evaluators(doc),
        page=page,
        country=country,
        organisation_cue=org_cue,
        year_cue=year_cue,
    )
