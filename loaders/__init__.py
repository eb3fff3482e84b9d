"""Loaders: Chinese government budget disclosures (extracted text) into dbt seeds."""

__version__ = "0.1.0"
