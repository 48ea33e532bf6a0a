"""The question bank as files: chapters and questions in YAML, validated, then seeded."""
