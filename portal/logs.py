"""Logging for parts that fail many times a second when they fail at all (the cache, the search server)."""

import logging
import threading
import time


class OncePerMinute(logging.Filter):
    """Lets one record of a logger through per minute (per process), and says how many it held back."""

    seconds = 60

    def __init__(self, name=""):
        super().__init__(name)
        self.lock = threading.Lock()
        self.last = None
        self.held = 0

    def filter(self, record):
        with self.lock:
            now = time.monotonic()
            if self.last is not None and now - self.last < self.seconds:
                self.held += 1
                return False
            if self.held:
                record.msg = f"{record.msg} ({self.held} more like it in the last minute not logged)"
            self.last, self.held = now, 0
            return True
