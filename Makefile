# Two commands on a fresh machine (Python 3.11 + the package registry):
#   make demo   sets up .venv and classifies the bundled example with the shipped default model
#   make test   sets up .venv with the test extra and runs the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test setup setup-test bench train clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/activate
	$(BIN)/pip install --quiet .

setup-test: $(BIN)/activate
	$(BIN)/pip install --quiet -e ".[test]"

demo: setup
	cd /tmp && $(CURDIR)/$(BIN)/gkclassify predict $(CURDIR)/examples/bevoegdheden.csv

test: setup-test
	$(BIN)/python -m pytest -q tests gkclassify README.md

bench: setup-test
	$(BIN)/pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/throughput.py

train: setup
	$(BIN)/gkclassify train --data training_data -o models/default --force

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
