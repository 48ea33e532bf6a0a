"""neetprepgpt package."""
