"""Theme classification of findings: finding text (and where it was listed) in, theme ids out.

Two layers vote on every theme of the taxonomy (`reference/themes.csv`):

- rules (`rules.py`): a SpanRuler over lemmas, with compounds split into their parts
  (`compounds.py`), matching the vocabulary of `reference/theme_terms.toml` (`vocabulary.py`);
- a trained `textcat_multilabel` (`model.py`): a bag of lemmas with a logistic output per theme,
  trained by `pipeline.themes_training`, which also sees the item's area as a context word.

`scoring.py` combines them and decides how many themes an item keeps.
"""

from .model import DEFAULT_MODEL_DIR, build_base_pipeline, load_theme_model
from .scoring import (
    FALLBACK_THRESHOLD,
    MARGIN,
    MAX_THEMES,
    THRESHOLD,
    Context,
    ThemeResult,
    classify_texts,
    combine_scores,
    context_word,
    doc_scores,
    explain_text,
    model_text,
    select_themes,
)
from .compounds import analyse_word, split_compound
from .rules import RULES_KEY, add_rule_layer, rule_matches, rule_scores
from .taxonomy import THEME_IDS, read_themes

__all__ = [
    "DEFAULT_MODEL_DIR",
    "FALLBACK_THRESHOLD",
    "MARGIN",
    "MAX_THEMES",
    "RULES_KEY",
    "THEME_IDS",
    "THRESHOLD",
    "Context",
    "ThemeResult",
    "add_rule_layer",
    "analyse_word",
    "build_base_pipeline",
    "classify_texts",
    "combine_scores",
    "context_word",
    "doc_scores",
    "explain_text",
    "load_theme_model",
    "model_text",
    "read_themes",
    "rule_matches",
    "rule_scores",
    "select_themes",
    "split_compound",
]
