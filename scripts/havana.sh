#!/usr/bin/env bash
# The main job: the Havana comparison on the bundled Belgian scenario.
# Installs what is missing, builds dipnet, prints the comparison table.
# Extra arguments go to `dipnet compare` (e.g. --format markdown --out havana.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --product dipnet >&2
.build/debug/dipnet compare scenarios/belgium-2026/scenario.yaml havana "$@"
