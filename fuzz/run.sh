#!/usr/bin/env bash
# Runs fuzz targets one after another, SECONDS each (default 60), each as one process on one
# core, from the seed corpus (seed.sh) and whatever earlier runs added to fuzz/corpus/.
#   fuzz/run.sh [SECONDS [TARGET...]]
# A panic, a bad span, an input that takes over 10 s or 2 GB stops the run with exit 1; the
# input is saved in fuzz/artifacts/<target>/. Reproduce it with
#   cargo +nightly fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-…
# Built without a sanitizer (`-s none`): manulint has no unsafe code, and without
# AddressSanitizer the targets run about twice as many inputs.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(check_one check_two bibtex csl_json config fix typst latex docx)

./seed.sh >/dev/null
cargo +nightly fuzz build -s none
for target in "${targets[@]}"; do
    log=$(mktemp)
    if ! cargo +nightly fuzz run -s none "$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1; then
        tail -n 80 "$log"
        echo "fuzz: $target failed; the input is in fuzz/artifacts/$target/" >&2
        rm -f "$log"
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    corpus=$(find "corpus/$target" -type f | wc -l)
    echo "fuzz: $target: $runs inputs in ${seconds} s, no failure (corpus $corpus, peak ${rss} MB)"
    rm -f "$log"
done
