#!/usr/bin/env bash
# Installs what dipnet needs when it is missing: GLPK's library and headers.
# With --test (scripts/test.sh, CI) also what the checks use: glpsol and CBC for
# the exported-model round trip and the benchmarks, and PyYAML, SciPy and HiGHS
# (highspy) for the independent reference and the round trip.
set -euo pipefail
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
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
if [ "${1:-}" = "--test" ] && ! python3 -c "import yaml, scipy.optimize, numpy, highspy" >/dev/null 2>&1; then
    echo "installing PyYAML, SciPy and highspy for the reference cross-check and the round trip" >&2
    python3 -m pip install --quiet pyyaml scipy numpy highspy
fi
