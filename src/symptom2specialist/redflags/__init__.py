"""Emergency red flags: explainable phrase rules that always win and short-circuit routing."""
