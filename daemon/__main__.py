"""``python -m daemon`` is the same as the ``fragmentd`` command."""

from daemon.cli import main

main()
