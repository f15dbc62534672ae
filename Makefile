# The commands a newcomer needs: `make run` and `make test`. Everything installs from pyproject.toml.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
export HF_HUB_OFFLINE := 1

.PHONY: run test bench bench-stories bench-scale lint eval eval-cqe clean chromium bench-web fuzz reliability audit lock

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: set up, then compare the bundled example corpus (terminal report, and out/report.html)
run: $(STAMP)
	$(BIN)/triangulate compare examples/story examples/other --format html --out out/report.html
	$(BIN)/triangulate compare examples/story examples/other --format terminal

## test: the whole test suite (the seeds and benchmark data in ../shared are used when present)
test: $(STAMP) chromium
	$(BIN)/pytest -q -p no:cacheprovider

# The browser tests drive Debian's chromium; installed here when missing and we may (root, apt).
chromium:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
		|| echo "chromium could not be installed: the browser tests will be skipped"; fi

## bench-web: 50 concurrent clients for 30 s against `triangulate serve` on the example database
bench-web: $(STAMP)
	$(BIN)/python bench/load_web.py --clients 50 --seconds 30 --write docs/benchmarks.md

## bench: throughput and peak memory of analyze and compare on a generated 1,000-article corpus; one watch round over 500 local feeds
bench: $(STAMP)
	$(BIN)/python bench/bench_pipeline.py --articles 1000 --write docs/benchmarks.md
	$(BIN)/python bench/bench_watch.py --feeds 500 --write docs/benchmarks.md

## eval: accuracy on NewsQuant, the time and attribution sets, and the gate against bench/baseline.json
eval: $(STAMP)
	$(BIN)/python bench/eval_quantities.py
	$(BIN)/python bench/eval_times.py
	$(BIN)/python bench/eval_attribution.py
	$(BIN)/python bench/eval_stories.py --dataset all --system all
	$(BIN)/python bench/gate.py

## eval-cqe: our quantity extractor and CQE side by side on NewsQuant (CQE_PYTHON=<python of a separate CQE venv>; see docs/benchmarks.md)
eval-cqe: $(STAMP)
	$(BIN)/python bench/cqe_side_by_side.py

## bench-stories: story clustering on a dated stream of 10k and 100k generated articles with the model, and 10k-1M with a stand-in for it (about an hour)
bench-stories: $(STAMP)
	$(BIN)/python bench/bench_stories.py --sizes 10000 100000 --write docs/benchmarks.md
	$(BIN)/python bench/bench_stories.py --stand-in --sizes 10000 100000 1000000 --write docs/benchmarks.md

## bench-scale: the batch engines (local, Dask with 1 and 2 workers): full pipeline at 1k and 10k, clustering (stand-in model) at 10k and 100k; about 75 minutes; see docs/batch.md
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --full 1000 10000 --cluster --hashed 10000 100000 --write docs/benchmarks.md

## lint: ruff (lint and format) and mypy, configured in pyproject.toml; run by .ci/run
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

## fuzz: hypothesis fuzzing of every parser, ingest and every regex, 10,000 examples each (docs/reliability.md)
fuzz: $(STAMP)
	$(BIN)/python bench/fuzz.py --examples 10000 --regex-examples 1000

## reliability: the reliability tests at full size (2,000 articles killed at 20 points, ...) and streaming at 100 MB and 1 GB
reliability: $(STAMP)
	TRIANGULATE_RELIABILITY=full $(BIN)/pytest -q -p no:cacheprovider tests/test_reliability_crash.py tests/test_reliability_concurrency.py
	$(BIN)/python bench/streaming.py --sizes 100M 1G

## audit: pip-audit of requirements.lock; says so and passes when the vulnerability service cannot be reached
audit: $(STAMP)
	$(BIN)/python bench/audit.py

## lock: rewrite requirements.lock from the venv (what `make audit` checks)
lock: $(STAMP)
	{ sed -n '1,2p' requirements.lock; $(BIN)/pip freeze --exclude-editable | grep -v '^#'; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) out build *.egg-info src/*.egg-info
