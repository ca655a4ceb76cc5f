"""The fixtures: one function per committed PDF, plus a seeded generator for benchmark corpora.

All wording here is written for the factory in the reports' style; none is copied from a real
report. `FIXTURES` maps the file stem to the function that returns its ReportSpec; `bench_specs`
makes any number of distinct, realistic documents from the same parts.

A fixture function composes the document with `Composer` (cover, table of contents, the
"Vad är Kommunkompassen?" introduction, result tables, one section per area with its summary
box, closing score overview), then adds whatever its printed form needs.
"""

from __future__ import annotations

import random

from tests.factory.spec import (
    AREAS,
    Bullets,
    Chart,
    Columns,
    Evaluation,
    Finding,
    FindingList,
    Heading,
    InlineScore,
    Organisation,
    PageBreak,
    Para,
    ReportSpec,
    Requirement,
    ScoreColumn,
    ScoreTable,
    Slide,
    SummaryBox,
    TableBlock,
    Toc,
    TocEntry,
    district,
    framework_for,
    kommun,
    kommune,
    municipality_codes,
    reader_text,
    region_gotland,
    scale_for,
)

# =============================================================================================
# Reference wording: area labels and sub-questions per framework

LABELS: dict[str, dict[int, str]] = {
    "2002": {
        1: "Offentlighet och demokratisk kontroll",
        2: "Tillgänglighet och brukarorientering",
        3: "Klarhet i samspelet mellan politik och administration",
        4: "Ledning, decentralisering och delegation",
        5: "Kontroll- och rapporteringssystem",
        6: "Personalförvaltning",
        7: "Förnyelsepolitik",
        8: "Samhällsbyggnad",
    },
    "2003": {
        1: "Offentlighet, öppenhet och demokratisk kontroll",
        2: "Tillgänglighet/medborgar- och brukarorientering",
        3: "Tydlighet i samspelet mellan politiker och tjänstemän",
        4: "Ledning, decentralisering och delegering",
        5: "Kontroll och rapportering",
        6: "Personalpolitik",
        7: "Verksamhetsutveckling",
        8: "Kommunen som samhällsbyggare",
    },
    "2010": {
        1: "Offentlighet och demokrati",
        2: "Tillgänglighet och brukarorientering",
        3: "Politisk styrning och kontroll",
        4: "Ledarskap, ansvar och delegation",
        5: "Resultat och effektivitet",
        6: "Kommunen som arbetsgivare – personalpolitik",
        7: "Verksamhetsutveckling",
        8: "Kommunen som samhällsbyggare",
    },
    "2016": {
        1: "Offentlighet och demokrati",
        2: "Brukarfokus, tillgänglighet och bemötande",
        3: "Politisk styrning och kontroll",
        4: "Ledarskap, ansvar och delegation",
        5: "Resultat och effektivitet",
        6: "Kommunen som arbetsgivare – personalpolitik",
        7: "Ständiga förbättringar",
        8: "Kommunen som samhällsbyggare",
    },
    "2020": {
        1: "Samspel mellan förtroendevalda och medborgare",
        2: "Samhällsutveckling",
        3: "Styrning och kontroll",
        4: "Effektivitet",
        5: "Brukarens fokus",
        6: "Kvalitetsutveckling",
        7: "Arbetsliv",
        8: "Chefs- och ledarskap samt medarbetarskap",
    },
    "no": {
        1: "Offentlighet og demokrati",
        2: "Tilgjengelighet, innbygger- og brukerorientering",
        3: "Politisk styring og kontroll",
        4: "Lederskap, ansvar og delegasjon",
        5: "Resultatfokus og effektivitet",
        6: "Kommunen som arbeidsgiver",
        7: "Utviklingsstrategi og lærende organisasjon",
        8: "Kommunen som samfunnsutvikler",
    },
}

#: Printed variants seen in reports (label drift), per framework and area.
DRIFT: dict[str, dict[int, list[str]]] = {
    "2010": {
        4: ["Ledarskap, ansvar och delegatin"],
        6: [
            "Kommunen som arbetsgivare personalpolitik",
            "Kommunen som arbetsgivare - personalpolitik",
            "Kommunen som arbetsgivare/personalpolitik",
        ],
        8: ["Kommun som samhällsbyggare"],
    },
    "2016": {2: ["Tillgänglighet och brukarorientering"], 8: ["Kommun som samhällsbyggare"]},
    "2003": {2: ["Tillgänglighet/medborgar och brukarorientering"]},
}

Q2010 = {
    1: [
        "Plan/strategi för demokratiutveckling och information",
        "Hur informeras medborgarna?",
        "Information om resultat",
        "Medborgardialog och deltagande",
        "Etik, korruption",
    ],
    2: [
        "Strategi för brukarorientering",
        "Tillgänglighet och bemötande",
        "Information om service och tjänster",
        "Valfrihet och brukarens påverkan",
        "Brukarundersökningar",
        "Service-/kvalitetsdeklarationer, synpunkts- och klagomålshantering",
    ],
    3: [
        "Helhetstänkande i styrning/uppföljning",
        "Tydliga politiska mål",
        "Rapportering och tillsyn",
        "Delegation och ansvarsfördelning",
        "Förståelse av roller mellan politiker och tjänstemän",
    ],
    4: [
        "Strategi för ledarskap, ansvar och delegation",
        "Resultatenheternas ansvar",
        "Tvärsektoriellt samarbete",
        "Chefernas personliga uppdrag",
        "Central ledning",
        "Ledarutveckling",
    ],
    5: [
        "Strategi för resultatstyrning och effektivitet",
        "Kostnader och resultat i budgetprocessen",
        "Arbetsprocesser, uppföljning och kontroll",
        "Strategiska diskussioner om resurser och resultat",
        "Jämförelser",
        "Extern samverkan",
    ],
    6: [
        "Personalstrategi",
        "Rekrytering, attraktiv arbetsgivare",
        "Kompetens- och medarbetarutveckling",
        "Lönesättning och belöning",
        "Arbetsmiljö",
        "Mångfald",
    ],
    7: [
        "Strategiskt kvalitetsarbete",
        "Metoder och verktyg",
        "Omvärldsspaning och samverkan",
        "Kreativitet och innovation",
        "IT-stöd",
    ],
    8: [
        "Planer för samhällsbyggande",
        "Civilsamhället",
        "Kulturlivet",
        "Näringslivet",
        "Internationella kontakter",
        "Hållbar utveckling",
    ],
}
Q2003 = {
    1: [
        "Information till medborgarna",
        "Medborgarnas möjligheter till insyn",
        "Redovisning av resultat",
        "Etiska riktlinjer",
    ],
    2: [
        "Servicens tillgänglighet",
        "Brukarnas inflytande",
        "Mätningar av brukarnas uppfattning",
        "Hantering av synpunkter",
    ],
    3: ["Politiska mål och uppdrag", "Rollfördelning", "Uppföljning till politikerna"],
    4: ["Ledningens organisation", "Decentraliserat ansvar", "Delegering till enheterna", "Chefsutveckling"],
    5: ["Ekonomisk rapportering", "Uppföljning av verksamheten", "Intern kontroll", "Jämförelser"],
    6: ["Personalpolitiska mål", "Kompetensutveckling", "Lönepolitik", "Arbetsmiljö och hälsa"],
    7: ["Kvalitetssystem", "Förnyelse och försöksverksamhet", "Lärande från andra"],
    8: ["Näringslivsfrågor", "Föreningsliv och kultur", "Miljö och planering", "Internationellt arbete"],
}
Q2020 = {
    1: [
        "Information och kommunikation",
        "Medborgardialog och inflytande",
        "De förtroendevaldas roll",
        "Etik och förtroende",
    ],
    2: [
        "Strategier för hållbar samhällsutveckling",
        "Samverkan med näringslivet",
        "Civilsamhälle och föreningsliv",
        "Regional och internationell samverkan",
    ],
    3: ["Styrmodell och mål", "Uppföljning och rapportering", "Intern kontroll", "Roller och ansvar"],
    4: ["Resurser och resultat", "Jämförelser och analys", "Processer och digitalisering", "Ekonomisk planering"],
    5: ["Tillgänglighet och bemötande", "Brukarundersökningar", "Synpunkter och klagomål", "Valfrihet och delaktighet"],
    6: ["Systematiskt kvalitetsarbete", "Metoder och verktyg", "Innovation och lärande", "Omvärldsbevakning"],
    7: ["Kompetensförsörjning", "Arbetsmiljö och hälsa", "Lönepolitik", "Jämställdhet och mångfald"],
    8: ["Ledarskapsstrategi", "Chefernas uppdrag och mandat", "Medarbetarskap", "Ledarutveckling"],
}
QNO = {
    1: ["Informasjon til innbyggerne", "Innbyggerdialog og medvirkning", "Etikk og antikorrupsjon"],
    2: ["Tilgjengelighet og service", "Brukerundersøkelser", "Klagebehandling"],
    3: ["Politiske mål og styringsdokumenter", "Rapportering til politisk nivå", "Rolleforståelse"],
    4: ["Lederskap og delegasjon", "Tverrsektorielt samarbeid", "Lederutvikling"],
    5: ["Budsjettprosess og resultater", "Sammenligninger med andre kommuner", "Internkontroll"],
    6: ["Rekruttering og kompetanse", "Arbeidsmiljø og sykefravær", "Lønnspolitikk"],
    7: ["Kvalitetsarbeid", "Innovasjon og nye arbeidsformer", "Læring fra andre"],
    8: ["Næringsutvikling", "Frivillig sektor og kultur", "Miljø og klima"],
}


def questions(framework: str, area: int) -> list[str]:
    return {"2002": Q2003, "2003": Q2003, "2020": Q2020, "no": QNO}.get(framework, Q2010)[area]


#: Framework area → subject of the prose and findings pools (the 2020 revision reordered areas).
THEME = {
    fw: dict(
        zip(
            AREAS,
            ["demokrati", "brukare", "styrning", "ledarskap", "effektivitet", "personal", "utveckling", "samhalle"],
        )
    )
    for fw in ("2002", "2003", "2010", "2016", "no")
}
THEME["2020"] = dict(
    zip(AREAS, ["demokrati", "samhalle", "styrning", "effektivitet", "brukare", "utveckling", "personal", "ledarskap"])
)


def community_area(framework: str) -> int:
    """The community-building area, which city districts are not scored on: 8, or 2 under 2020."""
    return next(a for a in AREAS if THEME[framework][a] == "samhalle")


# =============================================================================================
# Prose: sentences per subject, written for the factory. {org} organisation, {k} 'kommunen'
# (or 'stadsdelsområdet', 'regionen'), {K} capitalised, {v} a service, {n} a committee.

PROSE: dict[str, list[str]] = {
    "demokrati": [
        "{Org} har en kommunikationspolicy som antogs av fullmäktige och som beskriver hur information ska nå invånarna.",
        "Av intervjuerna framgår att policyn är känd bland tjänstemännen men att få förtroendevalda hänvisar till den i det dagliga arbetet.",
        "Webbplatsen är den viktigaste kanalen för information och uppdateras dagligen av en central redaktion.",
        "Kallelser och protokoll från nämndernas sammanträden publiceras på webbplatsen, vanligen inom en vecka efter mötet.",
        "Medborgardialog förekommer i samband med större planeringsfrågor, men det saknas en gemensam modell för hur synpunkterna tas tillvara.",
        "Flera av de intervjuade politikerna efterfrågar tydligare återkoppling till de invånare som deltagit i dialogmöten.",
        "Fullmäktiges sammanträden sänds via webben och kan ses i efterhand.",
        "Invånarna kan lämna medborgarförslag, och under det senaste året behandlades ett tjugotal sådana förslag.",
        "Resultat från verksamheterna redovisas främst i årsredovisningen, som är omfattande och svår att ta till sig för den som inte är insatt.",
        "Jämförelser med andra kommuner publiceras inte systematiskt för invånarna.",
        "Frågor om etik och korruption har diskuterats i ledningsgruppen, men riktlinjerna är inte kända av alla anställda.",
        "Det finns en visselblåsarfunktion där anställda anonymt kan rapportera misstänkta oegentligheter.",
        "Riktlinjerna för representation och gåvor revideras vartannat år och tas upp vid introduktionen av nyanställda.",
        "Sociala medier används i allt högre grad, och {k} har en samordnare med ansvar för kanalerna.",
        "Ärenden kan följas i ett diarium som är sökbart via webben.",
        "Inför budgetbeslutet bjöds invånarna in till öppna möten i flera av kommundelarna.",
    ],
    "brukare": [
        "{K} har ingen samlad strategi för brukarorientering, men flera förvaltningar arbetar aktivt med frågan.",
        "Kontaktcentret tar emot de flesta samtal och e-postfrågor och löser en stor andel av ärendena vid första kontakten.",
        "Öppettiderna i medborgarkontoret har förlängts två kvällar i veckan efter önskemål från invånarna.",
        "Information om service och tjänster finns samlad på webbplatsen, sorterad efter livssituationer.",
        "Inom {v} kan brukarna välja mellan kommunal och privat utförare.",
        "Brukarundersökningar genomförs regelbundet inom {v}, och resultaten används i verksamhetsplaneringen.",
        "Det är oklart hur resultaten från undersökningarna återförs till brukarna.",
        "Servicedeklarationer finns för ett fåtal verksamheter, men de följs inte upp på ett systematiskt sätt.",
        "Synpunkter och klagomål kan lämnas via ett formulär på webben, och de registreras centralt.",
        "En sammanställning av inkomna synpunkter redovisas för {n} två gånger per år.",
        "Bemötandefrågor har varit tema på flera arbetsplatsträffar, bland annat inom {v}.",
        "Flera intervjuade lyfter fram att tillgängligheten per telefon har förbättrats sedan kontaktcentret startade.",
        "Brukarråd finns inom {v} och träffas några gånger per termin.",
        "Det saknas en gemensam bild av vad god tillgänglighet innebär i praktiken.",
        "Handläggningstiderna för bygglov har kortats, vilket flera företagare framhåller i intervjuerna.",
    ],
    "styrning": [
        "Fullmäktige har beslutat om en styrmodell som bygger på mål- och resultatstyrning.",
        "Målen bryts ned från fullmäktige till nämnderna och vidare till enheterna, men kopplingen mellan nivåerna är inte alltid tydlig.",
        "Många av nämndernas mål är formulerade som aktiviteter snarare än som önskade resultat.",
        "Uppföljning sker i delårsrapporter och i årsredovisningen, och {n} får månadsvisa ekonomiska prognoser.",
        "Politikerna upplever att de får mycket information om ekonomin men betydligt mindre om verksamhetens kvalitet.",
        "Delegationsordningarna har setts över under året och är i huvudsak aktuella.",
        "Rollfördelningen mellan politiker och tjänstemän beskrivs som god, och de intervjuade uttrycker ett ömsesidigt förtroende.",
        "Uppsiktsplikten har förtydligats genom ett särskilt årshjul för uppföljning.",
        "Internkontrollplaner upprättas av samtliga nämnder, men uppföljningen av dem varierar i kvalitet.",
        "Vid budgetberedningen diskuteras framför allt ramarnas storlek och i mindre grad vad verksamheterna ska åstadkomma.",
        "Det finns en ambition att minska antalet mål för att göra styrningen mer överskådlig.",
        "Nämndernas verksamhetsplaner följer en gemensam mall som tagits fram av ekonomiavdelningen.",
        "Utbildning för nya förtroendevalda genomförs i början av varje mandatperiod.",
        "Presidierna träffas regelbundet för att samordna nämndernas arbete med de övergripande målen.",
    ],
    "ledarskap": [
        "{K} har antagit en ledarskapspolicy som beskriver vad som förväntas av chefer.",
        "Cheferna har ett tydligt ansvar för budget, personal och verksamhet inom sina enheter.",
        "Flera enhetschefer har ansvar för mer än femtio medarbetare, vilket begränsar möjligheten till ett nära ledarskap.",
        "Samarbetet över förvaltningsgränserna fungerar väl i vissa frågor, till exempel kring barn och unga, men är i övrigt begränsat.",
        "Chefernas uppdrag formuleras i årliga uppdragsdialoger med närmaste chef.",
        "Ledningsgruppen träffas varje vecka och ägnar numera mer tid åt strategiska frågor.",
        "Nya chefer erbjuds ett introduktionsprogram som sträcker sig över det första året.",
        "Chefsforum samlar samtliga chefer två gånger per termin för information och diskussion.",
        "Intervjuerna visar att cheferna upplever stor frihet att organisera arbetet inom givna ramar.",
        "Ledarskapet följs upp genom medarbetarenkäten, där ett särskilt ledarskapsindex redovisas.",
        "Det saknas en systematisk plan för hur framtida chefer ska rekryteras och utvecklas.",
        "Förvaltningscheferna har gemensamma mål som följs upp i ledningsgruppen.",
        "Några chefer beskriver att de administrativa uppgifterna tar allt större del av arbetstiden.",
    ],
    "effektivitet": [
        "{K} har en stabil ekonomi och har redovisat positiva resultat under de senaste åren.",
        "Budgetprocessen utgår i hög grad från föregående års ramar, och kopplingen till förväntade resultat är svag.",
        "Kostnader per brukare jämförs med liknande kommuner i samband med årsredovisningen.",
        "Nyckeltal från Kolada används i flera nämnder, men analysen av skillnaderna är begränsad.",
        "Processkartläggning har genomförts inom {v} och ledde till kortare handläggningstider.",
        "De strategiska diskussionerna om resurser och resultat förs främst i samband med budgetdialogen under våren.",
        "{K} deltar i ett jämförelsenätverk med andra kommuner i länet.",
        "Extern samverkan förekommer bland annat kring upphandling, räddningstjänst och drift av IT.",
        "Det saknas en samlad bild av hur effektiviteten har utvecklats över tid.",
        "Produktivitetsmått används sällan, med undantag för hemtjänsten där tid per besök följs upp.",
        "Konkurrensutsättning har prövats inom några verksamheter, med blandade erfarenheter.",
        "Ekonomienheten stödjer förvaltningarna med analyser inför budgetarbetet.",
        "Investeringsbesluten föregås numera av en kalkyl över driftskostnaderna.",
    ],
    "personal": [
        "{K} har en personalpolitisk policy som antogs för några år sedan och som nu är under revidering.",
        "Kompetensförsörjning lyfts fram som den största utmaningen för de kommande åren, särskilt inom {v}.",
        "Rekryteringsprocessen är gemensam för hela organisationen och stöds av ett webbaserat system.",
        "Medarbetarsamtal genomförs årligen, och andelen medarbetare som haft samtal följs upp.",
        "Lönesättningen är individuell och differentierad, och lönekriterierna är kända av de flesta medarbetare.",
        "Arbetsmiljöarbetet bedrivs systematiskt, och skyddsronder genomförs enligt en fastställd plan.",
        "Sjukfrånvaron har minskat de senaste åren men är fortfarande hög inom vissa yrkesgrupper.",
        "Det finns en plan för mångfald och jämställdhet, men den är inte känd ute i verksamheterna.",
        "Heltid som norm har införts inom {v}, och erfarenheterna hittills är positiva.",
        "Medarbetarenkäten genomförs vartannat år och resultaten diskuteras på arbetsplatsträffar.",
        "Introduktionen av nyanställda består av en gemensam dag och en lokal del på arbetsplatsen.",
        "Friskvårdsbidrag erbjuds samtliga anställda.",
        "Personalavdelningen har organiserats om för att ge cheferna ett mer samlat stöd.",
    ],
    "utveckling": [
        "{K} har ingen gemensam modell för kvalitetsarbete, utan förvaltningarna arbetar på olika sätt.",
        "Inom {v} används ett ledningssystem för systematiskt kvalitetsarbete.",
        "Förbättringsförslag från medarbetarna tas tillvara på arbetsplatsträffar, men det saknas ett system för att sprida goda idéer.",
        "Omvärldsbevakning sker främst genom nätverk och deltagande i konferenser.",
        "{K} har deltagit i flera utvecklingsprojekt tillsammans med andra kommuner och högskolor.",
        "Det finns en fond som medarbetare kan söka medel ur för att pröva nya arbetssätt.",
        "Digitaliseringen har tagit fart under senare år, bland annat genom e-tjänster för ansökningar.",
        "Verksamhetssystemen upplevs som splittrade, och många av dem kommunicerar inte med varandra.",
        "Kvalitetsutmärkelser och externa granskningar används i begränsad omfattning.",
        "En digitaliseringsstrategi antogs av {n} och följs upp årligen.",
        "Lärande mellan enheter sker framför allt informellt.",
        "Kunskap från studiebesök i andra kommuner används för att utveckla rutinerna inom {v}.",
        "Ett antal förbättringsteam har startats med stöd av en processledare.",
    ],
    "samhalle": [
        "{Org} har en översiktsplan som anger inriktningen för mark- och vattenanvändningen.",
        "Samarbetet med det lokala näringslivet sker bland annat genom ett råd som träffas fyra gånger per år.",
        "Föreningslivet är starkt, och {k} stödjer föreningarna med lokaler och bidrag.",
        "Kulturlivet präglas av ett aktivt samarbete mellan {k}, studieförbunden och det fria kulturlivet.",
        "Internationella kontakter förekommer främst inom skolans område och genom projekt med EU-finansiering.",
        "Arbetet med hållbar utveckling utgår från en miljöplan med mål för energi, transporter och avfall.",
        "Bostadsförsörjningen är en prioriterad fråga, och ett program för den har tagits fram.",
        "Det finns en överenskommelse med den idéburna sektorn som reglerar formerna för samverkan.",
        "Näringslivsklimatet har förbättrats enligt de mätningar som görs bland företagarna.",
        "{K} samverkar med grannkommunerna i frågor om infrastruktur och kollektivtrafik.",
        "Folkhälsoarbetet samordnas av ett råd där både förtroendevalda och tjänstemän ingår.",
        "Landsbygdens utveckling är ett återkommande tema i de intervjuer som genomförts.",
    ],
}

