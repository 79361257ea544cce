"""Servers the tests start themselves: a port nothing listens on, one that accepts and never answers,
a Redis of their own, and gunicorn as production runs it (README, "Production").

The fixtures are registered for every test in tests/conftest.py.
"""

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.db import connection

from tests.portal.test_settings import BASE_DIR, FORM_DATA_KEY, GOOD_KEY
from tests.skips import needs

HOST = "127.0.0.1"


def free_port():
    """A port nothing listens on (a server that is down refuses connections there)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@pytest.fixture
def refused_port():
    return free_port()


@pytest.fixture
def silent_server():
    """A server that accepts connections and never answers: `port`, and the `connections` it accepted."""
    server = socket.create_server((HOST, 0))
    held = []

    def accept():
        while True:
            try:
                held.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    yield SimpleNamespace(port=server.getsockname()[1], connections=held)
    server.close()
    for accepted in held:
        accepted.close()


def wait_for_port(port, process, what, seconds=60, log=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what} stopped at start (exit status {process.returncode})\n{log and log()}")
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not start within {seconds} s\n{log and log()}")


# CI installs redis-server (.ci/run): there the tests must run, not be skipped.
needs_redis_server = pytest.mark.skipif(
    not os.environ.get("CI") and not shutil.which("redis-server"),
    reason=needs("Redis", "the redis-server program, e.g. apt-get install redis-server"),
)


class RedisServer:
    """A redis-server of the test's own on a free port, keeping nothing on disk; it can be stopped and
    started again on the same port (Redis going down and coming back)."""

    def __init__(self, directory):
        self.port, self.directory, self.process = free_port(), directory, None

    def url(self, database=15):
        return f"redis://{HOST}:{self.port}/{database}"

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", HOST, "--save", "", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(self.port, self.process, "redis-server", seconds=5)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def redis_server(tmp_path):
    """A running redis-server (mark the test `needs_redis_server`)."""
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


def database_url(directory):
    """The test database as a DATABASE_URL for another process: PostgreSQL's test database itself, or a
    copy of SQLite's in-memory one in `directory`. Only committed rows are there: mark the test
    `django_db(transaction=True)`."""
    connection.ensure_connection()
    database = connection.settings_dict
    if connection.vendor == "sqlite":
        path = directory / "db.sqlite3"
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    password = f":{quote(database['PASSWORD'], safe='')}" if database["PASSWORD"] else ""
    user = f"{quote(database['USER'] or '', safe='')}{password}"
    return f"postgres://{user}@{database['HOST'] or 'localhost'}:{database['PORT'] or 5432}/{database['NAME']}"


def production_environment(directory, **overrides):
    """The environment of a production process (portal.settings.production, its keys, a database in
    `directory`), with `overrides`."""
    return {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": GOOD_KEY,
            "FORM_DATA_KEY": FORM_DATA_KEY, "DATABASE_URL": f"sqlite:///{directory / 'db.sqlite3'}",
            "SECURE_SSL_REDIRECT": "false", **overrides}  # fmt: skip


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """A STATIC_ROOT that `collectstatic` filled, as production's pages need (their manifest names each file)."""
    directory = tmp_path_factory.mktemp("static")
    environment = production_environment(directory, STATIC_ROOT=str(directory))
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    result = subprocess.run(command, cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return directory


@contextmanager
def gunicorn(directory, workers=1, **environment):
    """`gunicorn -c python:portal.gunicorn portal.wsgi` under the production settings, on a free port.

    Its logs are in `directory`; `requests()` reads the access log: (worker pid, method, path, status)
    of each request, in the order they were answered."""
    port = free_port()
    environment = production_environment(directory, BIND=f"{HOST}:{port}", WEB_CONCURRENCY=str(workers), **environment)
    access, errors = directory / "gunicorn-access.log", directory / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "-c", "python:portal.gunicorn", "portal.wsgi",
               "--access-logfile", str(access), "--access-logformat", "%(p)s %(m)s %(U)s %(s)s"]  # fmt: skip
    with open(errors, "wb") as log:
        process = subprocess.Popen(command, cwd=BASE_DIR, env=environment, stdout=subprocess.DEVNULL, stderr=log)
    server = SimpleNamespace(
        port=port,
        requests=lambda: [tuple(line.split()) for line in access.read_text().splitlines()] if access.exists() else [],
        errors=lambda: errors.read_text()[-3000:],
    )
    try:
        wait_for_port(port, process, "gunicorn", log=server.errors)
        yield server
    finally:
        process.send_signal(signal.SIGINT)  # a quick shutdown (SIGTERM waits for the workers to wind down)
        process.wait(timeout=30)
