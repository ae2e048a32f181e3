#!/usr/bin/env bash
# Scale benchmark: generated scenarios from 50 to 2,000 countries-and-posts,
# each timed through load, build and solve with peak memory, against glpsol
# on the exported MPS (same presolve and MIR cuts). Prints the table of docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build -c release --product dipnet --product network-bench >&2 2>/dev/null || {
    swift build -c release --product dipnet >&2; swift build -c release --product network-bench >&2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "| size | model | load (s) | build (s) | solve (s) | total (s) | peak MB | glpsol (s) | glpsol MB | status |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
for spec in "17 2 1500" "67 2 1500" "200 2 1500" "200 3 1500" "667 2 1500"; do
    set -- $spec
    .build/release/dipnet generate --countries "$1" --posts-per-country "$2" --reach "$3" --seed 1 --out "$dir/s$1-$2" > /dev/null
    .build/release/network-bench "$dir/s$1-$2/scenario.yaml" --time-limit 120
done
# Model building at 200,000 flow variables (no solve).
.build/release/dipnet generate --countries 1000 --posts-per-country 2 --reach 4500 --seed 1 --out "$dir/big" > /dev/null
.build/release/network-bench "$dir/big/scenario.yaml" --build-only
