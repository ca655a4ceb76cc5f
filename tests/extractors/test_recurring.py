"""Recurring wordings: near-identical recommendations across evaluations share an id."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from rapidfuzz import fuzz
from hypothesis import strategies as st

from extractors.recurring import ID_PREFIX, SIMILARITY_THRESHOLD, normalise_text, recurring_ids

STOCK = [  # one stock recommendation as twenty reports might word it
    "Utveckla arbetet med brukarundersökningar",
    "• Utveckla brukarundersökningarna",
    "Kommunen bör utveckla arbetet med brukarundersökningar.",
    "- utveckla brukarundersökningar",
    "Utveckla brukarundersökningar",
]


def test_normalise_drops_bullets_stop_words_filler_and_inflection():
    assert (
        normalise_text("• Kommunen bör utveckla arbetet med brukarundersökningarna.") == "brukarundersökning utveckla"
    )
    assert normalise_text("\uf0b7 Överväg att införa servicedeklarationer") == "införa servicedeklaration"
    assert normalise_text("Inför servicedeklarationer") == "införa servicedeklaration"
    assert normalise_text("") == normalise_text("   ") == ""


def test_near_identical_wordings_share_one_id():
    ids = recurring_ids(STOCK)
    assert len(set(ids)) == 1


def test_word_order_and_inflection_do_not_matter():
    a, b = recurring_ids(["Tydliga mål och mätbara indikatorer", "Mätbara indikatorer och tydligare mål"])
    assert a == b


def test_different_recommendations_do_not_share_an_id():
    texts = [
        "Inför servicedeklarationer",
        "Inför e-förslag",
        "Utveckla brukarundersökningar",
        "Utveckla medborgardialogen",
        "Följ upp sjukfrånvaron",
        "Tydliga mål",
        "Utveckla e-tjänster",
        "Inför en visselblåsarfunktion",
    ]
    ids = recurring_ids(texts)
    assert len(set(ids)) == len(texts)


def test_ids_are_stable_across_calls_and_input_order():
    texts = STOCK + [
        "Inför servicedeklarationer",
        "Överväg att införa servicedeklarationer",
        "Ta fram en kompetensförsörjningsplan",
        "Sjukfrånvaron är låg",
        "Sjukfrånvaron är hög",
    ]
    ids = recurring_ids(texts)
    assert recurring_ids(texts) == ids
    order = list(range(len(texts)))
    random.Random(3).shuffle(order)
    shuffled = recurring_ids([texts[i] for i in order])
    assert [shuffled[order.index(i)] for i in range(len(texts))] == ids


def test_a_singleton_keeps_its_own_id_whatever_else_is_in_the_input():
    alone = recurring_ids(["Ta fram en kompetensförsörjningsplan"])[0]
    with_others = recurring_ids(STOCK + ["Ta fram en kompetensförsörjningsplan"])[-1]
    assert alone == with_others
    assert re.fullmatch(ID_PREFIX + r"[0-9a-f]{12}", alone)


def test_threshold_parameter():
    texts = ["Inför servicedeklarationer", "Inför servicedeklarationer inom fler verksamheter"]
    assert len(set(recurring_ids(texts))) == 2
    assert len(set(recurring_ids(texts, threshold=70))) == 1
    assert SIMILARITY_THRESHOLD > 70


def test_empty_texts_get_ids_and_do_not_join_others():
    ids = recurring_ids(["", "Utveckla brukarundersökningar", ""])
    assert ids[0] == ids[2] != ids[1]


def test_clusters_do_not_chain():
    # b is similar to a and to c, but a and c are not similar: c must not take a's id via b
    a = "Utveckla uppföljningen av mål och resultat"
    b = "Utveckla uppföljningen av mål, resultat och kvalitet"
    c = "Utveckla uppföljningen av resultat och kvalitet"
    na, nb, nc = normalise_text(a), normalise_text(b), normalise_text(c)
    assert fuzz.ratio(na, nb) >= SIMILARITY_THRESHOLD and fuzz.ratio(nb, nc) >= SIMILARITY_THRESHOLD
    assert fuzz.ratio(na, nc) < SIMILARITY_THRESHOLD
    ids = recurring_ids([a, a, a, b, c, c])
    assert ids[0] == ids[3]  # the most frequent wording is visited first and takes b
    assert ids[4] == ids[5] != ids[0]


def test_scales_to_many_texts():
    rng = random.Random(0)
    words = [
        "utveckla",
        "brukarundersökningar",
        "mål",
        "uppföljning",
        "chefer",
        "e-tjänster",
        "medborgardialog",
        "arbetsmiljö",
        "sjukfrånvaro",
        "styrmodell",
        "jämförelser",
        "idéer",
    ]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randint(2, 7))) for _ in range(6000)]
    ids = recurring_ids(texts)
    assert len(ids) == len(texts)
    assert len(set(ids)) < len(set(texts))


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(STOCK + ["Inför e-förslag", "Tydliga mål", "Ett rikt kulturliv", ""]), max_size=12),
    st.randoms(use_true_random=False),
)
def test_permutation_invariance(texts, rnd):
    ids = dict(zip(texts, recurring_ids(texts)))
    shuffled = texts[:]
    rnd.shuffle(shuffled)
    assert dict(zip(shuffled, recurring_ids(shuffled))) == ids
