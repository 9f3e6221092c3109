"""What the log says: the today line, the recovery window, trends, the report, exports."""
