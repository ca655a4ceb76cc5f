from hypothesis import given, strategies as st

from extractors.text import is_not_assessed, join_wrapped, parse_average, parse_score, slugify, strip_bullet, years_in


def test_parse_score_reads_swedish_decimals_and_suffixes():
    assert parse_score("63,5") == 63.5
    assert parse_score("74") == 74.0
    assert parse_score("51%") == 51.0
    assert parse_score("446,5") == 446.5
    assert parse_score("1.1") is None  # a sub-question number, not a score
    assert parse_score("2010") is None  # a year
    assert parse_score("abc") is None


def test_average_in_parentheses():
    assert parse_average("(63)") == 63.0
    assert parse_average("(63,5)") == 63.5
    assert parse_average("63") is None


def test_not_assessed_marks():
    for mark in ("–", "-", "—", "*)", "0*)"):
        assert is_not_assessed(mark)
    assert not is_not_assessed("0")


def test_bullets_of_every_kind_are_removed():
    for bullet in ("•", "–", "-", "o", "\uf0b7", "1.", "2)", "▪"):
        assert strip_bullet(f"{bullet} Utveckla dialogen") == (True, "Utveckla dialogen")
    assert strip_bullet("Kommunen har") == (False, "Kommunen har")
    assert strip_bullet("1.1 Plan för demokrati") == (False, "1.1 Plan för demokrati")


def test_hyphenation_joined_but_shortened_compounds_kept():
    assert (
        join_wrapped(["Inför kvalitets-", "deklarationer för all service"])
        == "Inför kvalitetsdeklarationer för all service"
    )
    assert join_wrapped(["Samverkan inom hälso-", "och sjukvård"]) == "Samverkan inom hälso- och sjukvård"
    assert join_wrapped(["ekonomi-, personal-", "och kvalitetsfrågor"]) == "ekonomi-, personal- och kvalitetsfrågor"
    assert join_wrapped(["Utveckla  dialogen", "med unga"]) == "Utveckla dialogen med unga"


def test_hyphen_after_an_abbreviation_is_kept():
    assert join_wrapped(["Projekt (ej EU-", "finansierade) följs upp"]) == "Projekt (ej EU-finansierade) följs upp"
    assert join_wrapped(["Ett gemensamt IT-", "stöd"]) == "Ett gemensamt IT-stöd"
    assert join_wrapped(["Följ upp KF-", "målen"]) == "Följ upp KF-målen"
    assert join_wrapped(["enligt SKL-", "modellen"]) == "enligt SKL-modellen"
    assert join_wrapped(["EU- och", "statsbidrag"]) == "EU- och statsbidrag"
    assert join_wrapped(["EU-", "och statsbidrag"]) == "EU- och statsbidrag"
    assert join_wrapped(["Inför ett nytt Kvalitets-", "system"]) == "Inför ett nytt Kvalitetssystem"


def test_slug_and_years():
    assert slugify("Hässelby-Vällingby") == "hasselby-vallingby"
    assert slugify("Tyresö") == "tyreso"
    assert years_in("Besök 12–14 april 2010, rapport 2010-06-09") == [2010, 2010]


@given(st.text(max_size=30))
def test_text_parsers_never_crash(text):
    parse_score(text)
    parse_average(text)
    is_not_assessed(text)
    had, rest = strip_bullet(text)
    assert rest == rest.strip()
    assert "\n" not in join_wrapped(text.splitlines() or [""])


@given(st.integers(0, 100), st.sampled_from(["", ",5", ",25"]))
def test_every_printed_score_reads_back(whole, frac):
    value = parse_score(f"{whole}{frac}")
    assert value == whole + {"": 0, ",5": 0.5, ",25": 0.25}[frac]


def test_unmapped_bullet_glyphs_are_bullets():
    for glyph in ("\x00", "\uf0a7", "\ufffd", "\ue000"):
        assert strip_bullet(f"{glyph} Utveckla dialogen") == (True, "Utveckla dialogen")
