"""Questions the app asks through dialogs: before a session, at start-up, on quitting."""
