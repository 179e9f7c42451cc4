"""Demo data: a seeded council year of complaints.

``generator`` is pure Python (tests and benchmarks reuse it); ``loader`` writes the documents.
"""
