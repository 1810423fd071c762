#!/usr/bin/env bash
# Builds each fuzz target's seed corpus in fuzz/corpus/<target>/ from the repository's
# fixtures (and the small hand-written seeds in fuzz/seeds/): Markdown fixtures for the
# checks and the fixes, pairs of consecutive files of a folder (joined by a NUL byte, where
# check_two splits) for two-file checks, the .bib and .json fixtures, and config files.
# Files are named by content, so running it again over a grown corpus adds nothing twice.
set -euo pipefail
cd "$(dirname "$0")"
root=..

add() { # target file...
    local target=$1
    shift
    mkdir -p "corpus/$target"
    for file in "$@"; do
        local name
        name=$(sha1sum "$file" | cut -c1-40)
        [ -e "corpus/$target/$name" ] || cp "$file" "corpus/$target/$name"
    done
}

mapfile -t markdown < <(find "$root/fixtures" -name '*.md' | sort)
add check_one "${markdown[@]}"
add fix "${markdown[@]}"
mapfile -t typst < <(find "$root/fixtures" -name '*.typ' | sort)
add typst "${typst[@]}"

# Pairs: each folder's Markdown files in order, each with the next (chapters, restarts).
pair=$(mktemp)
trap 'rm -f "$pair"' EXIT
while IFS= read -r dir; do
    mapfile -t files < <(find "$dir" -maxdepth 1 -name '*.md' | sort -V)
    for ((i = 0; i + 1 < ${#files[@]}; i++)); do
        { cat "${files[i]}"; printf '\0'; cat "${files[i + 1]}"; } >"$pair"
        add check_two "$pair"
    done
done < <(find "$root/fixtures" -type d | sort)

mapfile -t latex < <(find "$root/fixtures" -name '*.tex' | sort)
add latex "${latex[@]}"

mapfile -t bib < <(find "$root/fixtures" seeds/bibtex -name '*.bib' | sort)
add bibtex "${bib[@]}"
mapfile -t json < <(find "$root/fixtures" seeds/csl_json -name '*.json' | sort)
add csl_json "${json[@]}"
mapfile -t toml < <(find "$root/rules" "$root/tests/thesis" seeds/config -name '*.toml' | sort)
add config "${toml[@]}"

# Word: the XML bodies of fixtures/docx (read as `word/document.xml`, bypassing the zip).
mapfile -t docx < <(find "$root/fixtures/docx" -name '*.xml' | sort)
add docx "${docx[@]}"

for target in corpus/*/; do
    echo "$(basename "$target"): $(find "$target" -type f | wc -l) seeds"
done
