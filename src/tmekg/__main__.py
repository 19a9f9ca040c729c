"""``python -m tmekg``: the same command line as the ``tmekg`` script."""

from tmekg.cli import app

app(prog_name="tmekg")
