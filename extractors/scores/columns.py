"""Column headers of score tables → whose numbers they are (role), on which scale.

"Nuvarande poängskala" / "Äldre poängskala" are the report's own scores on two scales;
"Tranås 2013" beside "Tranås 2017" is an earlier evaluation (history); "Bromma 2006" in a
comparison table is a peer; "Snitt" / "Riket" is a national average.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..frameworks import scale_for_year
from ..organisations import Organisation, resolve_organisation, unresolved_org
from ..text import fold, years_in
from .base import Context

OLD_SCALE = re.compile(r"aldre|gammal|gamla|tidigare poangskala", re.I)
NEW_SCALE = re.compile(r"nuvarande|\bnya?\b.{0,12}skala|\bnya? poang", re.I)
AVERAGE_HEAD = re.compile(r"snitt|genomsnitt|medel|median|riket|samtliga|alla kommuner|landsgjennomsnitt", re.I)
MAX_HEAD = re.compile(r"\bmax", re.I)
GENERIC_HEAD = re.compile(r"^(poang|poeng|resultat|summa|totalt|omrade|huvudomrade|fokusomrade|"
                          r"kommunkompassen|\s)*$", re.I)


@dataclass(frozen=True)
class ColumnRole:
    role: str                      # primary · history · peer · average · skip
    scale: str
    organisation: Organisation
    year: int | None
    unresolved: str | None = None  # a printed name we could not place


def column_role(header: str, ctx: Context, caption: str | None = None) -> ColumnRole:
    """Role, scale and owner of a value column from its printed header (may be empty).

    A caption naming the scale ("… (äldre poängskala)") sets it for every column without its own.
    """
    role = header_role(header, ctx)
    cue = fold(caption or "")
    if role.role != "skip" and not OLD_SCALE.search(fold(header)) and not NEW_SCALE.search(fold(header)):
        if OLD_SCALE.search(cue):
            return replace(role, scale="old")
        if NEW_SCALE.search(cue):
            return replace(role, scale="new")
    return role


def header_role(header: str, ctx: Context) -> ColumnRole:
    own, year = ctx.organisation, ctx.year
    header = re.sub(r"\([^)]*\)", " ", header).strip()   # "Poäng (genomsnitt)": the "(63)" values
    h = fold(header)
    if MAX_HEAD.search(h):
        return ColumnRole("skip", "new", own, year)
    if OLD_SCALE.search(h):
        return ColumnRole("primary", "old", own, year)
    if NEW_SCALE.search(h):
        return ColumnRole("primary", "new", own, year)
    if AVERAGE_HEAD.search(h):
        return ColumnRole("average", scale_for_year(year), own, year)
    years = years_in(header)
    name = re.sub(r"\b(19|20)\d\d\b", " ", header).strip(" :-–")
    col_year = years[-1] if years else year
    if not name or GENERIC_HEAD.match(fold(name)):
        role = "primary" if col_year == year else "history"
        return ColumnRole(role, scale_for_year(col_year), own, col_year)
    org = resolve_organisation(name, own.country)
    if org is None:
        return ColumnRole("peer", scale_for_year(col_year), unresolved_org(name, own.country), col_year, name)
    if org.slug == own.slug:
        role = "primary" if col_year == year else "history"
        return ColumnRole(role, scale_for_year(col_year), own, col_year)
    return ColumnRole("peer", scale_for_year(col_year), org, col_year)
