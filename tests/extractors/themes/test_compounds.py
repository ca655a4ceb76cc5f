"""Compound splitting and lemmas: the `theme_compounds` component."""

from __future__ import annotations

import pytest

from extractors.themes import compounds


def lemmas(word: str) -> list[str]:
    return [lemma for _, lemma in compounds.analyse_word(word)]


@pytest.mark.parametrize(
    "word, expected",
    [
        ("brukarundersökningar", ["brukare", "undersökning"]),
        ("ledarutvecklingsprogram", ["ledare", "utveckling", "program"]),
        ("medarbetarenkät", ["medarbetare", "enkät"]),
        ("medarbetarenkäten", ["medarbetare", "enkät"]),
        ("synpunktshantering", ["synpunkt", "hantering"]),
        ("synpunktshanteringen", ["synpunkt", "hantering"]),
        ("kvalitetsdeklarationerna", ["kvalitet", "deklaration"]),
        ("arbetsmiljöarbetet", ["arbetsmiljö", "arbete"]),
        ("visselblåsarfunktionen", ["visselblåsare", "funktion"]),
    ],
)
def test_compounds_split_into_lemmatized_parts(word, expected):
    assert lemmas(word) == expected


def test_split_parts_concatenate_to_the_original_spelling():
    for word in ("Brukarundersökningarna", "IT-stödet", "e-tjänsterna", "Ledarutvecklingsprogrammet"):
        assert "".join(orth for orth, _ in compounds.analyse_word(word)) == word


def test_hyphenated_words_split_after_the_hyphen():
    assert compounds.analyse_word("IT-stödet") == (("IT-", "it"), ("stödet", "stöd"))
    assert lemmas("e-tjänsterna") == ["e", "tjänst"]


def test_known_words_and_names_are_not_split_into_junk():
    assert lemmas("förtroendevalda") == ["förtroendevald"]
    assert lemmas("undersökning") == ["undersökning"]
    assert lemmas("verksamheter") == ["verksamhet"]
    assert len(compounds.analyse_word("Instagram")) == 1


def test_lemma_overrides_fix_the_lookup_table():
    assert compounds.lemma_of("nämnd") == "nämnd"
    assert compounds.lemma_of("ledare") == "ledare"
    assert compounds.lemma_of("nämnderna") == "nämnd"


def test_pipeline_splits_tokens_and_sets_lemma_and_norm(rules_nlp):
    doc = rules_nlp("Utveckla brukarundersökningarna.")
    assert [t.text for t in doc] == ["Utveckla", "brukar", "undersökningarna", "."]
    assert [t.lemma_ for t in doc][1:3] == ["brukare", "undersökning"]
    assert [t.norm_ for t in doc][1:3] == ["brukare", "undersökning"]
    assert doc.text == "Utveckla brukarundersökningarna."
