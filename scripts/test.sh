#!/usr/bin/env bash
# The test command of the README and of CI: unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build
swift test
