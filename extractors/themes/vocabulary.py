"""The rule layer's words, kept as data beside the taxonomy, and the short forms reports use.

`reference/theme_terms.toml` holds each theme's terms by strength; `reference/theme_abbreviations.csv`
spells out the abbreviations and short forms of real lists ("Webbsänt KF", "HR-strategi", "LSS"),
which neither the lookup lemmatizer nor the compound splitter can read.
"""

from __future__ import annotations

import csv
import re
import tomllib
from functools import lru_cache

from .taxonomy import REFERENCE, THEME_IDS

#: Rule-term weights: S = near-unambiguous vocabulary, M = usually this theme, W = a hint only.
#: Set per term from its precision on the training items (terms that fired outside their theme
#: as often as in it were demoted or dropped).
TERM_WEIGHTS = {"S": 0.9, "M": 0.5, "W": 0.25}
#: Up to this many tokens may stand where a term has a gap ("…").
GAP_TOKENS = 3


@lru_cache(maxsize=1)
def theme_terms() -> tuple[tuple[str, str, float], ...]:
    """(theme, term, weight) for every term of `reference/theme_terms.toml`, in file order.

    A table that is not a theme id, or a key other than S, M and W, is an error: a typo in the
    data must not silently drop a theme's vocabulary.
    """
    with (REFERENCE / "theme_terms.toml").open("rb") as f:
        data = tomllib.load(f)
    out = []
    for theme, levels in data.items():
        if theme not in THEME_IDS:
            raise ValueError(f"theme_terms.toml: [{theme}] is not a theme id of themes.csv")
        for level, body in levels.items():
            if level not in TERM_WEIGHTS:
                raise ValueError(f"theme_terms.toml: [{theme}] {level} is not one of {sorted(TERM_WEIGHTS)}")
            out.extend((theme, " ".join(term.split()), TERM_WEIGHTS[level]) for term in body.split(";") if term.strip())
    return tuple(out)


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, str]:
    """Short form as printed (case-sensitive: "IT" but not "it") -> its words spelled out."""
    with (REFERENCE / "theme_abbreviations.csv").open(encoding="utf-8") as f:
        return {row["short"]: row["expansion"] for row in csv.DictReader(f)}


@lru_cache(maxsize=1)
def abbreviation_pattern() -> re.Pattern[str]:
    """A short form standing alone, or as the first part of a hyphenated word ("HR-strategi")."""
    forms = sorted(abbreviations(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, forms)) + r")(?:-(\w[\w-]*))?(?![\w-])")


def expand_abbreviations(text: str) -> str:
    """The text with each known short form followed by its words in brackets, so that rules and
    model see them: "Webbsänt KF" -> "Webbsänt KF [kommunfullmäktige]", "HR-strategi" ->
    "HR-strategi [personal strategi]"."""

    def expand(m: re.Match[str]) -> str:
        words = abbreviations()[m.group(1)]
        return f"{m.group(0)} [{words}{' ' + m.group(2) if m.group(2) else ''}]"

    return abbreviation_pattern().sub(expand, text)
