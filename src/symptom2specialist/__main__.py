"""`python -m symptom2specialist train|evaluate|redflags|migrate|purge`."""

import sys

from symptom2specialist.cli import main

if __name__ == "__main__":
    sys.exit(main())
