#!/usr/bin/env bash
# The main job: the Havana comparison on the bundled Belgian scenario.
# Needs only the Swift toolchain: installs GLPK when it is missing (no Python),
# builds dipnet in release mode, prints the comparison table and what flips its answer
# (`--flips`: each input's nearest flip, with its stated range and source).
# Extra arguments go to `dipnet compare` (e.g. -f markdown -o havana.md, -f xlsx -o havana.xlsx,
# or --also havana.md --also havana.xlsx for both from one search).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product dipnet >&2
.build/release/dipnet compare scenarios/belgium-2026/scenario.yaml havana --flips "$@"
