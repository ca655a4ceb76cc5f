# -*- coding: utf-8 -*-
"""Report prose for the held-out Kommunkompassen set (written for this set, not copied)."""

AREAS = {
    "2003": [
        "Offentlighet, öppenhet och demokratisk kontroll",
        "Tillgänglighet/medborgar- och brukarorientering",
        "Tydlighet i samspelet mellan politiker och tjänstemän",
        "Ledning, decentralisering och delegering",
        "Kontroll och rapportering",
        "Personalpolitik",
        "Verksamhetsutveckling",
        "Kommunen som samhällsbyggare",
    ],
    "2010": [
        "Offentlighet och demokrati",
        "Tillgänglighet och brukarorientering",
        "Politisk styrning och kontroll",
        "Ledarskap, ansvar och delegation",
        "Resultat och effektivitet",
        "Kommunen som arbetsgivare – personalpolitik",
        "Verksamhetsutveckling",
        "Kommunen som samhällsbyggare",
    ],
    "2016": [
        "Offentlighet och demokrati",
        "Brukarfokus, tillgänglighet och bemötande",
        "Politisk styrning och kontroll",
        "Ledarskap, ansvar och delegation",
        "Resultat och effektivitet",
        "Kommunen som arbetsgivare – personalpolitik",
        "Ständiga förbättringar",
        "Kommunen som samhällsbyggare",
    ],
    "2020": [
        "Samspel mellan förtroendevalda och medborgare",
        "Samhällsutveckling",
        "Styrning och kontroll",
        "Effektivitet",
        "Brukarens fokus",
        "Kvalitetsutveckling",
        "Arbetsliv",
        "Chefs- och ledarskap samt medarbetarskap",
    ],
}

TOPIC_OF = {
    "2003": ["demo", "bruk", "styr", "led", "res", "pers", "utv", "samh"],
    "2010": ["demo", "bruk", "styr", "led", "res", "pers", "utv", "samh"],
    "2016": ["demo", "bruk", "styr", "led", "res", "pers", "utv", "samh"],
    "2020": ["demo", "samh", "styr", "res", "bruk", "utv", "pers", "led"],
}

SUBQ_2010 = [
    [
        "Plan och strategi för demokratiutveckling och information",
        "Hur informeras medborgarna?",
        "Information om resultat",
        "Medborgardialog och deltagande",
        "Etik och korruption",
    ],
    [
        "Strategi för brukarorientering",
        "Tillgänglighet och bemötande",
        "Information om service och tjänster",
        "Valfrihet och brukarens påverkan",
        "Brukarundersökningar",
        "Servicedeklarationer, synpunkts- och klagomålshantering",
    ],
    [
        "Helhetstänkande i styrning och uppföljning",
        "Tydliga politiska mål",
        "Rapportering och tillsyn",
        "Delegation och ansvarsfördelning",
        "Förståelse av roller mellan politiker och tjänstemän",
    ],
    [
        "Strategi för ledarskap, ansvar och delegation",
        "Resultatenheternas ansvar",
        "Tvärsektoriellt samarbete",
        "Chefernas personliga uppdrag",
        "Central ledning",
        "Ledarutveckling",
    ],
    [
        "Strategi för resultatstyrning och effektivitet",
        "Kostnader och resultat i budgetprocessen",
        "Arbetsprocesser, uppföljning och kontroll",
        "Strategiska diskussioner om resurser och resultat",
        "Jämförelser",
        "Extern samverkan",
    ],
    [
        "Personalstrategi",
        "Rekrytering och attraktiv arbetsgivare",
        "Kompetens- och medarbetarutveckling",
        "Lönesättning och belöning",
        "Arbetsmiljö",
        "Mångfald",
    ],
    [
        "Strategiskt kvalitetsarbete",
        "Metoder och verktyg",
        "Omvärldsspaning och samverkan",
        "Kreativitet och innovation",
        "IT-stöd",
    ],
    [
        "Planer för samhällsbyggande",
        "Civilsamhället",
        "Kulturlivet",
        "Näringslivet",
        "Internationella kontakter",
        "Hållbar utveckling",
    ],
]

