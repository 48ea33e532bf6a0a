"""Where the guide is, and whether a listing's service is up (shared by the book's tests).

The gate itself is the project's shared rule in tests/support/services.py.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
POSTGRES = (os.environ.get("PGHOST", "127.0.0.1"), int(os.environ.get("PGPORT", "5432")))


def services_for(listing: Path) -> list[tuple[str, str, int]]:
    """The services a listing needs, from its name: `*_pg.py` needs PostgreSQL."""
    if listing.stem.endswith("_pg"):
        return [("PostgreSQL", *POSTGRES)]
    return []
