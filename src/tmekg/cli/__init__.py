"""The ``tmekg`` command line (typer + rich)."""

from tmekg.cli.main import app

__all__ = ["app"]
