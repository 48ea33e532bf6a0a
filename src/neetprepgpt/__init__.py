"""NEETPrepGPT: NEET-UG question bank, mock tests, scoring and analytics, as a FastAPI service."""

__version__ = "0.1.0"
