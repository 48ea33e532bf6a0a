"""Urgency for messages without a red flag: reviewed phrase rules, never the classifier."""
