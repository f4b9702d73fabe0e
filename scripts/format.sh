#!/usr/bin/env bash
# Formats every project C++ file in place with clang-format.
set -euo pipefail
cd "$(dirname "$0")/.."
find engine tests bench fuzz -type f \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null -print0 | xargs -0 -r clang-format -i
