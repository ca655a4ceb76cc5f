"""Speed benchmark of a kompass run against a naive pdfplumber pass (`make bench`, benchmarks/bench.py)."""
