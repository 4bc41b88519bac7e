#!/usr/bin/env bash
# Installs whatever the build, the demo and the tests need and is missing;
# a no-op on a machine that has it all. Called by `make demo` and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium chromium-driver)
command -v firefox-esr >/dev/null 2>&1 || packages+=(firefox-esr)
# A CJK font, so that screenshots of Chinese labels are not boxes.
fc-list :lang=zh 2>/dev/null | grep -q . || packages+=(fonts-wqy-zenhei)
if ((${#packages[@]})); then
  say "installing ${packages[*]} (Debian packages)"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# KEEP IN SYNC: wasm-bindgen-cli must be exactly the version of the
# wasm-bindgen crate that Cargo.lock resolves (Cargo.toml pins it with "=").
# Reading it from Cargo.lock keeps the two from drifting.
[ -f Cargo.lock ] || cargo generate-lockfile
want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$want" != "$have" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none}); about 2 minutes"
  # No --locked: the registry mirror lacks some of the newest transitive versions.
  cargo install wasm-bindgen-cli --version "$want"
fi

if ! command -v geckodriver >/dev/null 2>&1; then
  say "installing geckodriver (drives Firefox in the browser tests)"
  cargo install geckodriver --version 0.37.1
fi

# esbuild (bundling), binaryen (wasm-opt), playwright-core (drives Chromium),
# web-ext (Firefox lint), at the versions in package-lock.json.
if ! npm ls --silent >/dev/null 2>&1; then
  say "installing node packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
