"""Attempts: a candidate sitting a paper, from start through autosaves to the scored submission."""
