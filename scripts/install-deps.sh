#!/usr/bin/env bash
# Installs what dipnet needs when it is missing: GLPK's library and headers, and
# zlib's headers (xlsx output; ZIPFoundation links zlib on Linux). No Python.
# With --test (scripts/test.sh, CI) also what the checks use: glpsol and CBC for
# the exported-model round trip and the benchmarks, PyYAML, SciPy and HiGHS
# (highspy) for the independent reference and the round trip, jsonschema for
# the check of the JSON outputs against docs/schema, openpyxl and frictionless
# for opening the xlsx and data-package outputs in real readers.
set -euo pipefail
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)
if [ "${1:-}" = "--test" ]; then
    command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
    command -v cbc >/dev/null 2>&1 || need+=(coinor-cbc)
fi
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "installing ${need[*]}" >&2
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${need[@]}"
fi
if [ "${1:-}" = "--test" ] && ! python3 -c "import yaml, scipy.optimize, numpy, highspy, openpyxl, frictionless; from jsonschema import Draft202012Validator" >/dev/null 2>&1; then
    echo "installing PyYAML, SciPy, highspy, jsonschema, openpyxl and frictionless for the test checks" >&2
    python3 -m pip install --quiet pyyaml scipy numpy highspy 'jsonschema>=4.18' openpyxl frictionless
fi
