#!/usr/bin/env bash
# Fails when any project C++ or GLSL file is not formatted as .clang-format says.
#   scripts/check-format.sh [clang-format]      (run from the repository root)
# Fix with: scripts/format.sh
set -euo pipefail
cf=${1:-clang-format}
cd "$(dirname "$0")/.."
mapfile -t files < <(find engine tests bench fuzz -type f \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null | sort)
# One clang-format process for all files; each misformatted file is named in its diagnostics.
rc=0
out=$("$cf" --dry-run --Werror "${files[@]}" 2>&1) || rc=$?
mapfile -t bad < <(sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error:.*/\1/p' <<<"$out" | sort -u)
if [ $rc -ne 0 ] && [ ${#bad[@]} -eq 0 ]; then
  echo "check-format: clang-format failed (exit $rc):"
  echo "$out" | head -20
  exit 1
fi
if [ ${#bad[@]} -gt 0 ]; then
  echo "check-format: ${#bad[@]} of ${#files[@]} files are not clang-formatted:"
  printf '  %s\n' "${bad[@]}"
  echo "run scripts/format.sh to fix them"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
