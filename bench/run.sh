#!/usr/bin/env bash
# Times the whole `manulint check` process (release build) on the real thesis and on a generated
# 20-chapter book, and reports peak memory. Needs hyperfine (Debian package) for timings.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
thesis="${MANULINT_THESIS:-$root/../shared/corpus/stakhanovite-thesis.md}"
cargo build --release --quiet
cargo run --release --quiet --example genbook -- bench/out/book
bin=target/release/manulint
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
hyperfine --warmup 3 --runs 30 -N --ignore-failure \
  "$bin check --format json $thesis" \
  "$bin check --format json bench/out/book"
for target in "$thesis" bench/out/book; do
  peak=$( (/usr/bin/time -f '%M' "$bin" check --format json "$target" 2>&1 >/dev/null || true) | tail -1)
  echo "peak memory on $(basename "$target"): ${peak} KiB"
done
