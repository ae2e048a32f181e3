#!/usr/bin/env bash
# The test command of the README and of CI: builds, checks every shipped
# scenario's expectations, cross-checks dipnet against the independent
# reference implementation (Python + HiGHS), on the shipped files and on 50
# random small ones (and those again with their tables in CSV), re-solves every exported model
# with glpsol, HiGHS and CBC, validates every kind of JSON output against its
# schema (docs/schema), opens the xlsx, Excel-CSV and data-package outputs in
# openpyxl and frictionless (tools/check_formats.py), renders the HTML report in headless Chromium and
# checks its screenshot, then runs the unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build
.build/debug/dipnet test scenarios Tests/DiplomaticNetworkTests/Fixtures
python3 tools/reference/crosscheck.py --dipnet .build/debug/dipnet scenarios Tests/DiplomaticNetworkTests/Fixtures/tiny Tests/DiplomaticNetworkTests/Fixtures/v2 \
    Tests/DiplomaticNetworkTests/Fixtures/requires
# Random small scenarios (fixed seeds, random variants: extends, rules set by a variant,
# `*` paths, shares, costs) solved by both: a reading that drifts shows up here first.
fuzzdir=$(mktemp -d); trap 'rm -rf "$fuzzdir"' EXIT
python3 tools/reference/bruteforce.py --fuzz 25 --seed 2026 --version 1 --more-variants --write "$fuzzdir/v1"
python3 tools/reference/bruteforce.py --fuzz 25 --seed 2027 --version 2 --more-variants --write "$fuzzdir/v2"
python3 tools/reference/crosscheck.py --dipnet .build/debug/dipnet "$fuzzdir" > "$fuzzdir/crosscheck.log" \
    || { grep -v '^ok' "$fuzzdir/crosscheck.log"; exit 1; }
tail -1 "$fuzzdir/crosscheck.log"
# ... and each of them with its tables in CSV gives what its YAML gives.
python3 tools/csv_twin.py --dipnet .build/debug/dipnet "$fuzzdir" Tests/DiplomaticNetworkTests/Fixtures/v2/services.yaml \
    > "$fuzzdir/twin.log" || { grep -v '^ok' "$fuzzdir/twin.log"; exit 1; }
tail -1 "$fuzzdir/twin.log"
python3 tools/roundtrip.py --dipnet .build/debug/dipnet scenarios Tests/DiplomaticNetworkTests/Fixtures/tiny Tests/DiplomaticNetworkTests/Fixtures/v2 \
    Tests/DiplomaticNetworkTests/Fixtures/requires
# The Benelux coalition re-solved independently (Python + HiGHS), its split stages included:
# totals and each state's joint figure agree, for the file, its variants and one --force.
for args in "" "--variant eu-wide-assistance" "--variant directive-only" "--variant both-close-havana" "BEL:HAV=closed NLD:HAV=open" \
            "NLD:MAD=closed" "LUX:LIS=open" "--variant both-close-havana NLD:TIP=closed"; do
    # shellcheck disable=SC2086
    python3 tools/benelux-2026/joint_ref.py scenarios/benelux-2026 --dipnet .build/debug/dipnet $args > /dev/null
done
python3 tools/check_schemas.py --dipnet .build/debug/dipnet
python3 tools/check_formats.py --dipnet .build/debug/dipnet
scripts/check-report.sh
swift test
