"""The trained part of the classifier: a logistic bag of lemmas, and loading the shipped pipeline."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from . import compounds  # noqa: F401  (registers the theme_compounds factory the model uses)
from .rules import RULES_KEY, add_rule_layer
from .taxonomy import REFERENCE

DEFAULT_MODEL_DIR = Path(str(REFERENCE / "themes_model"))


@spacy.registry.architectures("kompass.LemmaBOW.v1")
def build_lemma_bow(
    exclusive_classes: bool, ngram_size: int, no_output_layer: bool, length: int = 16384, nO: int | None = None
):
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
    layer is rebuilt from the vocabulary on load so it always matches reference/theme_terms.toml. Without a model
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
