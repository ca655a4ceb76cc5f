import pytest

from extractors.frameworks import area_name, best_area, detect_framework, framework_for_year, scale_for_year


@pytest.mark.parametrize(
    "printed, framework, area",
    [
        ("2. Tillgänglighet och", "2010", 2),  # wrapped first line
        ("Kommun som samhällsbyggare", "2010", 8),
        ("Kommunen som arbetsgivare personalpolitik", "2010", 6),
        ("4. Ledarskap, ansvar och delegatin", "2010", 4),  # typo
        ("OFFENTLIGHET OCH DEMOKRATI", "2016", 1),
        ("Brukarfokus, tillgänglighet och bemötande", "2016", 2),
        ("Tillgänglighet och brukarorientering", "2016", 2),  # 2016 report keeping the 2010 label
        ("Samhällsutveckling", "2020", 2),
        ("1. Offentlighet och demokrati", "2020", 1),  # 2021 page keeping the 2010 label
        ("Tydlighet i samspelet mellan politiker och tjänstemän", "2003", 3),
        ("Kommunen som samfunnsutvikler", "no", 8),
    ],
)
def test_labels_match_their_area(printed, framework, area):
    match = best_area(printed, framework, allow_prefix=True)
    assert match is not None and match.area == area


def test_chart_text_and_prose_do_not_match():
    assert best_area("1 Offentlighet och demokrati 100 8 Kommunen som", "2010") is None
    assert best_area("Kommunen har en tydlig styrmodell", "2010") is None


def test_2020_reordered_areas():
    assert area_name("2020", 5) == "Brukarens fokus"
    assert area_name("2010", 5) == "Resultat och effektivitet"


def test_detect_framework_from_labels():
    labels_2016 = ["Brukarfokus, tillgänglighet och bemötande", "Ständiga förbättringar", "Offentlighet och demokrati"]
    assert detect_framework(labels_2016) == "2016"
    assert detect_framework(["Samspel mellan förtroendevalda och medborgare", "Arbetsliv"]) == "2020"
    assert detect_framework(["Offentlighet och demokrati", "Verksamhetsutveckling"], [2012]) == "2010"


def test_years_to_framework_and_scale():
    assert framework_for_year(2006) == "2003"
    assert framework_for_year(2017) == "2016"
    assert scale_for_year(2009) == "old"
    assert scale_for_year(2010) == "new"