SUBQ_2020 = [
    ["Information och insyn", "Dialog och delaktighet", "Etik och förtroende"],
    ["Planering för samhällets utveckling", "Samverkan med näringsliv och civilsamhälle", "Hållbarhet och klimat"],
    ["Styrmodell och mål", "Uppföljning och intern kontroll", "Roller och ansvar"],
    ["Resurser och resultat", "Jämförelser och analys", "Digitalisering och effektiva processer"],
    ["Tillgänglighet och bemötande", "Brukarens inflytande", "Synpunkter och klagomål"],
    ["Systematiskt kvalitetsarbete", "Lärande och innovation", "Omvärldsbevakning"],
    ["Kompetensförsörjning", "Arbetsmiljö och hälsa", "Lön och villkor"],
    ["Chefernas förutsättningar", "Ledarutveckling", "Medarbetarskap"],
]

PROSE = {
    "demo": [
        "{Org} informerar invånarna genom webbplatsen, sociala medier och ett informationsblad som delas ut till alla hushåll fyra gånger om året. Kallelser, handlingar och protokoll från fullmäktige och nämnderna publiceras på webben, och fullmäktiges sammanträden sänds direkt. Det finns en kommunikationspolicy, men flera av dem vi intervjuat upplever att den är okänd ute i verksamheterna.",
        "Medborgardialog förekommer framför allt i samband med den fysiska planeringen och vid större investeringar. Invånarna kan lämna medborgarförslag, och under de senaste åren har ett tjugotal förslag behandlats. Däremot saknas en samlad strategi för hur dialogen ska gå till och hur resultatet ska återföras till dem som deltagit. Frågor om etik och korruption har diskuterats i ledningsgruppen och riktlinjer mot mutor och jäv har antagits, men de har ännu inte förankrats hos alla medarbetare.",
    ],
    "bruk": [
        "Bemötande och tillgänglighet lyfts fram som viktiga frågor av både politiker och tjänstemän. Ett kontaktcenter har inrättats där invånarna kan få svar på de vanligaste frågorna direkt, och där ärenden registreras och följs upp. Svarstider för telefon och e-post mäts dock inte systematiskt, och det finns inga gemensamma riktlinjer för hur snabbt en invånare ska få svar.",
        "Brukarundersökningar genomförs regelbundet inom skola, äldreomsorg och individ- och familjeomsorg, och resultaten redovisas för nämnderna. Servicedeklarationer finns i några verksamheter men följs inte upp på ett enhetligt sätt. Synpunkts- och klagomålshanteringen fungerar väl i de verksamheter som använder det gemensamma systemet, men sammanställningar av inkomna synpunkter används sällan som underlag för förbättringar.",
    ],
    "styr": [
        "Fullmäktige har antagit en vision och ett antal övergripande mål som bryts ned i nämndernas verksamhetsplaner. Målen är dock många och flera av dem är svåra att följa upp, eftersom de beskriver aktiviteter snarare än önskade resultat. Flera intervjuade efterlyser färre och tydligare mål, och en starkare koppling mellan mål, budget och uppföljning.",
        "Rapporteringen till nämnder och fullmäktige sker i delårsrapporter och i årsredovisningen. Ett årshjul beskriver när olika ärenden ska behandlas. Samarbetsklimatet mellan politiker och tjänstemän beskrivs som gott, och rollfördelningen upplevs i huvudsak som tydlig, även om politiken ibland engagerar sig i enskilda ärenden som borde hanteras av förvaltningen.",
    ],
    "led": [
        "Det finns en ledarskapspolicy som beskriver vad som förväntas av cheferna, och den följs upp i medarbetarenkäten genom ett ledarskapsindex. Enhetscheferna har ett tydligt ansvar för ekonomi, personal och verksamhet, men flera av dem upplever att mandatet att fatta beslut inom sitt område är oklart.",
        "Ledningsgruppen arbetar med gemensamma frågor och det finns goda exempel på samarbete mellan förvaltningarna, till exempel kring barn och unga. Nya chefer får ett introduktionsprogram, medan erfarna chefer efterfrågar fortsatt ledarutveckling och möjligheter att lära av varandra, t.ex. genom mentorskap eller nätverk.",
    ],
    "res": [
        "Budgetprocessen utgår i huvudsak från föregående års ramar med justeringar för volymförändringar. Kopplingen mellan tilldelade resurser och förväntade resultat är svag, och diskussionerna i budgetarbetet handlar främst om kostnader. Ekonomienheten ger ett stöd som uppskattas av cheferna.",
        "Jämförelser med andra kommuner görs genom Kommunernas Kvalitet i Korthet och andra nätverk, men resultaten analyseras sällan på djupet. Samverkan med grannkommunerna är väl utvecklad inom bland annat upphandling, räddningstjänst och IT. Processkartläggning har påbörjats i några verksamheter men erfarenheterna har ännu inte spridits.",
    ],
    "pers": [
        "Det finns ett personalpolitiskt program som antogs för några år sedan, men det används i liten utsträckning som styrdokument. Rekryteringen sker enligt en gemensam process med stöd av personalenheten, och arbetet med att marknadsföra organisationen som arbetsgivare har intensifierats. Heltid som norm har införts inom vård och omsorg.",
        "Medarbetarsamtal genomförs årligen och ska leda till individuella utvecklingsplaner. Lönekriterier finns, men kopplingen mellan kriterierna och lönesättningen upplevs som otydlig av många medarbetare. Arbetsmiljöarbetet bedrivs systematiskt med skyddsronder och uppföljning av sjukfrånvaro, medan arbetet med mångfald ännu är i ett tidigt skede.",
    ],
    "utv": [
        "Kvalitetsarbetet bedrivs i varierande former i de olika förvaltningarna. Inom vård och omsorg finns ett ledningssystem för kvalitet, och inom skolan används ett systematiskt kvalitetsarbete med årliga kvalitetsredovisningar. Någon gemensam modell för hela organisationen finns inte.",
        "Medarbetarnas förbättringsförslag tas tillvara på arbetsplatsträffar, men det saknas ett sätt att samla och sprida goda idéer. Omvärldsbevakning sker främst genom nätverk och studiebesök. IT-stödet upplevs som splittrat, med verksamhetssystem som inte kommunicerar med varandra.",
    ],
    "samh": [
        "Det finns en översiktsplan och ett näringslivsprogram som tagits fram i dialog med företagarna. Samarbetet med föreningslivet är omfattande och regleras i en överenskommelse med den idéburna sektorn. Kulturlivet stöds genom föreningsbidrag och en aktiv kulturskola.",
        "Miljöarbetet är brett och omfattar mål för energi, transporter och avfall. Internationella kontakter förekommer genom vänorter och EU-finansierade projekt, men någon strategi för det internationella arbetet finns inte. Ansvaret för landsbygdsutvecklingen är splittrat mellan flera förvaltningar.",
    ],
}

