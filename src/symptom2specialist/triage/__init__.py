"""Triage: red flags, urgency and specialist routing for one message or a whole conversation."""
