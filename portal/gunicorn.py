"""gunicorn's settings for production: `gunicorn -c python:portal.gunicorn portal.wsgi`.

Workers, address and timeout come from the environment (WEB_CONCURRENCY, BIND, WEB_TIMEOUT). And the
responses do not name the server software: gunicorn adds `Server: gunicorn` to every response, and
has no setting to leave it out.
"""

import os

import gunicorn.http.wsgi

workers = int(os.environ.get("WEB_CONCURRENCY", "4"))
bind = os.environ.get("BIND", "127.0.0.1:8000")
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))


class Response(gunicorn.http.wsgi.Response):
    def default_headers(self):
        return [header for header in super().default_headers() if not header.startswith("Server:")]


gunicorn.http.wsgi.Response = Response
