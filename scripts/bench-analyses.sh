#!/usr/bin/env bash
# Times the analyses of the Belgian Havana answer on the release build (wall clock
# and peak memory, one run each): margins, pairs of inputs, alternatives, alternatives around HAV,
# robust posts under the documented weight ranges and ranking, 1,000 simulation draws, and
# (with --network) the leads of havana-network, whose free optima make a full run take an hour.
# Targets: margins < 30 s, pairs < 60 s, robust < 60 s, simulation < 60 s, network leads
# < 180 s on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
network=0
[ "${1:-}" = "--network" ] && network=1
scripts/install-deps.sh
if [ ! -x /usr/bin/time ]; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get install -y time >&2
fi
swift build -c release --product dipnet >&2
d=.build/release/dipnet
s=scenarios/belgium-2026/scenario.yaml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "| analysis | command | wall (s) | peak MB |"
echo "|---|---|---:|---:|"
run() {
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$out/t" "$d" "$@" --quiet > /dev/null
    read -r secs kb < "$out/t"
    echo "| $name | \`dipnet $(echo "$*" | sed "s#$s#belgium#; s#$out/##")\` | $secs | $((kb / 1024)) |"
}
run "margins (every input's distance to the flip)" margins $s havana
run "pairs of inputs that flip it together" margins $s havana --pairs
run "5 alternatives within 1%" alternatives $s --slack 1% --count 5
run "cheapest networks closing HAV" alternatives $s --slack 1% --count 3 --around HAV
run "robust posts (3 weights, ranking)" robust $s --weight geopolitical=13995..22742 --weight economic=21124..34327 \
    --weight development=7821..22160 --order 'economic >= geopolitical >= development'
run "simulation, 1,000 draws" simulate $s --draws 1000 --records "$out/draws.jsonl"
if [ "$network" = 1 ]; then
    run "margins of havana-network's leads (6 answers, 494 inputs)" margins $s havana-network --answers lead
fi
