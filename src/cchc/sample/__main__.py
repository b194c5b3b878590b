"""Command line: python -m cchc.sample --out DIR."""

import sys

from .generate import main

sys.exit(main())
