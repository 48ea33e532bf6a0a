"""symptom2specialist package."""
