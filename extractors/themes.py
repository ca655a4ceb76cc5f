"""Theme classification of findings: finding text in, version-independent theme ids out.

Two layers vote on every theme in THEMES.md (ids in `reference/themes.csv`):

(a) a rule layer: a SpanRuler over lemmas. The reports are full of Swedish compounds that no
    lookup table holds ("brukarundersökningar", "ledarutvecklingsprogrammet", "medarbetarenkäten",
    "synpunktshanteringen"), so the `theme_compounds` component first splits every word the
    vocabulary does not know into its parts (dynamic programming over the spacy-lookups-data
    vocabulary, with linking -s and the -e/-a combining forms: "brukar|undersökningar" ->
    brukare + undersökning), as separate tokens, and sets each token's lemma (and NORM) from the
    lookup table. Terms are written once in THEME_TERMS as plain words and go through the same
    analysis, so the term "brukarundersökning" matches "brukarundersökningarna", "undersökning"
    matches the head of any new compound built on it, and a longer match ("arbetsmiljö") shadows
    a shorter one inside it ("miljö"). Each term is strong, medium or weak evidence (TERM_WEIGHTS);
    a theme's rule score is the noisy-OR of its matched terms' weights.

(b) a trained `textcat_multilabel`: a bag of lemmas (compound parts included) with a logistic
    output per theme, trained by `pipeline.themes_training` on authored, labelled items.

Combination (`combine_scores`): score = 1 - (1 - rule) * (1 - model), a noisy-OR. With the
weights below and THRESHOLD 0.6: a strong term alone assigns its theme; a medium term needs the
model at >= 0.2, a weak one at >= 0.47; the model alone needs >= 0.6; two medium terms suffice.
Themes scoring >= THRESHOLD are assigned, best first, at most MAX_THEMES; when none passes, the
best one is kept if it reaches FALLBACK_THRESHOLD; else the item has no theme.
"""
from __future__ import annotations

import csv
import gzip
import importlib.resources
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

#: A theme whose combined score reaches this is assigned. 5-fold cross-validation on
#: data/themes/train.jsonl (`python -m pipeline.themes_training tune`) gave a plateau of micro-F1
#: 0.872-0.882 from 0.6 to 0.8 (0.840 at 0.5); 0.6 is its low end because on wording unlike the
#: training items the model is less confident, and recall is what drops first there.
THRESHOLD = 0.6
#: When no theme reaches THRESHOLD, the best is still kept if it reaches this: almost every item
#: has a theme, and in CV (threshold 0.6) 0.25 raised best-theme-among-gold to 0.896 (0.892 at
#: 0.35, 0.849 without a fallback) for 0.003 of micro-F1.
FALLBACK_THRESHOLD = 0.25
#: No labelled item carries more than two themes; a third is allowed, a fourth would be noise.
MAX_THEMES = 3
#: Rule-term weights: S = near-unambiguous vocabulary, M = usually this theme, W = a hint only.
#: Set per term from its precision on the training items (terms that fired outside their theme
#: as often as in it were demoted or dropped).
TERM_WEIGHTS = {"S": 0.9, "M": 0.5, "W": 0.25}
#: Shortest compound part for a word the vocabulary does not know ("mål|styrningsmodell"). A
#: first or middle part of exactly MIN_PART letters must be in SHORT_PARTS (else names like
#: "Instagram" split into junk); a last part that short must be a lemma ("sjuk|tal").
MIN_PART = 3
SHORT_PARTS = frozenset({"mål", "råd", "lön", "val", "tid", "liv", "ort", "app", "bil", "kö",
                         "fri", "ny", "nya", "egen", "bygg", "stöd", "hem", "ung", "vård", "väg",
                         "fel", "led", "län", "elev", "skol", "hus", "krav", "plan", "risk"})
#: Up to this many tokens may stand where a term has a gap ("…").
GAP_TOKENS = 3

RULES_KEY = "theme_rules"
REFERENCE = importlib.resources.files("extractors") / "reference"
DEFAULT_MODEL_DIR = Path(str(REFERENCE / "themes_model"))


@dataclass(frozen=True)
class ThemeResult:
    """Themes of one text, best first (possibly none), and the combined score of every theme."""

    themes: list[str]
    scores: dict[str, float] = field(default_factory=dict)


