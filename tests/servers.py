"""Servers the tests start themselves: a port nothing listens on, one that accepts and never answers,
and a Redis of their own.

The fixtures are registered for every test in tests/conftest.py.
"""

import os
import shutil
import socket
import subprocess
import threading
import time
from types import SimpleNamespace

import pytest

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


def wait_for_port(port, process, what, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{what} stopped at start (exit status {process.returncode})")
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"{what} did not start within {seconds} s")


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
