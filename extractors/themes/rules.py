"""The rule layer: a SpanRuler over lemmas, one pattern per vocabulary term, scored by noisy-OR.

Terms (vocabulary.py) go through the same compound analysis as the text, so the term
"brukarundersökning" matches "brukarundersökningarna", "undersökning" matches the head of any new
compound built on it, and a longer match ("arbetsmiljö") shadows a shorter one inside it ("miljö").
"""

from __future__ import annotations

import json

from spacy.language import Language
from spacy.tokens import Doc, Span

from .vocabulary import GAP_TOKENS, theme_terms

RULES_KEY = "theme_rules"


def term_to_pattern(nlp: Language, term: str) -> list[dict]:
    """A SpanRuler token pattern for a term: the lemmas its words analyse to, gaps as wildcards."""
    pattern: list[dict] = []
    for k, segment in enumerate(term.split("…")):
        if k:
            pattern.append({"OP": "{," + str(GAP_TOKENS) + "}"})
        doc = nlp.get_pipe("theme_compounds")(nlp.make_doc(segment.strip()))
        pattern.extend({"LEMMA": t.lemma_} for t in doc if not t.is_punct or t.text == "-")
    return pattern


def theme_patterns(nlp: Language) -> list[dict]:
    """All rule patterns, label = theme id, id = "weight|term" (read back by rule_matches).

    A contiguous term is given as text: the SpanRuler runs it through `theme_compounds` and
    matches its lemma sequence with a PhraseMatcher on LEMMA.
    """
    best: dict[tuple[str, str], tuple[float, str, list[dict]]] = {}
    for theme, term, weight in theme_terms():
        pattern = term_to_pattern(nlp, term)
        key = (theme, json.dumps(pattern, ensure_ascii=False))
        if pattern and (key not in best or weight > best[key][0]):
            best[key] = (weight, term, pattern)
    # Two spellings of one term ("digital", "digitalt") give one pattern: it must count once.
    # Contiguous terms go to the PhraseMatcher (on LEMMA, fast); gapped ones need token patterns.
    return [
        {"label": theme, "pattern": pattern if "…" in term else term, "id": f"{weight}|{term}"}
        for (theme, _), (weight, term, pattern) in best.items()
    ]


def add_rule_layer(nlp: Language) -> Language:
    """Add the theme SpanRuler after `theme_compounds` (which must already be in `nlp`)."""
    ruler = nlp.add_pipe(
        "span_ruler",
        name=RULES_KEY,
        after="theme_compounds",
        config={"spans_key": RULES_KEY, "validate": True, "phrase_matcher_attr": "LEMMA"},
    )
    ruler.add_patterns(theme_patterns(nlp))
    return nlp


def rule_matches(doc: Doc) -> list[tuple[str, str, float]]:
    """(theme, term, weight) for each rule span not contained in a longer span.

    A span strictly inside a longer match is dropped ("miljö" inside "arbetsmiljö", "enkät" inside
    "medarbetarenkät"); spans with the same boundaries all stay, so one term may vote for two
    themes. A gapped term shadows only what shares its first or last token, not its gap.
    """
    spans = list(doc.spans[RULES_KEY]) if RULES_KEY in doc.spans else []
    out = []
    for span in spans:
        if not any(shadows(o, span) for o in spans):
            weight, _, term = span.id_.partition("|")
            out.append((span.label_, term, float(weight)))
    return out


def shadows(longer: Span, span: Span) -> bool:
    """`longer` covers `span` and is longer; a gapped `longer` must share an end with it."""
    if not (longer.start <= span.start and span.end <= longer.end and len(longer) > len(span)):
        return False
    if "…" in longer.id_:
        return longer.start == span.start or longer.end == span.end
    return True


def rule_scores(doc: Doc) -> dict[str, float]:
    """Noisy-OR of the weights of a theme's surviving matches (one match per distinct term)."""
    seen: dict[str, dict[str, float]] = {}
    for theme, term, weight in rule_matches(doc):
        seen.setdefault(theme, {})[term] = weight
    scores = {}
    for theme, terms in seen.items():
        miss = 1.0
        for weight in terms.values():
            miss *= 1.0 - weight
        scores[theme] = 1.0 - miss
    return scores
