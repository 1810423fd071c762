#!/usr/bin/env bash
# Times the whole `manulint check` process (release build) on the real thesis, on a generated
# 20-chapter book, on the corpus's LaTeX book (root file, 11 included chapters, a .bib) and on
# its 11-file Word dissertation, and reports peak memory. Needs hyperfine (Debian package).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
corpus="${MANULINT_CORPUS:-$root/../shared/corpus}"
thesis="${MANULINT_THESIS:-$corpus/stakhanovite-thesis.md}"
latex_book="$corpus/langsci186-guzman/main.tex"
word=()
for part in "Chapter 1" "Chapter 2" "Chapter 3" "Chapter 4" "Chapter 5" "Chapter 6" "Chapter 7" \
    "Chapter 8" Conclusion "Appendix A" Bibliography; do
  word+=("$corpus/schaefer-diss/$part.docx")
done
word_args=$(printf "'%s' " "${word[@]}")
cargo build --release --quiet
cargo run --release --quiet --example genbook -- bench/out/book
bin=target/release/manulint
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine; }
hyperfine --warmup 3 --runs 30 -N --ignore-failure \
  "$bin check --format json $thesis" \
  "$bin check --format json bench/out/book" \
  "$bin check --format json $latex_book" \
  "$bin check --format json $word_args"
for target in "$thesis" bench/out/book "$latex_book"; do
  peak=$( (/usr/bin/time -f '%M' "$bin" check --format json "$target" 2>&1 >/dev/null || true) | tail -1)
  echo "peak memory on $(basename "$target"): ${peak} KiB"
done
peak=$( (/usr/bin/time -f '%M' "$bin" check --format json "${word[@]}" 2>&1 >/dev/null || true) | tail -1)
echo "peak memory on the Word dissertation: ${peak} KiB"
