"""PyInstaller entry script for the bundled sidecar (a package's __main__ cannot be one)."""

import sys

from samsara_sidecar.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
