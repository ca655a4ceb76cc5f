"""Text-level parsing shared by the extractors: numbers, bullets, hyphenation, slugs.

Reports print Swedish numbers ("63,5"), percent or point suffixes ("51 %", "74 p"), national
averages in parentheses ("73 (63)") and not-assessed marks ("–", "0 *)"). Lists use every bullet
glyph Word knows, including the Symbol-font private-use U+F0B7.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: A score as printed: integer or decimal comma, at most 3 digits before it (max 800 for totals).
SCORE = re.compile(r"^(\d{1,3})(?:,(\d{1,2}))?$")
#: A national average printed after the score: "(63)" or "(63,5)".
AVERAGE = re.compile(r"^\((\d{1,3}(?:,\d{1,2})?)\)$")
#: Printed marks for an area that was not assessed.
NOT_ASSESSED = {"–", "—", "-", "*)", "*", "0*)", "ej", "e.b.", "eb"}
#: Tokens that qualify a score without being one.
UNITS = {"%", "p", "p.", "poäng", "poeng", "av", "100", "(100)"}

#: "»" and "«" are how OCR reads a round bullet.
BULLET_CHARS = (
    "\u00bb\u00ab\u2022\u25aa\u25cf\u25e6\u25a0\u25a1\u2013\u2014\u2012"
    "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u27a2\u2043\u2219\u00b7*-"
)
#: A glyph with no Unicode meaning (a Symbol or Wingdings bullet without a ToUnicode map comes out as
#: NUL, a control character, a private-use code point or U+FFFD) at a line start is a bullet too.
UNMAPPED_GLYPHS = "\x00-\x08\x0e-\x1f\ue000-\uf8ff\ufffd"
BULLET = re.compile(
    rf"^\s*(?:[{re.escape(BULLET_CHARS)}{UNMAPPED_GLYPHS}]|o(?=\s)|\d{{1,2}}[.)](?=\s)|"
    rf"[a-h]\)(?=\s))\s*"
)
#: Words after a line-end hyphen that mark a Swedish shortened compound ("hälso- och sjukvård").
COMPOUND_CONTINUATIONS = {"och", "eller", "samt", "respektive", "resp.", "som", "till", "&", "el."}
#: A line ending in an abbreviation or capital run and a hyphen ("EU-", "IT-", "KF-", "SKL-"): Swedish
#: writes such compounds with the hyphen ("EU-finansierade"), so it stays when the line is joined.
ABBREVIATION_HYPHEN = re.compile(r"(?:^|[\s(/\"'”])[A-ZÅÄÖÆØ]{2,}-$")


def parse_score(token: str) -> float | None:
    """'63,5' → 63.5, '74' → 74.0; None when the token is not a printed score."""
    token = token.strip().rstrip("%").strip()
    m = SCORE.match(token)
    if not m:
        return None
    return float(m.group(1)) + (float("0." + m.group(2)) if m.group(2) else 0.0)


def parse_average(token: str) -> float | None:
    m = AVERAGE.match(token.strip())
    return parse_score(m.group(1)) if m else None


def is_not_assessed(token: str) -> bool:
    return token.strip().lower().replace(" ", "") in NOT_ASSESSED


def strip_bullet(text: str) -> tuple[bool, str]:
    """(had a bullet, text without it)."""
    m = BULLET.match(text)
    if not m:
        return False, text.strip()
    return True, text[m.end() :].strip()


def join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines of one item: line-end hyphens joined, shortened compounds kept.

    'kvalitets-' + 'deklarationer' → 'kvalitetsdeklarationer'; 'hälso-' + 'och sjukvård' keeps
    'hälso- och sjukvård'; a hyphen before an upper-case word stays ('Stockholms-' 'Uppsala'), and so
    does one after an abbreviation ('EU-' + 'finansierade' → 'EU-finansierade').
    """
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if not out:
            out = part
            continue
        if re.search(r"[A-Za-zÅÄÖåäöÆØæø]-$", out):
            first = part.split()[0]
            if first.lower() in COMPOUND_CONTINUATIONS:
                out = out + " " + part
            elif ABBREVIATION_HYPHEN.search(out) or first[0].isupper() or first[0].isdigit():
                out = out + part  # "EU-" + "finansierade": the hyphen is printed, not a break
            else:
                out = out[:-1] + part
        else:
            out = out + " " + part
    return normalise_space(out)


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


@lru_cache(maxsize=2**16)
def fold(text: str) -> str:
    """Lower case without diacritics: 'Tillgänglighet' → 'tillganglighet' (å/ä→a, ö→o, ø→o, æ→ae).

    Remembered: the score strategies, page triage and classification fold the same lines again."""
    text = text.lower().replace("æ", "ae").replace("ø", "o")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")


def years_in(text: str) -> list[int]:
    return [int(y) for y in YEAR.findall(text)]
