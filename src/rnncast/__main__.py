import sys

from rnncast.cli import main

sys.exit(main())