def read_themes() -> list[dict[str, str]]:
    """The taxonomy in use: rows of id, label, description from `reference/themes.csv`."""
    with (REFERENCE / "themes.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


THEME_IDS: tuple[str, ...] = tuple(row["id"] for row in read_themes())

# ---------------------------------------------------------------------------------------------
# Lemmas and compound parts
# ---------------------------------------------------------------------------------------------

#: The lookup table errs on some of the reports' key words ("nämnd" -> nämna, "ledare" -> led).
LEMMA_OVERRIDES = {
    "nämnd": "nämnd", "mål": "mål", "ledare": "ledare", "ledaren": "ledare", "lön": "lön",
    "it": "it", "sjuk": "sjuk", "liv": "liv", "stöd": "stöd", "stödet": "stöd", "besök": "besök",
    "följs": "följa", "rollerna": "roll", "roller": "roll", "led": "led", "ledarna": "ledare",
    "möte": "möte", "möten": "möte", "mötena": "möte", "mötet": "möte", "kund": "kund",
    "kunder": "kund", "chefs": "chef", "bör": "böra", "data": "data", "medel": "medel",
    "program": "program", "programmet": "program", "råd": "råd", "rådet": "råd", "råden": "råd",
    "panel": "panel", "panelen": "panel", "center": "center", "nätverk": "nätverk",
    "nätverket": "nätverk", "nätverken": "nätverk", "tal": "tal", "idé": "idé", "idéer": "idé",
    "verk": "verk", "kontakt": "kontakt", "kontakter": "kontakt", "styr": "styra",
    "styrs": "styra", "plan": "plan", "planer": "plan", "planen": "plan", "bland": "bland",
    "lean": "lean", "dels": "dels", "vis": "vis", "hela": "hel", "heltid": "heltid",
    "jämställd": "jämställd", "löner": "lön", "lönen": "lön", "resultat": "resultat",
    "politiker": "politiker", "brukare": "brukare", "medarbetare": "medarbetare",
    "andra": "annan", "andras": "annan", "roll": "roll", "rollen": "roll", "uppdrag": "uppdrag",
    "uppdraget": "uppdrag", "uppdragen": "uppdrag", "val": "val", "valet": "val", "ram": "ram",
    "ramar": "ram", "ramen": "ram", "språk": "språk", "språket": "språk", "svar": "svar",
    "jäv": "jäv", "bemötande": "bemötande", "bemötandet": "bemötande", "gott": "god",
    "goda": "god", "god": "god", "en": "en", "ett": "en", "med": "med", "för": "för",
    "har": "ha", "fler": "fler", "tolk": "tolk", "växel": "växel", "växeln": "växel",
    "lov": "lov", "avgift": "avgift", "avgifter": "avgift", "dator": "dator", "datorer": "dator",
    "pris": "pris", "priset": "pris", "hinder": "hinder", "handikapp": "handikapp",
    "kontor": "kontor", "kontoret": "kontor", "blad": "blad", "bild": "bild", "bilden": "bild",
    "snitt": "snitt", "snittet": "snitt", "risk": "risk", "risker": "risk", "mått": "mått",
    "måtten": "mått", "fördel": "fördel", "fördelar": "fördel", "stund": "stund",
    "inflytande": "inflytande", "inflytandet": "inflytande", "deltagande": "deltagande",
    "deltagandet": "deltagande", "medverkan": "medverkan", "samverkan": "samverkan",
    "boende": "boende", "boendet": "boende", "boenden": "boende", "lärande": "lärande",
    "lärandet": "lärande", "beslut": "beslut", "besluten": "beslut", "beslutet": "beslut",
    "tid": "tid", "tider": "tid", "möten": "möte", "grupp": "grupp", "medier": "medier",
    "media": "medier", "sociala": "social", "frågestund": "frågestund", "samråd": "samråd",
    "samrådet": "samråd", "samråden": "samråd", "träff": "träff", "träffar": "träff",
    "mål": "mål", "delar": "del", "ledning": "ledning", "ledningen": "ledning",
    "hälsa": "hälsa", "hälsan": "hälsa", "kompetens": "kompetens", "kompetensen": "kompetens",
    "företag": "företag", "företagen": "företag", "företaget": "företag", "företags": "företag",
    "företagens": "företag", "mentor": "mentor", "mentorer": "mentor", "stress": "stress",
    "stressen": "stress", "kön": "kön", "könet": "kön", "stolt": "stolt", "stolta": "stolt",
    "tillväxt": "tillväxt", "tillväxten": "tillväxt", "avfall": "avfall", "avfallet": "avfall",
    "förtroende": "förtroende", "förtroendet": "förtroende", "rekrytera": "rekrytera",
    "väg": "väg", "vägar": "väg", "vägen": "väg", "vägarna": "väg", "samsyn": "samsyn",
    "brukar": "bruka",
}

#: Combining forms the lookup table cannot produce or gets wrong.
COMBINING_OVERRIDES = {
    "löne": "lön", "ledar": "ledare", "ledarskaps": "ledarskap", "chefs": "chef", "it": "it",
    "e": "e", "styr": "styra", "lednings": "ledning", "medborgar": "medborgare",
    "brukar": "brukare", "medarbetar": "medarbetare", "invånar": "invånare",
    "kvinno": "kvinna", "hälso": "hälsa", "skol": "skola", "kund": "kund", "nämnd": "nämnd",
    "nämnds": "nämnd", "mål": "mål", "idé": "idé", "arbetsgivar": "arbetsgivare",
    "förtroendevalds": "förtroendevald", "politiker": "politiker", "tjänstemanna": "tjänsteman",
    "företagar": "företagare", "visselblåsar": "visselblåsare", "besöks": "besök",
    "service": "service", "kultur": "kultur", "miljö": "miljö", "klimat": "klimat",
}

#: Simplex words of the reports' domain missing from the lookup vocabulary (compounds are not
#: listed: they are split). Inflected forms are generated (DOMAIN_ENDINGS), so "visselblåsaren"
#: lemmatizes and "visselblåsarfunktionen" splits into visselblåsare + funktion.
DOMAIN_LEMMAS = (
    "visselblåsare", "benchmarking", "kolada", "digitalisering", "digitalisera", "styrkort",
    "lean", "idéburen", "medskapande", "omsorgstagare", "transparens", "stuprör", "kontrollspann",
    "kvalitetsutvecklare", "samsyn", "medarbetarskap", "chefskap",
)
DOMAIN_ENDINGS = ("", "n", "en", "et", "t", "er", "erna", "ar", "arna", "or", "orna", "na", "s",
                  "ns", "ens", "ets", "ers", "ernas", "arnas", "ornas", "nas", "a", "r", "rna")

WORD = re.compile(r"^[a-zåäöéüæø]+$")
#: Inflectional endings tried, longest first, on a form the table does not know
#: ("verksamheter" -> verksamhet, "oegentligheterna" -> oegentlighet).
ENDINGS = ("erna", "arna", "orna", "ernas", "arnas", "ornas", "ens", "ets", "er", "ar", "or",
           "en", "et", "na", "n", "t", "s", "e", "a")
#: Derivational suffixes that look like words ("heter", "ande"): never a compound's last part.
NOT_HEADS = frozenset({"het", "heter", "heten", "heterna", "hets", "ande", "anden", "ende",
                       "else", "elser", "elsen", "skap", "skapet", "ning", "ningar", "ningen",
                       "lig", "liga", "ligt", "isk", "iska", "iskt", "tion", "tionen", "are",
                       "ares", "ing", "ingen", "ringar", "ering", "eringen", "arna", "erna",
                       "kap", "kapet", "kapets", "skapet", "skapets", "skaps", "het", "ar", "rna",
                       "ens", "ets", "ande", "andet", "andes", "else", "nad", "nader", "are"})


@dataclass(frozen=True)
class Lexicon:
    """Word forms -> lemma, and compound combining forms -> lemma (built once per process)."""

    lemma_of: dict[str, str]
    known: frozenset[str]
    lemmas: frozenset[str]
    combining: dict[str, str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The Swedish lookup lemmatizer table of spacy-lookups-data, extended for compounds.

    Combining forms are built per lemma L in order of preference: L, L+s, and for L ending in
    -e or -a the stem (brukare -> brukar, skola -> skol), stem+s, and -a -> -o (kvinna -> kvinno).
    Lemmas are visited sorted, so the map is the same in every process.
    """
    path = importlib.resources.files("spacy_lookups_data") / "data" / "sv_lemma_lookup.json.gz"
    lemma_of: dict[str, str] = json.loads(gzip.decompress(path.read_bytes()))
    for lemma in DOMAIN_LEMMAS:
        for ending in DOMAIN_ENDINGS:
            lemma_of.setdefault(lemma + ending, lemma)
    lemma_of.update(LEMMA_OVERRIDES)
    lemmas = sorted({v for v in lemma_of.values() if WORD.match(v) and len(v) >= MIN_PART})
    combining: dict[str, str] = dict(COMBINING_OVERRIDES)
    rounds = [
        lambda w: [w],
        lambda w: [w + "s"],
        lambda w: [w[:-1], w[:-1] + "s"] if w.endswith("e") else [],
        lambda w: [w[:-1], w[:-1] + "o", w[:-1] + "e"] if w.endswith("a") else [],
    ]
    for make in rounds:
        for lemma in lemmas:
            for form in make(lemma):
                if len(form) >= MIN_PART:
                    combining.setdefault(form, lemma)
    known = frozenset(lemma_of) | frozenset(lemma_of.values())
    return Lexicon(lemma_of, known, frozenset(lemmas), combining)


def lemma_of(form: str) -> str:
    """The lemma of one lower-case word form: the table's, else a known lemma left after
    stripping an inflectional ending, else the form itself."""
    lex = load_lexicon()
    if form in lex.lemma_of:
        return lex.lemma_of[form]
    for ending in ENDINGS:
        stem = form[: -len(ending)]
        if len(stem) >= 4 and form.endswith(ending) and stem in lex.known:
            return lex.lemma_of.get(stem, stem)
    return form


def is_known(form: str) -> bool:
    """The form is in the table, or is a known lemma plus an inflectional ending."""
    return form in load_lexicon().known or lemma_of(form) != form


def short_ok(part: str) -> bool:
    return len(part) > MIN_PART or part in SHORT_PARTS


def rank(candidate: tuple[int, int, tuple[tuple[str, str], ...]]) -> tuple[int, int]:
    """Order of preference between two splits: fewer parts, then a longer first part."""
    count, _, parts = candidate
    return count, -len(parts[0][0])


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[tuple[str, str], ...] | None:
    """Split a lower-case word into (part, lemma) pairs, or None when it is not a compound.

    Only words the vocabulary does not know are split (`analyse_word`): splitting known words
    gives junk ("under|sökning", "förtroende|valda") and known compounds are listed whole in
    THEME_TERMS anyway. The unknown ones are the long, rare compounds the reports coin.

    Fewest parts wins, then the longest first part (Swedish compounds mostly branch left:
    "arbetsmiljö|arbete", not "arbets|miljöarbete"; "innovations|pris", not "innovation|spris"):
    "ledarutvecklingsprogram" -> ledar|utvecklings|program -> ledare, utveckling, program. Every
    part but the last must be a combining form; the last may be any inflected form, lemmatized.
    """
    lex = load_lexicon()
    n = len(word)
    if n < 2 * MIN_PART or not WORD.match(word):
        return None
    best: dict[int, tuple[int, int, tuple[tuple[str, str], ...]]] = {0: (0, n, ())}
    result: tuple[int, int, tuple[tuple[str, str], ...]] | None = None
    for i in range(n):
        if i not in best:
            continue
        count, shortest, parts = best[i]
        if i > 0 and n - i >= MIN_PART:
            head = word[i:]
            if head not in NOT_HEADS and (short_ok(head) or head in lex.lemmas) and is_known(head):
                cand = (count + 1, min(shortest, n - i), parts + ((head, lemma_of(head)),))
                if result is None or rank(cand) < rank(result):
                    result = cand
        for j in range(i + MIN_PART, n - MIN_PART + 1):
            form = word[i:j]
            lemma = lex.combining.get(form)
            if lemma is None or not short_ok(form):
                continue
            cand = (count + 1, min(shortest, j - i), parts + ((form, lemma),))
            cur = best.get(j)
            if cur is None or rank(cand) < rank(cur):
                best[j] = cand
    if result is None:
        return None
    return result[2]


@lru_cache(maxsize=200_000)
def analyse_word(text: str) -> tuple[tuple[str, str], ...]:
    """A token's text as (orth, lemma) parts: one part, or the parts of a compound.

    Orths keep the original spelling and concatenate to `text`; hyphenated words split after the
    hyphen ("IT-stödet" -> "IT-" it, "stödet" stöd) and "kvalitets-" (a shortened compound) is
    lemmatized as a combining form.
    """
    lower = text.lower()
    if "-" in lower.strip("-") and len(lower) > 2:
        out: list[tuple[str, str]] = []
        pos = 0
        pieces = lower.split("-")
        for k, piece in enumerate(pieces):
            last = k == len(pieces) - 1
            width = len(piece) + (0 if last else 1)
            orth = text[pos:pos + width]
            pos += width
            if not piece:
                if out:
                    out[-1] = (out[-1][0] + orth, out[-1][1])
                continue
            sub = analyse_word(orth if last else orth[:-1])
            if not last:
                sub = sub[:-1] + ((sub[-1][0] + "-", sub[-1][1]),)
            out.extend(sub)
        return tuple(out)
    lex = load_lexicon()
    stem = lower.strip("-")
    if lower.endswith("-") and stem in lex.combining and stem not in lex.known:
        return ((text, lex.combining[stem]),)
    whole = lemma_of(lower) if WORD.match(lower) else lex.lemma_of.get(lower, lower)
    parts = split_compound(stem) if stem == lower and not is_known(stem) else None
    if not parts:
        return ((text, whole),)
    out, pos = [], 0
    for orth, lemma in parts:
        out.append((text[pos:pos + len(orth)], lemma))
        pos += len(orth)
    return tuple(out)


class CompoundLemmatizer:
    """Pipeline component: lookup lemmas, compounds split into part tokens, NORM = lemma.

    Splitting the tokens (rather than keeping parts on the side) lets both the rule layer's
    LEMMA patterns and the classifier's bag of n-grams see "brukare undersökning".
    """

    def __init__(self, vocab) -> None:
        self.vocab = vocab

    def __call__(self, doc: Doc) -> Doc:
        analysed = [analyse_word(t.text) for t in doc]
        with doc.retokenize() as retokenizer:
            for token, parts in zip(list(doc), analysed):
                if len(parts) > 1:
                    last = len(parts) - 1
                    retokenizer.split(token, [orth for orth, _ in parts],
                                      heads=[(token, last)] * len(parts))
        lemmas = [lemma for parts in analysed for _, lemma in parts]
        for token, lemma in zip(doc, lemmas):
            token.lemma_ = lemma
            token.norm_ = lemma
        return doc

    def to_disk(self, path, exclude=tuple()) -> None:
        """Nothing to save: the vocabulary comes from the installed spacy-lookups-data."""

    def from_disk(self, path, exclude=tuple()) -> "CompoundLemmatizer":
        return self

    def to_bytes(self, exclude=tuple()) -> bytes:
        return b""

    def from_bytes(self, data: bytes, exclude=tuple()) -> "CompoundLemmatizer":
        return self


@Language.factory("theme_compounds")
def make_theme_compounds(nlp: Language, name: str) -> CompoundLemmatizer:
    return CompoundLemmatizer(nlp.vocab)


@spacy.registry.architectures("kompass.LemmaBOW.v1")
def build_lemma_bow(exclusive_classes: bool, ngram_size: int, no_output_layer: bool,
                    length: int = 16384, nO: int | None = None):
    """spaCy's TextCatBOW.v3 over NORM (the lemma set by `theme_compounds`) instead of ORTH.

    Inflected and capitalised forms of a word then share one feature, which matters with a few
    hundred training items; `length` is kept small so the shipped model stays a few MB.
    """
    from functools import partial

    from spacy.attrs import NORM
    from spacy.ml.extract_ngrams import extract_ngrams
    from spacy.ml.models.textcat import resize_and_set_ref
    from spacy.ml.models.textcat import resize_linear_weighted
    from thinc.api import Logistic, SparseLinear_v2, chain, resizable, with_cpu

    length = 2 ** (length - 1).bit_length()
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    fill = {"b": -1e6 if not no_output_layer else 0, "W": 0}
    layer = resizable(sparse_linear, resize_layer=partial(resize_linear_weighted, fill_defaults=fill))
    model = with_cpu(chain(extract_ngrams(ngram_size, attr=NORM), layer), layer.ops)
    if not no_output_layer:
        output = Logistic()
        model = chain(model, with_cpu(output, output.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = not exclusive_classes
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=layer)
    return model


# ---------------------------------------------------------------------------------------------
# Rule layer: theme vocabulary
# ---------------------------------------------------------------------------------------------

#: Per theme, lines "S: term; term", "M: …", "W: …" (weights in TERM_WEIGHTS). A term is words as
#: they may appear in a report (any inflection; compounds match through their parts); "…" in a
#: term lets up to GAP_TOKENS tokens stand between. A term may be listed under several themes.
THEME_TERMS: dict[str, str] = {
    "medborgardialog": """
        S: medborgardialog; invånardialog; medborgarbudget; medborgarpanel; invånarpanel;
           medborgarförslag; invånarförslag; e-förslag; e-petition; folkinitiativ; medborgarråd;
           medborgarinflytande; invånarinflytande; medborgarperspektiv; dialogmöte; dialogforum;
           rådslag; fokusgrupp; ungdomsråd; ungdomsfullmäktige; pensionärsråd; funktionshinderråd;
           demokratiberedning; demokratiutveckling; demokratiplan; demokratistrategi; e-demokrati;
           medskapande; samråd; allmänhetens frågestund; frågestund; underrepresenterade;
           underrepresenterad grupp; svårnådda grupper; grupper som sällan; dialog med medborgare;
           dialog med invånare; dialog med unga; invånare … påverka; medborgare … påverka; invånare
           … delaktig; påverka beslut; delta i … beslut; medborgare … dialog; invånare … dialog;
           medborgarkontakt; lokal demokrati; valdeltagande; ungdomsdialog; medborgarundersökning …
           inflytande; Nöjd-Inflytande-Index; inflytandeindex; demokratidag; politikerträff;
           samspel mellan förtroendevald och medborgare; samspel mellan förtroendevalda och
           medborgare; medborgare … delaktig; medborgares deltagande; invånares deltagande;
           medborgare … delaktighet; invånare … delaktighet; medborgarnas delaktighet; invånarnas
           delaktighet
        M: dialog; inflytande; påverka; medborgarundersökning; referensgrupp; demokrati; öppna
           möten; öppet möte; synpunkter från medborgare; lokala utvecklingsgrupper; engagemang …
           medborgare; delaktig; delaktighet
        W: unga; deltagande; medverkan; sociala medier
    """,
    "information": """
        S: information till medborgare; information till invånare; informera medborgare; informera
           invånare; informationsplan; informationspolicy; informationsstrategi;
           kommunikationspolicy; kommunikationsplan; kommunikationsstrategi; hemsida; webbplats;
           webbsida; webbsändning; webb-tv; direktsända; direktsändning; sända; sändning;
           kommuntidning; kommunblad; informationsblad; nyhetsbrev; klarspråk; lättläst; begriplig;
           offentlighet; kallelse; föredragningslista; protokoll; diarium; publicera; annonsera;
           information om resultat; redovisa resultat för medborgare; resultat … till medborgare;
           resultat … medborgare; informera om resultat; lättillgänglig information;
           medborgarinformation; pressmeddelande; kommunikatör; kommunikationsenhet; annons;
           lokaltidning; informationsmaterial; broschyr; samhällsinformation; tryckt; kallelse …
           sammanträde; handling … sammanträde; handling … före; allmän handling;
           sammanträdeshandling; nämndhandling
        M: information; informera; kommunikation; kommunicera; webb; media; medier; sociala medier;
           facebook; nyhet; årsredovisning … medborgare; tillgängliggöra; tillgänglig … webb;
           hemsidan; sammanträde; fullmäktigemöte; lättförståelig; språk; förklara; offentlig;
           transparens; transparent; öppenhet; insyn
        W: handling; presentera
    """,
    "etik": """
        S: etik; etisk; korruption; antikorruption; oegentlighet; muta; mutor; bestickning; jäv;
           jävig; jävsituation; visselblåsare; visselblåsarfunktion; visselblåsning; whistleblower;
           whistleblowing; bisyssla; uppförandekod; förskingring; bedrägeri; otillbörlig;
           otillbörligt; habilitet; intressekonflikt; förtroendeskadlig; mutbrott; representation …
           riktlinje; anonymt … rapportera; anonymt … anmäla; oegentligheter; misstanke …
           oegentlighet; etiskt råd; etikpolicy; etiska riktlinjer; korruptionsrisk; riskanalys …
           korruption; gåva
        M: missförhållande; förtroende … allmänhet; lagstiftning … korruption; rättssäkerhet;
           anonym; representation; moral
        W: integritet; oberoende
    """,
    "bemotande": """
        S: bemötande; bemöta; gott bemötande; telefontillgänglighet; e-posttillgänglighet;
           tillgänglighet via telefon; tillgänglighet … e-post; svarstid; svarstider; besvara
           e-post; besvara … e-post; svara … e-post; kontaktcenter; kontaktcentrum;
           medborgarcenter; medborgarservice; medborgarkontor; kundcenter; kundtjänst;
           servicekontor; öppettid; öppettider; öppethållande; nåbarhet; funktionsnedsättning;
           funktionshinder; funktionsvariation; tillgänglighetsanpassa; tillgänglighetsanpassning;
           handikapp; rullstol; enkelt avhjälpta hinder; fysisk tillgänglighet; bemötandepris;
           servicepris; serviceanda; servicekänsla; servicemedvetenhet; serviceinriktad;
           servicenivå; testsamtal; mystery shopping; anonyma testsamtal; telefonväxel; växel;
           telefonist; mejl; mail; kvittens; kontaktuppgift; direktnummer; en väg in; en dörr in;
           tillgänglighetsmätning; tillgänglighetsdatabas; syntolkning; teckenspråk;
           servicemätning; servicegaranti … svarstid; belöna gott bemötande; bemötandeutbildning;
           servicedeklaration … bemötande; nå kommunen; nå handläggare; svårt att nå; lätt att nå;
           en ingång; gemensam ingång
        M: tillgänglighet; serviceutbildning; kontakt med kommunen; återkoppla till medborgare;
           kundmottagning; reception; handläggningstid; ringa; tolk; besvara; telefon; e-post;
           servicecenter; rätt person; hitta rätt
        W: service; kontakt; tillgänglig; svara
    """,
    "brukarfokus": """
        S: brukarundersökning; brukarenkät; kundundersökning; kundenkät; nöjdhetsundersökning;
           nöjdhetsmätning; nöjdhet; kundnöjdhet; brukarnöjdhet; nöjd; nöjdkundindex; NKI;
           nöjd-kund-index; NMI; nöjd-medborgar-index; synpunktshantering; klagomål;
           klagomålshantering; klagomålssystem; synpunkts- och klagomålshantering;
           servicedeklaration; kvalitetsdeklaration; kvalitetsgaranti; servicegaranti;
           tjänstegaranti; garanti; valfrihet; valfrihetssystem; LOV; kundval; kundvalssystem;
           fritt val; välja utförare; brukarinflytande; brukarråd; brukardialog; brukarmedverkan;
           brukarorientering; brukarfokus; brukarperspektiv; brukarorienterad; brukarens
           perspektiv; brukarens fokus; tyck till; tyck-till; felanmälan; elevenkät; föräldraenkät;
           enkät … brukare; undersökning … brukare; undersökning … nöjd; kundperspektiv; kundfokus;
           brukarstyrd; brukarrevision; utförare … välja; vårdnadshavare … enkät;
           brukarundersökningsresultat; medborgarlöfte … service; ersättning … garanti; synpunkter
           från brukare; brukares synpunkter; synpunkt … brukare; brukare … synpunkt
        M: medborgarundersökning; påverka … insats; påverkan … tjänst; förslag och klagomål;
           kvalitetsgarantier; omsorgstagare; vårdtagare; elev … undersökning; SCB;
           genomförandeplan; brukare; kompensation; utlovad; löfte; synpunkt
        W: kvalitet … brukare; boende; elev; förälder; användare; patient; hyresgäst; välja; val;
           enkät; kund; undersökning
    """,
    "digitalisering": """
        S: digitalisering; digital; digitalt; digitalisera; e-tjänst; e-tjänster; e-förvaltning;
           e-arkiv; e-handel; e-legitimation; BankID; IT-stöd; IT-system; IT-strategi; IT-verktyg;
           IT-plattform; IT-miljö; IT-avdelning; IT-enhet; IT; intranät; verksamhetssystem;
           ärendehanteringssystem; ärendesystem; beslutsstödsystem; beslutsstöd; datalager;
           självservice; automatisering; automatisera; robotisering; surfplatta; läsplatta;
           programvara; mjukvara; webbformulär; välfärdsteknik; välfärdsteknologi; digitala möten;
           videomöte; distansmöte; datasystem; systemstöd; Stratsys; Hypergene; molntjänst;
           informationssäkerhet; öppna data; öppen data; digitaliseringsstrategi; IT-utveckling;
           systemförvaltning; integration av system; system … samverka; system … prata med
           varandra; sammankopplade system; dubbelregistrering; e-post … system; system …
           integrera; integrera … system; integrerade system; digital dokumentation
        M: plattform; verktyg; sms; chattbot; skärm; datorstöd; portal; teknik; dator; mobil;
           elektronisk; fiber; bredband; app; robot; applikation; webbaserad; gemensamma system;
           mobiltelefon; smartphone
        W: webb; chatt; system
    """,
    "mal_styrning": """
        S: målstyrning; målstyrningsmodell; målsättning; målformulering; mätbar; mätbara mål;
           styrmodell; styrsystem; styrprocess; styrdokument; styrkedja; resultatstyrning; mål- och
           resultatstyrning; mål och resultat; målkedja; målnedbrytning; bryta ned mål; nedbrutna
           mål; vision; visionen; indikator; styrtal; målvärde; målnivå; inriktningsmål; effektmål;
           verksamhetsmål; nämndmål; kommunmål; övergripande mål; strategiska mål; politiska mål;
           prioriterade mål; målområde; målbild; styrkort; balanserat styrkort; verksamhetsplan;
           verksamhetsplanering; flerårsplan; strategisk plan; budgetprocess; budgetarbete;
           budgetdialog; budgetberedning; ekonomistyrning; resursfördelning;
           resursfördelningsmodell; mål och resurser; mål och budget; koppling mellan mål och
           resurser; ramfördelning; ägardirektiv; ägarstyrning; förfrågningsunderlag; upphandling …
           mål; avtal … mål; utförare … mål; helhetstänkande i styrning; strategisk inriktning;
           långsiktig planering; planeringsprocess; mätetal; målstyrd; målarbete; uppdrag till
           nämnd; uppdrag … förvaltning; direktiv; kommunplan; långsiktig inriktning
        M: kvalitetsmål; resultatmått; mål; styra; nyckeltal; prioritera; prioritering; styrning;
           externa utförare; privata utförare; budget; inriktning
        W: prioriteringar; uppdrag; resurser; resurs; upphandling; planering; ram
    """,
    "uppfoljning": """
        S: uppföljning; uppföljningsrapport; uppföljningssystem; återrapportering; återrapportera;
           rapportering; delårsrapport; tertialrapport; tertialuppföljning; månadsrapport;
           månadsuppföljning; bokslut; verksamhetsberättelse; internkontroll; intern kontroll;
           internkontrollplan; kontrollplan; kontrollmoment; avvikelse; avvikelsehantering;
           avvikelserapportering; avvikelsesystem; avvikelserapport; revision; revisor;
           revisionsrapport; granskning; granska; egenkontroll; tillsyn; kvalitetsuppföljning;
           avtalsuppföljning; verksamhetsuppföljning; resultatredovisning; analys … resultat;
           resultatanalys; rapport till fullmäktige; rapport till nämnd; politiker … uppföljning;
           politiker … rapport; följsamhet; uppföljningsdata; kontrollsystem; riskanalys;
           riskbedömning; väsentlighets- och riskanalys; lex Sarah; lex Maria; ledningssystem;
           resultatdialog; uppföljningsmöte; mäta … resultat; resultatuppföljning; månadsbokslut;
           prognos; budgetuppföljning; måluppfyllelse; kvalitetsrapport; kvalitetsredovisning
        M: sammanställning; kontrollera; system … rapportering; följa upp; kontroll; utvärdera;
           utvärdering; mätning; redovisning; rapport; rapportera; årsredovisning
        W: statistik; analys; analysera; redovisa
    """,
    "politik_forvaltning": """
        S: politiker och tjänsteman; tjänsteman och politiker; förtroendevald och tjänsteman;
           förtroendevald och anställd; politisk nivå och tjänstemannanivå; tjänstemannanivå;
           rollfördelning; rollförståelse; roller; rollfördelningen; rollen; gränsdragning;
           politikerroll; tjänstemannaroll; informell dialog; informella kontakter; informellt
           möte; politikerenkät; förtroendevaldsenkät; enkät … förtroendevald; enkät … politiker;
           politikerutbildning; utbildning … förtroendevald; utbildning … politiker; introduktion …
           förtroendevald; introduktion … politiker; politiker … besök; förtroendevald … besök;
           besök … verksamhet; verksamhetsbesök; studiebesök … politiker; delegationsordning;
           delegation från nämnd; delegera … tjänsteman; detaljstyrning; detaljstyra; politisk
           styrning; presidium; ärendeberedning; stöd till förtroendevalda; stöd till politiker;
           nämndledamot; fritidspolitiker; oppositionen; opposition; kommunalråd; arvodering;
           ansvarsfördelning mellan politiker och tjänsteman; tjänsteskrivelse; tillit … politiker;
           politiker … tjänsteman; tjänsteman … politiker; mandatperiod; ordförande …
           förvaltningschef; förvaltningschef … ordförande; ordförande … kommundirektör;
           kommundirektör … ordförande
        M: politiker; förtroendevald; tjänsteman; roll; ansvarsfördelning; ersättare; ledamot;
           kommundirektör; beslutsunderlag; beredning; politisk ledning; samspel; delegation;
           delegering; ordförande
        W: politisk; politiskt; förvaltningsledning
    """,
    "jamforelser": """
        S: jämförelse; jämföra; jämförbar; benchmarking; benchmark; Kolada; KKiK; kommunens
           kvalitet i korthet; öppna jämförelser; RKA; jämförelsenätverk; lärande nätverk;
           kvalitetsnätverk; nätverk … kommuner; andra kommuner; annan kommun; liknande kommuner;
           jämförbara kommuner; grannkommuner; referenskommun; likvärdiga kommuner;
           omvärldsbevakning; omvärldsspaning; omvärldsanalys; lära av andra; lära av … andra; goda
           exempel från andra; best practice; utblick; ranking; rankning; nationell statistik;
           rikssnitt; riksgenomsnitt; andra organisationer; andra utförare; interna jämförelser;
           mellan enheter; mellan skolor; enheter emellan; jämförelsetal; standardkostnad;
           referenskostnad; nyckeltalsjämförelse; KPB; kostnad per brukare; lärande … andra; SKR …
           nätverk; SKL … nätverk
        M: kostnad per; nätverk; inspiration; genomsnitt; snittet; studiebesök; omvärlden; omvärld
        W: andra; goda exempel
    """,
    "effektivitet": """
        S: effektivitet; effektiv; effektivisera; effektivisering; kostnadseffektiv;
           kostnadseffektivitet; produktivitet; processkartläggning; kartlägga processer;
           kartläggning … process; processorientering; processorienterad; processutveckling;
           processledning; processarbete; processägare; arbetsprocess; huvudprocess;
           flödeskartläggning; värdeflöde; lean; slöseri; resursutnyttjande; resursanvändning;
           kostnad och kvalitet; kostnader och kvalitet; kostnad … kvalitet; kvalitet … kostnad;
           kostnad i förhållande till; resultat i förhållande till kostnad; prisvärd;
           kostnadsmedvetenhet; kostnadsmedveten; rationalisering; rationell; konkurrensutsättning;
           konkurrensprövning; konkurrensutsätta; gemensam service; servicecenter … ekonomi;
           lönecenter; ekonomicenter; gemensam servicefunktion; delade tjänster; kommunalförbund;
           gemensam nämnd; samverkan med andra kommuner; samverkan med grannkommuner; samarbete med
           andra kommuner; samarbete med grannkommuner; samverkan … kommuner; dela kostnader;
           kostnadsdelning; samordningsvinst; stordriftsfördel; enhetskostnad; styckkostnad;
           prestationsmått; produktionsmått; kostnadsanalys; kostnadsutveckling; ekonomi i balans;
           resultat och effektivitet; göra rätt saker; arbetssätt … effektiv; frigöra tid; frigjort
           tid; tidsbesparing; spara tid; onödiga steg; onödiga moment; onödigt arbete;
           dubbelarbete; kartlägga … flöde; arbetsflöde
        M: samverkan … andra; extern samverkan; prestation; kostnad; spara; besparing; flöde
        W: process; samordning; samordna
    """,
    "ledarskap": """
        S: ledarskap; ledarskapspolicy; ledarpolicy; chefspolicy; ledarskapsprogram;
           ledarutveckling; ledarutvecklingsprogram; chefsutveckling; chefsprogram;
           ledarskapsutbildning; chefsutbildning; ledarskapsutveckling; ledarforum; chefsforum;
           chefsdag; chefsträff; chefsinternat; chefsnätverk; chefsstöd; framtida ledare; framtida
           chefer; blivande chef; chefsaspirant; potentiella chefer; chefsförsörjning;
           chefsrekrytering; chefsuppdrag; chefernas uppdrag; uppdragsbeskrivning; chefskontrakt;
           chefsavtal; chefsöverenskommelse; utvärdera chef; chefsutvärdering; utvärdering av
           chefer; belöna chef; chefslön; ledarskapsindex; ledarindex; 360-graders; mentorprogram;
           coachning; coach; ledningsfilosofi; ledarskapsfilosofi; ledarskapskriterier;
           ledarkriterier; ledarskapsprofil; förstalinjechef; chefsroll; ledarroll;
           ledarskapsplattform; ledarplattform; chefskap; personalansvar; antal medarbetare per
           chef; ledarskapets; ledaregenskaper; ledarutvecklingsinsatser; UGL; chefsintroduktion;
           kontrollspann
        M: enhetschef; ledningsgrupp; rektor; chef; ledare; talangprogram; mentor
        W: ledning; förvaltningschef; kommundirektör; medarbetarskap
    """,
    "delegering": """
        S: decentralisering; decentraliserad; decentralisera; resultatenhet; resultatansvar;
           resultatenheternas ansvar; budgetansvar; ekonomiskt ansvar; ekonomiansvar; befogenhet;
           befogenheter; frihet … organisera; organisera … själv; överskott; underskott; föra över
           överskott; behålla överskott; resultatöverföring; ansvar för budget; ansvar för
           personal; ansvar för ekonomi; ansvar … budget; ansvar … personal; ansvar … organisation;
           tvärsektoriell; tvärsektoriellt; sektorsövergripande; förvaltningsövergripande;
           förvaltningsgränser; verksamhetsövergripande; gränsöverskridande; tvärfunktionell;
           samverkan mellan förvaltningar; samarbete mellan förvaltningar; samarbete över gränser;
           samverkan över gränser; samverkan mellan verksamheter; samverkan mellan nämnder;
           stuprör; stuprörstänkande; silo; projektledning; projektmodell; projektstyrning;
           projektmetodik; projektmetod; projektledare; projektorganisation; projektarbete;
           projektplan; projektform; processorganisation; koncerntänkande; helhetssyn; central
           ledning; centralisering; decentraliseringsgrad; självständighet; självstyrande;
           ansvarsfördelning; ansvarsområde; ansvar och befogenheter
        M: mandat; tydligt ansvar; delegation; delegering; delegera
        W: enhet; samverkan; samverka; samarbete; samarbeta; projekt; koncern; ansvar
    """,
    "kompetens": """
        S: kompetensförsörjning; kompetensförsörjningsplan; kompetensutveckling;
           kompetensutvecklingsplan; kompetensplan; kompetensinventering; kompetensbehov;
           kompetensstrategi; kompetenskartläggning; personalpolitik; personalpolitisk;
           personalstrategi; personalpolicy; arbetsgivarpolitik; arbetsgivarpolicy;
           arbetsgivarstrategi; HR; HR-strategi; personalförsörjning; personalplanering;
           rekrytering; rekrytera; rekryteringsprocess; rekryteringsstrategi; rekryteringsbehov;
           attraktiv arbetsgivare; arbetsgivarvarumärke; employer branding; arbetsgivarprofil;
           lönesättning; lönepolicy; lönekriterier; lönekriterium; lönesamtal; lönebildning;
           lönestrategi; löneöversyn; lönetillägg; individuell lön; utvecklingssamtal;
           medarbetarsamtal; individuell utvecklingsplan; utvecklingsplan; introduktionsprogram;
           nyanställd; nyanställda; avgångssamtal; exitsamtal; personalomsättning;
           generationsväxling; pensionsavgångar; heltid; deltid; karriärväg; karriär;
           karriärmöjlighet; karriärvägar; traineeprogram; praktikplats; praktikant; sommarjobb;
           feriearbete; medarbetarutveckling; belöningssystem; förmån; förmåner; bemanning;
           bemanningsplanering; vikarie; personalavdelning; personalenhet; HR-avdelning;
           medarbetarpolicy; kompetensväxling; utbildningsplan; vidareutbildning; internutbildning;
           kompetenshöjande; specialistkarriär; arbetsgivarperspektiv; arbetsgivarrollen;
           arbetsgivare; behålla personal; behålla medarbetare; medarbetare … sluta; vilja stanna
        M: medarbetarskap; introduktion; kompetens; belöna; belöning; lön; stanna kvar;
           utvecklingsmöjligheter
        W: personal; utbildning; utbilda; anställd
    """,
    "arbetsmiljo": """
        S: arbetsmiljö; arbetsmiljöarbete; systematiskt arbetsmiljöarbete; arbetsmiljöpolicy;
           arbetsmiljöplan; arbetsmiljöenkät; hälsoarbete; hälsofrämjande; hälsoprofil;
           hälsoinspiratör; hälsoombud; hälsobokslut; hälsoprojekt; hälsopolicy; friskvård;
           friskvårdsbidrag; friskvårdstimme; frisknärvaro; friskfaktor; sjukfrånvaro;
           sjukskrivning; korttidsfrånvaro; långtidssjukskrivning; rehabilitering;
           företagshälsovård; medarbetarenkät; medarbetarundersökning; personalenkät;
           personalundersökning; medarbetarindex; HME; medarbetarengagemang; engagemangsindex;
           stress; stressrelaterad; arbetsbelastning; arbetsskada; tillbud; kränkande
           särbehandling; trakasserier; arbetsklimat; välbefinnande; skyddsombud; arbetstidsmodell;
           ohälsa; psykosocial; organisatorisk och social arbetsmiljö; OSA; APT; hållbart
           arbetsliv; förslitning; ergonomi; utbrändhet; återhämtning; hälsosam arbetsplats;
           hälsosamma arbetsplatser; medarbetarnas engagemang; sjuktal; ohälsotal
        M: medarbetare … undersökning; medarbetare … enkät; personalens hälsa; hälsotal; arbetstid;
           frisk; hälsa; arbetsliv; trivsel; engagemang … medarbetare; medarbetare … engagemang
        W: engagemang; motivation
    """,
    "mangfald": """
        S: mångfald; mångfaldsplan; mångfaldspolicy; mångfaldsarbete; jämställdhet;
           jämställdhetsplan; jämställdhetsarbete; jämställdhetsintegrering; jämställd;
           jämställdhetsanalys; CEMR; integration; integrationsarbete; integrationsplan;
           integrationsstrategi; segregation; segregerad; diskriminering; diskrimineringsgrund;
           likabehandling; likabehandlingsplan; lika villkor; lika rättigheter; etnicitet; utländsk
           bakgrund; utrikes född; utlandsfödd; nyanländ; nyanlända; flykting; flyktingmottagande;
           asylsökande; invandrare; annan bakgrund; annat ursprung; könsfördelning; könsuppdelad;
           könsuppdelad statistik; kvinnor och män; män och kvinnor; HBTQ; hbtq-certifiering;
           inkludering; mångkulturell; mångkultur; språkkunskap; svenska för invandrare; SFI;
           osakliga löneskillnader; löneskillnad; lönekartläggning; funktionsnedsättning … anställ;
           mångfald som resurs; mångfald … tillgång; etnisk; spegla … befolkning; befolkningens
           sammansättning; inkluderande arbetsplats; inkluderande arbetsplatser
        M: olikheter; ursprung; kvinna; jämlik; jämlikhet; kön; annat språk; modersmål
        W: språk; bakgrund; inkludera
    """,
    "kvalitet_innovation": """
        S: kvalitetsarbete; kvalitetssystem; kvalitetsledningssystem; kvalitetsledning;
           kvalitetsutveckling; kvalitetsstrategi; kvalitetspolicy; kvalitetsprogram;
           kvalitetsmetod; kvalitetsverktyg; kvalitetsarbetet; systematiskt kvalitetsarbete;
           ständig förbättring; ständiga förbättringar; förbättringsarbete; förbättringsmetod;
           förbättringskultur; förbättringsgrupp; förbättringsverktyg; förbättringsförslag;
           innovation; innovativ; innovationsarbete; innovationsstrategi; innovationspris;
           innovationsfond; innovationskraft; kreativitet; kreativ; idé; idéer; idéhantering;
           idébank; idésystem; idéslussen; förslagsverksamhet; förslagslåda; nytänkande; nya
           arbetssätt; nya idéer; testa nya; pröva nya; förnyelse; förnya; utmärkelse;
           kvalitetspris; kvalitetsutmärkelse; SIQ; ISO; ISO 9001; PDSA; PDCA; självvärdering;
           kvalitetsrevision; kvalitetsgrupp; kvalitetsdag; kvalitetsmässa; kvalitetskonferens;
           utvecklingsfond; sprida goda exempel; sprida … idé; fånga … idé; ta tillvara … idé;
           tillvarata idéer; goda idéer; experiment; försöksverksamhet; pilotprojekt;
           kvalitetssamordnare; kvalitetsutvecklare; utvecklingsledare; metoder och verktyg;
           kvalitetsmodell; Kvalitetsmässan; lärande organisation; kvalitetsledningsarbete;
           förbättra arbetssätt; lärande … misstag; utvecklingsidé
        M: förbättring; goda exempel; verksamhetsutveckling; utvecklingsarbete
        W: kvalitet; metod; sprida; forskning; utvecklingsprojekt
    """,
    "vardegrund": """
        S: värdegrund; värdegrundsarbete; värdegrunden; värdering; värderingar; gemensamma
           värderingar; gemensamma värden; kärnvärde; kärnvärden; värdeord; organisationskultur;
           kultur i organisationen; gemensam kultur; företagskultur; arbetsplatskultur; vi-känsla;
           gemensam anda; ethos; etos; kommungemensam kultur; koncernkänsla; helhetskänsla;
           tillitsbaserad; tillitsbaserad styrning; öppet klimat; öppenhetskultur; förtroendefull;
           kultur präglad; värdegrundsdiskussion; värdegrundsdokument; serviceanda … kultur;
           gemensam värdegrund
        M: klimat … organisation; samsyn; gemensam syn; helhetssyn; tillit; anda; stolt; stolthet;
           lojalitet; samhörighet; kultur; förhållningssätt; gemenskap; vara en kommun
        W: förtroende; en organisation
    """,
    "samhallsutveckling": """
        S: näringsliv; näringslivet; näringslivsklimat; näringslivsarbete; näringslivsstrategi;
           näringslivsprogram; näringslivsråd; näringslivskontor; näringslivsenhet;
           näringslivsutveckling; företagsklimat; företag; företagare; företagsbesök;
           företagarträff; företagsfrukost; nyföretagande; entreprenörskap; entreprenör;
           etablering; etablera; företagslots; företagsservice; besöksnäring; turism;
           arbetsmarknad; arbetsmarknadsåtgärd; arbetslöshet; sysselsättning; tillväxt;
           civilsamhälle; civilsamhället; ideell; ideell sektor; idéburen; idéburna organisationer;
           förening; föreningsliv; föreningsbidrag; föreningsstöd; frivillig;
           frivilligorganisation; frivilligverksamhet; volontär; volontärverksamhet;
           överenskommelse med civilsamhället; IOP; idéburet offentligt partnerskap; kulturliv;
           kulturlivet; kulturpolitik; kulturplan; kulturprogram; kulturverksamhet; kulturskola;
           kulturarv; konstnär; kulturhus; kulturaktör; internationell; internationellt;
           internationella kontakter; vänort; vänkommun; EU; EU-projekt; EU-medel; EU-bidrag;
           europeisk; samhällsbyggnad; samhällsbyggare; samhällsbyggande; samhällsplanering;
           samhällsutveckling; översiktsplan; detaljplan; planberedskap; bostad; bostäder;
           bostadsbyggande; bostadsförsörjning; markberedskap; infrastruktur; kollektivtrafik;
           landsbygd; landsbygdsutveckling; bygdeutveckling; lokal utveckling; centrumutveckling;
           forskning … samarbete; folkhälsoarbete; brottsförebyggande; trygghetsvandring;
           fritidsverksamhet; lokalsamhälle; lokalsamhället; platsvarumärke; attraktivitet;
           inflyttning; befolkningsutveckling; Svenskt Näringsliv; upphandling … lokala företag
        M: samhälle; utveckling av kommunen; kommunen som plats; attraktiv kommun; näring; externa
           aktörer; samverkan … företag; samarbete … företag; trygghet; fritid; högskola;
           universitet; evenemang; regionalt samarbete; orter; bygd; folkhälsa; lots; handel;
           destination; industri; idrott; utvecklingsgrupp; bibliotek; museum; globalt; utlandet
        W: regional; aktör; region
    """,
    "hallbarhet": """
        S: hållbarhet; hållbar utveckling; hållbarhetsarbete; hållbarhetsstrategi;
           hållbarhetsprogram; hållbarhetsredovisning; hållbarhetsmål; social hållbarhet; ekologisk
           hållbarhet; ekonomisk hållbarhet; ekologisk; miljöarbete; miljöpolicy; miljöprogram;
           miljöplan; miljömål; miljöledningssystem; miljöledning; miljöcertifiering;
           miljödiplomering; miljöbil; miljöfordon; miljökrav; miljöredovisning; miljöstrategi;
           klimatstrategi; klimatplan; klimatmål; klimatanpassning; klimatarbete; klimatpåverkan;
           klimatneutral; klimatsmart; energiplan; energieffektivisering; energiförbrukning;
           förnybar; förnyelsebar; koldioxid; utsläpp; växthusgas; fossilfri; avfall; återvinning;
           återbruk; cirkulär; Agenda 2030; Agenda 21; globala mål; globala målen; biologisk
           mångfald; Fairtrade; ekologiska livsmedel; solcell; laddstolpe; ISO 14001;
           miljöcertifierad; miljödiplomerad
        M: Agenda; långsiktigt hållbar; framtida generationer; natur; resurssnål; klimat; grön;
           energi; miljö; hållbar; naturvård; fossil
        W: vatten; cykel
    """,
}


def parse_terms(spec: str) -> list[tuple[str, float]]:
    """The (term, weight) pairs of one THEME_TERMS entry."""
    out: list[tuple[str, float]] = []
    current: float | None = None
    for chunk in re.split(r"\n\s*(?=[SMW]:)", spec.strip()):
        level, _, body = chunk.partition(":")
        current = TERM_WEIGHTS[level.strip()]
        for term in body.split(";"):
            term = " ".join(term.split())
            if term:
                out.append((term, current))
    return out


def term_to_pattern(nlp: Language, term: str) -> list[dict]:
    """A SpanRuler token pattern for a term: the lemmas its words analyse to, gaps as wildcards."""
    pattern: list[dict] = []
    for k, segment in enumerate(term.split("…")):
        if k:
            pattern.append({"OP": "{," + str(GAP_TOKENS) + "}"})
        doc = nlp.get_pipe("theme_compounds")(nlp.make_doc(segment.strip()))
        pattern.extend({"LEMMA": t.lemma_} for t in doc if not t.is_punct or t.text == "-")
    return pattern


def theme_patterns(nlp: Language) -> list[dict]:
    """All rule patterns, label = theme id, id = "weight|term" (read back by rule_matches).

    A contiguous term is given as text: the SpanRuler runs it through `theme_compounds` and
    matches its lemma sequence with a PhraseMatcher on LEMMA.
    """
    best: dict[tuple[str, str], tuple[float, str, list[dict]]] = {}
    for theme, spec in THEME_TERMS.items():
        for term, weight in parse_terms(spec):
            pattern = term_to_pattern(nlp, term)
            key = (theme, json.dumps(pattern, ensure_ascii=False))
            if pattern and (key not in best or weight > best[key][0]):
                best[key] = (weight, term, pattern)
    # Two spellings of one term ("digital", "digitalt") give one pattern: it must count once.
    # Contiguous terms go to the PhraseMatcher (on LEMMA, fast); gapped ones need token patterns.
    return [{"label": theme, "pattern": pattern if "…" in term else term, "id": f"{weight}|{term}"}
            for (theme, _), (weight, term, pattern) in best.items()]


def add_rule_layer(nlp: Language) -> Language:
    """Add the theme SpanRuler after `theme_compounds` (which must already be in `nlp`)."""
    ruler = nlp.add_pipe("span_ruler", name=RULES_KEY, after="theme_compounds",
                         config={"spans_key": RULES_KEY, "validate": True,
                                 "phrase_matcher_attr": "LEMMA"})
    ruler.add_patterns(theme_patterns(nlp))
    return nlp


def build_base_pipeline(rules: bool = True) -> Language:
    """spacy.blank("sv") + `theme_compounds` (+ the rule layer): the classifier's front end."""
    nlp = spacy.blank("sv")
    nlp.add_pipe("theme_compounds")
    if rules:
        add_rule_layer(nlp)
    return nlp


def load_theme_model(path: str | Path | None = None) -> Language:
    """The shipped theme pipeline (default `extractors/reference/themes_model/`) with rules.

    The model directory holds the tokenizer, `theme_compounds` and the trained textcat; the rule
    layer is rebuilt from THEME_TERMS on load so it always matches this module. Without a model
    directory (not trained yet) this raises FileNotFoundError; `build_base_pipeline()` gives a
    rules-only pipeline that `classify_texts` accepts too.
    """
    path = Path(path) if path is not None else DEFAULT_MODEL_DIR
    if not (path / "config.cfg").exists():
        raise FileNotFoundError(f"no theme model at {path}; run `make themes`")
    nlp = spacy.load(path, exclude=[RULES_KEY])
    if RULES_KEY not in nlp.pipe_names:
        add_rule_layer(nlp)
    return nlp


# ---------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------

def rule_matches(doc: Doc) -> list[tuple[str, str, float]]:
    """(theme, term, weight) for each rule span not contained in a longer span.

    A span strictly inside a longer match is dropped ("miljö" inside "arbetsmiljö", "enkät" inside
    "medarbetarenkät"); spans with the same boundaries all stay, so one term may vote for two
    themes. A gapped term shadows only what shares its first or last token, not its gap.
    """
    spans = list(doc.spans[RULES_KEY]) if RULES_KEY in doc.spans else []
    out = []
    for span in spans:
        if not any(shadows(o, span) for o in spans):
            weight, _, term = span.id_.partition("|")
            out.append((span.label_, term, float(weight)))
    return out


def shadows(longer: Span, span: Span) -> bool:
    """`longer` covers `span` and is longer; a gapped `longer` must share an end with it."""
    if not (longer.start <= span.start and span.end <= longer.end and len(longer) > len(span)):
        return False
    if "…" in longer.id_:
        return longer.start == span.start or longer.end == span.end
    return True


def rule_scores(doc: Doc) -> dict[str, float]:
    """Noisy-OR of the weights of a theme's surviving matches (one match per distinct term)."""
    seen: dict[str, dict[str, float]] = {}
    for theme, term, weight in rule_matches(doc):
        seen.setdefault(theme, {})[term] = weight
    scores = {}
    for theme, terms in seen.items():
        miss = 1.0
        for weight in terms.values():
            miss *= 1.0 - weight
        scores[theme] = 1.0 - miss
    return scores


def combine_scores(rules: dict[str, float], model: dict[str, float]) -> dict[str, float]:
    """Noisy-OR of rule and model score per theme: 1 - (1 - rule) * (1 - model)."""
    return {t: 1.0 - (1.0 - rules.get(t, 0.0)) * (1.0 - model.get(t, 0.0)) for t in THEME_IDS}


def select_themes(scores: dict[str, float], threshold: float = THRESHOLD,
                  fallback: float = FALLBACK_THRESHOLD, max_themes: int = MAX_THEMES) -> list[str]:
    """Themes at or above `threshold`, best first (ties by id), at most `max_themes`; else the
    best alone if it reaches `fallback`; else none."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    chosen = [t for t, s in ranked if s >= threshold][:max_themes]
    if not chosen and ranked and ranked[0][1] >= fallback:
        chosen = [ranked[0][0]]
    return chosen


def doc_scores(doc: Doc) -> dict[str, float]:
    """Combined score of every theme for a processed doc (model part 0 without a textcat)."""
    return combine_scores(rule_scores(doc), dict(doc.cats))


def classify_texts(nlp: Language, texts: Iterable[str], threshold: float = THRESHOLD) -> list[ThemeResult]:
    """Theme every text: ThemeResult(themes best first, scores of all themes rounded to 4 places).

    `nlp` is `load_theme_model()` (rules + model) or `build_base_pipeline()` (rules only). Empty
    texts get no themes and no scores.
    """
    texts = list(texts)
    results: list[ThemeResult | None] = [None] * len(texts)
    todo = [(i, t) for i, t in enumerate(texts) if t and t.strip()]
    for (i, _), doc in zip(todo, nlp.pipe((t for _, t in todo), batch_size=256)):
        scores = {t: round(s, 4) for t, s in doc_scores(doc).items()}
        results[i] = ThemeResult(select_themes(scores, threshold), scores)
    return [r if r is not None else ThemeResult([], {}) for r in results]


def explain_text(nlp: Language, text: str) -> dict:
    """What the classifier saw: tokens with lemmas, rule matches, model and combined scores."""
    doc = nlp(text)
    return {
        "tokens": [(t.text, t.lemma_) for t in doc],
        "rules": rule_matches(doc),
        "model": {t: round(s, 3) for t, s in sorted(doc.cats.items(), key=lambda kv: -kv[1])[:5]},
        "scores": {t: round(s, 3) for t, s in sorted(doc_scores(doc).items(), key=lambda kv: -kv[1])[:5]},
    }
