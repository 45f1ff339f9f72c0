"""nora: a terminal interview coach for Machine Learning Engineers."""

__version__ = "0.1.0"
