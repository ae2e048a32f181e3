#!/usr/bin/env bash
# Renders the HTML report of the Belgian Havana comparison (with a sweep and a
# simulation, near-optimal alternatives, robust posts and the arguments' shares) in headless Chromium,
# offline, and checks the screenshot shows the table, the charts and the maps
# with country shapes, that no chart text leaves its chart and nothing is
# painted beyond the page's width. CI runs it through scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium for the report check" >&2
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y chromium fonts-dejavu-core
fi
out=${REPORT_DIR:-$(mktemp -d)}
mkdir -p "$out"
dipnet=.build/debug/dipnet
[ -x "$dipnet" ] || swift build --product dipnet
scenario=scenarios/belgium-2026/scenario.yaml
$dipnet sweep $scenario --variant optimal --param services.visas.unserved_penalty=0..800:9 --records "$out/sweep.jsonl" --quiet > /dev/null
$dipnet simulate $scenario --draws 40 --records "$out/simulation.jsonl" --quiet > /dev/null
$dipnet alternatives $scenario --variant optimal --count 3 --records "$out/alternatives.jsonl" --quiet > /dev/null
$dipnet report $scenario havana --sweep "$out/sweep.jsonl" --simulation "$out/simulation.jsonl" \
    --alternatives "$out/alternatives.jsonl" --weight geopolitical=10000..30000 --weight economic=10000..30000 \
    --attribute keep-havana,close-havana --lines arg-development-cut,arg-neighbour-relations,arg-redeployment \
    --out "$out/report.html" --quiet
# Offline: the page must not reference anything outside itself.
if grep -Eq '(src|href)="(https?:)?//' "$out/report.html"; then
    echo "report.html references an external resource" >&2; exit 1
fi
timeout 120 chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --window-size=1200,9000 --screenshot="$out/report.png" "file://$(cd "$out" && pwd)/report.html" 2>/dev/null
python3 tools/check_screenshot.py "$out/report.png"
python3 tools/check_report_layout.py "$out/report.html" "$out/report.png"
echo "report and screenshot in $out"
