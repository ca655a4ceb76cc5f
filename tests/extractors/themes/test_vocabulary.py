"""The taxonomy and the vocabulary data files."""

from __future__ import annotations

import pytest

from extractors.themes import taxonomy, vocabulary


def test_theme_ids_come_from_reference_csv():
    rows = taxonomy.read_themes()
    assert len(rows) == 20
    assert [r["id"] for r in rows] == list(taxonomy.THEME_IDS)
    assert all(r["label"] and r["description"] for r in rows)
    assert {theme for theme, _, _ in vocabulary.theme_terms()} == set(taxonomy.THEME_IDS)


def test_terms_are_read_with_their_strength():
    terms = {(theme, term): weight for theme, term, weight in vocabulary.theme_terms()}
    assert terms[("etik", "visselblåsare")] == vocabulary.TERM_WEIGHTS["S"]
    assert terms[("medborgardialog", "dialog")] == vocabulary.TERM_WEIGHTS["M"]
    assert terms[("medborgardialog", "invånare … påverka")] == vocabulary.TERM_WEIGHTS["S"]
    assert len(terms) > 1000


@pytest.mark.parametrize(
    "toml, message",
    [
        ('[no_such_theme]\nS = "ord"\n', "not a theme id"),
        ('[etik]\nX = "ord"\n', "not one of"),
    ],
)
def test_a_typo_in_the_vocabulary_is_an_error_not_a_lost_theme(tmp_path, monkeypatch, toml, message):
    (tmp_path / "theme_terms.toml").write_text(toml, encoding="utf-8")
    monkeypatch.setattr(vocabulary, "REFERENCE", tmp_path)
    vocabulary.theme_terms.cache_clear()
    try:
        with pytest.raises(ValueError, match=message):
            vocabulary.theme_terms()
    finally:
        vocabulary.theme_terms.cache_clear()


@pytest.mark.parametrize(
    "text, expanded",
    [
        ("Webbsänd KF", "Webbsänd KF [kommunfullmäktige]"),
        ("HR-strategi saknas", "HR-strategi [personal strategi] saknas"),
        ("Få e-tjänster", "Få e-tjänster [digitala tjänster]"),
        ("LSS och LOV", "LSS [stöd och service till funktionshindrade] och LOV [valfrihetssystem brukarens val]"),
        ("Rapporter till KS.", "Rapporter till KS [kommunstyrelsen]."),
        ("Kommunens IT", "Kommunens IT [informationsteknik]"),
    ],
)
def test_short_forms_are_spelled_out_beside_the_original(text, expanded):
    assert vocabulary.expand_abbreviations(text) == expanded


@pytest.mark.parametrize("text", ["it is", "KFs protokoll", "OKS", "ks", "Ekonomi-IT-stöd"])
def test_only_whole_short_forms_in_their_own_case_are_expanded(text):
    assert vocabulary.expand_abbreviations(text) == text
