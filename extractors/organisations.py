"""Printed organisation names → canonical organisation, municipality and SCB kommunkod.

Titles print names in every case and inflection ("ANALYS AV LJUSDALS KOMMUN", "Helsingborgs stad",
"HÄSSELBY-VÄLLINGBY STADSDEL", "Tyresö 2010"); city districts belong to their city's code and
Gotland is a region. Matching folds case and diacritics, drops the genitive -s and organisation
words, and falls back to rapidfuzz for typos.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from .text import fold, slugify

#: Fuzzy fallback threshold (0–100) for a misspelt name; exact folded matches are tried first.
NAME_MATCH = 90

#: Municipalities that call themselves "stad" rather than "kommun".
STAD = {
    "Stockholm",
    "Göteborg",
    "Malmö",
    "Helsingborg",
    "Borås",
    "Lidingö",
    "Solna",
    "Sundbyberg",
    "Vaxholm",
    "Västerås",
    "Landskrona",
    "Mölndal",
    "Trollhättan",
    "Haparanda",
}
#: Official names the genitive rule does not give ("Falu kommun", not "Faluns kommun").
OFFICIAL_NAMES = {"Kalmar": "Kalmar kommun", "Falun": "Falu kommun"}

#: Words naming the organisation rather than the place, in any inflection: a district prints as
#: "Skarpnäcks stadsdelsförvaltning", "stadsdelsnämnden i Lundby", "SDF Bromma" or "Kungsholmens SDN".
ORG_WORDS = re.compile(
    r"\b(kommuns?|kommunes?|stads?|stadsdelsområde(t|ts|s)?|stadsdelsnämnd(en|ens|s)?|"
    r"stadsdelsförvaltning(en|ens|s)?|stadsdels?|stadsdelar|sdn|sdf|"
    r"regions?|landsting|förvaltning(en|ens|s)?|analys|av|i|för|evaluering)\b",
    re.I,
)
#: A printed name that says it is a city district (stadsdel, stadsdelsförvaltning, SDN, SDF …).
DISTRICT_WORDS = re.compile(r"stadsdel|\bsd[nf]\b", re.I)


@dataclass(frozen=True)
class Organisation:
    name: str  # canonical: "Tyresö kommun", "Hässelby-Vällingby stadsdelsområde"
    municipality: str | None  # "Stockholm" for its districts
    municipality_code: str | None
    org_type: str  # kommun · stadsdel · region · other
    country: str  # SE · NO
    slug: str  # evaluation_id stem: "tyreso", "hasselby-vallingby", "gotland"


def _rows(name: str) -> list[dict]:
    with resources.files("extractors.reference").joinpath(name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@lru_cache(maxsize=1)
def municipalities() -> dict[str, tuple[str, str]]:
    """folded name → (name, code) for SCB's 290 municipalities."""
    return {fold(r["municipality"]): (r["municipality"], r["municipality_code"]) for r in _rows("municipalities.csv")}


@lru_cache(maxsize=1)
def municipalities_as_spelt() -> dict[str, tuple[str, str]]:
    """lower-case name with its diacritics → (name, code): 'Håbo' and 'Habo' fold to the same key."""
    return {r["municipality"].lower(): (r["municipality"], r["municipality_code"]) for r in _rows("municipalities.csv")}


@lru_cache(maxsize=1)
def districts() -> dict[str, dict]:
    return {fold(r["district"]): r for r in _rows("districts.csv")}


def genitive(name: str) -> str:
    """Swedish genitive as used in organisation names: 'Ljusdal' → 'Ljusdals', 'Tyresö' → 'Tyresö'."""
    return name if re.search(r"[sxzaeiouyåäö]$", name, re.I) else name + "s"


def municipality_org(name: str, code: str, printed: str = "") -> Organisation:
    if code == "0980":
        return Organisation("Region Gotland", name, code, "region", "SE", "gotland")
    kind = "stad" if name in STAD or re.search(r"\bstad\b", printed, re.I) else "kommun"
    official = OFFICIAL_NAMES.get(name, f"{genitive(name)} {kind}")
    return Organisation(official, name, code, "kommun", "SE", slugify(name))


def district_org(row: dict) -> Organisation:
    district = re.sub(r"\s+(Göteborg|Malmö)$", "", row["district"])
    return Organisation(
        f"{district} {row['org_suffix']}",
        row["municipality"],
        row["municipality_code"],
        "stadsdel",
        "SE",
        slugify(district),
    )


def norwegian_org(name: str) -> Organisation:
    return Organisation(f"{name} kommune", name, None, "kommun", "NO", slugify(name))


def core_name(printed: str) -> str:
    """The place name inside a printed organisation: organisation words, years and punctuation removed."""
    text = re.sub(r"\b(19|20)\d\d\b", " ", printed)
    text = ORG_WORDS.sub(" ", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"\s+", " ", text).strip(" -")


def _candidates(name: str) -> list[str]:
    """Folded lookup keys: the name, without a genitive -s, and the municipality an official name form is of."""
    folded = fold(name)
    out = [folded]
    if folded.endswith("s"):
        out.append(folded[:-1])
    official = {fold(v.rsplit(" ", 1)[0]): fold(k) for k, v in OFFICIAL_NAMES.items()}
    return out + [official[c] for c in out if c in official]


def resolve_organisation(printed: str, country: str = "SE", fuzzy: bool = True) -> Organisation | None:
    """Canonical organisation for a printed name, or None when it is not a known organisation.

    `fuzzy=False` accepts exact (folded) names only: for a bare word that is a place only if it is
    spelt as one (a file name token, the place before a date on a cover).
    """
    name = core_name(printed)
    if not name:
        return None
    if country == "NO":
        return norwegian_org(" ".join(w.capitalize() if w.isupper() else w for w in name.split()))
    is_district = bool(DISTRICT_WORDS.search(printed))
    spelt = name.lower()
    for cand in (spelt, spelt[:-1] if spelt.endswith("s") else ""):
        if cand in municipalities_as_spelt() and not (is_district and fold(cand) in districts()):
            return municipality_org(*municipalities_as_spelt()[cand], printed)
    for cand in _candidates(name):
        if cand in districts() and (is_district or cand not in municipalities()):
            return district_org(districts()[cand])
        if cand in municipalities():
            mname, code = municipalities()[cand]
            return municipality_org(mname, code, printed)
        if cand in districts():
            return district_org(districts()[cand])
    if not fuzzy:
        return None
    choices = list(municipalities()) + list(districts())
    best = process.extractOne(fold(name), choices, scorer=fuzz.ratio, score_cutoff=NAME_MATCH)
    if best is None and fold(name).endswith("s"):
        best = process.extractOne(fold(name)[:-1], choices, scorer=fuzz.ratio, score_cutoff=NAME_MATCH)
    if best is None:
        return None
    key = best[0]
    if key in municipalities() and not (is_district and key in districts()):
        mname, code = municipalities()[key]
        return municipality_org(mname, code, printed)
    return district_org(districts()[key])


def evaluation_id(org: Organisation, year: int) -> str:
    return f"{org.slug}-{year}"


def unresolved_org(printed: str, country: str = "SE") -> Organisation:
    """An organisation we could not place: kept under its printed name, with no code (a check says so)."""
    name = core_name(printed) or printed.strip()
    return Organisation(name, None, None, "other", country, slugify(name) or "unknown")
