"""Fragments: pure audio functions and the slot ring, archive and index that publish takes.

No network, no engines: arrays and files in, files and reports out.
"""
