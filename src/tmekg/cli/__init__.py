"""The ``tmekg`` command line (typer + rich)."""

from tmekg.cli import main, reasoning_cmd  # noqa: F401  (modules register their commands on the app)
from tmekg.cli.common import app

__all__ = ["app"]
