"""Findings get their themes (spaCy classifier) and recurring-wording ids, then their final shape.

The classifier and the clustering are pure extractor functions; this stage loads the shipped model
once per run and applies both to every finding of the dataset, since a recurring id only means
something across evaluations.
"""

from __future__ import annotations

from functools import lru_cache

from extractors.recurring import recurring_ids
from extractors.themes import Context, classify_texts, load_theme_model, read_themes


#: Scores below this carry no information (the classifier's floor); they are left out of theme_scores.
MIN_THEME_SCORE = 0.01


@lru_cache(maxsize=1)
def theme_model():
    return load_theme_model()


def enrich_findings(findings: list[dict], frameworks: dict[str, str | None] | None = None) -> list[dict]:
    """The findings with `themes` (best first), `theme_scores` and `recurring_id` filled in.

    `frameworks` maps evaluation_id to its framework: with the finding's area it tells the
    classifier where the item was listed.
    """
    if not findings:
        return []
    texts = [f["text"] for f in findings]
    frameworks = frameworks or {}
    contexts = [Context(frameworks.get(f["evaluation_id"]), f.get("area")) for f in findings]
    themes = classify_texts(theme_model(), texts, contexts)
    ids = recurring_ids(texts)
    return [
        {**f, "themes": t.themes, "theme_scores": scores_worth_keeping(t.scores), "recurring_id": rid}
        for f, t, rid in zip(findings, themes, ids)
    ]


def scores_worth_keeping(scores: dict[str, float]) -> list[tuple[str, float]]:
    """Theme scores of at least MIN_THEME_SCORE, best first: the rest are noise in a 20-theme map."""
    return sorted(((k, round(v, 4)) for k, v in scores.items() if v >= MIN_THEME_SCORE), key=lambda kv: -kv[1])


def themes_rows() -> list[dict]:
    return [{"id": t["id"], "label": t["label"], "description": t["description"]} for t in read_themes()]
