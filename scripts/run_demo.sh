#!/usr/bin/env bash
# The main job: set up, then train / evaluate / save / reload a model on bundled data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
.venv/bin/python examples/demo.py "$@"
