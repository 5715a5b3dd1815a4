#!/usr/bin/env bash
# Create or update an engine's OWN virtual environment (never the daemon's .venv):
#   scripts/setup-engine.sh stable-audio     → .venv-stable-audio
# Engines whose libraries pin versions the daemon cannot share (stable-audio-tools pins
# numpy 1.23.5, pandas 2.0.2, ...) run their worker under that venv's interpreter; the worker
# needs only numpy + the engine's libraries, the repository comes in through PYTHONPATH.
# Idempotent: when the venv already matches its requirements file, a run only checks it.
# Prints the interpreter to set as `python = ...` under [engines.<name>] in config.toml.
#
# Environment: PYTHON (interpreter the venv is made from; default python3.11, else python3,
# which must be 3.11), FORCE=1 (reinstall the requirements even when the stamp matches).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() {
    echo "usage: scripts/setup-engine.sh ENGINE   (engines: stable-audio, audiocraft)" >&2
}

engine=${1:-}
apt_packages=()
pip_args=()
case "$engine" in
    stable-audio)
        venv=.venv-stable-audio
        requirements=requirements/stable-audio.txt
        python_version=3.11  # numpy 1.23.5 (pinned through stable-audio-tools) has no 3.12 wheels
        smoke='import numpy, torch, torchaudio, k_diffusion, transformers, stable_audio_tools
from stable_audio_tools.inference.generation import generate_diffusion_cond'
        ;;
    audiocraft)
        # audiocraft 1.3.0 pins torch==2.1.0, av==11.0.0 (no cp311 wheel: a 3-min FFmpeg build),
        # xformers<0.0.23: installed --no-deps beside torch 2.11.0 from a complete pinned set
        # (requirements/audiocraft.txt says why). No Debian packages needed.
        venv=.venv-audiocraft
        requirements=requirements/audiocraft.txt
        python_version=3.11
        pip_args=(--no-deps)  # the file is the whole resolved set; audiocraft's own pins are wrong here
        smoke='import numpy, torch, xformers, transformers, audiocraft.models
from audiocraft.models import AudioGen, MAGNeT'
        ;;
    -h|--help)
        usage
        exit 0
        ;;
    *)
        usage
        [[ -n "$engine" ]] && echo "setup-engine: no engine named '$engine'" >&2
        exit 2
        ;;
esac

say() { echo "setup-engine[$engine]: $*"; }

if (( ${#apt_packages[@]} )); then
    missing=()
    for pkg in "${apt_packages[@]}"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if (( ${#missing[@]} )); then
        sudo_cmd=()
        [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
        say "installing Debian packages: ${missing[*]}"
        "${sudo_cmd[@]}" apt-get update -qq
        DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
    fi
fi

python=${PYTHON:-}
if [[ -z "$python" ]]; then
    if command -v "python$python_version" >/dev/null; then
        python="python$python_version"
    else
        python=python3
    fi
fi
if ! command -v "$python" >/dev/null; then
    echo "setup-engine: $python not found; the $engine engine needs Python $python_version:" \
         "install it or set PYTHON=/path/to/python$python_version" >&2
    exit 1
fi
if ! "$python" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$python_version'.split('.'))))"; then
    echo "setup-engine: the $engine engine needs Python $python_version ($python is" \
         "$("$python" -V 2>&1)); set PYTHON=/path/to/python$python_version" >&2
    exit 1
fi

stamp="$venv/.fragmentd-requirements"
start=$SECONDS

if [[ -x "$venv/bin/python" ]] && ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    say "$venv is broken (its interpreter does not start): making it anew"
    rm -rf "$venv"
fi
if [[ ! -x "$venv/bin/python" ]]; then
    say "creating $venv with $("$python" -V 2>&1)"
    "$python" -m venv "$venv"
    "$venv/bin/python" -m pip install -q --upgrade pip
fi

want="$(sha256sum "$requirements" | cut -d' ' -f1) $("$venv/bin/python" -V 2>&1)"
if [[ "${FORCE:-0}" != 1 && -f "$stamp" && "$(cat "$stamp")" == "$want" ]] \
        && "$venv/bin/python" -c "$smoke" >/dev/null 2>&1; then
    say "$venv is up to date with $requirements"
else
    say "installing $requirements into $venv (a few minutes the first time)"
    rm -f "$stamp"
    "$venv/bin/python" -m pip install -q --progress-bar off ${pip_args[@]+"${pip_args[@]}"} -r "$requirements"
    if ! "$venv/bin/python" -c "$smoke"; then
        echo "setup-engine: $venv was installed but its libraries do not import (see above)" >&2
        exit 1
    fi
    echo "$want" > "$stamp"
    say "installed in $(( SECONDS - start )) s; $(du -sh "$venv" | cut -f1) on disk"
fi

interpreter="$(pwd)/$venv/bin/python"
say "ready. In config.toml:"
echo "    [engines.$engine]"
echo "    python = \"$interpreter\""
echo "$interpreter"
