"""The CLI's commands, one module per concern."""
