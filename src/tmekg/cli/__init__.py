"""The ``tmekg`` command line (typer + rich)."""

import tmekg.cli.main
import tmekg.cli.reasoning_cmd  # noqa: F401  (each module registers its commands on the app)
from tmekg.cli.common import app

__all__ = ["app"]
