"""Run as ``python -m asiannato``."""

from asiannato.cli import main

if __name__ == "__main__":
    main()
