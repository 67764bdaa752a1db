"""Runners for other Python MCDA libraries, executed in a separate environment
(``benchmarks/.peers-venv``) that the SMAA benchmark creates; the libraries themselves are not
part of this repository."""
