"""The pure core of recovery-tui: no Textual imports here."""
