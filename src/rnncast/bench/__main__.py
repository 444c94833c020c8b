"""``python -m rnncast.bench ett|ltsf ...``: ``rnncast bench ett|ltsf ...`` without the entry point."""

import sys

from rnncast.bench.cli import main

sys.exit(main())
