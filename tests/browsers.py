"""Headless Chromium for tests: Debian's /usr/bin/chromium driven by Playwright (never a
downloaded browser), with the flags this closed network needs."""

from __future__ import annotations

import contextlib

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
LOCAL = ("http://127.0.0.1", "data:", "blob:")


@contextlib.contextmanager
def chromium():
    """A browser for one module. Module scope at most: while Playwright's sync API is open it
    runs an event loop in this thread, which tests calling asyncio.run cannot share."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def record_outside_requests(page) -> None:
    """page.outside_requests lists every request that leaves this machine (there must be none)."""
    page.outside_requests = []
    page.on("request", lambda r: page.outside_requests.append(r.url) if not r.url.startswith(LOCAL) else None)


@contextlib.contextmanager
def serve_folder(folder, not_found=None):
    """A quiet static HTTP server for ``folder`` on a free loopback port; yields its base URL.
    ``not_found``: a page sent, with status 404, for any missing path (as GitHub Pages sends a
    site's 404.html)."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):  # keep test output clean
            pass

        def send_error(self, code, message=None, explain=None):
            if code != 404 or not_found is None:
                super().send_error(code, message, explain)
                return
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
