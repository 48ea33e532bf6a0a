"""The guide engine: syllabus, progress, checks, prompts, generation, build and serve."""