GENERAL = [
    "Underlaget för analysen består av styrdokument, protokoll och uppföljningar samt intervjuer med förtroendevalda, chefer och medarbetare.",
    "Bedömningen görs utifrån de frågor som ingår i området och jämförs med de goda exempel som finns i andra kommuner.",
    "Vi har mött ett stort engagemang och en öppenhet i samtalen, vilket har underlättat arbetet.",
    "Det är tydligt att organisationen har genomgått förändringar under de senaste åren.",
    "Flera av iakttagelserna nedan bygger på samstämmiga uppgifter från olika intervjugrupper.",
    "Här finns goda förutsättningar att bygga vidare på det som redan fungerar.",
]

#: Neutral evaluation sentences, used when a subject's own sentences run out.
FRAMING = [
    "Under besöket framkom att arbetssätten skiljer sig mellan {v} och övriga verksamheter.",
    "Frågan har behandlats av {n} vid flera tillfällen under de senaste åren.",
    "De intervjuade medarbetarna inom {v} ger en något annan bild än cheferna.",
    "Det finns en tydlig vilja att utveckla arbetet, men resurserna beskrivs som begränsade.",
    "Ansvaret ligger på ledningskontoret, som har en samordnande roll gentemot förvaltningarna.",
    "Vid intervjuerna återkom flera till behovet av ett mer långsiktigt perspektiv.",
    "Arbetet har hittills bedrivits i projektform och har ännu inte blivit en del av den ordinarie verksamheten.",
    "Vi har tagit del av flera dokument som beskriver ambitionerna, men uppföljningen är sparsam.",
    "Inom {v} har man kommit längre än i övriga verksamheter.",
    "Förändringarna har genomförts stegvis och har i huvudsak mottagits väl.",
    "Några av de intervjuade efterlyser en tydligare prioritering från ledningen.",
    "Det skriftliga underlaget bekräftar i stort den bild som framkom i intervjuerna.",
    "Frågan har lyfts i samband med budgetarbetet men har inte lett till några beslut.",
    "Samarbetet med de fackliga organisationerna beskrivs som konstruktivt.",
    "En arbetsgrupp med representanter för samtliga förvaltningar har tillsatts för att se över arbetet.",
    "Det är ännu för tidigt att bedöma effekterna av de åtgärder som har vidtagits.",
    "Vid en jämförelse med andra kommuner av liknande storlek framstår arbetet som väl utvecklat.",
    "Flera av de förtroendevalda lyfter fram frågan som särskilt viktig inför kommande mandatperiod.",
]

FRAMING_NO = [
    "Under besøket kom det fram at arbeidsformene varierer mellom sektorene.",
    "Flere av de intervjuede etterlyser en tydeligere prioritering fra ledelsen.",
    "Det skriftlige materialet bekrefter i hovedsak bildet fra intervjuene.",
    "Arbeidet har så langt vært organisert som prosjekter og er ikke en del av den ordinære driften.",
    "Det er for tidlig å vurdere effektene av tiltakene som er satt i gang.",
    "Samarbeidet med de tillitsvalgte beskrives som konstruktivt.",
    "Politikerne peker på spørsmålet som særlig viktig for den kommende perioden.",
    "Det finnes flere gode eksempler, men arbeidet er ikke systematisk.",
]

#: Opening sentences about a sub-question ({q}: its label in lower case).
TOPIC = [
    "I fråga om {q} har förvaltningarna kommit olika långt.",
    "Frågan om {q} togs upp i flera av intervjuerna, och bilden är i huvudsak samstämmig.",
    "Vi har inte sett någon samlad redovisning som rör {q}.",
    "När det gäller {q} finns flera goda exempel, men arbetet bedrivs inte systematiskt.",
    "Dokumentationen om {q} är översiktlig och beskriver främst ansvarsfördelningen.",
    "Flera chefer beskriver {q} som ett område där mycket har hänt under de senaste åren.",
    "Av det skriftliga underlaget framgår att {q} har behandlats i ledningsgruppen under året.",
    "Bedömningen av {q} bygger främst på intervjuerna.",
    "Synen på {q} skiljer sig något mellan politiker och tjänstemän.",
    "Arbetet med {q} har fått ökad uppmärksamhet sedan den förra mandatperioden.",
]
TOPIC_NO = [
    "Når det gjelder {q}, har enhetene kommet ulikt langt.",
    "Spørsmålet om {q} ble tatt opp i flere av intervjuene.",
    "Vi har ikke sett noen samlet oversikt over {q}.",
    "Vurderingen av {q} bygger i hovedsak på intervjuene.",
]

SERVICES = [
    "äldreomsorgen",
    "förskolan",
    "grundskolan",
    "biblioteken",
    "hemtjänsten",
    "individ- och familjeomsorgen",
    "gymnasieskolan",
    "räddningstjänsten",
    "miljö- och byggförvaltningen",
]
COMMITTEES = [
    "kommunstyrelsen",
    "barn- och utbildningsnämnden",
    "socialnämnden",
    "tekniska nämnden",
    "kultur- och fritidsnämnden",
]

# Findings: strengths (S) and improvements (I) per subject.
FINDINGS: dict[str, dict[str, list[str]]] = {
    "demokrati": {
        "S": [
            "Tydlig och lättillgänglig information på webbplatsen, med kallelser och protokoll som publiceras i god tid.",
            "Fullmäktiges sammanträden sänds och kan ses i efterhand.",
            "Ett väl utvecklat arbete med medborgardialog i planeringsfrågor.",
            "Riktlinjer mot mutor och jäv som är kända bland chefer och medarbetare.",
            "Medborgarförslag och e-förslag ger invånarna möjlighet att väcka frågor.",
            "En aktiv närvaro i sociala medier med tydligt ansvar för kanalerna.",
            "Invånarna kan enkelt följa ärenden via ett sökbart diarium.",
            "Resultat från verksamheterna redovisas i en lättläst populärversion av årsredovisningen.",
        ],
        "I": [
            "Ta fram en samlad strategi för demokratiutveckling och information.",
            "Utveckla formerna för återkoppling till de invånare som deltar i dialoger.",
            "Redovisa verksamheternas resultat och jämförelser med andra kommuner för invånarna.",
            "Förankra riktlinjerna för etik och korruptionsförebyggande arbete hos alla anställda.",
            "Pröva nya former för dialog med grupper som sällan deltar, till exempel unga.",
            "Låt fullmäktige följa upp hur medborgarförslagen har hanterats.",
            "Tydliggör de förtroendevaldas roll i medborgardialogen.",
            "Gör webbplatsen mer tillgänglig för personer med funktionsnedsättning.",
        ],
    },
    "brukare": {
        "S": [
            "Kontaktcentret ger snabb och korrekt service, och många ärenden löses direkt.",
            "Brukarundersökningar genomförs regelbundet och används i verksamhetsplaneringen.",
            "Information om service och tjänster är samlad och lätt att hitta.",
            "Ett väl fungerande system för synpunkts- och klagomålshantering.",
            "Stor valfrihet för brukarna inom hemtjänst och förskola.",
            "Medvetet arbete med bemötande, bland annat genom utbildning av personalen.",
            "Brukarråd ger brukare och anhöriga inflytande över verksamheten.",
            "Utökade öppettider i medborgarkontoret.",
        ],
        "I": [
            "Formulera en gemensam strategi för brukarorientering som omfattar alla verksamheter.",
            "Återkoppla resultaten från brukarundersökningarna till brukarna.",
            "Inför servicedeklarationer i fler verksamheter och följ upp dem.",
            "Använd inkomna synpunkter och klagomål systematiskt i förbättringsarbetet.",
            "Besluta om gemensamma riktlinjer för tillgänglighet via telefon och e-post.",
            "Öka brukarnas möjligheter att påverka utformningen av tjänsterna.",
            "Mät och redovisa svarstider för e-post och telefon.",
            "Utveckla e-tjänsterna så att fler ärenden kan hanteras digitalt.",
        ],
    },
    "styrning": {
        "S": [
            "En tydlig styrmodell som är känd och accepterad i organisationen.",
            "Ett gott samarbetsklimat mellan politiker och tjänstemän.",
            "Regelbunden och tillförlitlig ekonomisk rapportering till de förtroendevalda.",
            "Aktuella delegationsordningar som ger tydlig ansvarsfördelning.",
            "Ett årshjul som tydliggör uppsiktsplikten.",
            "Gemensam mall för verksamhetsplaner i alla nämnder.",
            "Väl genomförd introduktion för nya förtroendevalda.",
            "Nämnderna följer upp sin internkontroll enligt en gemensam plan.",
        ],
        "I": [
            "Formulera färre och mer mätbara mål som beskriver önskade resultat.",
            "Stärk kopplingen mellan mål, budget och uppföljning.",
            "Utveckla rapporteringen av verksamhetens kvalitet till de förtroendevalda.",
            "Följ upp den interna kontrollen med samma noggrannhet i alla nämnder.",
            "Tydliggör hur nämndernas mål bidrar till fullmäktiges övergripande mål.",
            "Skapa forum för strategiska diskussioner mellan politik och förvaltning.",
            "Se över antalet styrdokument och upphäv dem som inte längre används.",
            "Analysera avvikelser i uppföljningen och redovisa vilka åtgärder som vidtas.",
        ],
    },
    "ledarskap": {
        "S": [
            "En ledarskapspolicy som tydligt beskriver förväntningarna på chefer.",
            "Cheferna har ett samlat ansvar för verksamhet, ekonomi och personal.",
            "Ett uppskattat program för nya chefer.",
            "En ledningsgrupp som arbetar strategiskt och som uppfattas som enad.",
            "Årliga uppdragsdialoger mellan chefer och deras närmaste chef.",
            "Goda exempel på samarbete över förvaltningsgränserna kring barn och unga.",
            "Chefsforum som skapar en gemensam bild av organisationens utmaningar.",
            "Ledarskapet följs upp genom ett ledarskapsindex i medarbetarenkäten.",
        ],
        "I": [
            "Se över chefernas förutsättningar, särskilt antalet medarbetare per chef.",
            "Gör en plan för att rekrytera och utveckla framtida chefer.",
            "Utveckla samarbetet mellan förvaltningarna i frågor som kräver helhetssyn.",
            "Följ upp ledarskapspolicyn i chefernas medarbetarsamtal.",
            "Tydliggör mandat och befogenheter för enhetscheferna.",
            "Erbjud erfarna chefer fortsatt ledarutveckling.",
            "Skapa möjligheter för chefer att lära av varandra, t.ex. genom mentorskap.",
            "Stärk det administrativa stödet till cheferna.",
        ],
    },
    "effektivitet": {
        "S": [
            "En god ekonomisk hushållning med positiva resultat under flera år.",
            "Jämförelser med andra kommuner används i budgetarbetet.",
            "Processkartläggning har gett kortare handläggningstider.",
            "Aktivt deltagande i jämförelsenätverk med andra kommuner.",
            "Väl utvecklad samverkan med grannkommuner kring upphandling och räddningstjänst.",
            "Ekonomienheten ger ett uppskattat stöd till förvaltningarna.",
            "Uppföljning av produktivitet inom hemtjänsten.",
            "Tydliga nyckeltal i nämndernas verksamhetsberättelser.",
        ],
        "I": [
            "Koppla resurstilldelningen tydligare till förväntade resultat.",
            "Analysera skillnaderna i kostnader och resultat jämfört med andra kommuner.",
            "Beskriv hur effektiviteten i verksamheterna utvecklas över tid.",
            "Använd produktivitetsmått i fler verksamheter.",
            "Sprid erfarenheterna från processkartläggningen till hela organisationen.",
            "För strategiska diskussioner om resurser och resultat tidigt i budgetprocessen.",
            "Utvärdera erfarenheterna av konkurrensutsättning.",
            "Utveckla den externa samverkan med andra offentliga aktörer.",
        ],
    },
    "personal": {
        "S": [
            "Ett systematiskt arbetsmiljöarbete med regelbundna skyddsronder.",
            "Individuell lönesättning med kända lönekriterier.",
            "En gemensam och väl fungerande rekryteringsprocess.",
            "Minskad sjukfrånvaro under de senaste åren.",
            "Heltid som norm har införts med goda erfarenheter.",
            "Medarbetarsamtal genomförs med i stort sett alla anställda.",
            "En genomtänkt introduktion av nyanställda.",
            "Medarbetarenkätens resultat diskuteras på arbetsplatsträffar.",
        ],
        "I": [
            "Utarbeta en strategi för kompetensförsörjning som omfattar hela organisationen.",
            "Gör planen för mångfald och jämställdhet känd i verksamheterna.",
            "Utveckla arbetet med att stärka varumärket som arbetsgivare.",
            "Följ upp lönekriterierna och hur de tillämpas i lönesamtalen.",
            "Analysera orsakerna till den höga sjukfrånvaron inom vissa yrkesgrupper.",
            "Skapa tydligare karriärvägar för medarbetare som vill utvecklas.",
            "Revidera den personalpolitiska policyn och förankra den hos cheferna.",
            "Säkerställ att alla medarbetare har en individuell utvecklingsplan.",
        ],
    },
    "utveckling": {
        "S": [
            "Ett ledningssystem för kvalitet inom vård och omsorg.",
            "En innovationsfond som uppmuntrar medarbetare att pröva nya arbetssätt.",
            "Aktivt deltagande i utvecklingsprojekt med andra kommuner och högskolor.",
            "En digitaliseringsstrategi som följs upp årligen.",
            "Flera nya e-tjänster har införts under de senaste åren.",
            "Medarbetarnas förbättringsförslag tas tillvara på arbetsplatsträffar.",
            "Omvärldsbevakning genom nätverk och studiebesök.",
            "Benchmarking används för att utveckla rutiner.",
        ],
        "I": [
            "Inför en gemensam modell för systematiskt kvalitetsarbete.",
            "Bygg upp ett system för att sprida goda idéer mellan enheterna.",
            "Samordna verksamhetssystemen så att de kan kommunicera med varandra.",
            "Använd externa granskningar och utmärkelser som stöd i utvecklingsarbetet.",
            "Utveckla formerna för omvärldsbevakning och gör resultatet känt.",
            "Följ upp effekterna av genomförda utvecklingsprojekt.",
            "Avsätt tid för medarbetarnas kreativitet och innovation.",
            "Ta tillvara brukarnas idéer i förbättringsarbetet.",
        ],
    },
    "samhalle": {
        "S": [
            "Ett väl fungerande näringslivsråd med regelbundna möten.",
            "Ett starkt föreningsliv som får aktivt stöd.",
            "Ett aktivt kulturliv i samarbete med studieförbund och fria grupper.",
            "En aktuell översiktsplan med tydlig inriktning.",
            "Ett brett miljöarbete med mål för energi, transporter och avfall.",
            "En överenskommelse med den idéburna sektorn.",
            "Väl utvecklad samverkan med grannkommunerna om infrastruktur.",
            "Ett samordnat folkhälsoarbete.",
        ],
        "I": [
            "Anta en strategi för internationella kontakter.",
            "Utveckla dialogen med näringslivet om service till företag.",
            "Följ upp miljöplanens mål och redovisa resultaten för invånarna.",
            "Tydliggör ansvaret för landsbygdsutveckling.",
            "Involvera civilsamhället tidigare i planeringen.",
            "Fördjupa samarbetet med högskolor och forskning.",
            "Integrera hållbarhetsperspektivet i styrmodellen.",
            "Förbättra uppföljningen av bostadsförsörjningsprogrammet.",
        ],
    },
}

