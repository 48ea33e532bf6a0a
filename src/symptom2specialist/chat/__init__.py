"""Chat over WebSocket for a conversation, with clear close codes for bad frames."""
