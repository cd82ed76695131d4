# Step Up: `make lab` to use it, `make test` to prove it. Everything installs into .venv.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8888

.PHONY: lab coach demo extract compile test test-unit bench refresh bytecode chromium espeak cjk-fonts hub-proxy clean help
.DEFAULT_GOAL := help

help:
	@echo "make lab      open the workbooks in JupyterLab on your journal (creates .venv first)"
	@echo "make coach    serve the read-only coach view (Voila) of your journal"
	@echo "make demo     the coach view over the fictional demo persona"
	@echo "make test     install test tools (incl. Debian's chromium, espeak-ng, Noto CJK fonts, the hub's proxy) and run the whole suite"
	@echo "make bench    print speed ratios against a floor measured in the same run"
	@echo "make extract  gather the UI's sentences into widgets/locale/stepup.pot and update each catalogue"
	@echo "make compile  write the pseudo-locale's catalogue and compile every catalogue (.mo, committed)"
	@echo "make refresh  re-render workbook outputs from the demo persona (maintainers)"

# The install is redone only when pyproject.toml changes.
$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test tools, and the hub extra for the hub tests (a real JupyterHub: tests/test_hub.py).
$(BIN)/.installed-test: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test,hub]'
	touch $@

# Step Up's own modules as bytecode: pip compiles installed packages, not an editable install's
# sources, and where PYTHONDONTWRITEBYTECODE is set no kernel keeps what it compiled, so each
# compiled about sixty modules again (0.15 s a workbook). Only changed files are compiled again.
bytecode: $(BIN)/.installed
	@$(BIN)/python -m compileall -q widgets

lab: $(BIN)/.installed bytecode
	$(BIN)/stepup lab --port $(PORT)

coach: $(BIN)/.installed bytecode
	$(BIN)/stepup coach

demo: $(BIN)/.installed bytecode
	$(BIN)/stepup demo

# Browser tests drive Debian's Chromium (Playwright cannot download its own browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The speech-metrics tests read sentences synthesised by Debian's espeak-ng (tests/speech_fixtures.py).
espeak:
	@command -v espeak-ng >/dev/null 2>&1 || { \
	  echo "Installing Debian's espeak-ng for the speech-metrics tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq espeak-ng >/dev/null; }

# Charts with Chinese labels are drawn with Debian's Noto CJK fonts (tests/test_chart_scripts.py).
# Matplotlib keeps its list of fonts in a cache it does not rebuild when fonts are installed later:
# when it does not see one, the cache goes (matplotlib lists the fonts again on its next import).
cjk-fonts: $(BIN)/.installed
	@fc-list :lang=zh family | grep -q . || { \
	  echo "Installing Debian's fonts-noto-cjk for the charts' Chinese labels"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null; }
	@$(BIN)/python -c "import sys; from widgets.charts.fonts import fallback_families as f; \
	  sys.exit(len(f()) < 2)" 2>/dev/null || \
	  rm -f "$$($(BIN)/python -c 'import matplotlib; print(matplotlib.get_cachedir())')"/fontlist-*.json

# The hub tests' proxy: npm's configurable-http-proxy, into .venv/node (tests/hub_servers.py).
HUB_PROXY := $(VENV)/node/node_modules/.bin/configurable-http-proxy
hub-proxy: $(HUB_PROXY)
$(HUB_PROXY):
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's npm for the JupyterHub proxy"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm install --silent --no-audit --no-fund --prefix $(VENV)/node configurable-http-proxy@4

test: $(BIN)/.installed-test bytecode chromium espeak cjk-fonts hub-proxy
	$(BIN)/lint-imports
	$(BIN)/deptry .
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

test-unit: $(BIN)/.installed-test bytecode espeak cjk-fonts
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -m "not browser"

# Not a test: exits 0 even when a target is missed, unless BENCH_ARGS=--strict (see benchmarks/README.md).
bench: $(BIN)/.installed-test bytecode chromium espeak cjk-fonts hub-proxy
	$(BIN)/python -m tests.bench $(BENCH_ARGS)

refresh: $(BIN)/.installed-test
	$(BIN)/python -m widgets.notebooks

# The catalogues (maintainers): `make extract` after changing the UI's words, translate the .po
# files, then `make compile`; the compiled .mo files are committed (tests/test_i18n.py checks they
# match). The pseudo-locale's catalogue is generated from the .pot, never hand-written.
LOCALE := widgets/locale
extract: $(BIN)/.installed
	$(BIN)/pybabel --quiet extract -F babel.cfg -k N_ -k Plural:1,2 --sort-by-file --no-wrap \
	  --project "Step Up" --copyright-holder "Step Up" -o $(LOCALE)/stepup.pot .
	$(BIN)/pybabel --quiet update --no-wrap --ignore-obsolete -D stepup -i $(LOCALE)/stepup.pot -d $(LOCALE)

compile: $(BIN)/.installed
	$(BIN)/python -m widgets.i18n_pseudo $(LOCALE)/stepup.pot
	$(BIN)/pybabel --quiet compile -D stepup -d $(LOCALE)

clean:
	rm -rf $(VENV) build dist *.egg-info
