"""Totals of earlier evaluations told in a sentence (extractors.scores.prose)."""

import pytest

from extractors.organisations import resolve_organisation
from extractors.scores import extract_scores
from tests.extractors.synthetic import document

GOTLAND = resolve_organisation("Region Gotland")


def totals(*lines: str, year: int = 2022) -> list[tuple]:
    doc = document(["Sammanfattning av resultat", *lines])
    return [
        (o.year, o.area, o.value, o.role, o.scale, o.page, o.strategy)
        for o in extract_scores(doc, "2020", GOTLAND, year)
    ]


def test_an_earlier_total_in_a_sentence_wrapped_over_lines():
    got = totals(
        "Vid den förra utvärderingen 2018 fick Region Gotland 498 poäng av 800",
        "möjliga. Resultaten per område går inte att jämföra.",
    )
    assert got == [(2018, None, 498.0, "history", "new", 1, "prose")]


@pytest.mark.parametrize(
    "sentence, value",
    [
        ("I utvärderingen 2014 fick regionen 431,5 poäng.", 431.5),
        ("Vid Kommunkompassen 2009 erhöll Gotland totalt 402 poäng.", 402.0),
    ],
)
def test_the_report_may_name_itself_or_be_named(sentence, value):
    assert [(y, v) for y, _, v, *_ in totals(sentence)] == [(int(sentence.split()[2].strip(".")), value)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Vid utvärderingen 2018 fick Uppsala kommun 512 poäng.",  # another organisation
        "Vid utvärderingen 2022 fick regionen 497 poäng.",  # this evaluation: read from its table
        "Vid utvärderingen 2018 fick regionen 100 poäng inom området.",  # an area's score
        "Vid utvärderingen 2018 fick regionen 950 poäng.",  # above any total
        "Regionen fick 498 poäng år 2018.",  # no evaluation named before the year
        "Sedan utvärderingen 2018 har 120 medarbetare fått utbildning.",
    ],
)
def test_other_sentences_with_numbers_are_no_earlier_total(sentence):
    assert totals(sentence) == []
