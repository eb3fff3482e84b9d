"""Loaders: Chinese government budget disclosures (extracted text) into dbt seeds."""

from loaders import native

__version__ = "0.1.0"

# The parsers compiled with mypyc when they were built from exactly these sources, else the sources.
native.install()