PROSE_NO: dict[str, list[str]] = {
    "demokrati": [
        "Kommunen har en kommunikasjonsstrategi som er vedtatt av kommunestyret.",
        "Nettsidene er hovedkanalen for informasjon til innbyggerne og oppdateres daglig.",
        "Innbyggerne inviteres til folkemøter i forbindelse med større planer.",
        "Det finnes etiske retningslinjer, men de er lite kjent blant de ansatte.",
        "Sakspapirer og protokoller fra politiske møter publiseres på nettet.",
    ],
    "brukare": [
        "Servicetorget tar imot de fleste henvendelser og løser mange saker direkte.",
        "Brukerundersøkelser gjennomføres jevnlig i flere tjenester.",
        "Det er uklart hvordan resultatene fra undersøkelsene følges opp.",
        "Klager registreres sentralt og rapporteres til rådmannens ledergruppe.",
        "Åpningstidene er utvidet etter ønske fra innbyggerne.",
    ],
    "styrning": [
        "Kommunestyret har vedtatt en styringsmodell basert på mål- og resultatstyring.",
        "Målene er mange og ofte formulert som aktiviteter.",
        "Rapporteringen til politisk nivå handler mest om økonomi.",
        "Rollefordelingen mellom politikere og administrasjon beskrives som god.",
        "Delegeringsreglementet er nylig revidert.",
    ],
    "ledarskap": [
        "Lederne har et tydelig ansvar for økonomi, personal og tjenester.",
        "Det finnes et lederutviklingsprogram for nye ledere.",
        "Samarbeidet på tvers av sektorene kan bli bedre.",
        "Rådmannens ledergruppe arbeider i økende grad med strategiske spørsmål.",
    ],
    "effektivitet": [
        "Kommunen har god økonomistyring og positive driftsresultater.",
        "Sammenligninger med andre kommuner brukes i budsjettarbeidet.",
        "Det mangler en samlet oversikt over hvordan effektiviteten utvikler seg.",
        "Internkontrollen er under utvikling.",
    ],
    "personal": [
        "Rekruttering av fagpersonell er en stor utfordring.",
        "Sykefraværet har gått ned de siste årene.",
        "Medarbeidersamtaler gjennomføres i de fleste enheter.",
        "Det finnes en arbeidsgiverpolitikk som er vedtatt av kommunestyret.",
    ],
    "utveckling": [
        "Kommunen mangler en felles modell for kvalitetsarbeid.",
        "Flere enheter deltar i utviklingsprosjekter sammen med andre kommuner.",
        "Det er etablert et nettverk for innovasjon.",
        "Digitaliseringen har skutt fart de siste årene.",
    ],
    "samhalle": [
        "Kommunen har en oppdatert kommuneplan med en tydelig samfunnsdel.",
        "Samarbeidet med næringslivet skjer gjennom et eget næringsråd.",
        "Frivillig sektor er sterk og får støtte fra kommunen.",
        "Miljø og klima har fått økt oppmerksomhet i planarbeidet.",
    ],
}
FINDINGS_NO: dict[str, dict[str, list[str]]] = {
    "demokrati": {
        "S": ["God og oppdatert informasjon på kommunens nettsider.", "Åpne folkemøter i planprosesser."],
        "I": ["Utarbeid en strategi for innbyggerdialog.", "Gjør de etiske retningslinjene kjent for alle ansatte."],
    },
    "brukare": {
        "S": ["Et velfungerende servicetorg.", "Jevnlige brukerundersøkelser i tjenestene."],
        "I": ["Gi tilbakemelding til brukerne om resultatene.", "Innfør tjenesteerklæringer i flere tjenester."],
    },
    "styrning": {
        "S": ["God rolleforståelse mellom politikere og administrasjon.", "Et nylig revidert delegeringsreglement."],
        "I": ["Formuler færre og mer målbare mål.", "Rapporter mer om kvalitet og resultater i tjenestene."],
    },
    "ledarskap": {
        "S": ["Tydelig ansvar for ledere på alle nivåer.", "Et godt program for nye ledere."],
        "I": ["Styrk samarbeidet på tvers av sektorene.", "Lag en plan for rekruttering av framtidige ledere."],
    },
    "effektivitet": {
        "S": ["God økonomistyring over flere år.", "Aktiv bruk av sammenligninger med andre kommuner."],
        "I": ["Koble ressursene tydeligere til resultatene.", "Videreutvikle internkontrollen."],
    },
    "personal": {
        "S": ["Redusert sykefravær.", "Medarbeidersamtaler i de fleste enheter."],
        "I": ["Utarbeid en strategi for rekruttering av fagpersonell.", "Følg opp arbeidsgiverpolitikken i enhetene."],
    },
    "utveckling": {
        "S": ["Et aktivt nettverk for innovasjon.", "Deltakelse i utviklingsprosjekter med andre kommuner."],
        "I": ["Innfør en felles modell for kvalitetsarbeid.", "Spre gode ideer mellom enhetene."],
    },
    "samhalle": {
        "S": ["En oppdatert kommuneplan.", "Godt samarbeid med frivillig sektor."],
        "I": ["Styrk dialogen med næringslivet.", "Følg opp klimamålene i kommuneplanen."],
    },
}

EVALUATORS = [
    "Karin Sjöberg",
    "Per Holmgren",
    "Eva Lindqvist",
    "Johan Ekström",
    "Maria Nordin",
    "Anders Hallberg",
    "Lena Forsberg",
    "Mats Ödman",
    "Birgitta Wahlund",
    "Göran Sundell",
    "Helena Kjellberg",
    "Tomas Rydén",
    "Ulla Granqvist",
    "Stefan Lindahl",
    "Annika Berglöf",
    "Olof Hedman",
    "Cecilia Strand",
    "Magnus Westin",
]
TITLES = [
    "senior konsult (SKL)",
    "utredare (SKL)",
    "kvalitetsstrateg",
    "kommundirektör",
    "utvecklingsledare",
    "ekonomichef",
    "personalchef",
    "förvaltningschef",
]
MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]


def publisher(year: int) -> str:
    """The evaluating organisation's name in the report's year."""
    if year < 2005:
        return "Svenska Kommunförbundet"
    if year < 2020:
        return "Sveriges Kommuner och Landsting"
    return "Sveriges Kommuner och Regioner"


def publisher_short(year: int) -> str:
    return "Kommunförbundet" if year < 2005 else ("SKL" if year < 2020 else "SKR")


# =============================================================================================
# Composing a report


def split_scores(rng: random.Random, lo: int = 30, hi: int = 85, halves: bool = False, areas=AREAS) -> dict[int, float]:
    out = {}
    for a in areas:
        v = rng.randint(lo, hi)
        if halves and rng.random() < 0.35:
            v += 0.5
        out[a] = float(v)
    return out


def col(
    header: str,
    ev: Evaluation,
    values: dict[int, float | None],
    role: str = "primary",
    scale: str | None = None,
    total: float | None | str = "sum",
    **kw,
) -> ScoreColumn:
    """A score column whose printed total is the sum of its values unless given."""
    if total == "sum":
        total = sum(v for v in values.values() if v is not None)
    return ScoreColumn(header, ev, role, scale or scale_for(ev.year), dict(values), total, **kw)


def area_labels(
    framework: str, numbered: str = "{a}. {label}", overrides: dict[int, str] | None = None
) -> dict[int, str]:
    labels = dict(LABELS[framework])
    labels.update(overrides or {})
    return {a: numbered.format(a=a, label=labels[a]) for a in AREAS}


class Composer:
    """Builds a report body block by block, with seeded prose and findings that never repeat."""

    def __init__(
        self, ev: Evaluation, seed: int, *, lang: str = "sv", depth: int = 1, labels: dict[int, str] | None = None
    ):
        self.ev, self.org, self.fw = ev, ev.org, ev.framework
        self.rng = random.Random(seed)
        self.lang = lang
        self.depth = depth
        self.labels = dict(LABELS[self.fw])
        self.labels.update(labels or {})
        self.body: list = []
        self.toc: Toc | None = None
        self._used: set[str] = set()
        self._used_findings: set[str] = set()

    # -- text --------------------------------------------------------------------------------
    @property
    def k(self) -> str:
        if self.lang == "no":
            return "kommunen"
        return {"stadsdel": "stadsdelsområdet", "region": "regionen"}.get(self.org.org_type, "kommunen")

    def fill(self, s: str) -> str:
        committee = {"stadsdel": "stadsdelsnämnden", "region": "regionstyrelsen"}.get(
            self.org.org_type, self.rng.choice(COMMITTEES)
        )
        return s.format(
            Org=self.org.name,
            org=self.org.name,
            k=self.k,
            K=self.k.capitalize(),
            v=self.rng.choice(SERVICES),
            n=committee,
        )

    def sentences(self, theme: str, n: int) -> list[str]:
        pool = (PROSE_NO if self.lang == "no" else PROSE)[theme]
        n = min(n, len(pool))
        fresh = [s for s in pool if s not in self._used]
        framing = FRAMING_NO if self.lang == "no" else FRAMING
        if len(fresh) < n:
            fresh += [s for s in framing if s not in self._used]
        if len(fresh) < n:
            self._used -= set(pool) | set(framing)
            fresh = list(pool)
        picked = self.rng.sample(fresh, n)
        self._used.update(picked)
        return [self.fill(s) for s in picked]

    def paragraph(self, theme: str, n: int | None = None, topic: str | None = None) -> Para:
        n = n or self.rng.randint(3, 5)
        sents = self.sentences(theme, n)
        if topic:
            q = topic[0].lower() + topic[1:] if not topic[:2].isupper() else topic
            sents.insert(0, self.rng.choice(TOPIC_NO if self.lang == "no" else TOPIC).format(q=q.rstrip("?")))
        if self.lang == "sv" and self.rng.random() < 0.2:
            sents.insert(self.rng.randint(0, len(sents)), self.rng.choice(GENERAL))
        return Para(" ".join(sents))

    def findings(self, area: int, kind: str, n: int, heading: str | None = None, glyph: str = "•") -> FindingList:
        theme = THEME[self.fw][area]
        pools = FINDINGS_NO if self.lang == "no" else FINDINGS
        pool = [t for t in pools[theme]["S" if kind == "strength" else "I"] if t not in self._used_findings]
        picked = self.rng.sample(pool, min(n, len(pool)))
        self._used_findings.update(picked)
        if heading is None:
            heading = {
                ("sv", "strength"): "Styrkor",
                ("sv", "improvement"): "Förbättringsområden",
                ("no", "strength"): "Styrker",
                ("no", "improvement"): "Forbedringsområder",
            }[(self.lang, kind)]
        return FindingList(area, kind, heading, [Finding(t) for t in picked], glyph)

    # -- structure ---------------------------------------------------------------------------
    def add(self, *blocks) -> None:
        self.body.extend(blocks)

    def cover(
        self,
        *,
        dates: str,
        evaluators: list[tuple[str, str]],
        title: str | None = None,
        upper: bool = False,
        extra: list[str] = (),
        label: str = "Utvärderare",
    ) -> None:
        if self.lang == "no":
            head, sub = "Kommunekompasset", f"Evaluering av {self.org.name}"
        else:
            head, sub = "Kommunkompassen", f"Analys av {self.org.name}"
        title = title or f"{head} – {sub}"
        if upper:
            title = title.upper()
        who = (" og " if self.lang == "no" else " och ").join(f"{n}, {a}" if a else n for n, a in evaluators)
        self.add(
            Para(head if not upper else head.upper(), "subtitle"),
            Para(title, "title"),
            *[Para(e, "cover") for e in extra],
            Para(dates, "cover"),
            Para(f"{label}: {who}", "cover"),
            Para(publisher(self.ev.year) if self.lang == "sv" else "KS Kommunenes Sentralforbund", "cover"),
            PageBreak(),
        )

    def toc_page(self, title: str = "Innehåll", leaders: bool = True) -> Toc:
        self.toc = Toc(title, [], leaders)
        self.add(self.toc, PageBreak())
        return self.toc

    def section(
        self,
        title: str,
        *,
        page_break: bool = True,
        level: int = 1,
        in_toc: bool = True,
        score: InlineScore | None = None,
        toc_text: str | None = None,
        toc_score: InlineScore | None = None,
    ) -> Heading:
        h = Heading(title, level, page_break=page_break, score=score)
        self.add(h)
        if in_toc and self.toc is not None:
            self.toc.entries.append(TocEntry(toc_text or title, h, level, toc_score))
        return h

    def intro(self, *, page_break: bool = False, numbered: bool = True) -> None:
        fw = self.fw
        if self.lang == "no":
            self.section("Hva er Kommunekompasset?", page_break=page_break)
            self.add(
                Para(
                    "Kommunekompasset er et verktøy for å evaluere hvordan en kommune styres og ledes. "
                    "Evalueringen bygger på dokumenter og intervjuer med politikere, ledere og ansatte, og "
                    "gir et bilde av kommunen som helhet."
                ),
                Para("Verktøyet er bygget opp rundt åtte fokusområder:"),
                Bullets([f"{LABELS['no'][a]}" for a in AREAS], "number"),
                Para(
                    "Hvert fokusområde kan gi maksimalt 100 poeng, til sammen 800 poeng. Poengene gir en "
                    "indikasjon på hvor langt kommunen har kommet, men beskrivelsene av styrker og "
                    "forbedringsområder er viktigere enn tallene."
                ),
            )
            return
        self.section("Vad är Kommunkompassen?", page_break=page_break)
        if fw in ("2002", "2003"):
            self.add(
                Para(
                    "Kommunkompassen togs fram av Svenska Kommunförbundet med inspiration från ett "
                    "internationellt utvärderingsinstrument. Syftet är att ge en samlad bild av hur kommunen "
                    "arbetar med styrning, ledning och utveckling, och att visa var det finns möjligheter "
                    "till förbättringar."
                ),
                Para("Analysen omfattar åtta huvudområden:"),
            )
        else:
            self.add(
                Para(
                    "Kommunkompassen är ett verktyg för att analysera och utveckla en kommuns sätt att arbeta. "
                    "Analysen ger en bild av organisationen som helhet, och syftet är att ge underlag för "
                    "förbättringar snarare än att rangordna kommuner."
                ),
                Para(
                    "Utvärderingen genomförs av två utvärderare. Underlaget består av skriftligt material "
                    "som lämnas in före besöket och av intervjuer med förtroendevalda, chefer och "
                    "medarbetare under besöket. Verktyget är uppbyggt kring åtta områden:"
                ),
            )
        labels = [self.labels[a] for a in AREAS]
        self.add(
            Bullets(labels, "number")
            if numbered
            else Para("\n".join(f"Område {a}: {l}" for a, l in zip(AREAS, labels)))
        )
        if fw in ("2002", "2003"):
            self.add(
                Para(
                    "Inom varje område bedöms ett antal frågor, och resultatet redovisas i poäng per "
                    "område. Poängen ska ses som en indikation; de skriftliga iakttagelserna är viktigare."
                )
            )
        else:
            self.add(
                Para(
                    "Varje område kan ge högst 100 poäng, vilket innebär att en kommun totalt kan få 800 "
                    "poäng. Poängen ska ses som en indikation på hur långt utvecklingsarbetet har kommit; "
                    "beskrivningarna av styrkor och förbättringsområden är viktigare än siffrorna."
                )
            )

    def visit(self, dates_text: str) -> None:
        self.section("Genomförande", page_break=False, level=2, in_toc=False)
        self.add(
            Para(
                f"Besöket i {self.org.name} genomfördes {dates_text}. Under besöket intervjuades ett "
                f"fyrtiotal personer: förtroendevalda från majoritet och opposition, ledande tjänstemän, "
                f"chefer på olika nivåer och fackliga företrädare. Därtill har vi tagit del av "
                f"styrdokument, protokoll och uppföljningar."
            ),
            Para(
                "Rapporten inleds med en sammanfattning av resultatet. Därefter följer en genomgång av "
                "de åtta områdena, var och en avslutad med en sammanfattning av styrkor och "
                "förbättringsområden."
            ),
        )

    def results_intro(self, title: str = "Sammanfattning av resultat", **kw) -> Heading:
        h = self.section(title, **kw)
        best, worst = self.rng.sample(list(AREAS), 2)
        if self.lang == "no":
            self.add(
                Para(
                    f"Det samlede bildet er at {self.org.name} har et godt grunnlag for videre utvikling. "
                    f"Sterkest resultat har området {LABELS['no'][best].lower()}, mens "
                    f"{LABELS['no'][worst].lower()} har størst forbedringspotensial."
                )
            )
        else:
            self.add(
                Para(
                    f"Den samlade bilden är att {self.org.name} har goda förutsättningar att utveckla "
                    f"verksamheten vidare. Starkast resultat har området {self.labels[best].lower()}, "
                    f"medan {self.labels[worst].lower()} har störst utvecklingspotential."
                ),
                self.paragraph(THEME[self.fw][best], 3),
            )
        return h

    def table(self, table: ScoreTable, after: str | None = None) -> ScoreTable:
        self.add(TableBlock(table))
        if after:
            self.add(Para(after))
        return table

    def area_section(
        self,
        area: int,
        *,
        heading: str | None = None,
        score: InlineScore | None = None,
        toc_text: str | None = None,
        toc_score: InlineScore | None = None,
        strengths: int = 3,
        improvements: int = 3,
        glyphs: tuple[str, str] = ("•", "•"),
        list_headings: tuple[str | None, str | None] = (None, None),
        boxed: bool = True,
        box_title: str | None = None,
        depth: int | None = None,
        extra_prose: int = 0,
        lists: list[FindingList] | None = None,
        page_break: bool = True,
        to: list | None = None,
    ) -> tuple[Heading, SummaryBox]:
        """'Område N Label' with sub-questions, prose and a summary box; returns (heading, box)."""
        theme = THEME[self.fw][area]
        word = "Fokusområde" if self.lang == "no" else "Område"
        title = heading or f"{word} {area} {self.labels[area]}"
        target = to if to is not None else self.body
        h = Heading(title, 1, page_break=page_break, score=score)
        target.append(h)
        if self.toc is not None:
            self.toc.entries.append(TocEntry(toc_text or title, h, 1, toc_score))
        target.append(self.paragraph(theme, 3))
        depth = self.depth if depth is None else depth
        for i, q in enumerate(questions(self.fw, area), 1):
            if depth == 0:
                break
            target.append(Heading(f"{area}.{i} {q}", 2))
            for d in range(depth):
                target.append(self.paragraph(theme, self.rng.randint(2, 4), topic=q if d == 0 else None))
        for _ in range(extra_prose):
            target.append(self.paragraph(theme))
        if lists is None:
            lists = [
                self.findings(area, "strength", strengths, list_headings[0], glyphs[0]),
                self.findings(area, "improvement", improvements, list_headings[1], glyphs[1]),
            ]
        if box_title is None:
            box_title = f"Oppsummering fokusområde {area}" if self.lang == "no" else f"Sammanfattning område {area}"
        box = SummaryBox(box_title, lists, boxed)
        target.append(box)
        return h, box