FIND = {
    "demo": (
        [
            "Kallelser och protokoll publiceras i god tid på webbplatsen.",
            "Fullmäktiges sammanträden sänds direkt och kan ses i efterhand.",
            "Medborgarförslag ger invånarna möjlighet att väcka frågor i fullmäktige.",
            "Riktlinjer mot mutor och jäv har antagits.",
        ],
        [
            "Ta fram en samlad strategi för medborgardialog.",
            "Återkoppla resultatet av dialoger till dem som deltagit.",
            "Förankra riktlinjerna för etik hos alla medarbetare, t.ex. genom utbildning.",
            "Redovisa verksamhetens resultat för invånarna på ett lättillgängligt sätt.",
        ],
    ),
    "bruk": (
        [
            "Kontaktcentret ger snabb service och många ärenden löses direkt.",
            "Brukarundersökningar genomförs regelbundet i flera verksamheter.",
            "Ett gemensamt system för synpunkts- och klagomålshantering.",
            "Medvetet arbete med bemötande, bland annat genom utbildning.",
        ],
        [
            "Mät och redovisa svarstider för telefon och e-post.",
            "Inför servicedeklarationer i fler verksamheter och följ upp dem.",
            "Använd sammanställningar av synpunkter som underlag för förbättringar.",
            "Öka brukarnas möjligheter att påverka utformningen av tjänsterna.",
        ],
    ),
    "styr": (
        [
            "Ett årshjul som tydliggör uppsiktsplikten.",
            "Ett gott samarbetsklimat mellan politiker och tjänstemän.",
            "Målen bryts ned i nämndernas verksamhetsplaner.",
            "Nämnderna följer upp sin internkontroll enligt en gemensam plan.",
        ],
        [
            "Formulera färre och mer mätbara mål som beskriver önskade resultat.",
            "Stärk kopplingen mellan mål, budget och uppföljning.",
            "Tydliggör rollfördelningen mellan politik och förvaltning i enskilda ärenden.",
            "Utveckla analysen i delårsrapporterna.",
        ],
    ),
    "led": (
        [
            "En ledarskapspolicy som beskriver förväntningarna på chefer.",
            "Goda exempel på samarbete mellan förvaltningarna kring barn och unga.",
            "Ledarskapet följs upp genom ett ledarskapsindex.",
            "Ett introduktionsprogram för nya chefer.",
        ],
        [
            "Tydliggör mandat och befogenheter för enhetscheferna.",
            "Erbjud erfarna chefer fortsatt ledarutveckling.",
            "Skapa möjligheter för chefer att lära av varandra.",
            "Se över antalet medarbetare per chef.",
        ],
    ),
    "res": (
        [
            "Väl utvecklad samverkan med grannkommunerna.",
            "Ekonomienheten ger ett uppskattat stöd till cheferna.",
            "Deltagande i jämförelsenätverk med andra kommuner.",
            "Processkartläggning har påbörjats i flera verksamheter.",
        ],
        [
            "Koppla resurstilldelningen tydligare till förväntade resultat.",
            "Analysera skillnader i kostnader och resultat jämfört med andra kommuner.",
            "Sprid erfarenheterna från processkartläggningen.",
            "För strategiska diskussioner om resurser och resultat i nämnderna.",
        ],
    ),
    "pers": (
        [
            "En gemensam och väl fungerande rekryteringsprocess.",
            "Heltid som norm har införts inom vård och omsorg.",
            "Ett systematiskt arbetsmiljöarbete.",
            "Årliga medarbetarsamtal med individuella utvecklingsplaner.",
        ],
        [
            "Revidera det personalpolitiska programmet och gör det känt.",
            "Tydliggör kopplingen mellan lönekriterier och lönesättning.",
            "Utveckla arbetet med mångfald.",
            "Skapa tydligare karriärvägar för medarbetare.",
        ],
    ),
    "utv": (
        [
            "Ett ledningssystem för kvalitet inom vård och omsorg.",
            "Förbättringsförslag tas tillvara på arbetsplatsträffar.",
            "Omvärldsbevakning genom nätverk och studiebesök.",
            "Årliga kvalitetsredovisningar inom skolan.",
        ],
        [
            "Inför en gemensam modell för kvalitetsarbete i hela organisationen.",
            "Samla och sprid goda idéer mellan verksamheterna.",
            "Samordna verksamhetssystemen så att de kan kommunicera med varandra.",
            "Avsätt tid för kreativitet och innovation.",
        ],
    ),
    "samh": (
        [
            "En överenskommelse med den idéburna sektorn.",
            "Ett brett miljöarbete med mål för energi, transporter och avfall.",
            "Ett näringslivsprogram framtaget i dialog med företagarna.",
            "En aktiv kulturskola.",
        ],
        [
            "Anta en strategi för internationella kontakter.",
            "Tydliggör ansvaret för landsbygdsutveckling.",
            "Integrera hållbarhetsperspektivet i styrmodellen.",
            "Följ upp näringslivsprogrammet.",
        ],
    ),
}

