"""The specialties the bot can suggest, loaded from reviewed YAML."""