def standard_header(org: Organisation, year: int, lang: str = "sv") -> str:
    if lang == "no":
        return f"Kommunekompasset – {org.name}"
    return f"Kommunkompassen – Analys av {org.name}"


def closing_table(
    fw: str,
    columns: list[ScoreColumn],
    total_label: str = "Totalt",
    style: str = "ruled",
    heading: str = "Poängsammanställning",
    labels: dict[int, str] | None = None,
) -> ScoreTable:
    return ScoreTable(
        None,
        labels or area_labels(fw, "Område {a} {label}"),
        columns,
        "Område",
        total_label,
        style=style,
        heading=heading,
        label_width_cm=9.0,
    )


def spec_from(c: Composer, name: str, producer: str, forms: list[str], **kw) -> ReportSpec:
    return ReportSpec(
        name=name, producer=producer, kind=kw.pop("kind", "report"), forms=forms, body=c.body, evaluation=c.ev, **kw
    )


def standard_report(
    c: Composer,
    *,
    result_tables: list[ScoreTable],
    closing: ScoreTable | None = None,
    closing_title: str = "Poängsammanställning",
    area_kw: dict[int, dict] | None = None,
    between_tables: str | None = None,
) -> None:
    """TOC, introduction, results, eight area sections, closing overview."""
    c.toc_page()
    c.intro()
    c.visit(c.rng.choice(["under tre dagar i april", "under två dagar i oktober", "under tre dagar i mars"]))
    c.results_intro()
    for i, t in enumerate(result_tables):
        c.table(t, after=between_tables if i < len(result_tables) - 1 else None)
    for a in AREAS:
        c.area_section(a, **(area_kw or {}).get(a, {}))
    if closing is not None:
        c.section(closing_title)
        c.add(Para("Tabellen nedan visar poängen per område i sammanställd form."))
        c.add(TableBlock(closing))


# =============================================================================================
# The fixtures


def fx_ljusdal_2010() -> ReportSpec:
    org = kommun("Ljusdal")
    ev = Evaluation(org, 2010, evaluators=["Karin Sjöberg", "Per Holmgren"], has_report=True)
    c = Composer(ev, seed=2161)
    c.cover(
        dates="Besök 21–23 april 2010",
        evaluators=[("KARIN SJÖBERG", "senior konsult (SKL)"), ("Per Holmgren", "Sandvikens kommun")],
    )
    new = {1: 63.5, 2: 51, 3: 58, 4: 49.5, 5: 47, 6: 52, 7: 39.5, 8: 52}
    old = {1: 59, 2: 71, 3: 50, 4: 44, 5: 40, 6: 46, 7: 30, 8: 40}
    labels = area_labels("2010")
    t1 = ScoreTable(
        "Tabell 1 Ljusdals kommuns resultat i förhållande till Kommunkompassens huvudområden",
        labels,
        [col("Nuvarande poängskala", ev, new, scale="new"), col("Äldre poängskala", ev, old, scale="old")],
        "Område",
        "TOTALT",
        result=True,
        label_width_cm=5.0,
        value_width_cm=2.8,
    )
    closing = closing_table(
        "2010", [col("Nuvarande\npoängskala", ev, new, scale="new"), col("Äldre\npoängskala", ev, old, scale="old")]
    )
    standard_report(c, result_tables=[t1], closing=closing)
    return spec_from(
        c,
        "report-ljusdal-2010-two-scales",
        "docx",
        [
            "two-scales",
            "wrapped-labels",
            "decimal-comma",
            "ruled-table",
            "totalt-total",
            "evaluator-capitals",
            "cover-evaluators",
            "intro-area-list",
            "toc-dot-leaders",
            "running-header-footer",
            "closing-summary",
        ],
        header=standard_header(org, 2010),
        footer="Sveriges Kommuner och Landsting 2010-06-09",
        requirements=[
            Requirement("line_equals", "brukarorientering", why="the wrapped label tail must sit alone on its line"),
            Requirement(
                "line_startswith", "2. Tillgänglighet och 51 71", why="first label line carries the row's values"
            ),
        ],
    )


def fx_kalmar_2006() -> ReportSpec:
    org = kommun("Kalmar")
    ev = Evaluation(org, 2006, evaluators=["Eva Lindqvist", "Johan Ekström"], has_report=True)
    c = Composer(ev, seed=880)
    c.cover(
        dates="Besök i Kalmar 14–16 november 2006",
        upper=True,
        evaluators=[("Eva Lindqvist", "Sveriges Kommuner och Landsting"), ("Johan Ekström", "Växjö kommun")],
    )
    old = {1: 48, 2: 55, 3: 42, 4: 51, 5: 38, 6: 47, 7: 36, 8: 53}
    t1 = ScoreTable(
        "Tabell 1 Resultat per huvudområde",
        area_labels("2003"),
        [col("Poäng", ev, old)],
        "Huvudområde",
        "Summa",
        style="tabs",
        result=True,
        label_width_cm=11.0,
        value_width_cm=2.5,
    )
    standard_report(c, result_tables=[t1])
    return spec_from(
        c,
        "report-kalmar-2006-old-scale",
        "docx",
        [
            "old-scale",
            "unruled-table",
            "summa-total",
            "framework-2003",
            "cover-evaluators",
            "intro-area-list",
            "toc-dot-leaders",
            "running-header-footer",
        ],
        header=standard_header(org, 2006),
        footer="Sveriges Kommuner och Landsting",
        page_numbers="n",
    )


def fx_tranas_2017() -> ReportSpec:
    org = kommun("Tranås")
    ev = Evaluation(org, 2017, evaluators=["Maria Nordin", "Anders Hallberg"], has_report=True)
    prev = Evaluation(org, 2013)
    c = Composer(ev, seed=687)
    c.cover(
        dates="Besök 7–9 mars 2017",
        evaluators=[("Maria Nordin", "utredare (SKL)"), ("Anders Hallberg", "Nässjö kommun")],
    )
    v13 = {1: 52, 2: 48, 3: 55, 4: 50, 5: 41, 6: 46, 7: 38, 8: 57}
    v17 = {1: 61, 2: 57, 3: 63, 4: 58, 5: 52, 6: 55, 7: 49, 8: 62}
    t1 = ScoreTable(
        "Tabell 1 Tranås kommuns resultat 2017 jämfört med utvärderingen 2013",
        area_labels("2016"),
        [col("Tranås 2013", prev, v13, role="history"), col("Tranås 2017", ev, v17)],
        "Område",
        "TOTALT",
        result=True,
        label_width_cm=8.0,
        value_width_cm=2.6,
    )
    closing = closing_table("2016", [col("Poäng 2017", ev, v17)], heading="Översikt av poängfördelning")
    standard_report(
        c,
        result_tables=[t1],
        closing=closing,
        closing_title="Översikt av poängfördelning",
        area_kw={2: {"heading": "Område 2 Tillgänglighet och brukarorientering"}},
    )
    return spec_from(
        c,
        "report-tranas-2017-history",
        "docx",
        [
            "history-columns",
            "framework-2016",
            "totalt-total",
            "ruled-table",
            "label-drift",
            "closing-summary",
            "toc-dot-leaders",
            "running-header-footer",
            "cover-evaluators",
        ],
        header=standard_header(org, 2017),
        footer="Sveriges Kommuner och Landsting 2017-05-22",
        body_font="Calibri",
        heading_font="Calibri",
    )


def fx_hasselby_2010() -> ReportSpec:
    org = district("Hässelby-Vällingby")
    ev = Evaluation(org, 2010, evaluators=["Lena Forsberg", "Mats Ödman"], has_report=True)
    c = Composer(ev, seed=180)
    c.cover(
        title="KOMMUNKOMPASSEN – HÄSSELBY-VÄLLINGBY STADSDEL",
        dates="Besök 2–4 februari 2010",
        extra=["Analys av Hässelby-Vällingby stadsdelsområde, Stockholms stad"],
        evaluators=[("Lena Forsberg", "senior konsult (SKL)"), ("Mats Ödman", "Solna stad")],
    )
    mark = "0 *)"
    foot = "*) Område 8 poängbedöms inte vid stadsdelsutvärderingar"
    new = {1: 58, 2: 62.5, 3: 49, 4: 55, 5: 44.5, 6: 57, 7: 46, 8: None}
    old = {1: 52, 2: 66, 3: 45, 4: 50, 5: 41, 6: 53, 7: 40, 8: None}
    t1 = ScoreTable(
        "Tabell 1 Hässelby-Vällingby stadsdelsområdes resultat per område",
        area_labels("2010"),
        [
            col("Nuvarande poängskala", ev, new, scale="new", marks={8: mark}),
            col("Äldre poängskala", ev, old, scale="old", marks={8: mark}),
        ],
        "Område",
        "TOTALT",
        footnote=foot,
        result=True,
        label_width_cm=7.5,
        value_width_cm=3.0,
    )
    bromma, sthlm, kista = (
        Evaluation(district("Bromma"), 2006),
        Evaluation(kommun("Stockholm"), 2009),
        Evaluation(district("Kista"), 2008),
    )
    skarholmen, sodermalm = Evaluation(district("Skärholmen"), 2007), Evaluation(district("Södermalm"), 2009)
    v_br = {1: 47, 2: 58, 3: 41, 4: 49, 5: 36, 6: 50, 7: 33, 8: None}
    v_st = {1: 55, 2: 61, 3: 52, 4: 54, 5: 47, 6: 56, 7: 44, 8: 61}
    v_ki = {1: 44, 2: 52, 3: 39, 4: 46, 5: 35, 6: 45, 7: 31, 8: None}  # sum 292, printed 302
    v_sk = {1: 42, 2: 55, 3: 43, 4: 47, 5: 37, 6: 44, 7: 35, 8: None}
    v_so = {1: 50, 2: 63, 3: 46, 4: 52, 5: 40, 6: 54, 7: 42, 8: None}
    t2 = ScoreTable(
        "Tabell 2 Hässelby-Vällingby 2010 jämfört med fem andra utvärderingar (äldre poängskala)",
        area_labels("2010", "{a}. {label}"),
        [
            col("Hässelby-\nVällingby\n2010", ev, old, scale="old", marks={8: mark}),
            col("Bromma\n2006", bromma, v_br, role="peer", marks={8: "–"}),
            col("Stockholm\nstad 2009", sthlm, v_st, role="peer"),
            col("Kista\n2008", kista, v_ki, role="peer", total=302, marks={8: ""}),
            col("Skärholmen\n2007", skarholmen, v_sk, role="peer", marks={8: "–"}),
            col("Södermalm\n2009", sodermalm, v_so, role="peer", marks={8: mark}),
        ],
        "Område",
        "Totalt",
        footnote=foot,
        label_width_cm=4.0,
        value_width_cm=2.0,
        font_size=8.5,
    )
    standard_report(
        c,
        result_tables=[t1, t2],
        between_tables="I tabell 2 jämförs stadsdelsområdets resultat med fem tidigare "
        "utvärderingar inom Stockholms stad. Jämförelsen görs med den äldre "
        "poängskalan, som användes vid de tidigare utvärderingarna.",
    )
    return spec_from(
        c,
        "report-hasselby-vallingby-2010-district",
        "docx",
        [
            "district",
            "not-assessed",
            "two-scales",
            "peer-table",
            "peer-sum-mismatch",
            "decimal-comma",
            "ruled-table",
            "totalt-total",
            "cover-evaluators",
            "toc-dot-leaders",
            "running-header-footer",
        ],
        checks=[("sum_mismatch", kista)],
        header="Kommunkompassen – Hässelby-Vällingby stadsdelsområde",
        footer="Sveriges Kommuner och Landsting 2010-04-20",
    )


def fx_haninge_2012() -> ReportSpec:
    org = kommun("Haninge")
    ev = Evaluation(org, 2012, evaluators=["Birgitta Wahlund", "Göran Sundell"], has_report=True)
    c = Composer(ev, seed=136)
    c.cover(
        dates="Besök 24–26 oktober 2012",
        evaluators=[("Birgitta Wahlund", "senior konsult (SKL)"), ("Göran Sundell", "Nynäshamns kommun")],
    )
    v = {1: 73, 2: 66, 3: 59, 4: 58, 5: 54, 6: 61, 7: 47, 8: 68}
    avg = {1: 63, 2: 60, 3: 55, 4: 52, 5: 49, 6: 57, 7: 44, 8: 59, None: 439}
    t1 = ScoreTable(
        "Tabell 1 Haninge kommuns resultat per område. Inom parentes anges genomsnittet för "
        "kommuner som utvärderats med samma version av Kommunkompassen.",
        area_labels("2010"),
        [col("Poäng (genomsnitt)", ev, v, averages=avg, style="average")],
        "Område",
        "Totalt",
        result=True,
        label_width_cm=8.5,
        value_width_cm=3.6,
    )
    v_closing = dict(v)
    v_closing[4] = 56  # printed differently: 58 in table 1
    closing = closing_table("2010", [col("Poäng", ev, v_closing, total=sum(v.values()))])
    standard_report(c, result_tables=[t1], closing=closing)
    return spec_from(
        c,
        "report-haninge-2012-averages",
        "docx",
        [
            "national-average",
            "conflicting-values",
            "closing-summary",
            "ruled-table",
            "totalt-total",
            "cover-evaluators",
            "toc-dot-leaders",
            "running-header-footer",
        ],
        checks=[("conflicting_values", ev), ("sum_mismatch", ev)],
        header=standard_header(org, 2012),
        footer="Sveriges Kommuner och Landsting 2012-12-03",
        body_font="Calibri",
        heading_font="Calibri",
    )


