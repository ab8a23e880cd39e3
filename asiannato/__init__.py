"""asiannato: an offline briefing on the debate over an "Asian NATO".

This module imports nothing, so that ``asiannato --help`` and shell completion stay fast.
"""

__version__ = "0.1.0"
