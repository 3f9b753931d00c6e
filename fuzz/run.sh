#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 60), seeded from the fixtures.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# A crash is saved under fuzz/artifacts/TARGET/; copy it to fuzz/regressions/TARGET/ with a
# name that says what it found, so `cargo test` replays it on stable.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
targets=$(sed -n 's/^name = "\(.*\)"$/\1/p' Cargo.toml | grep -v retro-lint-fuzz)
for t in $targets; do
  mkdir -p "corpus/$t"
  case $t in
    config) find .. -path ../target -prune -o -name '*.yml' -print | while read -r f; do cp "$f" "corpus/$t/$(basename "$(dirname "$f")")-$(basename "$f")"; done ;;
    *) find ../fixtures ../examples -name '*.md' | while read -r f; do cp "$f" "corpus/$t/$(echo "$f" | tr '/' '_')"; done ;;
  esac
  cp regressions/"$t"/* "corpus/$t/" 2>/dev/null || true
  echo "== $t: ${secs}s"
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536 -timeout=10 2>&1 | tail -n 3
done
