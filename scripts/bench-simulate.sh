#!/usr/bin/env bash
# 1,000 Monte Carlo draws of the Belgian scenario (keep vs close Havana, the
# scenario's uncertainty section), timed: the target is under a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product dipnet >&2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s.%N)
.build/release/dipnet simulate scenarios/belgium-2026/scenario.yaml --draws "${1:-1000}" --records "$out/draws.jsonl" --quiet
end=$(date +%s.%N)
echo
echo "$(( $(wc -l < "$out/draws.jsonl") - 1 )) records in $(echo "$end - $start" | bc) s on $(nproc) cores"
