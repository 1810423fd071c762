#!/usr/bin/env bash
# The pre-commit hook, end to end: `pre-commit try-repo` installs manulint from this
# repository (language: rust, so `cargo install`) and runs it in a scratch git repository on
# a manuscript with a slip (the hook must fail) and on a clean one (it must pass).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
command -v pre-commit >/dev/null || python3 -m pip install --quiet pre-commit
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
git init --quiet .
git config user.email ci@example.invalid
git config user.name ci
cat > bad.md <<'MD'
# The Record

Stakhanov cut 102 tons of coal in one shift.[^1] The norm was seven tons.[^2]

[^1]: Lewis H. Siegelbaum, *Stakhanovism and the Politics of Productivity in the USSR, 1935–1941* (Cambridge: Cambridge University Press, 1988), 67.
MD
cat > good.md <<'MD'
# The Record

Stakhanov cut 102 tons of coal in one shift.[^1]

[^1]: Lewis H. Siegelbaum, *Stakhanovism and the Politics of Productivity in the USSR, 1935–1941* (Cambridge: Cambridge University Press, 1988), 67.
MD
git add bad.md good.md
# A quicker build than the release profile's: the hook's speed is not under test here.
export CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16
export PRE_COMMIT_HOME="$scratch/.cache"
if pre-commit try-repo "$root" manulint --files bad.md >bad.log 2>&1; then
  cat bad.log
  echo "pre-commit: the hook passed a manuscript with an undefined note" >&2
  exit 1
fi
grep -q "footnote-undefined" bad.log || { cat bad.log; echo "pre-commit: no footnote-undefined in the hook's output" >&2; exit 1; }
if ! pre-commit try-repo "$root" manulint --files good.md >good.log 2>&1; then
  cat good.log
  echo "pre-commit: the hook failed a clean manuscript" >&2
  exit 1
fi
echo "pre-commit try-repo: the hook fails the bad manuscript and passes the clean one"
