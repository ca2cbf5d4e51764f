"""Helpers of the project's Makefile; not part of the package."""