def fx_umea_2014() -> ReportSpec:
    org = kommun("Umeå")
    ev = Evaluation(org, 2014, evaluators=["Helena Kjellberg", "Tomas Rydén"], has_report=True)
    c = Composer(ev, seed=2480)
    c.cover(
        dates="Besök 8–10 april 2014",
        evaluators=[("Helena Kjellberg", "utvecklingsledare (SKL)"), ("Tomas Rydén", "Skellefteå kommun")],
    )
    v = {1: 64, 2: 51, 3: 58, 4: 55, 5: 49, 6: 57, 7: 46, 8: 71}
    c.toc_page()
    c.intro()
    c.visit("under tre dagar i april")
    c.results_intro()
    c.table(
        ScoreTable(
            "Tabell 1 Umeå kommuns resultat i procent av maxpoängen per område",
            area_labels("2010"),
            [col("Umeå 2014", ev, v, style="percent")],
            "Område",
            "Totalt poäng",
            result=True,
            label_width_cm=8.5,
            value_width_cm=3.0,
        ),
        after="Eftersom varje område ger högst 100 poäng motsvarar procentsatsen poängen för området.",
    )
    for a in AREAS:
        label = c.labels[a]
        c.area_section(
            a,
            heading=f"Område {a} {label} – {int(v[a])} poäng",
            score=InlineScore(ev, a, v[a]),
            toc_text=f"Område {a} {label} {int(v[a])} p",
            toc_score=InlineScore(ev, a, v[a]),
        )
    return spec_from(
        c,
        "report-umea-2014-percent",
        "docx",
        [
            "percent",
            "heading-scores",
            "toc-scores",
            "toc-dot-leaders",
            "ruled-table",
            "cover-evaluators",
            "running-header-footer",
        ],
        header=standard_header(org, 2014),
        footer="Sveriges Kommuner och Landsting 2014-06-17",
        body_font="Calibri",
        heading_font="Calibri",
    )


def fx_gotland_2014() -> ReportSpec:
    org = region_gotland()
    ev = Evaluation(org, 2014, evaluators=["Ulla Granqvist", "Stefan Lindahl"], has_report=True)
    c = Composer(ev, seed=980)
    c.cover(
        dates="Besök i Visby 3–5 november 2014",
        evaluators=[("Ulla Granqvist", "senior konsult (SKL)"), ("Stefan Lindahl", "Region Halland")],
    )
    v = {1: 57, 2: 62, 3: 48, 4: 53, 5: 45, 6: 50, 7: 42, 8: 66}
    c.toc_page()
    c.intro()
    c.visit("under tre dagar i november")
    c.results_intro()
    chart_labels = [f"{a} {c.labels[a]}" for a in AREAS]
    chart_labels[5] = "6 Kommunen som arbetsgivare\n– personalpolitik"
    c.add(
        Chart(
            "Figur 1 Region Gotlands resultat per område",
            chart_labels,
            [("Region Gotland 2014", [v[a] for a in AREAS])],
        ),
        Para("Diagrammet visar resultatet per område. Poängen redovisas i tabell 1 på nästa sida."),
        PageBreak(),
    )
    c.table(
        ScoreTable(
            "Tabell 1 Region Gotlands resultat per område",
            area_labels("2010"),
            [col("Poäng 2014", ev, v)],
            "Område",
            "Totalt",
            result=True,
            label_width_cm=9.0,
            value_width_cm=3.0,
        )
    )
    for a in AREAS:
        c.area_section(a)
    return spec_from(
        c,
        "report-gotland-2014-radar",
        "reportlab",
        [
            "radar-chart",
            "region",
            "ruled-table",
            "totalt-total",
            "toc-dot-leaders",
            "running-header-footer",
            "cover-evaluators",
        ],
        header="Kommunkompassen – Analys av Region Gotland",
        footer="Sveriges Kommuner och Landsting",
        body_font="Times New Roman",
        options={"title": "Kommunkompassen Region Gotland 2014"},
    )


def fx_vasteras_2021() -> ReportSpec:
    org = kommun("Västerås")
    ev = Evaluation(org, 2021, evaluators=["Annika Berglöf", "Olof Hedman"], has_report=True)
    c = Composer(ev, seed=1980)
    c.cover(
        dates="Digitala intervjuer 12–16 april 2021",
        evaluators=[("Annika Berglöf", "senior konsult (SKR)"), ("Olof Hedman", "Örebro kommun")],
    )
    v = {1: 66, 2: 71, 3: 62, 4: 58, 5: 64, 6: 55, 7: 60, 8: 63}
    c.toc_page()
    c.intro()
    c.visit("digitalt under en vecka i april")
    c.results_intro()
    c.table(
        ScoreTable(
            "Tabell 1 Västerås stads resultat per område (Kommunkompassen 2020)",
            area_labels("2020"),
            [col("Västerås 2021", ev, v)],
            "Område",
            "Totalt",
            result=True,
            label_width_cm=9.5,
            value_width_cm=3.0,
        )
    )
    for a in AREAS:
        if a == 1:
            c.area_section(a, heading="Område 1 Offentlighet och demokrati")
        elif a == 5:
            left: list = []
            h, box = c.area_section(5, boxed=False, depth=0, to=left, page_break=False)
            right = [
                Heading("5.1 Tillgänglighet och bemötande", 2),
                c.paragraph("brukare", 5),
                Heading("5.2 Brukarundersökningar", 2),
                c.paragraph("brukare", 5),
                Heading("5.3 Synpunkter och klagomål", 2),
                c.paragraph("brukare", 4),
            ]
            c.add(Columns(left, right, mode="section"))
        else:
            c.area_section(a)
    return spec_from(
        c,
        "report-vasteras-2021-2020-framework",
        "docx",
        [
            "framework-2020",
            "label-drift",
            "two-column-page",
            "ruled-table",
            "totalt-total",
            "stad",
            "toc-dot-leaders",
            "running-header-footer",
            "cover-evaluators",
        ],
        header="Kommunkompassen – Analys av Västerås stad",
        footer="Sveriges Kommuner och Regioner 2021-06-30",
        body_font="Calibri",
        heading_font="Calibri",
    )


EXAMPLES = [
    (
        "Exempel från Sollentuna: medborgardialog",
        [
            "Dialogforum i varje kommundel två gånger per år",
            "Återkoppling till deltagarna inom en månad",
            "Resultaten publiceras på webbplatsen",
        ],
    ),
    (
        "Exempel från Nacka: servicegarantier",
        [
            "Garantier för svarstider inom bygglov och förskola",
            "Ersättning om garantin inte hålls",
            "Uppföljning redovisas i årsredovisningen",
        ],
    ),
    (
        "Exempel från Skellefteå: ledarutveckling",
        [
            "Gemensamt chefsprogram för alla nya chefer",
            "Mentorer bland erfarna chefer",
            "Ledarskapsindex följs upp varje år",
        ],
    ),
    (
        "Exempel från Uddevalla: kvalitetsarbete",
        [
            "Förbättringstavlor på arbetsplatserna",
            "Gemensam modell för avvikelsehantering",
            "Kvalitetsdag med utställning av goda exempel",
        ],
    ),
]


def fx_tyreso_2015() -> ReportSpec:
    org = kommun("Tyresö")
    ev = Evaluation(org, 2015, evaluators=["Cecilia Strand", "Magnus Westin"], has_report=True)
    prev = Evaluation(org, 2010)
    c = Composer(ev, seed=138)
    v = {1: 63, 2: 58, 3: 66, 4: 74, 5: 52, 6: 61, 7: 55, 8: 69}
    total = sum(v.values())
    slides = [
        Slide(
            "Återkoppling Kommunkompass",
            layout="title",
            blocks=[
                Para("Tyresö kommun 2015", "subtitle"),
                Para("Cecilia Strand och Magnus Westin, Sveriges Kommuner och Landsting"),
                Para("Kommunstyrelsen 9 juni 2015"),
            ],
        ),
        Slide("Kommunkompassens åtta områden", blocks=[Bullets([c.labels[a] for a in AREAS], "number")]),
        Slide(
            "Resultat Tyresö kommun 2015",
            blocks=[
                Para(f"Område {a} {c.labels[a]} {int(v[a])}", "small", score=InlineScore(ev, a, v[a])) for a in AREAS
            ]
            + [
                Para(f"Totalt {total} poäng", "bold", score=InlineScore(ev, None, total)),
                Para(f"Tyresö 2010: {452}", "bold", score=InlineScore(prev, None, 452, role="history")),
            ],
        ),
    ]
    examples = iter(EXAMPLES)
    for a in AREAS:
        slides.append(
            Slide(
                f"Område {a} {c.labels[a]}",
                blocks=[Bullets([f"{a}.{i} {q}" for i, q in enumerate(questions("2010", a), 1)])],
                side=[Para(f"{int(v[a])} p", "big", score=InlineScore(ev, a, v[a])), Para("av 100")],
            )
        )
        slides.append(Slide(f"Område {a} – Styrkor", blocks=[Bullets(c.findings(a, "strength", 3))]))
        word = "Förbättringsmöjligheter" if a % 2 == 0 else "Förbättringsområden"
        slides.append(
            Slide(f"Område {a} – {word}", blocks=[Bullets(c.findings(a, "improvement", 3, heading=word, glyph="–"))])
        )
        if a in (1, 2, 4, 7):
            title, items = next(examples)
            slides.append(Slide(title, blocks=[Bullets(items, "•"), Para("Källa: kommunens webbplats", "small")]))
    slides.append(Slide("Tack!", layout="title", blocks=[Para("Frågor och diskussion", "subtitle")]))
    c.body = slides
    return spec_from(
        c,
        "slides-tyreso-2015-feedback",
        "pptx",
        ["slides", "slide-results-text", "slide-points", "history-line", "example-slides"],
        kind="slides",
        footer="Sveriges Kommuner och Landsting | Kommunkompassen Tyresö 2015",
        body_font="Calibri",
        heading_font="Calibri",
        landscape=True,
        options={"title": "Återkoppling Kommunkompass Tyresö"},
    )


def fx_lerum_2015() -> ReportSpec:
    org = kommun("Lerum")
    ev = Evaluation(org, 2015, has_report=True)
    c = Composer(ev, seed=1441)
    c.add(
        Para("PM", "big"),
        Para("2015-01-28", "small"),
        Para("Utvärdering enligt Kommunkompassen i Lerums kommun", "title"),
        Heading("Bakgrund", 1),
        Para(
            "Lerums kommun har beställt en utvärdering enligt Kommunkompassen av Sveriges Kommuner och "
            "Landsting. Denna promemoria beskriver verktyget, hur besöket går till och vad som förväntas av "
            "kommunen inför besöket. Den skickas till kontaktpersonen för spridning till dem som ska "
            "intervjuas."
        ),
        Heading("Vad är Kommunkompassen?", 1),
        Para(
            "Kommunkompassen är ett analysverktyg som beskriver hur en kommun styrs och leds. Utvärderingen "
            "bygger på skriftligt material och på intervjuer, och den resulterar i en rapport med styrkor och "
            "förbättringsområden inom åtta områden:"
        ),
        Bullets([f"{LABELS['2010'][a]}" for a in AREAS], "number"),
        Para(
            "Varje område bedöms med högst 100 poäng, totalt 800 poäng. Poängen redovisas i rapporten "
            "tillsammans med en beskrivning av vad bedömningen grundar sig på."
        ),
        Heading("Underlag före besöket", 1),
        Para(
            "Vi ber kommunen att senast tre veckor före besöket skicka in styrdokument, den senaste "
            "årsredovisningen, budget och verksamhetsplaner, delegationsordningar, personalpolitiska "
            "dokument samt exempel på uppföljningar och brukarundersökningar."
        ),
        Heading("Besöket", 1, page_break=True),
        Para(
            "Besöket pågår i tre dagar. Intervjuerna genomförs i grupper om tre till sex personer och tar "
            "cirka en timme vardera. Nedan följer ett förslag till schema som kontaktpersonen fyller i."
        ),
        Bullets(
            [
                "Dag 1 förmiddag: kommunstyrelsens presidium och kommundirektören",
                "Dag 1 eftermiddag: förvaltningschefer och ekonomichef",
                "Dag 2: enhetschefer och medarbetare från olika verksamheter",
                "Dag 3 förmiddag: företrädare för oppositionen och fackliga organisationer",
                "Dag 3 eftermiddag: kort muntlig återkoppling till kommunledningen",
            ],
            "–",
        ),
        Heading("Efter besöket", 1),
        Para(
            "En rapport lämnas cirka sex veckor efter besöket. Den presenteras för kommunstyrelsen eller "
            "kommunledningen vid ett tillfälle som bestäms i samråd med kontaktpersonen."
        ),
        Heading("Praktiska frågor", 1),
        Para(
            "Vi behöver ett mindre sammanträdesrum under hela besöket, med möjlighet att koppla in en dator. "
            "Intervjupersonerna bör få information om syftet med besöket i god tid. Intervjuerna är inte "
            "konfidentiella i den meningen att de redovisas anonymt, men inga uttalanden återges så att de "
            "kan knytas till en enskild person."
        ),
        Heading("Kontaktpersoner", 1),
        Para(
            "Sveriges Kommuner och Landsting: Karin Sjöberg, senior konsult\n"
            "Lerums kommun: kontaktperson utses av kommundirektören"
        ),
        Heading("Bilaga 1 Frågeområden", 1, page_break=True),
        Para(
            "Under varje område ställs frågor inom följande delområden. Frågorna används som stöd i "
            "intervjuerna och behöver inte besvaras skriftligt i förväg."
        ),
        *[
            b
            for a in AREAS
            for b in (
                Para(f"Område {a} {LABELS['2010'][a]}", "bold", keep_with_next=True),
                Para("\n".join(f"{a}.{i} {q}" for i, q in enumerate(questions("2010", a), 1)), "small"),
            )
        ],
    )
    spec = spec_from(
        c,
        "memo-lerum-2015-pm",
        "docx",
        ["memo", "intro-area-list", "running-header-footer"],
        kind="memo",
        status="not_report",
        framework=None,
        header="Sveriges Kommuner och Landsting\tPM ",
        page_numbers="header",
        first_page_plain=False,
    )
    spec.footer = None
    return spec


def fx_nacka_2019() -> ReportSpec:
    org = kommun("Nacka")
    ev = Evaluation(org, 2019)
    c = Composer(ev, seed=182)
    c.add(
        Para("Personalpolicy för Nacka kommun", "title"),
        Para("Antagen av kommunfullmäktige 2019-03-18, gäller från 2019-04-01", "small"),
        Heading("Inledning", 1),
        Para(
            "Personalpolicyn beskriver hur Nacka kommun vill vara som arbetsgivare och vad vi förväntar oss "
            "av chefer och medarbetare. Den gäller alla anställda och kompletteras av riktlinjer inom "
            "respektive område."
        ),
        Heading("Våra mål", 1),
        Bullets(
            [
                "Sjukfrånvaron ska vara lägre än 5 % år 2021",
                "Minst 80 % av medarbetarna ska rekommendera kommunen som arbetsgivare",
                "Alla medarbetare ska ha ett årligt utvecklingssamtal",
            ],
            "•",
        ),
        Heading("Områden i personalpolitiken", 1),
        Para(
            "Personalpolitiken omfattar sex områden: 1 Ledarskap, 2 Medarbetarskap, 3 Kompetens, "
            "4 Lön och villkor, 5 Arbetsmiljö och hälsa, 6 Jämställdhet och mångfald. För varje område "
            "finns mål som följs upp i personalbokslutet."
        ),
        Heading("Styrkor", 2),
        Bullets(
            [
                "Hög andel medarbetare som trivs på arbetet",
                "Ett väl utvecklat samarbete med de fackliga organisationerna",
                "Goda möjligheter till kompetensutveckling",
            ],
            "•",
        ),
        Heading("Förbättringsområden", 2),
        Bullets(["Minska korttidssjukfrånvaron", "Öka andelen heltidsanställda"], "•"),
        Heading("Ansvar och uppföljning", 1, page_break=True),
        Para(
            "Kommundirektören ansvarar för att policyn är känd i organisationen. Varje chef ansvarar för att "
            "den tillämpas i den egna verksamheten. Policyn följs upp årligen i personalbokslutet och "
            "revideras vid behov, dock minst en gång per mandatperiod."
        ),
    )
    return spec_from(
        c,
        "other-nacka-2019-personalpolicy",
        "docx",
        ["not-report"],
        kind="other",
        status="not_report",
        framework=None,
        header="Nacka kommun\tPersonalpolicy",
        page_numbers="n",
        body_font="Calibri",
        heading_font="Calibri",
    )


def _fl(area, kind, heading, glyph, typed: list[str]) -> FindingList:
    return FindingList(
        area, kind, heading, [Finding(reader_text(t), t if t != reader_text(t) else None) for t in typed], glyph
    )


