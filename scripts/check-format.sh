#!/usr/bin/env bash
# Fails when any project C++ or GLSL file is not formatted as .clang-format says.
#   scripts/check-format.sh [clang-format]      (run from the repository root)
# Fix with: scripts/format.sh
set -euo pipefail
cf=${1:-clang-format}
cd "$(dirname "$0")/.."
mapfile -t files < <(find engine tests bench fuzz -type f \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null | sort)
bad=()
for f in "${files[@]}"; do
  "$cf" --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "check-format: ${#bad[@]} of ${#files[@]} files are not clang-formatted:"
  printf '  %s\n' "${bad[@]}"
  echo "run scripts/format.sh to fix them"
  exit 1
fi
echo "check-format: ${#files[@]} files formatted"
