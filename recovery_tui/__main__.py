"""`python -m recovery_tui`."""

from .cli import main

raise SystemExit(main())
