"""A kept-alive HTTP connection that times each request, and percentiles, for the load
scripts (load_site.py, load_login.py)."""

import http.client
import time


class Connection:
    def __init__(self, port):
        self.port, self.conn = port, None

    def request(self, method, path, body=None, headers=None):
        """(status, body text, Location header, seconds); a broken connection is retried
        once on a new one (gunicorn closes idle keep-alive connections)."""
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            started = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                elapsed = time.perf_counter() - started
                if response.getheader("Connection", "").lower() == "close":
                    self.close()
                return response.status, text, response.getheader("Location", ""), elapsed
            except (OSError, http.client.HTTPException) as error:
                self.close()
                if attempt == 2:
                    return type(error).__name__, "", "", time.perf_counter() - started
        raise AssertionError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000 if ordered else 0
