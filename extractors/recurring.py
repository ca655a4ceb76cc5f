"""Recurring wordings: the same stock recommendation in many reports gets one `recurring_id`.

Evaluators reuse phrasings across municipalities ("Utveckla arbetet med brukarundersökningar",
"Överväg att införa servicedeklarationer"), with small changes in inflection, word order and
filler. Texts are normalised (`normalise_text`: lower case, lemmas from the Swedish lookup table,
no stop words, bullets, punctuation or report filler, tokens sorted), then grouped when their
normalised forms are at least SIMILARITY_THRESHOLD similar (rapidfuzz `ratio` on the sorted
tokens, i.e. `token_sort_ratio`).

Grouping is greedy and deterministic: distinct normalised forms are visited most frequent first
(ties alphabetically); an unassigned form becomes a cluster's canonical form and takes every
unassigned form similar to it. Star-shaped clusters do not chain ("A~B, B~C" does not pull C to
A). The id is "r-" + the first 12 hex digits of the SHA-1 of the canonical form, so it does not
depend on input order, and a singleton's id is the hash of its own normalised text.

Pairs are scored with `rapidfuzz.process.cdist` in row chunks, each compared only with forms of
compatible length (a ratio of s needs the shorter/longer length ratio >= s / (2 - s)), so 20,000
findings take seconds and bounded memory.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

import numpy as np
from rapidfuzz import fuzz, process
from spacy.lang.sv.stop_words import STOP_WORDS

from .themes.compounds import analyse_word

#: Minimum rapidfuzz ratio (0-100) between sorted normalised token strings to share an id.
#: At 88, inflection, word order and one extra or missing short word still match
#: ("Utveckla brukarundersökningarna" ~ "utveckla arbetet med brukarundersökningar"), while two
#: recommendations on different subjects with the same verb do not ("Inför servicedeklarationer"
#: vs "Inför e-förslag"); tests/extractors/test_recurring.py holds both sides.
SIMILARITY_THRESHOLD = 88
#: Rows of the similarity matrix computed at once (memory: rows x candidates bytes).
CHUNK_ROWS = 512
#: Prefix of every recurring id.
ID_PREFIX = "r-"

#: Words that carry meaning in the reports even though spaCy lists them as stop words.
KEEP = frozenset(
    {
        "beslut",
        "beslutat",
        "beslutit",
        "inför",
        "upp",
        "ut",
        "över",
        "ned",
        "ner",
        "in",
        "mål",
        "tydlig",
        "tydliga",
        "bättre",
        "högre",
        "lägre",
    }
)
#: Report boilerplate that does not change what is recommended.
FILLER = frozenset(
    {
        "kommun",
        "böra",
        "bör",
        "överväga",
        "fortsätta",
        "fortsatt",
        "arbete",
        "arbeta",
        "också",
        "ytterligare",
        "aktivt",
        "aktiv",
        "vidare",
        "t.ex",
        "exempelvis",
        "bl.a",
        "etc",
        "samt",
        "ex",
    }
)
STOP = (frozenset(STOP_WORDS) - KEEP) | FILLER
BULLETS = re.compile(r"^[\s\u2022\u25cf\u25aa\u25a0\uf0b7\uf0a7\u2013\u2014\-–o*·>]+(?=\S)")
TOKEN = re.compile(r"[0-9a-zåäöéüæø]+(?:[-:][0-9a-zåäöéüæø]+)*")


def normalise_text(text: str) -> str:
    """Lower case, bullet and punctuation stripped, lemmatized, stop words and filler dropped,
    tokens sorted and joined by spaces; '' when nothing is left."""
    text = BULLETS.sub("", (text or "").strip()).lower()
    tokens = []
    for token in TOKEN.findall(text):
        if token in STOP:
            continue
        lemma = word_lemma(token)
        if lemma not in STOP:
            tokens.append(lemma)
    return " ".join(sorted(tokens))


def word_lemma(word: str) -> str:
    """The lemma of a lower-case word; a compound keeps its leading parts as written and
    lemmatizes its head ("brukarundersökningarna" -> "brukarundersökning")."""
    parts = analyse_word(word)
    return "".join(orth for orth, _ in parts[:-1]) + parts[-1][1]


def make_id(canonical: str) -> str:
    return ID_PREFIX + hashlib.sha1(canonical.encode("utf-8")).hexdigest()[:12]


def cluster_forms(forms: list[str], threshold: float = SIMILARITY_THRESHOLD) -> dict[str, str]:
    """Map every form to its cluster's canonical form; `forms` in priority order (see module)."""
    n = len(forms)
    lengths = np.array([len(f) for f in forms])
    by_length = np.argsort(lengths, kind="stable")
    sorted_lengths = lengths[by_length]
    share = threshold / 100.0
    neighbours: list[np.ndarray] = [np.empty(0, dtype=np.int64)] * n
    for start in range(0, n, CHUNK_ROWS):
        rows = by_length[start : start + CHUNK_ROWS]
        lo_len = lengths[rows].min() * share / (2 - share)
        hi_len = lengths[rows].max() * (2 - share) / share
        lo = int(np.searchsorted(sorted_lengths, lo_len, side="left"))
        hi = int(np.searchsorted(sorted_lengths, hi_len, side="right"))
        cols = by_length[lo:hi]
        scores = process.cdist(
            [forms[i] for i in rows],
            [forms[j] for j in cols],
            scorer=fuzz.ratio,
            score_cutoff=threshold,
            dtype=np.uint8,
        )
        for r, i in enumerate(rows):
            neighbours[i] = cols[np.nonzero(scores[r])[0]]
    canonical: dict[str, str] = {}
    for i, form in enumerate(forms):
        if form in canonical:
            continue
        canonical[form] = form
        for j in neighbours[i]:
            canonical.setdefault(forms[j], form)
    return canonical


def recurring_ids(texts: list[str], threshold: float = SIMILARITY_THRESHOLD) -> list[str]:
    """One id per text; near-identical wordings (see module docstring) share an id.

    Deterministic: the same multiset of texts gives the same ids in any order. A text that
    normalises to nothing gets the id of its stripped lower-case wording.
    """
    normalised = [normalise_text(t) for t in texts]
    keys = [n if n else "\x00" + (t or "").strip().lower() for n, t in zip(normalised, texts)]
    counts = Counter(k for k in keys if not k.startswith("\x00"))
    forms = sorted(counts, key=lambda f: (-counts[f], f))
    canonical = cluster_forms(forms, threshold) if forms else {}
    return [make_id(canonical.get(k, k)) for k in keys]
