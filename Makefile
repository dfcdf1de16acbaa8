# greatgame: `make run` opens the app on the bundled data; `make test` sets up and
# runs lint and every test, browser tests included.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
# Loopback only by default; `make run HOST=0.0.0.0` serves every interface.
HOST ?= 127.0.0.1

.PHONY: setup chromium run test lint validate screenshots benchmark clean

setup: $(STAMP) chromium

# Reinstall only when the project's requirements change.
$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Browser tests use Debian's Chromium; install it where missing and we may (root).
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium not found: browser tests will skip (install Debian's 'chromium' package)"; fi

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.address $(HOST) --server.port $(PORT) \
		--browser.gatherUsageStats false

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

validate: $(STAMP)
	$(BIN)/greatgame validate

test: setup lint
	$(BIN)/python -m pytest

screenshots: setup
	$(BIN)/python benchmarks/screenshots.py

benchmark: setup
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/load.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache src/*.egg-info
