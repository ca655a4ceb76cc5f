"""Combining the layers, how many themes an item keeps, classify_texts and the shipped model."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import themes as th


# --- combination rule and threshold ----------------------------------------------------------


def test_combination_is_noisy_or_over_all_themes():
    scores = th.combine_scores({"etik": 0.5}, {"etik": 0.5, "information": 0.2})
    assert set(scores) == set(th.THEME_IDS)
    assert scores["etik"] == pytest.approx(0.75)
    assert scores["information"] == pytest.approx(0.2)
    assert scores["hallbarhet"] == 0.0


def test_threshold_is_inclusive_and_orders_best_first():
    t = th.THRESHOLD
    scores = {"etik": t, "information": t + 0.1, "bemotande": t - 0.01}
    assert th.select_themes(scores) == ["information", "etik"]


def test_at_most_max_themes():
    scores = {theme: 0.99 - i * 0.001 for i, theme in enumerate(th.THEME_IDS)}
    assert th.select_themes(scores) == list(th.THEME_IDS[: th.MAX_THEMES])


def test_fallback_keeps_a_lone_best_guess_but_not_noise():
    assert th.select_themes({"etik": th.FALLBACK_THRESHOLD, "information": 0.1}) == ["etik"]
    assert th.select_themes({"etik": th.FALLBACK_THRESHOLD - 0.01}) == []
    assert th.select_themes({}) == []


def test_threshold_parameter_changes_the_cut():
    scores = {"etik": 0.95, "information": 0.55}
    assert th.select_themes(scores, threshold=0.5, margin=1.0) == ["etik", "information"]
    assert th.select_themes(scores, threshold=0.9, margin=1.0) == ["etik"]


def test_a_second_theme_must_come_close_to_the_best():
    best = 0.95
    close, far = best - th.MARGIN, best - th.MARGIN - 0.01
    assert th.select_themes({"etik": best, "information": close}) == ["etik", "information"]
    assert th.select_themes({"etik": best, "information": far}) == ["etik"]
    assert th.select_themes({"etik": best, "information": close, "bemotande": far}) == ["etik", "information"]


def test_margin_never_keeps_a_theme_under_the_threshold():
    t = th.THRESHOLD
    assert th.select_themes({"etik": t + 0.01, "information": t - 0.01}) == ["etik"]


# --- context ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "framework, area, word",
    [
        ("2010", 1, "kompassomrade1"),
        ("2016", 8, "kompassomrade8"),
        ("2003", 6, "kompassomrade6"),
        ("2020", 2, "kompassomrade8"),  # 2020 area 2 Samhällsutveckling = the old area 8
        ("2020", 5, "kompassomrade2"),  # Brukarens fokus = the old area 2
        ("2020", 8, "kompassomrade4"),  # Chefs- och ledarskap = the old area 4
        ("no", 3, "kompassomrade3"),
    ],
)
def test_one_subject_has_one_context_word_across_versions(framework, area, word):
    assert th.context_word(th.Context(framework, area)) == word


@pytest.mark.parametrize(
    "context", [None, th.Context(), th.Context("2010", None), th.Context(None, 3), th.Context("2010", 9)]
)
def test_no_context_word_without_a_known_area(context):
    assert th.context_word(context) is None
    assert th.model_text("Tydliga mål", context) == "Tydliga mål"


def test_model_text_spells_out_short_forms_and_adds_the_context():
    assert th.model_text("Webbsänd KF", th.Context("2010", 1)) == "Webbsänd KF [kommunfullmäktige] kompassomrade1"


def test_contexts_must_match_texts(model_nlp):
    with pytest.raises(ValueError, match="2 texts but 1 contexts"):
        th.classify_texts(model_nlp, ["a", "b"], [None])


def test_the_area_an_item_is_listed_under_moves_its_theme(model_nlp):
    """One terse item, two areas: the context word is learned evidence, not decoration."""
    text = "Nyckeltal"
    under_results, under_reporting = th.classify_texts(
        model_nlp, [text, text], [th.Context("2010", 5), th.Context("2010", 3)]
    )
    assert under_results.scores != under_reporting.scores
    assert under_results.scores["jamforelser"] > under_reporting.scores["jamforelser"]


# --- classify_texts --------------------------------------------------------------------------


def test_classify_rules_only_pipeline(rules_nlp):
    [result] = th.classify_texts(rules_nlp, ["Inför brukarundersökningar i hemtjänsten"])
    assert result.themes[0] == "brukarfokus"
    assert set(result.scores) == set(th.THEME_IDS)


@pytest.mark.parametrize(
    "text, best",
    [
        ("Inför en tydlig kanal där anställda anonymt kan rapportera misstänkta oegentligheter", "etik"),
        ("Ett gemensamt program för att utveckla blivande chefer", "ledarskap"),
        ("Kommunen har en väl utvecklad synpunktshantering", "brukarfokus"),
        ("Överväg att införa ett system för avvikelsehantering", "uppfoljning"),
        ("Tydlig rollfördelning mellan politiker och tjänstemän", "politik_forvaltning"),
    ],
)
def test_model_picks_the_main_theme(model_nlp, text, best):
    [result] = th.classify_texts(model_nlp, [text])
    assert result.themes and result.themes[0] == best


def test_multi_label_output(model_nlp):
    [result] = th.classify_texts(
        model_nlp, ["Jämför kostnad per brukare med liknande kommuner och koppla den till nöjdhet"]
    )
    assert "jamforelser" in result.themes and len(result.themes) >= 2
    [result] = th.classify_texts(
        model_nlp, ["Mät hur snabbt e-post från invånare besvaras och rapportera resultaten till nämnden"]
    )
    assert {"bemotande", "uppfoljning"} <= set(result.themes)
    assert result.themes == sorted(result.themes, key=lambda t: -result.scores[t])


def test_empty_and_blank_texts_get_no_theme(model_nlp):
    results = th.classify_texts(model_nlp, ["", "   ", "Tydliga mål"])
    assert results[0] == th.ThemeResult([], {}) and results[1].themes == []
    assert results[2].themes[0] == "mal_styrning"


def test_results_keep_input_order_and_length(model_nlp):
    texts = ["Sjukfrånvaron är hög", "", "Ett rikt föreningsliv", "Värdegrunden är känd"]
    results = th.classify_texts(model_nlp, texts)
    assert [r.themes[0] if r.themes else None for r in results] == [
        "arbetsmiljo",
        None,
        "samhallsutveckling",
        "vardegrund",
    ]


def test_missing_model_directory_is_reported(tmp_path):
    with pytest.raises(FileNotFoundError):
        th.load_theme_model(tmp_path / "nothing-here")


def test_explain_text_shows_tokens_rules_and_scores(model_nlp):
    info = th.explain_text(model_nlp, "Brukarundersökningar saknas")
    assert ("brukar", "brukare") in [(t.lower(), l) for t, l in info["tokens"]]
    assert any(theme == "brukarfokus" for theme, _, _ in info["rules"])
    assert next(iter(info["scores"])) == "brukarfokus"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80), max_size=4))
def test_any_text_gives_valid_results(model_nlp, texts):
    results = th.classify_texts(model_nlp, texts)
    assert len(results) == len(texts)
    for result in results:
        assert set(result.themes) <= set(th.THEME_IDS)
        assert len(result.themes) <= th.MAX_THEMES
        assert all(0.0 <= s <= 1.0 for s in result.scores.values())
