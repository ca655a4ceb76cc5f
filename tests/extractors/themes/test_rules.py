"""The rule layer: vocabulary terms as lemma patterns, shadowing, noisy-OR scores."""

from __future__ import annotations

import pytest

from extractors.themes import rules, vocabulary


def rule_themes(nlp, text: str) -> set[str]:
    return {theme for theme, _, _ in rules.rule_matches(nlp(text))}


@pytest.mark.parametrize(
    "text, theme",
    [
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
    ],
)
def test_rules_match_unlisted_compounds_and_inflections(rules_nlp, text, theme):
    assert theme in rule_themes(rules_nlp, text)


def test_longer_term_shadows_the_shorter_one_inside_it(rules_nlp):
    matched = rule_themes(rules_nlp, "Arbetsmiljön är god")
    assert "arbetsmiljo" in matched
    assert "hallbarhet" not in matched  # "miljö" is inside "arbetsmiljö"
    assert "samhallsutveckling" in rule_themes(rules_nlp, "Ett rikt kulturliv")
    assert "vardegrund" not in rule_themes(rules_nlp, "Ett rikt kulturliv")


def test_spelling_variants_of_one_term_count_once(rules_nlp):
    doc = rules_nlp("Digitala tjänster")
    assert rules.rule_scores(doc)["digitalisering"] == pytest.approx(vocabulary.TERM_WEIGHTS["S"])


def test_rule_scores_are_a_noisy_or_of_term_weights(rules_nlp):
    doc = rules_nlp("Mätbara mål och indikatorer")
    weights = [w for theme, _, w in rules.rule_matches(doc) if theme == "mal_styrning"]
    miss = 1.0
    for w in weights:
        miss *= 1 - w
    assert len(weights) >= 2
    assert rules.rule_scores(doc)["mal_styrning"] == pytest.approx(1 - miss)


def test_every_term_yields_a_pattern(rules_nlp):
    for theme, term, weight in vocabulary.theme_terms():
        assert rules.term_to_pattern(rules_nlp, term), (theme, term)
        assert weight in vocabulary.TERM_WEIGHTS.values()
