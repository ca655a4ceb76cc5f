# kompass: `make run` builds the environment and processes data/raw into data/processed; `make test` tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect
export DO_NOT_TRACK := 1

.PHONY: setup system-deps run test lint fixtures variants-sample variants factory-deps bench themes clean

setup: $(VENV)/.installed system-deps

$(VENV)/.installed: pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "kompass needs Python 3.11 ($(PYTHON) not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

# Tesseract with Swedish data is needed only for scanned reports: installed when we can, else reported.
system-deps:
	@if command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx swe; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing tesseract-ocr tesseract-ocr-swe (OCR of scanned reports)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends tesseract-ocr tesseract-ocr-swe >/dev/null \
		|| echo "warning: could not install tesseract; scanned reports will fail with no_text"; \
	else echo "warning: tesseract-ocr and tesseract-ocr-swe are not installed; scanned reports will fail with no_text (apt-get install tesseract-ocr tesseract-ocr-swe)"; fi
	@# Chromium is needed only by tests that open pages in a headless browser: the Prefect dashboard
	@# (tests/test_prefect_server.py) and the HTML report of `kompass report` (tests/pipeline/test_report.py).
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium (tests open the Prefect dashboard and kompass's HTML report in it)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
		|| echo "warning: could not install chromium; the browser tests will be skipped"; \
	else echo "note: chromium is not installed; the browser tests will be skipped (apt-get install chromium)"; fi

run: setup
	$(VENV)/bin/kompass run data/raw --out data/processed

test: setup
	$(PY) -m pytest -q

# ruff (pyflakes, pycodestyle, bugbear; settings in pyproject.toml) and its formatter, checked not applied.
lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Regenerates tests/pdfs and data/raw from the report factory; needs LibreOffice (soffice) for .docx/.pptx.
fixtures: $(VENV)/.installed factory-deps
	$(PY) -m tests.factory.build
	$(PY) -m tests.factory.variants --sample
	cd tests/independent/author1 && $(abspath $(PY)) make.py && $(abspath $(PY)) validate.py
	cd tests/independent/author2 && $(abspath $(PY)) make.py

# The factory's fonts: Liberation 2 (reportlab embeds it; LibreOffice's Times/Arial) and Carlito (Calibri).
# Without them the PDFs differ from the committed ones. Installed when we can (root with apt-get), else named.
FACTORY_DEBS := libreoffice-writer libreoffice-impress poppler-utils fonts-liberation2 fonts-crosextra-carlito
factory-deps:
	@if command -v soffice >/dev/null && command -v pdftoppm >/dev/null && [ -d /usr/share/fonts/truetype/liberation2 ] \
		&& fc-list | grep -qi carlito; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing $(FACTORY_DEBS) (the report factory renders Word files and embeds these fonts)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $(FACTORY_DEBS) >/dev/null \
		|| { echo "error: could not install $(FACTORY_DEBS)"; exit 1; }; \
	else echo "error: the report factory needs LibreOffice and its fonts: apt-get install $(FACTORY_DEBS)"; exit 1; fi

# The committed layout-variant sample (tests/pdfs/variants, checked by tests/test_variants.py), byte-stable.
variants-sample: $(VENV)/.installed factory-deps
	$(PY) -m tests.factory.variants --sample

# N fresh layout variants (SEED: default from the clock, printed) rendered into VARIANTS_OUT, extracted, and
# exactness printed per layout parameter value: make variants N=200 SEED=7
N ?= 200
SEED ?=
VARIANTS_OUT ?= $(or $(TMPDIR),/tmp)/kompass-variants
variants: $(VENV)/.installed factory-deps
	rm -rf $(VARIANTS_OUT)
	$(PY) -m tests.factory.variants --out $(VARIANTS_OUT) --count $(N) $(if $(SEED),--seed $(SEED)) --measure

# Speed benchmark (benchmarks/bench.py, figures in benchmarks/RESULTS.md). Its corpus is built once into
# benchmarks/corpus/ by the report factory (factory-deps: LibreOffice, pdftoppm and the fonts).
# BASELINE=<git revision> also measures that revision's cold run in the same run (benchmarks/baseline.py):
#   make bench BASELINE=2ec3e46
bench: setup
	@[ -f benchmarks/corpus/.corpus.json ] || $(MAKE) --no-print-directory factory-deps
	$(PY) -m benchmarks.bench $(if $(BASELINE),--baseline $(BASELINE))

themes: $(VENV)/.installed
	$(PY) -m pipeline.themes_training train

clean:
	rm -rf $(VENV) .prefect
