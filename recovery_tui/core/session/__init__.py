"""A session as it runs: the engine, its saved state, unfinished files, coaching and cues."""
