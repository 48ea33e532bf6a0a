"""Subjects and NCERT chapters: reference data loaded from `bank/data/chapters.yaml`."""
