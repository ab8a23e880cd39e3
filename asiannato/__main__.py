"""Run as ``python -m asiannato``."""

from asiannato.entry import main

if __name__ == "__main__":
    main()
