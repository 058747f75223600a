"""The built book on a local web server: web fonts and scripts do not load from file://."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
from contextlib import contextmanager
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".txt", ".xml", ".map", ".inv")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _GzipHandler(_QuietHandler):
    """A static host as the book is published on one: text files sent gzip-compressed
    to a browser that asks for it (every web host does so; Python's own server does not)."""

    def send_head(self):
        path = self.translate_path(self.path)
        if (not path.endswith(COMPRESSIBLE) or not os.path.isfile(path)
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        with open(path, "rb") as source:
            body = gzip.compress(source.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, compressed: bool = False):
    """Serve ``directory`` on 127.0.0.1 and yield its base URL; ``compressed`` as a web host would."""
    handler = functools.partial(_GzipHandler if compressed else _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
