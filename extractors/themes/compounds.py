"""Lemmas and compound parts: the `theme_compounds` pipeline component.

The reports are full of Swedish compounds that no lookup table holds ("brukarundersökningar",
"ledarutvecklingsprogrammet", "medarbetarenkäten"), so every word the vocabulary does not know is
split into its parts (dynamic programming over the spacy-lookups-data vocabulary, with linking -s
and the -e/-a combining forms: "brukar|undersökningar" -> brukare + undersökning), as separate
tokens, and each token's lemma (and NORM) is set from the lookup table. The rule layer's terms go
through the same analysis, and the classifier's bag of words sees the parts.
"""

from __future__ import annotations

import gzip
import importlib.resources
import json
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .taxonomy import REFERENCE

#: Shortest compound part for a word the vocabulary does not know ("mål|styrningsmodell"). A
#: first or middle part of exactly MIN_PART letters must be in SHORT_PARTS (else names like
#: "Instagram" split into junk); a last part that short must be a lemma ("sjuk|tal").
MIN_PART = 3
WORD = re.compile(r"^[a-zåäöéüæø]+$")


def read_word_lists() -> dict:
    """`reference/theme_lemmas.toml`: the lookup table's corrections and the splitter's word lists,
    kept as data beside the taxonomy (each list is explained there)."""
    with (REFERENCE / "theme_lemmas.toml").open("rb") as f:
        return tomllib.load(f)


_WORD_LISTS = read_word_lists()
SHORT_PARTS = frozenset(_WORD_LISTS["short_parts"])
#: The lookup table errs on some of the reports' key words ("nämnd" -> nämna, "ledare" -> led).
LEMMA_OVERRIDES: dict[str, str] = _WORD_LISTS["lemma_overrides"]
#: Combining forms the lookup table cannot produce or gets wrong.
COMBINING_OVERRIDES: dict[str, str] = _WORD_LISTS["combining_overrides"]
#: Domain simplex words missing from the lookup vocabulary, inflected with DOMAIN_ENDINGS.
DOMAIN_LEMMAS = tuple(_WORD_LISTS["domain_lemmas"])
DOMAIN_ENDINGS = tuple(_WORD_LISTS["domain_endings"])
#: Inflectional endings tried, in order, on a form the table does not know.
ENDINGS = tuple(_WORD_LISTS["endings"])
#: Derivational suffixes that look like words ("heter", "ande"): never a compound's last part.
NOT_HEADS = frozenset(_WORD_LISTS["not_heads"])


