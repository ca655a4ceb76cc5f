"""Organisation, year and evaluators from a document's cover and title pages.

Covers are text boxes and layout tables (read block by block by extractors.layout), titles print
names in capitals and genitive ("ANALYS AV LJUSDALS KOMMUN"), and evaluator lines mix names with
titles and employers ("Lars Strid, senior konsult (SKL) och Anders Bergenek, Halmstad").
"""
from __future__ import annotations

import re
from collections import Counter

from .organisations import Organisation, resolve_organisation
from .page import Document
from .records import Metadata
from .text import normalise_space, years_in

#: Pages read for the cover and title information.
COVER_PAGES = 2
#: Pages searched for the evaluator line: the cover pages and the one after them.
EVALUATOR_PAGES = COVER_PAGES + 1
ORG_MENTION = re.compile(
    r"region\s+gotland|(?:[A-Za-zÅÄÖåäöÉé][\wÅÄÖåäöÉé-]*\s+){1,3}"
    r"(?:kommuns?|kommune|stads?|stadsdelsområde|stadsdel|stadsdelsförvaltning|sdn)\b", re.I)
TITLE_CUE = re.compile(r"analys av|evaluering av|kommunkompass(en)? (i|för)|utvärdering (enligt|av)|återkoppling", re.I)
VISIT_CUE = re.compile(r"besök|utvärdering|genomför|datum|intervju|januari|februari|mars|april|maj|juni|"
                       r"juli|augusti|september|oktober|november|december|høst|vår|besøk", re.I)
EVALUATOR_CUE = re.compile(r"(utvärderare|utvärderingen (har )?(genomförts|genomfördes|gjordes) av|utvärderingsteam(et)?|"
                           r"rapporten (är )?(skriven|författad) av|rapportförfattare|evaluatorer|evaluerere|"
                           r"evaluert av|granskare)\s*:?\s*", re.I)
#: Words that make a comma-separated part a title, employer or place rather than a person.
NOT_NAME = re.compile(
    r"\b(konsult|utredare|sakkunnig|chef|direktör|handläggare|skl|skr|ks|sveriges|kommuner|landsting|regioner|"
    r"kommun|kommune|stad|region|senior|f\.d\.|fd|tidigare|kommunchef|kommundirektör|rådman|rådgivare|"
    r"förbund|förbundet|kommunförbundet|avdelning|ekonom|strateg|utvärderare|och|samt|analys|rapport)\b", re.I)
EVALUATOR_EMPLOYER = re.compile(r"\b(SKL|SKR|Sveriges Kommuner och (Landsting|Regioner)|Svenska Kommunförbundet|KS)\b")
NAME_TOKEN = re.compile(r"^[A-ZÅÄÖÉÆØ][a-zåäöéæøüA-ZÅÄÖÉÆØÜ'-]+$")


def find_organisation(doc: Document, country: str = "SE") -> tuple[Organisation | None, str | None, int | None]:
    """(organisation, as printed, page): a mention after a title cue first, else the most frequent."""
    seen: Counter[tuple] = Counter()
    first_cued: tuple | None = None
    for page in doc.pages[:COVER_PAGES]:
        lines = [l.text for l in page.lines]
        for i, line in enumerate(lines):
            window = normalise_space(" ".join(lines[i:i + 2]))
            for m in ORG_MENTION.finditer(line if not TITLE_CUE.search(line) else window):
                org = resolve_organisation(m.group(0), country)
                if org is None:
                    continue
                key = (org, m.group(0).strip(), page.number)
                seen[org] += 1
                if first_cued is None and TITLE_CUE.search(window):
                    first_cued = key
    if first_cued:
        return first_cued
    if seen:
        org = seen.most_common(1)[0][0]
        return org, None, doc.pages[0].number
    title = str(doc.info.get("Title", "")) + " " + re.sub(r"[_.-]+", " ", doc.file_name)
    for m in ORG_MENTION.finditer(title):
        org = resolve_organisation(m.group(0), country)
        if org:
            return org, m.group(0).strip(), None
    return None, None, None


def find_year(doc: Document) -> int | None:
    """Year of the evaluation: years on lines about the visit first, else the commonest cover year."""
    cued: list[int] = []
    all_years: list[int] = []
    for page in doc.pages[:COVER_PAGES]:
        for line in page.lines:
            ys = years_in(line.text)
            all_years += ys
            if ys and VISIT_CUE.search(line.text):
                cued += ys
    pool = cued or all_years
    if not pool:
        return None
    counts = Counter(pool)
    return max(counts, key=lambda y: (counts[y], -y))


def name_case(token: str) -> str:
    """'STRID' → 'Strid', 'ANNA-KARIN' → 'Anna-Karin'; mixed case is kept as printed."""
    if not token.isupper():
        return token
    return "-".join(p.capitalize() for p in token.split("-"))


def read_names(text: str) -> list[str]:
    """Person names in an evaluator statement, titles and employers dropped."""
    text = re.sub(r"\([^)]*\)", " ", text)
    names = []
    for part in re.split(r",|;|\boch\b|\bog\b|\bsamt\b|&|\n|\s[–-]\s", text):
        part = normalise_space(part).strip(".:")
        tokens = part.split()
        if not 2 <= len(tokens) <= 4 or NOT_NAME.search(part) or any(c.isdigit() for c in part):
            continue
        if all(NAME_TOKEN.match(t) for t in tokens):
            names.append(" ".join(name_case(t) for t in tokens))
    return names


def find_evaluators(doc: Document) -> list[str]:
    """Names after an evaluator cue ("Utvärderare:"); else, on the cover, names beside SKL/SKR."""
    return find_cued_evaluators(doc) or find_cover_evaluators(doc)


def find_cover_evaluators(doc: Document) -> list[str]:
    for line in doc.pages[0].lines if doc.pages else []:
        if EVALUATOR_EMPLOYER.search(line.text):
            names = read_names(line.text)
            if names:
                return names
    return []


def find_cued_evaluators(doc: Document) -> list[str]:
    for page in doc.pages[:EVALUATOR_PAGES]:
        lines = [l.text for l in page.lines]
        for i, line in enumerate(lines):
            m = EVALUATOR_CUE.search(line)
            if not m:
                continue
            statement = line[m.end():]
            names = read_names(statement)
            # names listed one per line, or a statement wrapped over lines
            for nxt in lines[i + 1:i + 6]:
                more = read_names(nxt)
                joined = read_names(statement + " " + nxt)
                if len(joined) > len(names) + len(more):
                    statement += " " + nxt
                    names = joined
                elif more:
                    names += more
                else:
                    break
            if names:
                return list(dict.fromkeys(names))
    return []


def extract_metadata(doc: Document, country: str = "SE") -> Metadata:
    """Who was evaluated, when, and by whom, from the cover and title pages."""
    org, printed, page = find_organisation(doc, country)
    return Metadata(organisation=org, organisation_printed=printed, year=find_year(doc),
                    evaluators=find_evaluators(doc), page=page, country=country)
