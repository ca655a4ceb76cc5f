"""Pipelines shared by the theme tests: rules only (fast), and the shipped model."""

from __future__ import annotations

import pytest

from extractors import themes as th


@pytest.fixture(scope="module")
def rules_nlp():
    return th.build_base_pipeline()


@pytest.fixture(scope="module")
def model_nlp():
    return th.load_theme_model()
