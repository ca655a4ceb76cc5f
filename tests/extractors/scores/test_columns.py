"""Column headers that print a place: the place decides, never a role word hidden inside its name
("Båstad" is not "bästa", the best of the compared; "Maria-Gamla stan" is not the old scale's "gamla")."""

import pytest

from extractors.organisations import districts, municipalities, resolve_organisation
from extractors.page import Document
from extractors.scores.base import Context
from extractors.scores.columns import column_role, header_role

OWN = resolve_organisation("Tyresö kommun")
CTX = Context(Document([], 0), "2010", OWN, 2014)
PLACES = sorted({name for name, _ in municipalities().values()} | {r["district"] for r in districts().values()})


def test_every_municipality_and_district_heads_a_peer_column():
    wrong = []
    for place in PLACES:
        org = resolve_organisation(place)
        if org is None or org.slug == OWN.slug:
            continue
        for header in (f"{place}\n2011", f"{place} 2011"):
            role = header_role(header, CTX)
            if (role.role, role.organisation.slug, role.year, role.scale) != ("peer", org.slug, 2011, "new"):
                wrong.append((header, role.role, role.organisation.slug, role.scale))
    assert wrong == []


def test_a_place_with_a_scale_word_in_its_name_takes_no_scale_from_it():
    role = column_role("Maria-\nGamla stan\n2011", CTX, caption="Tabell 2 Jämförelse med stadsdelsområden")
    assert (role.role, role.organisation.slug, role.scale) == ("peer", "maria-gamla-stan", "new")


@pytest.mark.parametrize("header", ["Bästa", "Max", "Maxpoäng", "Möjlig poäng", "Högsta", "Lägsta"])
def test_the_best_the_worst_and_the_maximum_are_no_ones_scores(header):
    assert header_role(header, CTX).role == "skip"
