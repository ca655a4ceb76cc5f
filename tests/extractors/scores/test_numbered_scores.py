"""Scores given by the area's number: "Poäng område 3: 45,5 av 100" closes an area's section.

The number names the area, a points word says the number after it is a score, and "av 100" (or
"av 800" for the total) is the maximum, never a score. Lines that only look alike (a count of
questions, a bare number, a score above its maximum, prose about the maximum) are not read.
"""

import pytest

from extractors.organisations import resolve_organisation
from extractors.page import words_to_lines
from extractors.scores import extract_scores
from extractors.scores.pages import may_hold_scores
from tests.extractors.synthetic import document, page_words

LUNDBY = resolve_organisation("Lundby stadsdelsförvaltning")


def extract(*pages: list) -> list:
    return extract_scores(document(*pages), "2003", LUNDBY, 2008, "report")


def test_area_and_total_scores_given_by_number():
    pages = [
        [
            "Kontroll och rapportering",
            "Arbetet följs upp varje kvartal.",
            ("Poäng område 3: 45,5 av 100", {"bold": True}),
        ],
        ["Poäng för område 2: 64", "Område 4: 52 poäng av 100", "Område 7 – 47,5 p"],
        ["Sammanfattning", "Poäng totalt: 356 av 700"],
    ]
    assert [(o.area, o.value) for o in extract(["Resultat", "Totalpoäng: 356,5 av 800"])] == [(None, 356.5)]
    obs = extract(*pages)
    got = sorted((o.area or 0, o.value, o.page, o.role, o.scale, o.label, o.strategy) for o in obs)
    assert got == [
        (0, 356.0, 3, "primary", "old", None, "headings"),
        (2, 64.0, 2, "primary", "old", "Poäng för område 2", "headings"),
        (3, 45.5, 1, "primary", "old", "Poäng område 3", "headings"),
        (4, 52.0, 2, "primary", "old", "Område 4", "headings"),
        (7, 47.5, 2, "primary", "old", "Område 7", "headings"),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Område 2: 3 frågor",
        "Område 6: 4",
        "Poäng område 5: 120 av 100",
        "För varje område kan högst 100 poäng ges, vilket innebär att maximum är 800.",
        "Område 9: 45 poäng",
        "Område 3: 45 av 50",
        "Totalt: 58 p",
        "Totalt: 58 av 100",
        "Totalt: 97 poäng",
        "Totalt: 912 poäng",
        "Totalt: 352",
    ],
)
def test_look_alikes_are_no_scores(line):
    assert extract(["Inledning", line]) == []


def test_a_page_with_a_numbered_score_is_a_score_page():
    assert may_hold_scores(words_to_lines(page_words(["Sammanfattning område 1", "Poäng område 1: 57 av 100"]), 1))


def test_a_bulleted_list_of_scores_by_number():
    """A closing list repeats the scores, one bullet an area (a Symbol-font bullet comes out as a
    private-use character), and the total with its maximum and a word after it."""
    page = [
        "Sammanställning av poängen",
        "Lundbys poäng per område 2008:",
        [("\uf0b7", 62.0), ("Område 2: 48 poäng", 80.0)],
        [("•", 62.0), ("Område 6: 39,5 poäng", 80.0)],
        "– Område 7: 51 p",
        ("Totalt: 312,5 poäng av 700 möjliga", {"bold": True}),
    ]
    got = sorted((o.area or 0, o.value, o.label, o.strategy) for o in extract(page))
    assert got == [
        (0, 312.5, None, "headings"),
        (2, 48.0, "Område 2", "headings"),
        (6, 39.5, "Område 6", "headings"),
        (7, 51.0, "Område 7", "headings"),
    ]


def test_a_total_closing_a_list_is_kept_without_its_maximum():
    """More points than an area can get: the document's total, kept as printed even when the areas
    above sum to less (the reconciliation's sum check says so, not the reader)."""
    page = ["Poängsammanställning", "Område 1: 48 poäng", "Område 2: 55 poäng", "Totalt: 352 poäng"]
    got = sorted((o.area or 0, o.value, o.role, o.scale, o.strategy) for o in extract(page))
    assert got == [
        (0, 352.0, "primary", "old", "headings"),
        (1, 48.0, "primary", "old", "headings"),
        (2, 55.0, "primary", "old", "headings"),
    ]
