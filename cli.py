from tmekg.cli import app

app()
