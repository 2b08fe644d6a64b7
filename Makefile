# `make run` serves the whole product on http://localhost:8000; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test backend-test frontend-build frontend-test e2e openapi lint check clean bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(shell find frontend/src -type f 2>/dev/null) frontend/index.html openapi.yaml
	cd frontend && npm run build

frontend-build:
	@if [ -f frontend/package.json ]; then $(MAKE) frontend/dist/index.html; fi

run: $(VENV)/.installed frontend-build
	$(PY) -m backend run --port $(PORT)

backend-test: $(VENV)/.installed
	$(PY) -m pytest

# Build (typecheck included), component tests, the public page's size budget, then the browser tests:
# mocked ones against `vite preview`, real ones against the backend serving this build (e2e/with-backend.mjs).
frontend-test: $(VENV)/.installed
	@if [ -f frontend/package.json ]; then \
		$(MAKE) frontend/node_modules/.installed && cd frontend && \
		npm run build && npm test && node scripts/bundle-size.mjs --no-build && \
		node e2e/with-backend.mjs --no-build; fi

# The browser journeys against a real backend on a fresh database (see frontend/README.md).
e2e: $(VENV)/.installed frontend/node_modules/.installed
	cd frontend && npm run build && node e2e/with-backend.mjs --no-build

test: $(VENV)/.installed
	$(PY) -m ruff check backend tests
	$(PY) -m mypy
	$(PY) -m backend openapi --check
	$(MAKE) frontend-test
	$(PY) -m pytest

# Ten years of a large partnership on PostgreSQL, loaded and measured (benchmarks/README.md): about 10 minutes.
# Not part of `make test`. BENCH_LEVELS=1,10,50 BENCH_DURATION=5 BENCH_POSTGRES_URL=postgresql+psycopg://...
bench: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[bench]'
	@command -v wrk >/dev/null || echo "wrk is not installed (apt-get install wrk): the async httpx generator stands in."
	$(PY) -m benchmarks.run $(BENCH_ARGS)

openapi: $(VENV)/.installed
	$(PY) -m backend openapi

check: $(VENV)/.installed
	DATABASE_URL=sqlite:///$(CURDIR)/data/check.db $(PY) -m backend migrate
	DATABASE_URL=sqlite:///$(CURDIR)/data/check.db $(VENV)/bin/alembic check

clean:
	rm -rf $(VENV) data frontend/node_modules frontend/dist