def fx_kiruna_2011(extra_prose: int = 8) -> ReportSpec:
    org = kommun("Kiruna")
    ev = Evaluation(org, 2011, evaluators=["Göran Sundell", "Helena Kjellberg"], has_report=True)
    c = Composer(ev, seed=2584)
    c.cover(
        dates="Besök 15–17 mars 2011",
        evaluators=[("Göran Sundell", "senior konsult (SKL)"), ("Helena Kjellberg", "Luleå kommun")],
    )
    new = {1: 61, 2: 55.5, 3: 57, 4: 52, 5: 48, 6: 50.5, 7: 43, 8: 66}
    old = {1: 56, 2: 60, 3: 51, 4: 47, 5: 44, 6: 45, 7: 36, 8: 62}
    t1 = ScoreTable(
        "Tabell 1 Kiruna kommuns resultat per område",
        area_labels("2010"),
        [col("Nuvarande poängskala", ev, new, scale="new"), col("Äldre poängskala", ev, old, scale="old")],
        "Område",
        "TOTALT",
        result=True,
        label_width_cm=8.0,
        value_width_cm=3.0,
    )
    L = {
        1: [
            _fl(
                1,
                "strength",
                "Styrkor",
                "•",
                [
                    "Webbplatsen är välstrukturerad: kallelser, handlingar och protokoll publiceras i god tid, och det går "
                    "att prenumerera på nyheter från nämnderna.",
                    "Omfattande dialog med invånarna om samhällsomvandlingen (flytten av stadskärnan), med öppna möten, "
                    "utställningar och enkäter.",
                    "Fullmäktiges sammanträden direktsänds via webben.",
                ],
            ),
            _fl(
                1,
                "improvement",
                "Förbättringsområden",
                "–",
                [
                    "Ta fram en samlad plan för demokratiutveckling och information som anger mål, ansvar och hur "
                    "arbetet ska följas upp, t.ex. i samband med årsredovisningen.",
                    "Redovisa resultat och jämförelser med andra kommuner för invånarna på ett lättillgängligt sätt.",
                ],
            ),
        ],
        2: [
            _fl(
                2,
                "strength",
                "Styrkor",
                "-",
                [
                    "Kontaktcentret har korta svarstider, och en stor andel av ärendena löses redan vid första kontakten.",
                    "Brukarundersökningar inom äldreomsorgen, skolan och den kommunala hälso-\noch sjukvården "
                    "används systematiskt i verksamhetsplaneringen.",
                ],
            ),
            _fl(
                2,
                "improvement",
                "Förbättringsområden",
                "o",
                [
                    "Utveckla arbetet med synpunkter och klagomål, och inför service- och kvalitets-\ndeklarationer "
                    "i fler verksamheter, t.ex. inom hemtjänsten och förskolan.",
                    "Mät tillgängligheten per telefon och e-post regelbundet.",
                ],
            ),
        ],
        3: [
            _fl(
                3,
                "strength",
                "Styrkor",
                "symbol",
                [
                    "Styrmodellen är väl förankrad: målen bryts ned från fullmäktige till nämnder och enheter, och "
                    "uppföljningen sker tre gånger per år.",
                    "Gott samarbetsklimat mellan majoritet, opposition och tjänstemän.",
                ],
            ),
            _fl(
                3,
                "improvement",
                "Utvecklingsområden",
                "symbol",
                [
                    "Formulera målen så att de går att mäta; i dag är många mål formulerade som aktiviteter "
                    "(t.ex. ”genomföra en utbildning”).",
                    "Samordna ekonomi-, personal- och kvalitetsuppföljningen i en gemensam rapport till "
                    "kommunstyrelsen.",
                ],
            ),
        ],
        4: [
            _fl(
                4,
                "strength",
                "Styrkor",
                "number",
                [
                    "Tydligt delegerat ansvar till enhetscheferna för budget, personal och verksamhet.",
                    "Ett chefsprogram som uppskattas av de nya cheferna.",
                ],
            ),
            _fl(
                4,
                "improvement",
                "Förbättringsområden",
                "number",
                [
                    "Se över chefernas förutsättningar: flera enhetschefer inom äldreomsorgen har fler än sextio "
                    "medarbetare.",
                    "Tydliggör ledningsgruppens strategiska roll.",
                    "Erbjud även erfarna chefer fortsatt ledarutveckling, t.ex. genom mentorskap eller nätverk med "
                    "chefer i andra kommuner.",
                ],
            ),
        ],
        5: [
            _fl(
                5,
                "strength",
                "Styrkor",
                "•",
                [
                    "Ekonomin är i balans, och prognoserna har under flera år stämt väl med utfallet.",
                    "Aktiv medverkan i jämförelsenätverk.",
                ],
            ),
            _fl(
                5,
                "improvement",
                "Förbättringsförslag",
                "–",
                [
                    "Använd jämförelserna i budgetarbetet för att analysera varför kostnaderna skiljer sig från "
                    "jämförbara kommuners.",
                    "Inför produktivitetsmått i fler verksamheter.",
                ],
            ),
        ],
        6: [
            _fl(
                6,
                "strength",
                "Styrkor",
                "symbol",
                [
                    "Ett systematiskt arbetsmiljöarbete där skyddsronder, riskbedömningar och uppföljning av tillbud "
                    "genomförs enligt en fastställd årsplan.",
                    "Individuell lönesättning med lönekriterier som är kända av medarbetarna och som diskuteras i "
                    "lönesamtalen.",
                    "En genomtänkt introduktion för nyanställda, med både en gemensam del och en del på den egna "
                    "arbetsplatsen.",
                ],
            ),
            _fl(
                6,
                "improvement",
                "Förbättringsområden",
                "symbol",
                [
                    "Ta fram en strategi för kompetensförsörjning som tar hänsyn till de stora pensionsavgångarna och "
                    "till konkurrensen om arbetskraft från gruvnäringen.",
                    "Utveckla arbetet med att marknadsföra kommunen som arbetsgivare, t.ex. genom samarbete med "
                    "gymnasieskolan och universitetet i Luleå.",
                    "Gör planen för mångfald och jämställdhet känd i verksamheterna och följ upp den i "
                    "personalbokslutet.",
                    "Analysera orsakerna till den höga sjukfrånvaron inom förskolan och hemtjänsten (där den är högst) "
                    "och ta fram åtgärder tillsammans med medarbetarna.",
                    "Skapa tydligare karriärvägar för medarbetare som vill utvecklas: specialistroller, utbildning och "
                    "möjlighet att pröva chefsuppdrag.",
                    "Följ upp att alla medarbetare har en individuell utvecklingsplan.",
                ],
            ),
        ],
        7: [
            _fl(
                7,
                "strength",
                "Styrkor",
                "o",
                [
                    "Goda exempel på förbättringsarbete inom socialtjänsten, där processkartläggning har gett kortare "
                    "handläggningstider.",
                    "Ett nätverk för digitalisering med deltagare från alla förvaltningar.",
                ],
            ),
            _fl(
                7,
                "improvement",
                "Utvecklingsmöjligheter",
                "-",
                [
                    "Inför en gemensam modell för kvalitetsarbete.",
                    "Skapa forum där goda idéer kan spridas mellan enheterna, t.ex. en årlig kvalitetsdag.",
                ],
            ),
        ],
        8: [
            _fl(
                8,
                "strength",
                "Styrkor",
                "•",
                [
                    "Ett nära samarbete med näringslivet (bland annat genom ett näringslivsråd) i frågor som rör "
                    "samhällsomvandlingen.",
                    "Aktivt internationellt arbete inom Barentssamarbetet.",
                ],
            ),
            _fl(
                8,
                "improvement",
                "Förbättringsområden",
                "•",
                [
                    "Ta fram en strategi för hållbar utveckling som samlar mål för miljö, energi och transporter.",
                    "Involvera föreningslivet tidigare i planeringen av nya bostadsområden.",
                ],
            ),
        ],
    }
    kw = {a: {"lists": L[a]} for a in AREAS}
    kw[6].update(boxed=False, extra_prose=extra_prose)
    standard_report(c, result_tables=[t1], area_kw=kw)
    spec = spec_from(
        c,
        "report-kiruna-2011-findings-forms",
        "docx",
        [
            "bullet-dot",
            "bullet-dash",
            "bullet-hyphen",
            "bullet-o",
            "bullet-symbol",
            "numbered-items",
            "wrapped-items",
            "hyphenation",
            "compound-hyphen",
            "finding-synonyms",
            "list-across-pages",
            "running-header-footer",
            "two-scales",
            "ruled-table",
            "totalt-total",
            "cover-evaluators",
            "toc-dot-leaders",
        ],
        header=standard_header(org, 2011),
        footer="Sveriges Kommuner och Landsting 2011-05-12",
    )
    spec.requirements = [
        Requirement("list_spans_pages", L[6][1], why="the area 6 list must continue across a page break"),
        Requirement("line_endswith", "kvalitets-", why="line-end hyphenation to join"),
        Requirement("line_endswith", "hälso-", why="shortened compound at line end keeps its hyphen"),
        Requirement("line_startswith", "\uf0b7", why="Symbol-font bullets come out as U+F0B7"),
    ]
    if extra_prose < 16:  # more prose before the area 6 summary until its list straddles a page break
        spec.options["retry"] = lambda: fx_kiruna_2011(extra_prose + 1)
    return spec


def fx_bergen_2012() -> ReportSpec:
    org = kommune("Bergen")
    ev = Evaluation(org, 2012, evaluators=["Kari Nordby", "Ola Haugen"], has_report=True)
    c = Composer(ev, seed=4601, lang="no")
    c.cover(
        dates="Evaluering gjennomført 5.–7. mars 2012",
        extra=["KS-K rapport 12/2012"],
        label="Evaluatorer",
        evaluators=[("Kari Nordby", "KS Konsulent"), ("Ola Haugen", "Stavanger kommune")],
    )
    v = {1: 62, 2: 58, 3: 55, 4: 60, 5: 50, 6: 57, 7: 48, 8: 64}
    c.toc_page("Innhold")
    c.intro()
    c.section("Gjennomføring", page_break=False, level=2, in_toc=False)
    c.add(
        Para(
            "Evalueringen ble gjennomført med intervjuer av om lag førti personer: politikere, rådmannens "
            "ledergruppe, enhetsledere, tillitsvalgte og medarbeidere. I tillegg har vi gått gjennom "
            "planer, budsjett, årsmelding og andre styringsdokumenter."
        )
    )
    c.results_intro("Sammendrag av resultatene")
    t1 = ScoreTable(
        "Tabell 1 Bergen kommunes resultat fordelt på fokusområder",
        area_labels("no"),
        [col("Poeng", ev, v)],
        "Fokusområde",
        "Totalt",
        result=True,
        label_width_cm=10.0,
        value_width_cm=2.6,
    )
    c.table(t1)
    for a in AREAS:
        c.area_section(a)
    c.section("Poengoversikt")
    c.add(
        Para("Tabellen viser poengene for hvert fokusområde."),
        TableBlock(
            ScoreTable(
                None,
                area_labels("no", "Fokusområde {a} {label}"),
                [col("Poeng", ev, v)],
                "Fokusområde",
                "Totalt",
                heading="Poengoversikt",
                label_width_cm=10.5,
            )
        ),
    )
    return spec_from(
        c,
        "report-bergen-2012-norwegian",
        "docx",
        [
            "norwegian",
            "ruled-table",
            "totalt-total",
            "closing-summary",
            "toc-dot-leaders",
            "running-header-footer",
            "cover-evaluators",
            "intro-area-list",
        ],
        header="Kommunekompasset – Evaluering av Bergen kommune",
        footer="KS-K rapport 12/2012",
    )


def fx_ostersund_2008() -> ReportSpec:
    org = kommun("Östersund")
    ev = Evaluation(org, 2008, evaluators=["Tomas Rydén", "Ulla Granqvist"], has_report=True)
    c = Composer(ev, seed=2380, depth=0)
    c.cover(
        dates="Besök 22–24 september 2008",
        evaluators=[("Tomas Rydén", "Sveriges Kommuner och Landsting"), ("Ulla Granqvist", "Sundsvalls kommun")],
    )
    v = {1: 45, 2: 52, 3: 40, 4: 48, 5: 37, 6: 44, 7: 35, 8: 50}
    c.intro()
    c.results_intro(page_break=False)
    c.table(
        ScoreTable(
            "Tabell 1 Östersunds kommuns resultat per område",
            area_labels("2003"),
            [col("Poäng", ev, v)],
            "Område",
            "Summa",
            result=True,
            label_width_cm=10.5,
            value_width_cm=2.5,
            font_size=12,
        )
    )
    for a in AREAS:
        c.area_section(a, strengths=2, improvements=2, page_break=a in (1, 3, 5, 7))
    return spec_from(
        c,
        "report-ostersund-2008-scan",
        "scan",
        ["scan", "old-scale", "framework-2003", "ruled-table", "summa-total", "cover-evaluators"],
        header=standard_header(org, 2008),
        footer="Sveriges Kommuner och Landsting",
        page_numbers="n",
        body_size=12,
        requirements=[
            Requirement("no_text", why="a scan has no text layer"),
            Requirement("pages", (5, 7), why="keep the scan small"),
            Requirement("max_bytes", 1_600_000, why="keep the scan under ~1.5 MB"),
        ],
    )


def fx_falun_2003() -> ReportSpec:
    org = kommun("Falun")
    ev = Evaluation(org, 2003, evaluators=["Olof Hedman", "Eva Lindqvist"], has_report=True)
    c = Composer(ev, seed=2080)
    toc = Toc("Innehåll", [], leaders=True)
    left = [
        Para("Kommunkompassen", "subtitle"),
        Para(f"Analys av {org.name}", "title"),
        Para(
            "Rapporten beskriver kommunen utifrån de åtta huvudområdena. En samman-\n"
            "fattande genomgång av resultatet finns i avsnitt 2.",
            "cover",
        ),
        Para("Besök 10–12 mars 2003", "cover"),
        Para("Utvärderare: Olof Hedman, Svenska Kommunförbundet och Eva Lindqvist, Borlänge kommun", "cover"),
    ]
    c.add(Columns(left, [toc], widths_cm=(8.5, 7.5)), PageBreak())
    h_intro = Heading("1. Vad är Kommunkompassen?", 1)
    c.add(h_intro)
    c.add(
        Para(
            "Kommunkompassen togs fram av Svenska Kommunförbundet med inspiration från ett internationellt "
            "utvärderingsinstrument. Syftet är att ge en samlad bild av hur kommunen arbetar med styrning, "
            "ledning och utveckling."
        ),
        Para("Analysen omfattar åtta huvudområden:"),
        Bullets([LABELS["2003"][a] for a in AREAS], "number"),
    )
    h_res = Heading("2. Sammanfattning av resultat", 1, page_break=True)
    c.add(
        h_res,
        Para(
            f"Den samlade bilden är att {org.name} har kommit en bit på väg i arbetet med att "
            f"utveckla styrning och uppföljning."
        ),
        c.paragraph("styrning", 3),
    )
    v = {1: 44, 2: 49, 3: 38, 4: 46, 5: 33, 6: 41, 7: 30, 8: 47}
    c.table(
        ScoreTable(
            "Tabell 1 Poäng per huvudområde",
            area_labels("2003"),
            [col("Poäng", ev, v)],
            "Huvudområde",
            "Summa",
            style="unruled",
            result=True,
            label_width_cm=10.5,
            value_width_cm=2.5,
        )
    )
    area_heads = [c.area_section(a, heading=f"3.{a} {LABELS['2003'][a]}")[0] for a in AREAS]
    h_close = Heading("4. Poängsammanställning", 1, page_break=True)
    c.add(
        h_close,
        Para("Poängen per huvudområde sammanfattas nedan."),
        TableBlock(
            ScoreTable(
                None,
                area_labels("2003"),
                [col("Poäng", ev, v)],
                "Huvudområde",
                "Summa",
                style="unruled",
                heading="4. Poängsammanställning",
                label_width_cm=10.5,
            )
        ),
    )
    c.toc = None
    toc.entries = [
        TocEntry("1. Vad är Kommunkompassen?", h_intro),
        TocEntry("2. Sammanfattning av resultat", h_res),
        TocEntry("3. Genomgång per huvudområde", area_heads[0]),
        *[TocEntry(h.text, h, 2) for h in area_heads],
        TocEntry("4. Poängsammanställning", h_close),
    ]
    return spec_from(
        c,
        "report-falun-2003-cover-boxes",
        "docx",
        [
            "cover-boxes",
            "framework-2003",
            "old-scale",
            "unruled-table",
            "summa-total",
            "cover-evaluators",
            "running-header-footer",
            "intro-area-list",
        ],
        header=standard_header(org, 2003),
        footer="Svenska Kommunförbundet",
        page_numbers="n",
    )


