"""Developer commands that are not part of the product, run as ``python -m scripts.<name>``."""
