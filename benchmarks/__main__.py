"""``python -m benchmarks``: see ``benchmarks/runner.py`` and README.md, section "Benchmarks"."""

import sys

from .runner import main

sys.exit(main())
