#!/usr/bin/env bash
# Building and solving a 10,000-variable LP and a 200-binary facility-location
# MIP through the Swift layer, against glpsol on the exported MPS.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build -c release --product solver-bench
.build/release/solver-bench "$@"
