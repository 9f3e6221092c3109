"""The speed and memory benchmarks behind docs/performance.md: `make bench`.

Every figure is a ratio against a yardstick measured in the same run (a bare Textual
app, the same command on a tiny log, a deadline), so the table means the same on a
fast or a slow machine. `python -m bench --quick` proves each figure still runs.
"""
