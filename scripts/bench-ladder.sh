#!/usr/bin/env bash
# The benchmark ladder (issue 16): generated networks from 100 to 400 countries and
# two 27-state coalitions, solved by dipnet (release build) and, on its exported MPS,
# by HiGHS and CBC with the same gap and time limit. Prints the README's table.
#   scripts/bench-ladder.sh [--time-limit 600] [--gap 0] [--only 400 ...] [--no-peers] [--no-search]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
if ! command -v cbc >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get install -y coinor-cbc >&2 || echo "CBC not installed: its column stays empty" >&2
fi
swift build -c release --product dipnet >&2
python3 tools/ladder.py --dipnet .build/release/dipnet "$@"
