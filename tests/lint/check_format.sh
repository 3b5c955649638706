#!/usr/bin/env bash
# Checks that every C++ source is formatted by .clang-format (clang-format 14); prints the
# files that are not and exits 1. Fix with: clang-format -i FILE...
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 2
command -v clang-format >/dev/null || { echo "clang-format is not installed (scripts/install-deps)"; exit 1; }
bad=$(find core model eventlog sim cli tests bench scoring viz net process -name '*.cpp' -o -name '*.hpp' 2>/dev/null |
  sort | while read -r f; do
    clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || echo "$f"
  done)
if [ -n "$bad" ]; then
  echo "not formatted (clang-format -i):"
  printf '  %s\n' $bad
  exit 1
fi
echo "format: ok"
