"""Findings get their themes (spaCy classifier) and recurring-wording ids, then their final shape.

The classifier and the clustering are pure extractor functions; this stage loads the shipped model
once per run and applies both to every finding of the dataset, since a recurring id only means
something across evaluations.
"""
from __future__ import annotations

from functools import lru_cache

from extractors.recurring import recurring_ids
from extractors.themes import classify_texts, load_theme_model, read_themes


@lru_cache(maxsize=1)
def theme_model():
    return load_theme_model()


def enrich_findings(findings: list[dict]) -> list[dict]:
    """The findings with `themes` (best first), `theme_scores` and `recurring_id` filled in."""
    if not findings:
        return []
    texts = [f["text"] for f in findings]
    themes = classify_texts(theme_model(), texts)
    ids = recurring_ids(texts)
    return [{**f, "themes": t.themes, "theme_scores": list(t.scores.items()), "recurring_id": rid}
            for f, t, rid in zip(findings, themes, ids)]


def themes_rows() -> list[dict]:
    return [{"id": t["id"], "label": t["label"], "description": t["description"]} for t in read_themes()]
