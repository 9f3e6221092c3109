"""Modal dialogs: typed results, dismissed with a value."""
