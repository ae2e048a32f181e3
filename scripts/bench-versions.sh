#!/usr/bin/env bash
# Format version 1 against version 2 on the generated ladder: the same network
# (same seed) once with one consular service and once with three services
# (documents, assistance, visas: flows per service, diplomats, offers per
# service), then version 2 without its linking rows. Prints the table of docs/benchmarks.md:
# model size and dipnet's load, build and solve times (2 cores, release build).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build -c release --product dipnet >&2
swift build -c release --product network-bench >&2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
limit=${TIME_LIMIT:-120}
echo "| size | model | load (s) | build (s) | solve (s) | total (s) | peak MB | status |"
echo "|---|---|---:|---:|---:|---:|---:|---|"
for spec in "17 2 1500" "67 2 1500" "200 2 1500" "200 3 1500" "667 2 1500"; do
    set -- $spec
    .build/release/dipnet generate --countries "$1" --posts-per-country "$2" --reach "$3" --seed 1 --out "$dir/v1-$1-$2" > /dev/null
    .build/release/dipnet generate --countries "$1" --posts-per-country "$2" --reach "$3" --seed 1 --services --out "$dir/v2-$1-$2" > /dev/null
    for run in "v1-$1-$2" "v2-$1-$2" "v2-$1-$2 --no-linking"; do
        set -- $run
        .build/release/network-bench "$dir/$1/scenario.yaml" --time-limit "$limit" --glpsol none "${@:2}" \
            | sed -E 's/\| – \| – \|/|/'
    done
done
