"""recovery-tui: a terminal coach for post-marathon calf and ankle recovery."""

__version__ = "0.1.0"
