"""Pluggable business modules. See README.md in this folder for how to write one."""
