# kompass: `make run` builds the environment and processes data/raw into data/processed; `make test` tests.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect
export DO_NOT_TRACK := 1

.PHONY: setup system-deps test-deps run test fixtures variants-sample variants factory-deps bench themes clean

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
	@# Chromium is needed only by the test that looks at the Prefect dashboard (tests/test_prefect_server.py).
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium (the Prefect dashboard test)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
		|| echo "warning: could not install chromium; the Prefect dashboard test will be skipped"; \
	else echo "note: chromium is not installed; the Prefect dashboard test will be skipped (apt-get install chromium)"; fi

run: setup
	$(VENV)/bin/kompass run data/raw --out data/processed

# The tests of `kompass report` open every page in headless Chromium: installed when we can, else they skip.
test-deps:
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium (the tests of kompass report open its pages in a headless browser)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
		|| echo "warning: could not install chromium; the report's browser tests will be skipped"; \
	else echo "warning: chromium is not installed; the report's browser tests will be skipped (apt-get install chromium)"; fi

test: setup test-deps
	$(PY) -m pytest -q

# Regenerates tests/pdfs and data/raw from the report factory; needs LibreOffice (soffice) for .docx/.pptx.
fixtures: $(VENV)/.installed
	$(PY) -m tests.factory.build
	$(PY) -m tests.factory.variants --sample

# The factory's fonts: Liberation 2 (reportlab embeds it; LibreOffice's Times/Arial) and Carlito (Calibri).
# Without them the PDFs differ from the committed ones. Installed when we can (root with apt-get), else named.
FACTORY_DEBS := libreoffice-writer poppler-utils fonts-liberation2 fonts-crosextra-carlito
factory-deps:
	@if command -v soffice >/dev/null && [ -d /usr/share/fonts/truetype/liberation2 ] \
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
# benchmarks/corpus/ by the report factory, which needs LibreOffice for .docx/.pptx and pdftoppm for scans:
# installed when we can (root with apt-get), else named.
bench: setup
	@if [ -f benchmarks/corpus/.corpus.json ] || { command -v soffice >/dev/null && command -v pdftoppm >/dev/null; }; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing libreoffice-writer libreoffice-impress poppler-utils (the benchmark corpus is made from Word/PowerPoint files and scans)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer libreoffice-impress poppler-utils >/dev/null \
		|| { echo "error: could not install libreoffice-writer libreoffice-impress poppler-utils; the benchmark corpus cannot be built"; exit 1; }; \
	else echo "error: the benchmark corpus needs LibreOffice and pdftoppm: apt-get install libreoffice-writer libreoffice-impress poppler-utils"; exit 1; fi
	$(PY) -m benchmarks.bench

themes: $(VENV)/.installed
	$(PY) -m pipeline.themes_training train

clean:
	rm -rf $(VENV) .prefect
