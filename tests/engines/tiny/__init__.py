"""Tiny randomly initialised models of the real architectures, built in code (no downloads).

Each module has ``build(folder) -> dict``: it writes the model to ``folder`` in the real
on-disk format (``save_pretrained``) and returns the engine settings that load it (what would
go under ``[engines.<name>]`` in config.toml), and ``PROMPT_PARAMS``: per-prompt parameters
that make a take fast. Weights are random (seeded): the audio is noise, but every code path of
the engine runs, in and out of a worker process.
"""
