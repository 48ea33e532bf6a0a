"""Papers: fixed sets of questions built from a pattern (a full mock or a chapter practice set)."""
