"""Scores per theme from both layers, the themes kept, and the finding's context as evidence.

Combination (`combine_scores`): score = 1 - (1 - rule) * (1 - model), a noisy-OR. With the term
weights of vocabulary.py and THRESHOLD 0.6: a strong term alone assigns its theme; a medium term
needs the model at >= 0.2, a weak one at >= 0.47; the model alone needs >= 0.6. The best theme is
kept when it reaches THRESHOLD (or FALLBACK_THRESHOLD when nothing does); a second and third only
when they also come close to the best (MARGIN): real list items are mostly about one thing, and a
fixed threshold alone kept two or three themes for single-topic items.

Context: the area an item is listed under is strong evidence ("Webbsänt KF" under area 1 is about
information, not digitalisation). It reaches the model as one pseudo-word per area subject
(`context_word`), learned from training items that carry their framework and area.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..frameworks import common_area
from .rules import rule_matches, rule_scores
from .taxonomy import THEME_IDS
from .vocabulary import expand_abbreviations

#: A theme whose combined score reaches this may be assigned; see `pipeline.themes_training tune`.
THRESHOLD = 0.6
#: When no theme reaches THRESHOLD, the best is still kept if it reaches this: almost every item
#: has a theme (cross-validation on the training items: best-among-gold 0.849 without it).
FALLBACK_THRESHOLD = 0.25
#: A second or third theme is kept only when its score is at least the best's minus this. 5-fold
#: cross-validation on the training items (`python -m pipeline.themes_training tune`, threshold
#: 0.6, fallback 0.25): micro-F1 0.900 at 0.1, 0.898 at 0.15, 0.894 at 0.3, 0.887 without a margin
#: (1.20 labels per item against the gold's 1.12), 0.889 at 0.05 (too few second themes). Of 0.1 and
#: 0.15, equal within the folds' noise, 0.15 keeps both themes of the taxonomy's own two-theme
#: examples (THEMES.md: e-mail response times reported to the board, 0.98 and 0.84).
MARGIN = 0.15
#: No labelled item carries more than three themes; a fourth would be noise.
MAX_THEMES = 3


@dataclass(frozen=True)
class ThemeResult:
    """Themes of one text, best first (possibly none), and the combined score of every theme."""

    themes: list[str]
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Context:
    """Where a finding was listed: its framework version and area (either may be unknown)."""

    framework: str | None = None
    area: int | None = None


def context_word(context: Context | None) -> str | None:
    """The pseudo-word the model sees for an item's area subject ("kompassomrade3"), the same for
    one subject in every framework version; None without a known area."""
    subject = common_area(context.framework, context.area) if context else None
    return f"kompassomrade{subject}" if subject else None


def model_text(text: str, context: Context | None = None) -> str:
    """What the pipeline reads for one item: short forms spelled out, then the context word."""
    word = context_word(context)
    expanded = expand_abbreviations(text)
    return f"{expanded} {word}" if word else expanded


def combine_scores(rules: dict[str, float], model: dict[str, float]) -> dict[str, float]:
    """Noisy-OR of rule and model score per theme: 1 - (1 - rule) * (1 - model)."""
    return {t: 1.0 - (1.0 - rules.get(t, 0.0)) * (1.0 - model.get(t, 0.0)) for t in THEME_IDS}


def select_themes(
    scores: dict[str, float],
    threshold: float = THRESHOLD,
    fallback: float = FALLBACK_THRESHOLD,
    margin: float = MARGIN,
    max_themes: int = MAX_THEMES,
) -> list[str]:
    """The best theme if it reaches `threshold` (else if it reaches `fallback`), then the next
    ones that reach `threshold` and lie within `margin` of the best; best first, ties by id."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked or ranked[0][1] < min(threshold, fallback):
        return []
    best = ranked[0][1]
    return [ranked[0][0]] + [t for t, s in ranked[1:max_themes] if s >= threshold and s >= best - margin]


def doc_scores(doc: Doc) -> dict[str, float]:
    """Combined score of every theme for a processed doc (model part 0 without a textcat)."""
    return combine_scores(rule_scores(doc), dict(doc.cats))


def classify_texts(
    nlp: Language, texts: Iterable[str], contexts: Sequence[Context | None] | None = None, threshold: float = THRESHOLD
) -> list[ThemeResult]:
    """Theme every text: ThemeResult(themes best first, scores of all themes rounded to 4 places).

    `nlp` is `load_theme_model()` (rules + model) or `build_base_pipeline()` (rules only);
    `contexts`, when given, has one entry per text. Empty texts get no themes and no scores.
    """
    texts = list(texts)
    contexts = list(contexts) if contexts is not None else [None] * len(texts)
    if len(contexts) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(contexts)} contexts")
    results: list[ThemeResult | None] = [None] * len(texts)
    todo = [(i, model_text(t, c)) for i, (t, c) in enumerate(zip(texts, contexts)) if t and t.strip()]
    for (i, _), doc in zip(todo, nlp.pipe((t for _, t in todo), batch_size=256)):
        scores = {t: round(s, 4) for t, s in doc_scores(doc).items()}
        results[i] = ThemeResult(select_themes(scores, threshold), scores)
    return [r if r is not None else ThemeResult([], {}) for r in results]


def explain_text(nlp: Language, text: str, context: Context | None = None) -> dict:
    """What the classifier saw: tokens with lemmas, rule matches, model and combined scores."""
    doc = nlp(model_text(text, context))
    return {
        "tokens": [(t.text, t.lemma_) for t in doc],
        "rules": rule_matches(doc),
        "model": {t: round(s, 3) for t, s in sorted(doc.cats.items(), key=lambda kv: -kv[1])[:5]},
        "scores": {t: round(s, 3) for t, s in sorted(doc_scores(doc).items(), key=lambda kv: -kv[1])[:5]},
    }
