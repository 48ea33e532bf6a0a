"""Conversations: a session that collects messages and refines the triage answer."""
