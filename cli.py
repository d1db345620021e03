"""Run redcard from a source checkout: `python cli.py build` (same as the `redcard` command)."""

from redcard.cli import main

if __name__ == "__main__":
    main()
