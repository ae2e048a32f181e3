#!/usr/bin/env bash
# Installs what dipnet needs when it is missing: GLPK's library and headers,
# glpsol for the benchmarks, and PyYAML + SciPy for the reference cross-check.
set -euo pipefail
need=()
[ -f /usr/include/glpk.h ] || need+=(libglpk-dev)
command -v glpsol >/dev/null 2>&1 || need+=(glpk-utils)
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "installing ${need[*]}" >&2
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "${need[@]}"
fi
if ! python3 -c "import yaml, scipy.optimize, numpy" >/dev/null 2>&1; then
    echo "installing PyYAML and SciPy for the reference cross-check" >&2
    python3 -m pip install --quiet pyyaml scipy numpy
fi
