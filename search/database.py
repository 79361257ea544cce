"""The site's database search backend: Wagtail's for the database in use, with the SQLite one
replaced by search/sqlite.py, whose queries stay fast on a large site."""

from modelsearch.backends import database


def SearchBackend(params):  # noqa: N802 (Wagtail looks the backend up by this name)
    backend = database.SearchBackend(params)
    if backend.__class__.__name__ == "SQLiteSearchBackend":
        from .sqlite import SQLiteSearchBackend

        return SQLiteSearchBackend(params)
    return backend
