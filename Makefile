# greatgame: `make run` opens the app on the bundled data; `make test` sets up and
# runs lint and every test, browser tests included.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501
# Loopback only by default; `make run HOST=0.0.0.0` serves every interface.
HOST ?= 127.0.0.1

.PHONY: setup chromium run test lint validate screenshots benchmark bench clean

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
	$(BIN)/python scripts/screenshots.py

benchmark: setup
	$(BIN)/python benchmarks/startup.py
	$(BIN)/python benchmarks/load.py

# One results table (benchmarks/results.md): server side at 1x to 1000x, the
# start in Chromium against a bare app, and every page in Chromium at the scales
# and runs of BENCH_BROWSER. A scale that would pass the budget is skipped with a
# note; synthetic data are kept in ~/.cache/greatgame/bench.
BENCH_SCALES ?= 1,10,100,1000
BENCH_BUDGET ?= 300
BENCH_BROWSER ?= 1:3,100:1
bench: setup
	$(BIN)/python benchmarks/server_side.py --scales $(BENCH_SCALES) --repeats 3 \
		--budget $(BENCH_BUDGET) --startup-runs 3 --browser $(BENCH_BROWSER)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache src/*.egg-info
