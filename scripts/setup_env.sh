#!/usr/bin/env bash
# Create .venv with cornu and its pinned dependencies; install graphviz (for plot_model).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v dot >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ]; then
        apt-get update -q >/dev/null && apt-get install -y -q graphviz >/dev/null
    else
        echo "warning: graphviz 'dot' is missing; plot_model needs it (apt-get install graphviz)" >&2
    fi
fi
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".[test]"
