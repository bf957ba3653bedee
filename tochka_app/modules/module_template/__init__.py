"""Skeleton copied by `python -m tochka_app.cli new-module <code>`; not an installed module."""
