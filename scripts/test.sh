#!/usr/bin/env bash
# The test command of the README and of CI: builds, checks every shipped
# scenario's expectations, cross-checks dipnet against the independent
# reference implementation (Python + HiGHS), re-solves every exported model
# with glpsol, HiGHS and CBC, validates every kind of JSON output against its
# schema (docs/schema), opens the xlsx, Excel-CSV and data-package outputs in
# openpyxl and frictionless (tools/check_formats.py), renders the HTML report in headless Chromium and
# checks its screenshot, then runs the unit and end-to-end tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
swift build
.build/debug/dipnet test scenarios Tests/DiplomaticNetworkTests/Fixtures
python3 tools/reference/crosscheck.py --dipnet .build/debug/dipnet scenarios Tests/DiplomaticNetworkTests/Fixtures/tiny Tests/DiplomaticNetworkTests/Fixtures/v2
python3 tools/roundtrip.py --dipnet .build/debug/dipnet scenarios Tests/DiplomaticNetworkTests/Fixtures/tiny Tests/DiplomaticNetworkTests/Fixtures/v2
python3 tools/check_schemas.py --dipnet .build/debug/dipnet
python3 tools/check_formats.py --dipnet .build/debug/dipnet
scripts/check-report.sh
swift test
