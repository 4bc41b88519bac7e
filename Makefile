# The two commands of the README:
#   make demo   build everything, open the demo inbox in Chromium with the
#               extension, print the analyses, save screenshots
#   make test   build everything and run every test (what CI runs)
# Both install what is missing first (scripts/setup.sh).

WASM_TARGET := wasm32-unknown-unknown
WASM := target/$(WASM_TARGET)/release/intentlens.wasm
# Features rustc enables by default for wasm32; wasm-opt must accept them.
WASM_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
                 --enable-mutable-globals --enable-reference-types --enable-multivalue

.PHONY: setup build pkg dist cli demo test test-rust test-browser lint-firefox clean

setup:
	@scripts/setup.sh

build: setup pkg dist cli

# pkg/: the wasm-bindgen --target web output, size-optimised.
pkg:
	cargo build --lib --release --target $(WASM_TARGET)
	wasm-bindgen --target web --out-dir pkg --no-typescript $(WASM)
	node_modules/.bin/wasm-opt -Oz --strip-debug --strip-producers $(WASM_FEATURES) pkg/intentlens_bg.wasm -o pkg/intentlens_bg.wasm
	@scripts/wasm-size.sh pkg/intentlens_bg.wasm

# dist/chrome and dist/firefox: the unpacked extensions.
dist: pkg
	node extension/build.mjs

cli:
	cargo build --release

demo: build
	node tests/browser/demo.mjs

test: build test-rust lint-firefox test-browser

test-rust:
	cargo test --release

lint-firefox:
	node_modules/.bin/web-ext lint --source-dir dist/firefox --self-hosted --warnings-as-errors=false

test-browser:
	node --test --test-concurrency=1 tests/browser/

clean:
	rm -rf pkg dist target/demo
