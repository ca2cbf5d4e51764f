# gigstack_async — every command of the project. `make test` is the one CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO_VENV := .venv-demo
REDOCLY := REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true \
	$(BIN)/python -m tools.without_node_banner node_modules/.bin/redocly
PIP := $(BIN)/pip install --quiet --disable-pip-version-check
LINTED := $(wildcard gigstack_async generator tests examples bench tools)
# Supported Pythons besides the one of $(VENV); `make test-pythons` runs the node-free suites on each.
OTHER_PYTHONS ?= 3.10 3.13

.PHONY: setup generate check-generated lint test test-pythons soak demo spec-diff bench clean

# Idempotent: re-installs only when a lock file changes.
setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements/pip.lock requirements/dev.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements/pip.lock
	$(PIP) --require-hashes -r requirements/dev.lock
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

generate: setup
	$(BIN)/python -m generator.generate

check-generated: setup
	$(BIN)/python -m generator.generate --check

lint: setup
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/openapi-spec-validator openapi/gigstack-v2.yaml
	$(REDOCLY) lint openapi/gigstack-v2.yaml --format=stylish

test: setup check-generated lint
	$(BIN)/pytest --cov --cov-report=term-missing:skip-covered --cov-fail-under=95

# unit, fake and properties on $(OTHER_PYTHONS); a Python that cannot be found fails.
test-pythons:
	tools/test-pythons.sh $(OTHER_PYTHONS)

# The pool under full-size cancellations and bursts, on loopback (a few minutes); `make test` runs
# reduced versions.
soak: setup
	GIGSTACK_SOAK=1 $(BIN)/pytest -p no:cacheprovider --no-cov -rxXs tests/reliability/test_pool_survival.py

# The main job: examples/quickstart.py against the embedded fake, or the real API when
# GIGSTACK_API_KEY is set. Its own venv holds only the runtime and the `testing` extra.
demo: $(DEMO_VENV)/.installed
	PYTHONPATH=$(CURDIR) $(DEMO_VENV)/bin/python examples/quickstart.py

$(DEMO_VENV)/.installed: requirements/pip.lock requirements/demo.lock
	$(PYTHON) -m venv $(DEMO_VENV)
	$(DEMO_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/pip.lock
	$(DEMO_VENV)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/demo.lock
	touch $@

# What changed in the spec since git revision REV, breaking changes first.
spec-diff: node_modules/.installed
	@test -n "$(REV)" || { echo "usage: make spec-diff REV=<git revision>" >&2; exit 2; }
	node tools/spec-diff.mjs "$(REV)"

# Benchmarks in their own environment (the peers they compare with are never SDK dependencies).
bench: setup
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/pip.lock
	.venv-bench/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/bench.lock
	.venv-bench/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	.venv-bench/bin/python -m bench

clean:
	rm -rf $(VENV) $(DEMO_VENV) .venv-py* node_modules .pytest_cache .mypy_cache .ruff_cache .coverage
