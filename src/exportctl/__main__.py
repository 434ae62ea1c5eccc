"""``python -m exportctl``: the same command line as ``exportctl``."""

from exportctl.cli import main

main()
