#!/usr/bin/env bash
# Runs manulint on the real thesis and compares the result with tests/thesis/expected.txt.
# With --update, rewrites the expectations instead (review the diff before committing).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
thesis="${MANULINT_THESIS:-$root/../shared/corpus/stakhanovite-thesis.md}"
expected="$root/tests/thesis/expected.txt"
bin="$root/target/release/manulint"
if [ ! -f "$thesis" ]; then
  echo "real thesis not found at $thesis" >&2
  exit 1
fi
cargo build --quiet --release --manifest-path "$root/Cargo.toml"
actual="$("$bin" check --config "$root/tests/thesis/manulint.toml" --format json --fail-on never "$thesis" | python3 "$root/tests/thesis/project.py")"
if [ "${1:-}" = "--update" ]; then
  printf '%s\n' "$actual" > "$expected"
  echo "updated $expected"
  exit 0
fi
known="$root/tests/thesis/known.txt"
missing=0
while IFS= read -r finding; do
  case "$finding" in ''|'#'*) continue ;; esac
  if ! grep -qF -- "$finding" <<<"$actual"; then
    echo "real thesis: known finding not reported: $finding" >&2
    missing=1
  fi
done < "$known"
[ "$missing" = 0 ] || exit 1
if diff -u "$expected" <(printf '%s\n' "$actual"); then
  echo "real thesis: output matches tests/thesis/expected.txt ($(wc -l < "$expected") lines)"
else
  echo "real thesis: output differs from tests/thesis/expected.txt (run tests/thesis/check.sh --update after review)" >&2
  exit 1
fi