def fx_boras_2019() -> ReportSpec:
    org = kommun("Borås")
    ev = Evaluation(org, 2019, evaluators=["Magnus Westin", "Annika Berglöf"], has_report=True)
    prev = Evaluation(org, 2015)
    c = Composer(ev, seed=1490)
    c.cover(
        title="Kommunkompassen – Analys av Borås Stad",
        dates="Besök 19–21 mars 2019",
        evaluators=[("Magnus Westin", "senior konsult (SKL)"), ("Annika Berglöf", "Alingsås kommun")],
    )
    v15 = {1: 58, 2: 55, 3: 61, 4: 57, 5: 49, 6: 54, 7: 47, 8: 63}
    v19 = {1: 64, 2: 61, 3: 66, 4: 60, 5: 56, 6: 58, 7: 55, 8: 67}
    jkp, hst, thn = (
        Evaluation(kommun("Jönköping"), 2018),
        Evaluation(kommun("Halmstad"), 2017),
        Evaluation(kommun("Trollhättan"), 2016),
    )
    t1 = ScoreTable(
        "Tabell 1 Borås stads resultat 2019 och vid utvärderingen 2015",
        area_labels("2016"),
        [col("2015", prev, v15, role="history"), col("2019", ev, v19)],
        "Område",
        "TOTALT",
        group_header=[("", 1), ("Borås Stad", 2)],
        result=True,
        label_width_cm=8.5,
        value_width_cm=2.6,
    )
    t2 = ScoreTable(
        "Tabell 2 Borås stad 2019 jämfört med andra kommuner",
        area_labels("2016"),
        [
            col("Borås\n2019", ev, v19),
            col("Jönköping\n2018", jkp, {1: 60, 2: 63, 3: 58, 4: 61, 5: 54, 6: 57, 7: 52, 8: 66}, role="peer"),
            col("Halmstad\n2017", hst, {1: 55, 2: 59, 3: 57, 4: 53, 5: 50, 6: 56, 7: 48, 8: 61}, role="peer"),
            col("Trollhättan\n2016", thn, {1: 52, 2: 57, 3: 54, 4: 55, 5: 47, 6: 51, 7: 45, 8: 59}, role="peer"),
        ],
        "Område",
        "TOTALT",
        label_width_cm=6.8,
        value_width_cm=2.3,
    )
    standard_report(
        c,
        result_tables=[t1, t2],
        between_tables="Tabell 2 jämför resultatet med tre andra kommuner som nyligen har utvärderats.",
    )
    return spec_from(
        c,
        "report-boras-2019-peers",
        "docx",
        [
            "stad",
            "framework-2016",
            "history-columns",
            "peer-table",
            "multiline-headers",
            "ruled-table",
            "totalt-total",
            "toc-dot-leaders",
            "running-header-footer",
            "cover-evaluators",
        ],
        header="Kommunkompassen – Analys av Borås Stad",
        footer="Sveriges Kommuner och Landsting 2019-06-04",
        body_font="Calibri",
        heading_font="Calibri",
    )


def fx_sala_2015() -> ReportSpec:
    """A feedback deck that never says "Analys av": its cover has the title, the place and a compact
    date, and the evaluators one per line with their affiliation; the results slide quotes the
    organisation's earlier and current totals and a national average (not a peer)."""
    org = kommun("Sala")
    ev = Evaluation(org, 2015, evaluators=["Eva Lindqvist", "Johan Ekström"], has_report=True)
    prev = Evaluation(org, 2010)
    c = Composer(ev, seed=1981)
    v = {1: 70, 2: 66, 3: 71, 4: 68, 5: 60, 6: 69, 7: 62, 8: 70}
    total = sum(v.values())
    slides = [
        Slide(
            "Återkoppling Kommunkompass",
            layout="title",
            blocks=[
                Para("Sala 20150506", "subtitle"),
                Para("Eva Lindqvist, Sveriges Kommuner och Landsting"),
                Para("Johan Ekström, Heby kommun"),
            ],
        ),
        Slide("Kommunkompassens åtta områden", blocks=[Bullets([c.labels[a] for a in AREAS], "number")]),
        Slide(
            "Resultat",
            blocks=[
                Para(f"Område {a} {c.labels[a]} {int(v[a])}", "small", score=InlineScore(ev, a, v[a])) for a in AREAS
            ]
            + [
                Para("Sala 2010: 452", "bold", score=InlineScore(prev, None, 452, role="history")),
                Para(f"Sala 2015: {total}", "bold", score=InlineScore(ev, None, total)),
                Para("Genomsnitt samtliga utvärderingar 473", "bold"),
            ],
        ),
    ]
    for a in AREAS:
        slides.append(
            Slide(
                f"Område {a} {c.labels[a]}",
                blocks=[Bullets([f"{a}.{i} {q}" for i, q in enumerate(questions("2010", a), 1)])],
                side=[Para(f"{int(v[a])} p", "big", score=InlineScore(ev, a, v[a])), Para("av 100")],
            )
        )
        slides.append(Slide(f"Område {a} – Styrkor", blocks=[Bullets(c.findings(a, "strength", 2))]))
        slides.append(
            Slide(f"Område {a} – Förbättringsområden", blocks=[Bullets(c.findings(a, "improvement", 2, glyph="–"))])
        )
        if a == 3:
            title, items = EXAMPLES[0]
            slides.append(Slide(title, blocks=[Bullets(items, "•")]))
    slides.append(
        Slide(
            "Tack!",
            layout="title",
            blocks=[Para("Frågor och diskussion", "subtitle"), Para(f"{org.name}, kommunstyrelsen")],
        )
    )
    c.body = slides
    return spec_from(
        c,
        "slides-sala-2015-place-date",
        "pptx",
        [
            "slides",
            "slide-results-text",
            "slide-points",
            "history-line",
            "example-slides",
            "cover-place-date",
            "evaluator-lines",
            "results-average-line",
        ],
        kind="slides",
        footer="Sveriges Kommuner och Landsting",
        body_font="Calibri",
        heading_font="Calibri",
        landscape=True,
    )


def fx_heby_2013() -> ReportSpec:
    """Evaluators named one per line, each above an affiliation line, beside the table of contents."""
    org = kommun("Heby")
    ev = Evaluation(org, 2013, evaluators=["Karin Sjöberg", "Mats Ödman"], has_report=True)
    c = Composer(ev, seed=331)
    toc = Toc("Innehåll", [], leaders=True)
    left = [
        Para("Kommunkompassen", "subtitle"),
        Para(f"Analys av {org.name}", "title"),
        Para("Besök 4–6 mars 2013", "cover"),
        Para("Utvärderare:", "cover"),
        Para("Karin Sjöberg", "cover"),
        Para("Sveriges Kommuner och Landsting", "cover"),
        Para("Mats Ödman", "cover"),
        Para("Tierps kommun", "cover"),
    ]
    c.add(Columns(left, [toc], widths_cm=(7.5, 8.5)), PageBreak())
    c.toc = toc
    c.intro()
    c.visit("under tre dagar i mars")
    c.results_intro()
    v = {1: 57, 2: 62, 3: 55, 4: 59, 5: 48, 6: 53, 7: 46, 8: 61}
    c.table(
        ScoreTable(
            "Tabell 1 Heby kommuns resultat per område",
            area_labels("2010"),
            [col("Poäng", ev, v)],
            "Område",
            "TOTALT",
            result=True,
            label_width_cm=9.0,
            value_width_cm=2.6,
        )
    )
    for a in AREAS:
        c.area_section(a, strengths=2, improvements=2)
    return spec_from(
        c,
        "report-heby-2013-toc-evaluators",
        "docx",
        [
            "cover-boxes",
            "evaluators-beside-toc",
            "ruled-table",
            "totalt-total",
            "toc-dot-leaders",
            "intro-area-list",
            "running-header-footer",
        ],
        header=standard_header(org, 2013),
        footer="Sveriges Kommuner och Landsting 2013-05-20",
    )


def fx_enkoping_2012() -> ReportSpec:
    """Evaluators in capitals after "UTVÄRDERARE:" joined by "OCH", and items whose line ends on a
    hyphen after an abbreviation ("EU-" / "finansierade"), which stays."""
    org = kommun("Enköping")
    ev = Evaluation(org, 2012, evaluators=["Lena Forsberg", "Stefan Lindahl"], has_report=True)
    c = Composer(ev, seed=381)
    c.add(
        Para("KOMMUNKOMPASSEN", "subtitle"),
        Para("ANALYS AV ENKÖPINGS KOMMUN", "title"),
        Para("BESÖK 7–9 MAJ 2012", "cover"),
        Para("UTVÄRDERARE: LENA FORSBERG OCH STEFAN LINDAHL", "cover"),
        Para("SVERIGES KOMMUNER OCH LANDSTING", "cover"),
        PageBreak(),
    )
    v = {1: 60, 2: 57, 3: 63, 4: 55, 5: 51, 6: 58, 7: 49, 8: 64}
    t1 = ScoreTable(
        "Tabell 1 Enköpings kommuns resultat per område",
        area_labels("2010"),
        [col("Poäng", ev, v)],
        "Område",
        "TOTALT",
        result=True,
        label_width_cm=9.0,
        value_width_cm=2.6,
    )
    abbreviations = {
        5: FindingList(
            5,
            "improvement",
            "Förbättringsområden",
            [
                Finding(
                    "Redovisa projekt med extern finansiering (ej EU-finansierade) samlat i årsredovisningen.",
                    "Redovisa projekt med extern finansiering (ej EU-\nfinansierade) samlat i årsredovisningen.",
                ),
                Finding("Följ upp KF-målen i varje delårsrapport.", "Följ upp KF-\nmålen i varje delårsrapport."),
            ],
        ),
        7: FindingList(
            7,
            "improvement",
            "Förbättringsområden",
            [
                Finding(
                    "Inför kvalitetsdeklarationer för fler verksamheter.",
                    "Inför kvalitets-\ndeklarationer för fler verksamheter.",
                ),
                Finding(
                    "Samla IT-stödet för synpunkter och klagomål i ett system.",
                    "Samla IT-\nstödet för synpunkter och klagomål i ett system.",
                ),
            ],
        ),
    }
    kw = {a: {"lists": [c.findings(a, "strength", 2), lst], "depth": 0} for a, lst in abbreviations.items()}
    standard_report(c, result_tables=[t1], area_kw=kw)
    spec = spec_from(
        c,
        "report-enkoping-2012-abbreviation-hyphen",
        "docx",
        [
            "evaluator-capitals",
            "evaluators-och-capitals",
            "abbreviation-hyphen",
            "hyphenation",
            "ruled-table",
            "totalt-total",
            "toc-dot-leaders",
            "intro-area-list",
            "running-header-footer",
        ],
        header=standard_header(org, 2012),
        footer="Sveriges Kommuner och Landsting",
    )
    spec.requirements = [
        Requirement("line_endswith", "EU-", why="an abbreviation's hyphen at a line end stays"),
        Requirement("line_endswith", "KF-", why="an abbreviation's hyphen at a line end stays"),
        Requirement("line_endswith", "kvalitets-", why="a word's hyphen at a line end goes"),
    ]
    return spec


def fx_mora_2007() -> ReportSpec:
    """A scan whose round bullets tesseract misreads ("e", "+", "©", …) or drops: Word's real "•",
    rasterised like every scan fixture; the items are told apart by their hanging indent."""
    org = kommun("Mora")
    ev = Evaluation(org, 2007, evaluators=["Birgitta Wahlund", "Olof Hedman"], has_report=True)
    c = Composer(ev, seed=2062, depth=0)
    c.cover(
        dates="Besök 12–14 november 2007",
        evaluators=[("Birgitta Wahlund", "Sveriges Kommuner och Landsting"), ("Olof Hedman", "Leksands kommun")],
    )
    v = {1: 47, 2: 50, 3: 43, 4: 46, 5: 39, 6: 45, 7: 37, 8: 52}
    c.intro()
    c.results_intro(page_break=False)
    c.table(
        ScoreTable(
            "Tabell 1 Mora kommuns resultat per område",
            area_labels("2003"),
            [col("Poäng", ev, v)],
            "Område",
            "Summa",
            result=True,
            label_width_cm=10.5,
            value_width_cm=2.5,
            font_size=10,
        )
    )
    for a in AREAS:
        c.area_section(a, strengths=3, improvements=3, page_break=a in (1, 4, 7))
    return spec_from(
        c,
        "report-mora-2007-scan-bullets",
        "scan",
        [
            "scan",
            "scan-misread-bullets",
            "old-scale",
            "framework-2003",
            "ruled-table",
            "summa-total",
            "cover-evaluators",
            "wrapped-items",
        ],
        header=standard_header(org, 2007),
        footer="Sveriges Kommuner och Landsting",
        page_numbers="n",
        body_size=12,
        options={"scan": {"dpi": 150}},
        requirements=[
            Requirement("no_text", why="a scan has no text layer"),
            Requirement("pages", (4, 8), why="keep the scan small"),
            Requirement("max_bytes", 1_600_000, why="keep the scan under ~1.5 MB"),
        ],
    )


FIXTURES = {
    "report-ljusdal-2010-two-scales": fx_ljusdal_2010,
    "report-kalmar-2006-old-scale": fx_kalmar_2006,
    "report-tranas-2017-history": fx_tranas_2017,
    "report-hasselby-vallingby-2010-district": fx_hasselby_2010,
    "report-haninge-2012-averages": fx_haninge_2012,
    "report-umea-2014-percent": fx_umea_2014,
    "report-gotland-2014-radar": fx_gotland_2014,
    "report-vasteras-2021-2020-framework": fx_vasteras_2021,
    "slides-tyreso-2015-feedback": fx_tyreso_2015,
    "memo-lerum-2015-pm": fx_lerum_2015,
    "other-nacka-2019-personalpolicy": fx_nacka_2019,
    "report-kiruna-2011-findings-forms": fx_kiruna_2011,
    "report-bergen-2012-norwegian": fx_bergen_2012,
    "report-ostersund-2008-scan": fx_ostersund_2008,
    "report-falun-2003-cover-boxes": fx_falun_2003,
    "report-boras-2019-peers": fx_boras_2019,
    "slides-sala-2015-place-date": fx_sala_2015,
    "report-heby-2013-toc-evaluators": fx_heby_2013,
    "report-enkoping-2012-abbreviation-hyphen": fx_enkoping_2012,
    "report-mora-2007-scan-bullets": fx_mora_2007,
}


# =============================================================================================
# Benchmark corpus: many distinct documents from the same parts, seeded

NORWEGIAN = ["Trondheim", "Stavanger", "Kristiansand", "Bodø", "Tromsø", "Drammen", "Asker", "Hamar", "Molde"]
DISTRICTS = [
    "Bromma",
    "Kista",
    "Skärholmen",
    "Södermalm",
    "Farsta",
    "Enskede-Årsta-Vantör",
    "Spånga-Tensta",
    "Älvsjö",
    "Norrmalm",
    "Kungsholmen",
    "Östermalm",
    "Hägersten-Liljeholmen",
    "Skarpnäck",
]
IMPROVEMENT_HEADINGS = ["Förbättringsområden"] * 5 + [
    "Utvecklingsområden",
    "Förbättringsförslag",
    "Utvecklingsmöjligheter",
]
GLYPHS = ["•", "•", "•", "–", "-", "o", "symbol", "number"]
AFFILIATIONS = [
    "Sveriges Kommuner och Landsting",
    "{m} kommun",
    "senior konsult (SKL)",
    "utredare (SKL)",
    "kvalitetsstrateg, {m} kommun",
    "kommundirektör, {m} kommun",
]


def _evaluators(rng: random.Random, year: int, capitals: bool = False) -> tuple[list[str], list[tuple[str, str]]]:
    names = rng.sample(EVALUATORS, 2)
    munis = sorted(municipality_codes())
    printed = []
    for i, n in enumerate(names):
        aff = rng.choice(AFFILIATIONS).format(m=rng.choice(munis))
        if year >= 2020:
            aff = aff.replace("SKL", "SKR").replace("Sveriges Kommuner och Landsting", "Sveriges Kommuner och Regioner")
        elif year < 2005:
            aff = aff.replace("(SKL)", "(Kommunförbundet)").replace(
                "Sveriges Kommuner och Landsting", "Svenska Kommunförbundet"
            )
        printed.append((n.upper() if capitals and i == 0 else n, aff))
    return names, printed


def _values(rng: random.Random, scale: str, halves: bool, not_assessed: int | None = None) -> dict[int, float | None]:
    lo, hi = (30, 75) if scale == "old" else (35, 82)
    v = split_scores(rng, lo, hi, halves)
    if not_assessed:
        v[not_assessed] = None
    return v


def _family(framework: str) -> str:
    """Frameworks whose area numbering can share a table (2016 kept the 2010 order)."""
    return {"2016": "2010"}.get(framework, framework)


