#!/usr/bin/env bash
# Set up, check the import layering, then run the whole test suite on both engines.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
.venv/bin/lint-imports --no-cache
status=0
for engine in torch jax; do
    echo "=== tests on the $engine backend"
    CORNU_BACKEND=$engine .venv/bin/python -m pytest -q -n 2 --dist loadfile tests "$@" || status=1
done
exit $status
