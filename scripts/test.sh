#!/usr/bin/env bash
# Set everything up (Debian packages included), then run the whole test suite.
# Extra arguments go to pytest (e.g. -k osc, -x).
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test || exit 1
.venv/bin/python -m pytest -ra "$@"
rc=$?
if (( rc == 5 )); then
    echo "test.sh: pytest collected no tests: that is a failure, not a pass" >&2
    exit 1
fi
exit $rc