def bench_report(
    i: int, org: Organisation, year: int, producer: str, rng: random.Random, lang: str = "sv"
) -> ReportSpec:
    """A full analysis report with randomly chosen printed forms (all recorded in 'forms')."""
    fw = framework_for(year, org.country)
    forms = ["filler-prose", "cover-evaluators", "intro-area-list"]
    if fw in ("2002", "2003", "2016", "2020"):
        forms.append(f"framework-{fw}")
    if lang == "no":
        forms.append("norwegian")
    capitals = rng.random() < 0.15
    names, printed = _evaluators(rng, year, capitals)
    if capitals:
        forms.append("evaluator-capitals")
    ev = Evaluation(org, year, evaluators=names, has_report=True)
    labels_override = {}
    if fw in DRIFT and rng.random() < 0.3:
        a = rng.choice(sorted(DRIFT[fw]))
        labels_override[a] = rng.choice(DRIFT[fw][a])
        forms.append("label-drift")
    # paragraphs per sub-question, drawn per area below: reports run to 20-30 pages like real ones
    depths = [1, 2, 2, 3] if fw in ("2010", "2016") else [2, 3, 4] if lang == "sv" else [4, 5, 6]
    depth = depths[0]
    if producer == "scan":
        depth = 0
    c = Composer(ev, seed=rng.randrange(10**9), lang=lang, depth=depth, labels=labels_override)
    district_ = org.org_type == "stadsdel"
    na = community_area(fw) if district_ else None  # not assessed
    if district_:
        forms += ["district", "not-assessed"]
    if org.org_type == "region":
        forms.append("region")
    if org.is_stad:
        forms.append("stad")
    scale = scale_for(year)
    halves = rng.random() < (0.6 if 2010 <= year <= 2011 else 0.15)
    values = _values(rng, scale, halves, na)
    mark = rng.choice(["0 *)", "–", ""]) if district_ else None
    marks = {na: mark} if district_ else {}
    foot = f"*) Område {na} poängbedöms inte vid stadsdelsutvärderingar" if district_ and mark == "0 *)" else None
    if district_ and foot is None and rng.random() < 0.5:
        foot = f"Område {na} bedöms inte vid utvärderingar av stadsdelar."
    numbering = rng.choice(["{a}. {label}", "{a}. {label}", "{a} {label}", "Område {a} {label}"])
    labels = {a: numbering.format(a=a, label=c.labels[a]) for a in AREAS}
    style = (
        rng.choice(["ruled", "ruled", "unruled", "tabs"])
        if producer != "reportlab"
        else rng.choice(["ruled", "unruled"])
    )
    forms.append({"ruled": "ruled-table", "unruled": "unruled-table", "tabs": "unruled-table"}[style])
    total_label = rng.choice(["TOTALT", "Totalt", "Summa"]) if lang == "sv" else "Totalt"
    forms.append("summa-total" if total_label == "Summa" else "totalt-total")
    if halves and any(v is not None and not float(v).is_integer() for v in values.values()):
        forms.append("decimal-comma")
    cols: list[ScoreColumn] = []
    checks: list = []
    two_scales = 2010 <= year <= 2011 and lang == "sv" and rng.random() < 0.8
    history = None
    prev_year = year - rng.choice([3, 4, 5])
    if (
        rng.random() < 0.3
        and prev_year >= 2003
        and not two_scales
        and _family(framework_for(prev_year, org.country)) == _family(fw)
    ):
        history = Evaluation(org, prev_year)
        hv = _values(rng, scale_for(history.year), False, na)
        cols.append(col(f"{org.base} {history.year}", history, hv, role="history", marks=marks))
        forms.append("history-columns")
    if two_scales:
        old = _values(rng, "old", False, na)
        cols += [
            col("Nuvarande poängskala", ev, values, scale="new", marks=marks),
            col("Äldre poängskala", ev, old, scale="old", marks=marks),
        ]
        forms.append("two-scales")
    else:
        colstyle, averages = "plain", {}
        r = rng.random()
        if history is None and r < 0.12:
            colstyle = "average"
            averages = {a: float(rng.randint(45, 65)) for a in AREAS if values[a] is not None}
            averages[None] = sum(averages.values())
            forms.append("national-average")
        elif history is None and r < 0.2:
            colstyle = "percent"
            forms.append("percent")
        header = {"average": "Poäng (genomsnitt)", "percent": f"{org.base} {year}"}.get(
            colstyle, f"{org.base} {year}" if history else rng.choice(["Poäng", f"{org.base} {year}", "Poäng"])
        )
        if lang == "no":
            header = "Poeng"
        cols.append(col(header, ev, values, averages=averages, style=colstyle, marks=marks))
    width = 16.0 / (len(cols) + 2.5)
    caption_word = {"no": "Tabell 1 {g} resultat fordelt på fokusområder"}.get(
        lang,
        rng.choice(
            [
                "Tabell 1 {g} resultat i förhållande till Kommunkompassens huvudområden",
                "Tabell 1 {g} resultat per område",
                "Tabell 1 Resultat per område för {o}",
            ]
        ),
    )
    t1 = ScoreTable(
        caption_word.format(g=org.genitive, o=org.name),
        labels,
        cols,
        "Fokusområde" if lang == "no" else "Område",
        total_label,
        footnote=foot,
        style=style,
        result=True,
        label_width_cm=16.0 - width * len(cols),
        value_width_cm=width,
    )
    tables = [t1]
    peer_lo = max({"2020": 2020, "2010": 2010}.get(_family(fw), 2003), year - 6)
    if lang == "sv" and rng.random() < 0.25 and not district_ and peer_lo <= year - 1:
        forms.append("peer-table")
        peers = []
        pool = [m for m in sorted(municipality_codes()) if m != org.base]
        for m in rng.sample(pool, rng.randint(2, 4)):
            pe = Evaluation(kommun(m), rng.randint(peer_lo, year - 1))
            pv = _values(rng, scale_for(pe.year), False)
            total: float | str = "sum"
            if not checks and rng.random() < 0.3:
                total = sum(pv.values()) + rng.choice([-10, 10, 2])
                checks.append(("sum_mismatch", pe))
                forms.append("peer-sum-mismatch")
            peers.append(col(f"{m}\n{pe.year}", pe, pv, role="peer", total=total))
        own_scale = [cc for cc in cols if cc.evaluation is ev][0]
        pcols = [col(f"{org.base}\n{year}", ev, own_scale.values, scale=own_scale.scale)] + peers
        w = 11.0 / len(pcols)
        tables.append(
            ScoreTable(
                f"Tabell 2 {org.name} {year} jämfört med andra kommuner",
                labels,
                pcols,
                "Område",
                total_label,
                style=style if style != "tabs" else "ruled",
                label_width_cm=16.0 - w * len(pcols),
                value_width_cm=w,
                font_size=9,
            )
        )
    heading_scores = lang == "sv" and rng.random() < 0.12 and values[1] is not None and not district_
    toc_scores = heading_scores and rng.random() < 0.6
    if heading_scores:
        forms.append("heading-scores")
    if toc_scores:
        forms.append("toc-scores")
    header = standard_header(org, year, lang) if rng.random() < 0.85 else None
    if header:
        forms.append("running-header-footer")
    month = rng.randrange(12)
    day = rng.randint(1, 25)
    c.cover(
        dates=f"Besök {day}–{day + 2} {MONTHS[month]} {year}"
        if lang == "sv"
        else f"Evaluering gjennomført {day}.–{day + 2}. {MONTHS[month]} {year}",
        evaluators=printed,
        upper=rng.random() < 0.1,
        label="Evaluatorer" if lang == "no" else "Utvärderare",
        extra=[f"KS-K rapport {rng.randint(1, 20)}/{year}"] if lang == "no" else [],
    )
    if producer != "scan":
        c.toc_page("Innhold" if lang == "no" else "Innehåll")
        forms.append("toc-dot-leaders")
    c.intro()
    if lang == "sv":
        c.visit(rng.choice(["under tre dagar", "under två dagar", "under en vecka"]) + f" i {MONTHS[month]}")
    c.results_intro("Sammendrag av resultatene" if lang == "no" else "Sammanfattning av resultat")
    if producer == "reportlab" and rng.random() < 0.6:
        forms.append("radar-chart")
        c.add(
            Chart(
                f"Figur 1 {org.genitive} resultat per område",
                [f"{a} {c.labels[a]}" for a in AREAS],
                [(f"{org.base} {year}", [values[a] or 0 for a in AREAS])],
            ),
            PageBreak(),
        )
    for k, t in enumerate(tables):
        c.table(
            t,
            after="Jämförelsen görs med kommuner som utvärderats under de senaste åren."
            if k == 0 and len(tables) > 1
            else None,
        )
    improvement_heading = rng.choice(IMPROVEMENT_HEADINGS) if lang == "sv" else None
    if improvement_heading and improvement_heading != "Förbättringsområden":
        forms.append("finding-synonyms")
    glyph = rng.choice(GLYPHS)
    forms.append(
        {
            "•": "bullet-dot",
            "–": "bullet-dash",
            "-": "bullet-hyphen",
            "o": "bullet-o",
            "symbol": "bullet-symbol",
            "number": "numbered-items",
        }[glyph]
    )
    boxed = rng.random() < 0.7
    for a in AREAS:
        label = c.labels[a]
        kw: dict = {
            "glyphs": (glyph, glyph),
            "boxed": boxed,
            "list_headings": (None, improvement_heading),
            "strengths": rng.randint(2, 5),
            "improvements": rng.randint(2, 5),
            "page_break": producer != "scan" or a % 2 == 1,
            "extra_prose": rng.randint(0, 2) if producer != "scan" else 0,
            "depth": rng.choice(depths) if producer != "scan" else 0,
        }
        if heading_scores:
            v = values[a]
            kw["heading"] = f"Område {a} {label} – {fmt(v)} poäng"
            kw["score"] = InlineScore(ev, a, v)
            if toc_scores:
                kw["toc_text"] = f"Område {a} {label} {fmt(v)} p"
                kw["toc_score"] = InlineScore(ev, a, v)
        c.area_section(a, **kw)
    if producer != "scan" and rng.random() < 0.55:
        forms.append("closing-summary")
        main = [cc for cc in cols if cc.evaluation is ev]
        ccols = [
            col(
                cc.header.replace(f"{org.base} ", "").replace("Poäng (genomsnitt)", "Poäng"),
                ev,
                dict(cc.values),
                scale=cc.scale,
                marks=marks,
            )
            for cc in main
        ]
        if rng.random() < 0.2 and not district_:
            a = rng.choice(list(AREAS))
            ccols[0].values[a] = ccols[0].values[a] + rng.choice([-2, 2, 1])
            forms.append("conflicting-values")
            checks += [("conflicting_values", ev), ("sum_mismatch", ev)]
        title = "Poengoversikt" if lang == "no" else rng.choice(["Poängsammanställning", "Översikt av poängfördelning"])
        c.section(title)
        c.add(
            Para(
                "Tabellen visar poengene for hvert fokusområde."
                if lang == "no"
                else "Tabellen nedan visar poängen per område i sammanställd form."
            )
        )
        closing = closing_table(
            fw,
            ccols,
            total_label,
            style if style != "tabs" else "unruled",
            heading=title,
            labels={a: f"{'Fokusområde' if lang == 'no' else 'Område'} {a} {c.labels[a]}" for a in AREAS},
        )
        for cc, mc in zip(closing.columns, main):
            cc.total = mc.total
        c.add(TableBlock(closing))
    kind_word = "report"
    name = f"{kind_word}-{org.slug}-{year}-b{i:02d}"
    reqs = [Requirement("no_text", why="a scan has no text layer")] if producer == "scan" else []
    old_era = year < 2012
    return ReportSpec(
        name=name,
        producer=producer,
        kind="report",
        forms=sorted(set(forms)),
        body=c.body,
        evaluation=ev,
        checks=checks,
        header=header,
        footer=(
            f"{publisher(year)} {year}-{month + 1:02d}-{min(28, day + 30 - 28):02d}"
            if header and lang == "sv"
            else ("KS-K rapport" if header else None)
        ),
        page_numbers=rng.choice(["n_of_m", "n_of_m", "n"]) if header else "n",
        body_font="Times New Roman" if old_era else rng.choice(["Calibri", "Garamond", "Times New Roman"]),
        heading_font="Arial" if old_era else "Calibri",
        requirements=reqs,
        options={"title": f"Kommunkompassen {org.name} {year}"},
    )


def fmt(v) -> str:
    from tests.factory.spec import fmt_number

    return fmt_number(v)


def bench_slides(i: int, org: Organisation, year: int, rng: random.Random) -> ReportSpec:
    names, printed = _evaluators(rng, year)
    ev = Evaluation(org, year, evaluators=names, has_report=True)
    c = Composer(ev, seed=rng.randrange(10**9))
    values = _values(rng, scale_for(year), False)
    total = sum(values.values())
    forms = ["slides", "slide-points", "example-slides"]
    results: list = []
    if rng.random() < 0.5:
        forms.append("slide-results-text")
        results = [
            Para(f"Område {a} {c.labels[a]} {fmt(values[a])}", "small", score=InlineScore(ev, a, values[a]))
            for a in AREAS
        ] + [Para(f"Totalt {fmt(total)} poäng", "bold", score=InlineScore(ev, None, total))]
    else:
        results = [
            TableBlock(
                ScoreTable(
                    None,
                    area_labels(ev.framework, "{a}. {label}"),
                    [col(f"{org.base} {year}", ev, values)],
                    "Område",
                    "Totalt",
                    style="slide",
                    result=True,
                    label_width_cm=16,
                    value_width_cm=4,
                    font_size=10,
                )
            )
        ]
    if year - 5 >= 2003 and rng.random() < 0.6:
        prev = Evaluation(org, year - rng.choice([4, 5, 6]))
        ptotal = float(rng.randint(300, 520))
        results.append(
            Para(
                f"{org.base} {prev.year}: {fmt(ptotal)}", "bold", score=InlineScore(prev, None, ptotal, role="history")
            )
        )
        forms.append("history-line")
    who = " och ".join(n for n, _ in printed)
    slides = [
        Slide(
            "Återkoppling Kommunkompass",
            layout="title",
            blocks=[Para(f"{org.name} {year}", "subtitle"), Para(f"{who}, {publisher(year)}")],
        ),
        Slide(f"Resultat {org.name} {year}", blocks=results),
    ]
    examples = list(EXAMPLES)
    rng.shuffle(examples)
    for a in AREAS:
        slides.append(
            Slide(
                f"Område {a} {c.labels[a]}",
                blocks=[Bullets([f"{a}.{k} {q}" for k, q in enumerate(questions(ev.framework, a), 1)])],
                side=[Para(f"{fmt(values[a])} p", "big", score=InlineScore(ev, a, values[a]))],
            )
        )
        slides.append(Slide(f"Område {a} – Styrkor", blocks=[Bullets(c.findings(a, "strength", rng.randint(2, 4)))]))
        word = rng.choice(["Förbättringsområden", "Förbättringsmöjligheter"])
        slides.append(
            Slide(
                f"Område {a} – {word}", blocks=[Bullets(c.findings(a, "improvement", rng.randint(2, 4), heading=word))]
            )
        )
        if a % 3 == 1 and examples:
            title, items = examples.pop()
            slides.append(Slide(title, blocks=[Bullets(items)]))
    c.body = slides
    return ReportSpec(
        name=f"slides-{org.slug}-{year}-b{i:02d}",
        producer="pptx",
        kind="slides",
        forms=forms,
        body=slides,
        evaluation=ev,
        footer=f"{publisher(year)} | Kommunkompassen {org.base} {year}",
        body_font="Calibri",
        heading_font="Calibri",
        landscape=True,
    )


def bench_memo(i: int, org: Organisation, year: int, rng: random.Random) -> ReportSpec:
    spec = fx_lerum_2015()

    def text(s: str) -> str:
        return (
            s.replace("Lerums kommun", org.name)
            .replace("2015-01-28", f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
            .replace("Sveriges Kommuner och Landsting", publisher(year))
        )

    for b in spec.walk():
        if isinstance(b, (Para, Heading)):
            b.text = text(b.text)
    spec.name = f"memo-{org.slug}-{year}-b{i:02d}"
    spec.header = text(spec.header)
    return spec


def bench_policy(i: int, org: Organisation, year: int, rng: random.Random) -> ReportSpec:
    spec = fx_nacka_2019()
    title = rng.choice(["Personalpolicy", "Kvalitetspolicy", "Styrmodell"])
    for b in spec.walk():
        if isinstance(b, (Para, Heading)):
            b.text = (
                b.text.replace("Nacka kommun", org.name)
                .replace("Personalpolicyn", f"{title}en")
                .replace("Personalpolicy", title)
                .replace("2019", str(year))
            )
    spec.name = f"other-{org.slug}-{year}-{slug_word(title)}-b{i:02d}"
    spec.header = f"{org.name}\t{title}"
    return spec


def slug_word(text: str) -> str:
    from tests.factory.spec import slugify

    return slugify(text)


def bench_specs(count: int = 80, seed: int = 2024) -> list[ReportSpec]:
    """`count` distinct documents: reports (Word, reportlab, a few scans), slide decks, memos, policies."""
    rng = random.Random(seed)
    munis = [m for m in sorted(municipality_codes()) if m not in ("Stockholm",)]
    rng.shuffle(munis)
    used: set[tuple[str, int]] = set()
    specs = []
    for i in range(count):
        slot = i % 20
        kind = "slides" if slot in (0, 7, 14) else "memo" if slot == 5 else "other" if slot == 15 else "report"
        producer = "pptx" if kind == "slides" else "docx"
        if kind == "report" and slot in (3, 13):
            producer = "reportlab"
        if kind == "report" and i in (17, 57):
            producer = "scan"
        lang = "sv"
        if kind == "report" and slot in (9,) and i % 40 == 9:
            org, lang = kommune(NORWEGIAN[i % len(NORWEGIAN)]), "no"
        elif kind == "report" and slot == 11 and i % 40 == 11:
            org = district(DISTRICTS[i % len(DISTRICTS)])
        elif kind == "report" and i == 29:
            org = region_gotland()
        else:
            org = kommun(munis[i % len(munis)])
        lo = 2010 if kind == "slides" else 2002
        year = rng.randint(lo, 2021)
        while (org.slug, year) in used:
            year = rng.randint(lo, 2021)
        used.add((org.slug, year))
        sub = random.Random(rng.randrange(10**9))
        if kind == "slides":
            specs.append(bench_slides(i, org, year, sub))
        elif kind == "memo":
            specs.append(bench_memo(i, org, year, sub))
        elif kind == "other":
            specs.append(bench_policy(i, org, year, sub))
        else:
            specs.append(bench_report(i, org, year, producer, sub, lang))
    return specs
