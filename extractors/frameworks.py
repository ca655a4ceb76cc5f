"""Framework versions and their area labels; fuzzy matching of a printed label to (framework, area).

Labels drift between reports even within one version ("Kommun som samhällsbyggare", typos,
upper case), so matching is fuzzy and keyed on version + position. The 2020 revision reordered the
areas: area N of 2010 is not area N of 2020.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .text import fold

AREA_LABELS: dict[str, list[str]] = {
    "2002": [
        "Offentlighet och demokratisk kontroll",
        "Tillgänglighet och brukarorientering",
        "Klarhet i samspelet mellan politik och administration",
        "Ledning, decentralisering och delegation",
        "Kontroll- och rapporteringssystem",
        "Personalförvaltning",
        "Förnyelsepolitik",
        "Samhällsbyggnad",
    ],
    "2003": [
        "Offentlighet, öppenhet och demokratisk kontroll",
        "Tillgänglighet/medborgar- och brukarorientering",
        "Tydlighet i samspelet mellan politiker och tjänstemän",
        "Ledning, decentralisering och delegering",
        "Kontroll och rapportering",
        "Personalpolitik",
        "Verksamhetsutveckling",
        "Kommunen som samhällsbyggare",
    ],
    "2010": [
        "Offentlighet och demokrati",
        "Tillgänglighet och brukarorientering",
        "Politisk styrning och kontroll",
        "Ledarskap, ansvar och delegation",
        "Resultat och effektivitet",
        "Kommunen som arbetsgivare – personalpolitik",
        "Verksamhetsutveckling",
        "Kommunen som samhällsbyggare",
    ],
    "2016": [
        "Offentlighet och demokrati",
        "Brukarfokus, tillgänglighet och bemötande",
        "Politisk styrning och kontroll",
        "Ledarskap, ansvar och delegation",
        "Resultat och effektivitet",
        "Kommunen som arbetsgivare – personalpolitik",
        "Ständiga förbättringar",
        "Kommunen som samhällsbyggare",
    ],
    "2020": [
        "Samspel mellan förtroendevalda och medborgare",
        "Samhällsutveckling",
        "Styrning och kontroll",
        "Effektivitet",
        "Brukarens fokus",
        "Kvalitetsutveckling",
        "Arbetsliv",
        "Chefs- och ledarskap samt medarbetarskap",
    ],
    "no": [
        "Offentlighet og demokrati",
        "Tilgjengelighet, innbygger- og brukerorientering",
        "Politisk styring og kontroll",
        "Lederskap, ansvar og delegasjon",
        "Resultatfokus og effektivitet",
        "Kommunen som arbeidsgiver",
        "Utviklingsstrategi og lærende organisasjon",
        "Kommunen som samfunnsutvikler",
    ],
}

#: Printed variants seen in reports, as (framework, area, label). The first label per area is canonical.
LABEL_VARIANTS: list[tuple[str, int, str]] = [
    ("2016", 2, "Tillgänglighet och brukarorientering"),
    ("2020", 1, "Offentlighet och demokrati"),
]

FRAMEWORKS = tuple(AREA_LABELS)
#: A label matches an area when its folded similarity reaches this score (0–100).
#: Set by wrapped first halves ("Tillgänglighet och") and typos ("delegatin") in the fixtures.
LABEL_MATCH = 84
#: A prefix of a label (a wrapped first line) counts when it is at least this many characters.
MIN_PREFIX = 10

#: The most points an area can get, and a total of the eight areas.
AREA_MAXIMUM = 100.0
TOTAL_MAXIMUM = 800.0


def is_total_value(value: float) -> bool:
    """A number of points only a total can be: more than one area's maximum, at most eight areas'."""
    return AREA_MAXIMUM < value <= TOTAL_MAXIMUM


AREA_NUMBER = re.compile(r"^\s*(?:(?:område|omrade|fokusområde|fokusomrade)\s*)?(\d)(?:[.:)]|\s)\s*", re.I)


@dataclass(frozen=True)
class LabelMatch:
    framework: str
    area: int
    score: float
    printed_number: int | None


def _key(label: str) -> str:
    return re.sub(r"[^a-z]+", " ", fold(label)).strip()


_CANDIDATES: list[tuple[str, int, str]] = [
    (fw, i + 1, _key(label)) for fw, labels in AREA_LABELS.items() for i, label in enumerate(labels)
] + [(fw, area, _key(label)) for fw, area, label in LABEL_VARIANTS]


def district_unscored_area(framework: str | None) -> int:
    """The area city districts are not scored on when the report names none (scores.base.unscored_area
    reads a printed note first): community building, area 8 (area 2 since 2020)."""
    return 2 if framework == "2020" else 8


def area_name(framework: str, area: int) -> str | None:
    labels = AREA_LABELS.get(framework)
    return labels[area - 1] if labels and 1 <= area <= 8 else None


def split_area_number(text: str) -> tuple[int | None, str]:
    """'2. Tillgänglighet …' → (2, 'Tillgänglighet …'); 'Område 3 Styrning' → (3, 'Styrning')."""
    m = AREA_NUMBER.match(text)
    if m and 1 <= int(m.group(1)) <= 8:
        return int(m.group(1)), text[m.end() :]
    return None, text


def match_labels(text: str, frameworks: tuple[str, ...] = FRAMEWORKS, allow_prefix: bool = False) -> list[LabelMatch]:
    """All (framework, area) whose label matches the printed text, best first.

    With allow_prefix, the text may be the first line of a wrapped label.
    """
    return list(cached_label_matches(text, frameworks, allow_prefix))


@lru_cache(maxsize=2**16)
def cached_label_matches(text: str, frameworks: tuple[str, ...], allow_prefix: bool) -> tuple[LabelMatch, ...]:
    """match_labels, remembered: classification and every score strategy ask about the same lines."""
    number, rest = split_area_number(text)
    key = _key(rest)
    if len(key) < 4:
        return ()
    found: dict[tuple[str, int], float] = {}
    for fw, area, cand in _CANDIDATES:
        if fw not in frameworks:
            continue
        score = fuzz.ratio(key, cand)
        if allow_prefix and len(key) >= MIN_PREFIX and len(key) < len(cand):
            score = max(score, fuzz.ratio(key, cand[: len(key)]) - 2)
        if number is not None and number != area:
            score -= 25
        if score >= LABEL_MATCH and score > found.get((fw, area), -1):
            found[(fw, area)] = score
    return tuple(
        sorted(
            (LabelMatch(fw, a, s, number) for (fw, a), s in found.items()),
            key=lambda m: (-m.score, FRAMEWORKS.index(m.framework)),
        )
    )


def best_area(text: str, framework: str | None, allow_prefix: bool = False) -> LabelMatch | None:
    """The area a printed label names, preferring the document's framework when it is known."""
    matches = match_labels(text, allow_prefix=allow_prefix)
    if not matches:
        return None
    if framework:
        own = [m for m in matches if m.framework == framework]
        if own:
            return own[0]
        # a label from another version (2021 page keeping 2010's area 1 label): trust the printed number
        number = matches[0].printed_number
        if number is not None:
            return LabelMatch(framework, number, matches[0].score, number)
        return None
    return matches[0]


