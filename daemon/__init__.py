"""fragmentd daemon: lifecycle, config, scheduler, engine supervisor, CLI."""

__version__ = "0.1.0"
