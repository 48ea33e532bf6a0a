"""A tokenizer-free estimate of how many tokens a text costs."""

from __future__ import annotations

import math


def estimate_tokens(text: str) -> int:
    """The larger of two rules of thumb: about 4 characters or 0.75 words per token.

    Real tokenizers differ by model; the larger estimate keeps a prompt under its budget.
    """
    by_chars = len(text) / 4
    by_words = len(text.split()) * 4 / 3
    return math.ceil(max(by_chars, by_words))


def last_words(text: str, count: int) -> str:
    """The last `count` whitespace-separated words of the text, lines kept where possible."""
    if count <= 0:
        return ""
    lines = text.rstrip().splitlines()
    kept: list[str] = []
    total = 0
    for line in reversed(lines):
        words = line.split()
        if total + len(words) > count:
            remaining = count - total
            if remaining > 0:
                kept.append(" ".join(words[-remaining:]))
            break
        kept.append(line)
        total += len(words)
    return "\n".join(reversed(kept))
