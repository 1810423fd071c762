#!/usr/bin/env bash
# The pre-commit hook, end to end, with pre-commit itself: a scratch git repository uses this
# repository's hook at its current commit (language: rust, so pre-commit builds manulint with
# cargo), as the README's snippet does.
#  1. one file: a slip fails the hook, a clean manuscript passes;
#  2. a three-chapter manuscript (ch1, ch2, ch10) with a baseline: committing an edit to one
#     chapter reports no "new" finding (the hook checks the whole manuscript, in reading order,
#     not the staged files in pre-commit's order), and a real new slip fails it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v pre-commit >/dev/null || python3 -m pip install --quiet pre-commit
rev="$(git -C "$root" rev-parse HEAD)"
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "pre-commit: note: uncommitted changes in $root are not part of the hook under test" >&2
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# A quicker build than the release profile's: the hook's speed is not under test here.
export CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export PRE_COMMIT_HOME="$scratch/.cache"

new_repo() {
  rm -rf "$scratch/repo" && mkdir "$scratch/repo" && cd "$scratch/repo"
  git init --quiet .
  git config user.email ci@example.invalid
  git config user.name ci
  cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $root
    rev: $rev
    hooks:
      - id: manulint
        args: [$1]
YAML
}

# 1. One file.
new_repo ""
cat > bad.md <<'MD'
# The Record

Stakhanov cut 102 tons of coal in one shift.[^1] The norm was seven tons.[^2]

[^1]: Lewis H. Siegelbaum, *Stakhanovism and the Politics of Productivity in the USSR, 1935–1941* (Cambridge: Cambridge University Press, 1988), 67.
MD
sed 's/ The norm was seven tons.\[\^2\]//' bad.md > good.md
git add .pre-commit-config.yaml bad.md good.md
if pre-commit run --files bad.md >bad.log 2>&1; then
  cat bad.log; echo "pre-commit: the hook passed a manuscript with an undefined note" >&2; exit 1
fi
grep -q "footnote-undefined" bad.log || { cat bad.log; echo "pre-commit: no footnote-undefined in the hook's output" >&2; exit 1; }
if ! pre-commit run --files good.md >good.log 2>&1; then
  cat good.log; echo "pre-commit: the hook failed a clean manuscript" >&2; exit 1
fi

# 2. Three chapters and a baseline.
new_repo "--baseline, .manulint-baseline.json"
chapter() {
  cat <<MD
# Chapter $1

Petr Krivonos drove the engine in $2.[^1] Krivonos wrote of it later.[^2] See note 1 above.

[^1]: Lewis H. Siegelbaum, *Stakhanovism and the Politics of Productivity in the USSR, 1935–1941* (Cambridge: Cambridge University Press, 1988), $3.
[^2]: Ibid., $4.
MD
}
chapter 1 1935 67 68 > ch1.md
chapter 2 1936 99 100 > ch2.md
chapter 10 1937 120 121 > ch10.md
# Known findings to baseline: a doubled word in chapter 2, a note without its marker in 10.
printf '\nThe the plan was fulfilled.\n' >> ch2.md
printf '\n[^3]: An orphan note.\n' >> ch10.md
printf 'files = ["ch1.md", "ch2.md", "ch10.md"]\n' > manulint.toml
manulint_bin="$root/target/release/manulint"
[ -x "$manulint_bin" ] || manulint_bin="$root/target/debug/manulint"
"$manulint_bin" baseline >/dev/null
git add -A && git commit --quiet --no-verify -m "the manuscript and its baseline"
printf '\nThe engine shed stood by the line.\n' >> ch2.md
git add ch2.md
if ! pre-commit run --verbose >edit.log 2>&1; then
  cat edit.log; echo "pre-commit: an everyday edit of one chapter failed the hook" >&2; exit 1
fi
grep -q "0 new" edit.log || { cat edit.log; echo "pre-commit: the hook did not compare with the baseline" >&2; exit 1; }
printf '\nPetr Krivosos came back in 1938.\n' >> ch10.md
git add ch10.md
if pre-commit run --verbose >slip.log 2>&1; then
  cat slip.log; echo "pre-commit: a new misspelling passed the hook" >&2; exit 1
fi
grep -q "1 new" slip.log || { cat slip.log; echo "pre-commit: the new slip was not the only new finding" >&2; exit 1; }

# 3. The README's snippet as written (only its repository URL replaced by this clone's path):
#    its rev must name a version of this repository, whose hook finds the same new slip.
readme_rev="$(sed -n 's/^ *rev: *\([^ #]*\).*/\1/p' "$root/README.md" | head -n 1)"
# The README pins a full commit id, as `pre-commit autoupdate --freeze` does: a checkout that
# did not bring the tags (a fresh clone of one branch) still holds the commit.
if ! git -C "$root" rev-parse --quiet --verify "$readme_rev^{commit}" >/dev/null; then
  if [ "$(git -C "$root" rev-parse --is-shallow-repository)" = true ]; then
    echo "pre-commit: skipped the README's snippet: this shallow checkout does not hold its rev $readme_rev" >&2
    echo "pre-commit: the hook fails a slip, passes a clean manuscript, and on three chapters with a baseline reports only the new finding"
    exit 0
  fi
  echo "pre-commit: the README's rev \`$readme_rev\` is no tag or commit of this repository" >&2; exit 1
fi
sed -n '/^repos:/,/^```/p' "$root/README.md" | sed '/^```/d' \
  | sed "s|repo: https://github.com/OWNER/manulint|repo: $root|" > .pre-commit-config.yaml
grep -q "rev: $readme_rev" .pre-commit-config.yaml || { cat .pre-commit-config.yaml; exit 1; }
git add .pre-commit-config.yaml
if pre-commit run --verbose >readme.log 2>&1; then
  cat readme.log; echo "pre-commit: the README's snippet passed a new misspelling" >&2; exit 1
fi
grep -q "1 new" readme.log || { cat readme.log; echo "pre-commit: the README's snippet did not report the one new slip" >&2; exit 1; }
echo "pre-commit: the hook fails a slip, passes a clean manuscript, and on three chapters with a baseline reports only the new finding, also as the README writes it (rev $readme_rev)"
