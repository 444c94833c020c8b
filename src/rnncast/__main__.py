import sys

try:
    from rnncast.cli import main
except KeyboardInterrupt:  # a Ctrl-C in the first moments, while the command's own module is imported
    print("rnncast: interrupted", file=sys.stderr)
    sys.exit(130)

sys.exit(main())
