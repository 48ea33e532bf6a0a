"""Reviewed domain data (YAML) and the code that loads and cross-checks it.

`corpus/` holds the labelled training utterances; it is written and reviewed separately.
"""

from pathlib import Path

KNOWLEDGE_DIR = Path(__file__).resolve().parent
CORPUS_DIR = KNOWLEDGE_DIR / "corpus"
