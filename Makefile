# AgencyDesk. The two commands to know (see README):
#   make serve   install what is missing, build, serve on http://127.0.0.1:8080
#   make test    install what is missing (browsers too), run every test layer
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
PORT ?= 8080
# Team sync with a database on another origin: name it at build time, e.g.
# make build SYNC_ORIGINS="https://couch.example.com" (read by the app and by
# the page's security policy). Empty: the app's own origin only.
export SYNC_ORIGINS

.PHONY: serve test build bench size tools test-tools lint test-native test-browser test-e2e

tools:
	@scripts/ensure-tools.sh

test-tools:
	@scripts/ensure-tools.sh --test

# PUBLIC_URL: where dist/ will be hosted. The default "./" (relative) works
# from any folder; give an absolute path such as /demo/agency-desk/ to pin it.
build: tools
	cargo fetch --locked
	trunk build --release --offline $(if $(PUBLIC_URL),--public-url $(PUBLIC_URL))

serve: build
	@echo "AgencyDesk: http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	python3 -m http.server $(PORT) --bind 127.0.0.1 --directory dist

test: test-tools
	cargo fetch --locked
	$(MAKE) lint
	$(MAKE) test-native
	$(MAKE) test-browser
	$(MAKE) test-e2e

# Formatting and clippy on both targets (native, and wasm32 where the pages
# compile), warnings as errors. Fast to run alone.
lint:
	cargo fmt --check
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --all-targets -- -D warnings

test-native:
	cargo test --locked

test-browser:
	CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
		cargo test --locked --target wasm32-unknown-unknown --test 'browser_*'

test-e2e:
	trunk build --release --offline
	node --test --test-concurrency=1 tests/e2e/

# Performance figures in headless Chromium (BENCH_ROWS=10000 by default):
# the first load, file by file (first-load.mjs; BASELINE_DIST names a built
# bare Leptos counter to compare with), the pages (run.mjs), then team sync
# against pouchdb-server beside raw CouchDB requests of the same documents
# (sync.mjs).
bench: test-tools
	trunk build --release --offline
	node bench/first-load.mjs
	node bench/run.mjs
	node bench/sync.mjs

# What the wasm is made of, by crate and by the app's modules (twiggy on the
# release build's code with its function names kept); see README.
size: build
	@scripts/ensure-tools.sh --size
	node scripts/wasm-size.mjs
