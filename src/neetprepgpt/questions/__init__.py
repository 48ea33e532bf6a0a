"""The question bank: single-correct MCQs tagged by subject, chapter and difficulty."""
