"""Column headers of score tables → whose numbers they are (role), on which scale.

"Nuvarande poängskala" / "Äldre poängskala" are the report's own scores on two scales;
"Tranås 2013" beside "Tranås 2017" is an earlier evaluation (history); "Bromma 2006" in a
comparison table is a peer; "Snitt" / "Riket" is a national average.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..frameworks import scale_for_year
from ..organisations import Organisation, resolve_organisation
from ..text import fold, normalise_space, years_in
from .base import Context

OLD_SCALE = re.compile(r"aldre|gammal|gamla|tidigare poangskala", re.I)
NEW_SCALE = re.compile(r"nuvarande|\bnya?\b.{0,12}skala|\bnya? poang", re.I)
AVERAGE_HEAD = re.compile(r"snitt|genomsnitt|medel|median|riket|samtliga|alla kommuner|landsgjennomsnitt", re.I)
#: Columns that are no one's scores: the maximum ("Max", "Möjlig poäng") and the best or worst of
#: the compared ("Högsta", "Lägsta"), which the schema has no role for. Whole words: "Båstad" is a place.
MAX_HEAD = re.compile(r"\b(?:max\w*|mojlig\w*|hogsta|lagsta|basta)\b", re.I)
#: Words of a header that name no one: "Poäng 2014", "Kommunen 2021", "Område X 2011" (the label
#: column's "Område" glued to a value header).
GENERIC_WORDS = re.compile(
    r"\b(poang|poeng|resultat|summa|totalt|omrade|huvudomrade|omraden|fokusomrade|"
    r"kommunkompassen|kommunkompass|kommunen|kommunens|kommun|staden|stadens|stadsdelen|"
    r"stadsdelens|utvarderingen|utvardering|ar|aret|p)\b",
    re.I,
)
#: A header this long, or ending like a sentence, is prose (a caption), never a column's name.
MAX_HEADER_WORDS = 8
SENTENCE_END = re.compile(r"[.:;!?]$")


@dataclass(frozen=True)
class ColumnRole:
    role: str  # primary · history · peer · average · skip · unknown · duplicate
    scale: str
    organisation: Organisation
    year: int | None
    unresolved: str | None = None  # a printed header we could not place (role unknown)


def column_role(header: str, ctx: Context, caption: str | None = None, in_cell: bool = False) -> ColumnRole:
    """Role, scale and owner of a value column from its printed header (may be empty).

    A caption naming the scale ("… (äldre poängskala)") sets it for every column without its own
    (`caption_scale`: a sentence about one year's scores sets it for that year's column only).
    `in_cell`: the header is a table cell's text, so it cannot be a caption's prose.
    """
    role = header_role(header, ctx, in_cell)
    if (
        role.role not in ("skip", "unknown")
        and not OLD_SCALE.search(role_words(header))
        and not NEW_SCALE.search(role_words(header))
    ):
        scale = caption_scale(caption or "", role.year)
        return replace(role, scale=scale) if scale else role
    return role


def caption_scale(caption: str, year: int | None) -> str | None:
    """The scale a caption names for a column of `year`: the first sentence with a scale word, unless
    that sentence speaks of one other year only ("Resultat 2008, 2011 och 2015. 2008 års poäng är
    satta enligt den äldre skalan." names the old scale for the 2008 column alone)."""
    for sentence in re.split(r"(?<=[.;])\s+", fold(caption)):
        scale = "old" if OLD_SCALE.search(sentence) else "new" if NEW_SCALE.search(sentence) else None
        years = set(years_in(sentence))
        if scale is not None and not (len(years) == 1 and year is not None and year not in years):
            return scale
    return None


def header_role(header: str, ctx: Context, in_cell: bool = False) -> ColumnRole:
    """What a header says, whatever the column's position: the report's own year → primary, an
    earlier year of the same organisation → history, an average word → average, another resolved
    organisation → peer, a scale word → the own score on that scale. Anything else is `unknown`
    (the table becomes a check): a printed name that resolves to no organisation is never one.
    Wrapped headers keep their line breaks ("Bromma\n(Stockholms stad)\n2006")."""
    own, year = ctx.organisation, ctx.year
    header = re.sub(r"(?<=\w)-\n(?=\w)", "-", header)  # "Hässelby-" / "Vällingby"
    flat = normalise_space(re.sub(r"\([^)]*\)", " ", header))  # "Poäng (genomsnitt)": the "(63)" values
    h = role_words(flat)
    if MAX_HEAD.search(h):
        return ColumnRole("skip", "new", own, year)
    if not in_cell and (len(header.split()) > MAX_HEADER_WORDS or SENTENCE_END.search(header.strip())):
        return ColumnRole("unknown", scale_for_year(year), own, year, normalise_space(header))
    if OLD_SCALE.search(h):
        return ColumnRole("primary", "old", own, year)
    if NEW_SCALE.search(h):
        return ColumnRole("primary", "new", own, year)
    if AVERAGE_HEAD.search(h):
        return ColumnRole("average", scale_for_year(year), own, year)
    years = years_in(flat)
    col_year = years[-1] if years else year
    names = [name_part(part) for part in [flat] + header.split("\n")]
    names = [n for n in dict.fromkeys(names) if n]
    if not names:
        return own_column(own, year, col_year, header)
    org = next((o for o in (resolve_organisation(n, own.country) for n in names) if o is not None), None)
    if org is None:
        return ColumnRole("unknown", scale_for_year(col_year), own, col_year, normalise_space(header))
    if org.slug == own.slug:
        return own_column(own, year, col_year, header)
    return ColumnRole("peer", scale_for_year(col_year), org, col_year)


def role_words(header: str) -> str:
    """A header folded, with the exact name of an organisation it prints taken out, so that a place
    is never read as a role word ("Maria-Gamla stan" is not the old scale's "gamla")."""
    flat = normalise_space(header)
    name = name_part(flat)
    if name and resolve_organisation(name, fuzzy=False) is not None:
        flat = flat.replace(name, " ")
    return fold(flat)


def name_part(text: str) -> str:
    """A header without its years, parentheses and words that name no one."""
    text = re.sub(r"\([^)]*\)|\b(19|20)\d\d\b", " ", text)
    return " ".join(w for w in text.split() if not GENERIC_WORDS.fullmatch(fold(w).strip(".:"))).strip(" :-–/")


def own_column(own: Organisation, year: int | None, col_year: int | None, header: str) -> ColumnRole:
    """The report's organisation in some year: its own result, an earlier evaluation, or (a later
    year than the report's) something we cannot place."""
    if year is None or col_year == year:
        return ColumnRole("primary", scale_for_year(col_year), own, col_year)
    if col_year is not None and col_year < year:
        return ColumnRole("history", scale_for_year(col_year), own, col_year)
    return ColumnRole("unknown", scale_for_year(col_year), own, col_year, normalise_space(header))


def settle_roles(
    headers: list[str], roles: list[ColumnRole], ctx: Context, filled: list[set] | None = None
) -> list[ColumnRole]:
    """Columns claiming the same numbers (same role, owner, year and scale, printed in the same rows):
    the one whose header names the report's organisation or year wins, the others become `duplicate`
    (a check with both readings, see result_table); with no single best header every claimant is a
    duplicate. Claimants that never share a row (`filled`: the rows each column has values in) are
    one ragged column (values at varying x on a slide), not rivals."""
    claims: dict[tuple, list[int]] = {}
    for i, role in enumerate(roles):
        if role.role in ("primary", "history", "peer", "average"):
            key = (role.role, role.organisation.slug if role.role != "average" else "", role.year, role.scale)
            claims.setdefault(key, []).append(i)
    out = list(roles)
    for columns in claims.values():
        if len(columns) < 2 or (
            filled is not None
            and sum(len(filled[i]) for i in columns) == len(set().union(*(filled[i] for i in columns)))
        ):
            continue
        score = {i: header_match(headers[i], ctx) for i in columns}
        best = max(score.values())
        winners = [i for i in columns if score[i] == best]
        for i in columns:
            if len(winners) > 1 or i != winners[0]:
                out[i] = replace(roles[i], role="duplicate")
    return out


def header_match(header: str, ctx: Context) -> int:
    """How much of the report's identity a header names: its organisation, its year."""
    h = fold(header)
    own = ctx.organisation
    named = any(fold(n) in h for n in (own.municipality or "", own.name.split()[0] if own.name else "") if n)
    return int(named) + int(ctx.year is not None and str(ctx.year) in h)
