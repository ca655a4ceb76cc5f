"""Theme classifier: compound splitting, the rule layer, the combination rule and the shipped model."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import themes as th


@pytest.fixture(scope="module")
def rules_nlp():
    return th.build_base_pipeline()


@pytest.fixture(scope="module")
def model_nlp():
    return th.load_theme_model()


def lemmas(word: str) -> list[str]:
    return [lemma for _, lemma in th.analyse_word(word)]


# --- taxonomy --------------------------------------------------------------------------------

def test_theme_ids_come_from_reference_csv():
    rows = th.read_themes()
    assert len(rows) == 20
    assert [r["id"] for r in rows] == list(th.THEME_IDS)
    assert all(r["label"] and r["description"] for r in rows)
    assert set(th.THEME_TERMS) == set(th.THEME_IDS)


# --- compounds and lemmas --------------------------------------------------------------------

@pytest.mark.parametrize("word, expected", [
    ("brukarundersökningar", ["brukare", "undersökning"]),
    ("ledarutvecklingsprogram", ["ledare", "utveckling", "program"]),
    ("medarbetarenkät", ["medarbetare", "enkät"]),
    ("medarbetarenkäten", ["medarbetare", "enkät"]),
    ("synpunktshantering", ["synpunkt", "hantering"]),
    ("synpunktshanteringen", ["synpunkt", "hantering"]),
    ("kvalitetsdeklarationerna", ["kvalitet", "deklaration"]),
    ("arbetsmiljöarbetet", ["arbetsmiljö", "arbete"]),
    ("visselblåsarfunktionen", ["visselblåsare", "funktion"]),
])
def test_compounds_split_into_lemmatized_parts(word, expected):
    assert lemmas(word) == expected


def test_split_parts_concatenate_to_the_original_spelling():
    for word in ("Brukarundersökningarna", "IT-stödet", "e-tjänsterna", "Ledarutvecklingsprogrammet"):
        assert "".join(orth for orth, _ in th.analyse_word(word)) == word


def test_hyphenated_words_split_after_the_hyphen():
    assert th.analyse_word("IT-stödet") == (("IT-", "it"), ("stödet", "stöd"))
    assert lemmas("e-tjänsterna") == ["e", "tjänst"]


def test_known_words_and_names_are_not_split_into_junk():
    assert lemmas("förtroendevalda") == ["förtroendevald"]
    assert lemmas("undersökning") == ["undersökning"]
    assert lemmas("verksamheter") == ["verksamhet"]
    assert len(th.analyse_word("Instagram")) == 1


def test_lemma_overrides_fix_the_lookup_table():
    assert th.lemma_of("nämnd") == "nämnd"
    assert th.lemma_of("ledare") == "ledare"
    assert th.lemma_of("nämnderna") == "nämnd"


def test_pipeline_splits_tokens_and_sets_lemma_and_norm(rules_nlp):
    doc = rules_nlp("Utveckla brukarundersökningarna.")
    assert [t.text for t in doc] == ["Utveckla", "brukar", "undersökningarna", "."]
    assert [t.lemma_ for t in doc][1:3] == ["brukare", "undersökning"]
    assert [t.norm_ for t in doc][1:3] == ["brukare", "undersökning"]
    assert doc.text == "Utveckla brukarundersökningarna."


# --- rule layer ------------------------------------------------------------------------------

def rule_themes(nlp, text: str) -> set[str]:
    return {theme for theme, _, _ in th.rule_matches(nlp(text))}


@pytest.mark.parametrize("text, theme", [
    ("Utveckla brukarundersökningarna inom omsorgen", "brukarfokus"),
    ("Ett ledarutvecklingsprogram för alla chefer", "ledarskap"),
    ("Medarbetarenkäten genomförs vartannat år", "arbetsmiljo"),
    ("Synpunktshanteringen är väl utvecklad", "brukarfokus"),
    ("Kvalitetsdeklarationerna följs inte upp", "brukarfokus"),
    ("Inför en visselblåsarfunktion", "etik"),
    ("Fler e-tjänster behövs", "digitalisering"),
    ("Chefsutvecklingsprogrammet är uppskattat", "ledarskap"),
    ("Medborgardialogerna bör systematiseras", "medborgardialog"),
    ("Sjukfrånvaron är låg", "arbetsmiljo"),
    ("Webbsändningarna av fullmäktige", "information"),
    ("Näringslivsklimatet har förbättrats", "samhallsutveckling"),
    ("Jämställdhetsintegreringen har påbörjats", "mangfald"),
    ("Hållbarhetsarbetet samordnas", "hallbarhet"),
    ("Processkartläggningarna har gett resultat", "effektivitet"),
])
def test_rules_match_unlisted_compounds_and_inflections(rules_nlp, text, theme):
    assert theme in rule_themes(rules_nlp, text)


def test_longer_term_shadows_the_shorter_one_inside_it(rules_nlp):
    matched = rule_themes(rules_nlp, "Arbetsmiljön är god")
    assert "arbetsmiljo" in matched
    assert "hallbarhet" not in matched        # "miljö" is inside "arbetsmiljö"
    assert "samhallsutveckling" in rule_themes(rules_nlp, "Ett rikt kulturliv")
    assert "vardegrund" not in rule_themes(rules_nlp, "Ett rikt kulturliv")


def test_spelling_variants_of_one_term_count_once(rules_nlp):
    doc = rules_nlp("Digitala tjänster")
    assert th.rule_scores(doc)["digitalisering"] == pytest.approx(th.TERM_WEIGHTS["S"])


def test_rule_scores_are_a_noisy_or_of_term_weights(rules_nlp):
    doc = rules_nlp("Mätbara mål och indikatorer")
    weights = [w for theme, _, w in th.rule_matches(doc) if theme == "mal_styrning"]
    miss = 1.0
    for w in weights:
        miss *= 1 - w
    assert len(weights) >= 2
    assert th.rule_scores(doc)["mal_styrning"] == pytest.approx(1 - miss)


def test_every_term_yields_a_pattern(rules_nlp):
    for theme, spec in th.THEME_TERMS.items():
        for term, weight in th.parse_terms(spec):
            assert th.term_to_pattern(rules_nlp, term), (theme, term)
            assert weight in th.TERM_WEIGHTS.values()


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
    assert th.select_themes(scores, threshold=0.5) == ["etik", "information"]
    assert th.select_themes(scores, threshold=0.9) == ["etik"]


# --- classify_texts --------------------------------------------------------------------------

def test_classify_rules_only_pipeline(rules_nlp):
    [result] = th.classify_texts(rules_nlp, ["Inför brukarundersökningar i hemtjänsten"])
    assert result.themes[0] == "brukarfokus"
    assert set(result.scores) == set(th.THEME_IDS)


@pytest.mark.parametrize("text, best", [
    ("Inför en tydlig kanal där anställda anonymt kan rapportera misstänkta oegentligheter", "etik"),
    ("Ett gemensamt program för att utveckla blivande chefer", "ledarskap"),
    ("Kommunen har en väl utvecklad synpunktshantering", "brukarfokus"),
    ("Överväg att införa ett system för avvikelsehantering", "uppfoljning"),
    ("Tydlig rollfördelning mellan politiker och tjänstemän", "politik_forvaltning"),
])
def test_model_picks_the_main_theme(model_nlp, text, best):
    [result] = th.classify_texts(model_nlp, [text])
    assert result.themes and result.themes[0] == best


def test_multi_label_output(model_nlp):
    [result] = th.classify_texts(model_nlp, [
        "Jämför kostnad per brukare med liknande kommuner och koppla den till nöjdhet"])
    assert "jamforelser" in result.themes and len(result.themes) >= 2
    [result] = th.classify_texts(model_nlp, [
        "Mät hur snabbt e-post från invånare besvaras och rapportera resultaten till nämnden"])
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
        "arbetsmiljo", None, "samhallsutveckling", "vardegrund"]


def test_missing_model_directory_is_reported(tmp_path):
    with pytest.raises(FileNotFoundError):
        th.load_theme_model(tmp_path / "nothing-here")


def test_explain_text_shows_tokens_rules_and_scores(model_nlp):
    info = th.explain_text(model_nlp, "Brukarundersökningar saknas")
    assert ("brukar", "brukare") in [(t.lower(), l) for t, l in info["tokens"]]
    assert any(theme == "brukarfokus" for theme, _, _ in info["rules"])
    assert next(iter(info["scores"])) == "brukarfokus"


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80),
                max_size=4))
def test_any_text_gives_valid_results(model_nlp, texts):
    results = th.classify_texts(model_nlp, texts)
    assert len(results) == len(texts)
    for result in results:
        assert set(result.themes) <= set(th.THEME_IDS)
        assert len(result.themes) <= th.MAX_THEMES
        assert all(0.0 <= s <= 1.0 for s in result.scores.values())
