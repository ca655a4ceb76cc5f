import pytest

from extractors.organisations import evaluation_id, resolve_organisation


@pytest.mark.parametrize(
    "printed, name, code, org_type, eid",
    [
        ("ANALYS AV LJUSDALS KOMMUN", "Ljusdals kommun", "2161", "kommun", "ljusdal-2010"),
        ("Helsingborgs stad", "Helsingborgs stad", "1283", "kommun", "helsingborg-2010"),
        (
            "HÄSSELBY-VÄLLINGBY STADSDEL",
            "Hässelby-Vällingby stadsdelsområde",
            "0180",
            "stadsdel",
            "hasselby-vallingby-2010",
        ),
        ("Region Gotland", "Region Gotland", "0980", "region", "gotland-2010"),
        ("Gotlands kommun", "Region Gotland", "0980", "region", "gotland-2010"),
        ("Tyresö 2010", "Tyresö kommun", "0138", "kommun", "tyreso-2010"),
        ("Stockholm stad 2009", "Stockholms stad", "0180", "kommun", "stockholm-2010"),
        ("Bromma 2006", "Bromma stadsdelsområde", "0180", "stadsdel", "bromma-2010"),
        ("Tranås kommun", "Tranås kommun", "0687", "kommun", "tranas-2010"),
        ("FALU KOMMUN", "Falu kommun", "2080", "kommun", "falun-2010"),
        ("Kalmar kommun", "Kalmar kommun", "0880", "kommun", "kalmar-2010"),
        ("Ljusdahls kommun", "Ljusdals kommun", "2161", "kommun", "ljusdal-2010"),  # misspelt
        ("Upplands Väsby kommun", "Upplands Väsby kommun", "0114", "kommun", "upplands-vasby-2010"),
    ],
)
def test_printed_names_resolve(printed, name, code, org_type, eid):
    org = resolve_organisation(printed)
    assert (org.name, org.municipality_code, org.org_type) == (name, code, org_type)
    assert evaluation_id(org, 2010) == eid


@pytest.mark.parametrize(
    "printed",
    [
        "Skarpnäcks stadsdelsförvaltning",
        "Stadsdelsförvaltning Skarpnäck",
        "SKARPNÄCKS STADSDELSNÄMND",
        "Stadsdelsnämnden i Skarpnäck",
        "SDF Skarpnäck",
        "Skarpnäcks SDN",
        "Skarpnäck stadsdelsområde",
    ],
)
def test_a_district_resolves_under_every_name_for_its_administration(printed):
    org = resolve_organisation(printed)
    assert (org.name, org.municipality_code, org.org_type) == ("Skarpnäck stadsdelsområde", "0180", "stadsdel")


def test_unknown_and_norwegian():
    assert resolve_organisation("Sveriges Kommuner och Landsting") is None
    bergen = resolve_organisation("Bergen kommune", country="NO")
    assert (bergen.name, bergen.municipality_code, bergen.country) == ("Bergen kommune", None, "NO")


def test_names_that_fold_alike_keep_their_diacritics():
    from extractors.organisations import resolve_organisation

    assert resolve_organisation("Håbo kommun").municipality_code == "0305"
    assert resolve_organisation("HÅBO KOMMUN").municipality_code == "0305"
    assert resolve_organisation("Habo kommun").municipality_code == "0643"
    assert resolve_organisation("Habos kommun").municipality_code == "0643"
