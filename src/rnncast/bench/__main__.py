"""``python -m rnncast.bench ett ...``: ``rnncast bench ett ...`` without the entry point."""

import sys

from rnncast.bench.cli import main

sys.exit(main())