@dataclass(frozen=True)
class Lexicon:
    """Word forms -> lemma, and compound combining forms -> lemma (built once per process)."""

    lemma_of: dict[str, str]
    known: frozenset[str]
    lemmas: frozenset[str]
    combining: dict[str, str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The Swedish lookup lemmatizer table of spacy-lookups-data, extended for compounds.

    Combining forms are built per lemma L in order of preference: L, L+s, and for L ending in
    -e or -a the stem (brukare -> brukar, skola -> skol), stem+s, and -a -> -o (kvinna -> kvinno).
    Lemmas are visited sorted, so the map is the same in every process.
    """
    path = importlib.resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    lemma_of: dict[str, str] = json.loads(gzip.decompress(path.read_bytes()))
    for lemma in DOMAIN_LEMMAS:
        for ending in DOMAIN_ENDINGS:
            lemma_of.setdefault(lemma + ending, lemma)
    lemma_of.update(LEMMA_OVERRIDES)
    lemmas = sorted({v for v in lemma_of.values() if WORD.match(v) and len(v) >= MIN_PART})
    combining: dict[str, str] = dict(COMBINING_OVERRIDES)
    rounds = [
        lambda w: [w],
        lambda w: [w + "s"],
        lambda w: [w[:-1], w[:-1] + "s"] if w.endswith("e") else [],
        lambda w: [w[:-1], w[:-1] + "o", w[:-1] + "e"] if w.endswith("a") else [],
    ]
    for make in rounds:
        for lemma in lemmas:
            for form in make(lemma):
                if len(form) >= MIN_PART:
                    combining.setdefault(form, lemma)
    known = frozenset(lemma_of) | frozenset(lemma_of.values())
    return Lexicon(lemma_of, known, frozenset(lemmas), combining)


def lemma_of(form: str) -> str:
    """The lemma of one lower-case word form: the table's, else a known lemma left after
    stripping an inflectional ending, else the form itself."""
    lex = load_lexicon()
    if form in lex.lemma_of:
        return lex.lemma_of[form]
    for ending in ENDINGS:
        stem = form[: -len(ending)]
        if len(stem) >= 4 and form.endswith(ending) and stem in lex.known:
            return lex.lemma_of.get(stem, stem)
    return form


def is_known(form: str) -> bool:
    """The form is in the table, or is a known lemma plus an inflectional ending."""
    return form in load_lexicon().known or lemma_of(form) != form


def short_ok(part: str) -> bool:
    return len(part) > MIN_PART or part in SHORT_PARTS


def rank(candidate: tuple[int, int, tuple[tuple[str, str], ...]]) -> tuple[int, int]:
    """Order of preference between two splits: fewer parts, then a longer first part."""
    count, _, parts = candidate
    return count, -len(parts[0][0])


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[tuple[str, str], ...] | None:
    """Split a lower-case word into (part, lemma) pairs, or None when it is not a compound.

    Only words the vocabulary does not know are split (`analyse_word`): splitting known words
    gives junk ("under|sökning", "förtroende|valda") and known compounds are listed whole in
    the vocabulary (reference/theme_terms.toml) anyway. The unknown ones are the long, rare compounds the reports coin.

    Fewest parts wins, then the longest first part (Swedish compounds mostly branch left:
    "arbetsmiljö|arbete", not "arbets|miljöarbete"; "innovations|pris", not "innovation|spris"):
    "ledarutvecklingsprogram" -> ledar|utvecklings|program -> ledare, utveckling, program. Every
    part but the last must be a combining form; the last may be any inflected form, lemmatized.
    """
    lex = load_lexicon()
    n = len(word)
    if n < 2 * MIN_PART or not WORD.match(word):
        return None
    best: dict[int, tuple[int, int, tuple[tuple[str, str], ...]]] = {0: (0, n, ())}
    result: tuple[int, int, tuple[tuple[str, str], ...]] | None = None
    for i in range(n):
        if i not in best:
            continue
        count, shortest, parts = best[i]
        if i > 0 and n - i >= MIN_PART:
            head = word[i:]
            if head not in NOT_HEADS and (short_ok(head) or head in lex.lemmas) and is_known(head):
                cand = (count + 1, min(shortest, n - i), parts + ((head, lemma_of(head)),))
                if result is None or rank(cand) < rank(result):
                    result = cand
        for j in range(i + MIN_PART, n - MIN_PART + 1):
            form = word[i:j]
            lemma = lex.combining.get(form)
            if lemma is None or not short_ok(form):
                continue
            cand = (count + 1, min(shortest, j - i), parts + ((form, lemma),))
            cur = best.get(j)
            if cur is None or rank(cand) < rank(cur):
                best[j] = cand
    if result is None:
        return None
    return result[2]


@lru_cache(maxsize=200_000)
def analyse_word(text: str) -> tuple[tuple[str, str], ...]:
    """A token's text as (orth, lemma) parts: one part, or the parts of a compound.

    Orths keep the original spelling and concatenate to `text`; hyphenated words split after the
    hyphen ("IT-stödet" -> "IT-" it, "stödet" stöd) and "kvalitets-" (a shortened compound) is
    lemmatized as a combining form.
    """
    lower = text.lower()
    if "-" in lower.strip("-") and len(lower) > 2:
        out: list[tuple[str, str]] = []
        pos = 0
        pieces = lower.split("-")
        for k, piece in enumerate(pieces):
            last = k == len(pieces) - 1
            width = len(piece) + (0 if last else 1)
            orth = text[pos : pos + width]
            pos += width
            if not piece:
                if out:
                    out[-1] = (out[-1][0] + orth, out[-1][1])
                continue
            sub = analyse_word(orth if last else orth[:-1])
            if not last:
                sub = sub[:-1] + ((sub[-1][0] + "-", sub[-1][1]),)
            out.extend(sub)
        return tuple(out)
    lex = load_lexicon()
    stem = lower.strip("-")
    if lower.endswith("-") and stem in lex.combining and stem not in lex.known:
        return ((text, lex.combining[stem]),)
    whole = lemma_of(lower) if WORD.match(lower) else lex.lemma_of.get(lower, lower)
    parts = split_compound(stem) if stem == lower and not is_known(stem) else None
    if not parts:
        return ((text, whole),)
    out, pos = [], 0
    for orth, lemma in parts:
        out.append((text[pos : pos + len(orth)], lemma))
        pos += len(orth)
    return tuple(out)


class CompoundLemmatizer:
    """Pipeline component: lookup lemmas, compounds split into part tokens, NORM = lemma.

    Splitting the tokens (rather than keeping parts on the side) lets both the rule layer's
    LEMMA patterns and the classifier's bag of n-grams see "brukare undersökning".
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, doc: Doc) -> Doc:
        analysed = [analyse_word(t.text) for t in doc]
        with doc.retokenize() as retokenizer:
            for token, parts in zip(list(doc), analysed):
                if len(parts) > 1:
                    last = len(parts) - 1
                    retokenizer.split(token, [orth for orth, _ in parts], heads=[(token, last)] * len(parts))
        lemmas = [lemma for parts in analysed for _, lemma in parts]
        for token, lemma in zip(doc, lemmas):
            token.lemma_ = lemma
            token.norm_ = lemma
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        """Nothing to save: the vocabulary comes from the installed spacy-lookups-data."""

    def from_disk(self, path, exclude=tuple()) -> "CompoundLemmatizer":
        return self

    def to_bytes(self, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, exclude=tuple()) -> "CompoundLemmatizer":
        return self


@Language.factory("theme_compounds")
def make_theme_compounds(nlp: Language, name: str) -> CompoundLemmatizer:
    return CompoundLemmatizer(nlp.vocab)
