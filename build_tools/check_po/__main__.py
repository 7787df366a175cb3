"""Entry point for ``python -m build_tools.check_po``."""

from __future__ import annotations

from .cli import main

raise SystemExit(main())
