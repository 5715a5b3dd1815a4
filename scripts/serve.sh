#!/usr/bin/env bash
# Set everything up, then run the daemon on the default engine (Piper) in the foreground.
# Extra arguments go to `fragmentd serve` (e.g. --port 9179, --config my.toml).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/fragmentd serve --panel "$@"
