#!/usr/bin/env bash
# Prints the size of a .wasm file, raw and gzipped (what the README reports).
set -euo pipefail
raw=$(stat -c %s "$1")
gz=$(gzip -9 -c "$1" | wc -c)
printf 'wasm size: %s bytes raw, %s bytes gzip (%s)\n' "$raw" "$gz" "$1"