def detect_framework(labels: list[str], years: list[int] | None = None) -> str | None:
    """The framework whose labels best explain the printed area labels; year breaks ties."""
    votes: dict[str, float] = {}
    for label in labels:
        matches = match_labels(label)
        if not matches:
            continue
        top = matches[0].score
        for m in matches:
            if m.score >= top - 0.5:
                votes[m.framework] = votes.get(m.framework, 0) + 1
    if not votes:
        return None
    best = max(votes.values())
    tied = [fw for fw, v in votes.items() if v == best]
    if len(tied) == 1:
        return tied[0]
    year = max(years) if years else None
    by_year = framework_for_year(year) if year else None
    if by_year in tied:
        return by_year
    return sorted(tied, key=FRAMEWORKS.index)[-1 if year and year >= 2016 else 0]


def framework_for_year(year: int | None) -> str | None:
    if year is None:
        return None
    if year <= 2002:
        return "2002"
    if year <= 2009:
        return "2003"
    if year <= 2015:
        return "2010"
    if year <= 2019:
        return "2016"
    return "2020"


def scale_for_year(year: int | None) -> str:
    """Scoring scale of an evaluation: pre-2010 evaluations were scored on the old scale."""
    return "old" if year is not None and year < 2010 else "new"


#: Where each 2020 area stands in the numbering every earlier version (and Norway) shares: the
#: 2020 revision reordered the same eight subjects (DOMAIN.md's framework table: 2020 area 2
#: "Samhällsutveckling" is the old area 8 "samhällsbyggare", area 5 "Brukarens fokus" the old 2...).
AREA_2020_TO_EARLIER = {1: 1, 2: 8, 3: 3, 4: 5, 5: 2, 6: 7, 7: 6, 8: 4}


def common_area(framework: str | None, area: int | None) -> int | None:
    """The area's number in the pre-2020 numbering, so that one subject has one number across
    versions; None when framework or area is unknown."""
    if framework not in AREA_LABELS or area is None or not 1 <= area <= 8:
        return None
    return AREA_2020_TO_EARLIER[area] if framework == "2020" else area
