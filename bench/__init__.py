"""Benchmark tooling (not part of the warehouse): a synthetic corpus generator and `make bench`."""