INTRO_VAD = [
    "Kommunkompassen är ett verktyg för att analysera en kommuns arbetssätt och organisation ur ett helhetsperspektiv. Utgångspunkten är att en väl fungerande kommun behöver en tydlig styrning, en öppen dialog med medborgarna och en organisation som ständigt utvecklas. Verktyget har tagits fram av Kommunförbundet i samarbete med forskare och används i dag av ett stort antal kommuner.",
    "Utvärderingen bygger på en genomgång av styrdokument och andra skriftliga underlag samt på intervjuer med förtroendevalda, chefer och medarbetare. Intervjuerna genomfördes under två dagar. Varje område bedöms utifrån ett antal frågor, och för varje område kan högst 100 poäng ges, vilket innebär att den maximala poängen är 800. Poängen ska ses som en indikation på var organisationen står i förhållande till en väl fungerande kommun, inte som ett betyg.",
]

METOD = [
    "Rapporten är disponerad så att varje område inleds med en kort beskrivning av vad som bedöms, följt av våra iakttagelser och en sammanfattning av styrkor och förbättringsområden. Iakttagelserna bygger på det som framkommit i intervjuerna och i det skriftliga underlaget. Vi vill tacka alla som tagit sig tid att delta i intervjuerna.",
]

SUMMARY_TEXT = [
    "{Org} har en god grund att stå på. Organisationen präglas av engagerade medarbetare och ett gott samarbetsklimat mellan politiker och tjänstemän. Samtidigt finns det utrymme för förbättringar, framför allt när det gäller kopplingen mellan mål, resurser och resultat.",
    "De högsta poängen får {org_short} inom områdena {best}, där arbetet är väl utvecklat. De lägsta poängen finns inom området {worst}, där ett gemensamt arbetssätt saknas.",
]
