#!/usr/bin/env bash
# Set up fragmentd on a fresh Debian/Ubuntu machine: system packages, .venv, the package.
#   scripts/setup.sh          daemon only (Piper engine, no GPU, no model download)
#   scripts/setup.sh --test   plus what the test suite needs: the engine extras (torch, diffusers,
#                             transformers) in .venv and the own venvs of stable-audio and audiocraft
# Idempotent: a second run only checks.
set -euo pipefail
cd "$(dirname "$0")/.."

with_test=0
[[ "${1:-}" == "--test" ]] && with_test=1

# libportaudio2: the PortAudio that sounddevice plays previews through (the daemon itself).
apt_packages=(libportaudio2)
# liblo-tools: oscsend/oscdump, an independent OSC client the end-to-end tests talk through.
# puredata-core: a headless Pd that runs the Pd twin of the slot device (max4live/pd) in tests.
# chromium: the real browser the panel's tests drive (through Playwright, no browser download).
(( with_test )) && apt_packages+=(liblo-tools puredata-core chromium)
missing=()
for pkg in "${apt_packages[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if (( ${#missing[@]} )); then
    if command -v apt-get >/dev/null; then
        sudo_cmd=()
        [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
        echo "setup: installing Debian packages: ${missing[*]}"
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
            --no-install-recommends "${missing[@]}"
    else
        echo "setup: please install ${missing[*]} with your package manager" >&2
        exit 1
    fi
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup: fragmentd needs Python 3.11 or newer ($python is $("$python" -V 2>&1))" >&2
    exit 1
fi
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if (( with_test )); then
    # torch 2.13.0 is the CPU build this machine image carries on disk (seconds, no download);
    # elsewhere pip fetches it from PyPI. Pinned first so the extras below do not pull another.
    .venv/bin/python -m pip install -q torch==2.13.0
    .venv/bin/python -m pip install -q -e '.[test,audioldm2,musicgen]'
    scripts/setup-engine.sh stable-audio
    scripts/setup-engine.sh audiocraft
else
    .venv/bin/python -m pip install -q -e .
fi
echo "setup: ready (.venv/bin/fragmentd)"
