# Omzien — the two set-up commands:
#   make run    build everything and start the server on http://127.0.0.1:8080
#   make test   the whole test suite (what CI runs)
.PHONY: run test tools tools-test web check-size server test-core test-server test-store test-e2e lint bench clean

run: tools web server
	./target/release/omzien-server

test: tools-test lint test-core test-server test-store web check-size server test-e2e

tools:
	scripts/install-tools

tools-test:
	scripts/install-tools --test

web:
	scripts/build-web

# The residents' shell within its budget (docs/benchmarks.md), after `make web`.
check-size:
	scripts/check-size

server:
	cargo build --release -p omzien-server

lint:
	cargo fmt --all -- --check
	scripts/check-locales
	scripts/check-imports
	scripts/check-words
	python3 scripts/test_lint.py
	cargo clippy --release -p omzien-core -p omzien-server --all-targets -- -D warnings
	cargo clippy --release -p omzien -- -D warnings

test-core:
	cargo test --release -p omzien-core

# The server's suite, with a private PostgreSQL (scripts/pg-cluster) for the tests that
# run on it; the cluster is stopped whatever the tests' outcome.
# The server's suite twice: on SQLite, then on PostgreSQL (a private cluster, reset
# first so the databases the tests made are gone; docs/decisions.md).
test-server:
	scripts/pg-cluster reset; scripts/pg-cluster start
	export OMZIEN_TEST_PG_URL="$$(scripts/pg-cluster url)"; \
	  cargo test --release -p omzien-server && \
	  OMZIEN_TEST_BACKEND=postgres cargo test --release -p omzien-server; \
	  status=$$?; scripts/pg-cluster stop; exit $$status

# IndexedDB tests of src/store/ in headless Chromium (wasm-bindgen-test-runner + chromedriver).
test-store:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  scripts/cargo-wasm test --profile wasm-release --test store

test-e2e:
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test

bench: web server
	scripts/bench

clean:
	rm -rf dist dist.tmp target/web-bindgen
