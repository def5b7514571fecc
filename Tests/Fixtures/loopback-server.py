#!/usr/bin/env python3
"""A web server on 127.0.0.1 for the URL-input tests: prints its port, then serves until killed.

/page (an op-ed), /redirect (302 to /page), /loop (302 to itself), /slow (answers after 120 s),
/big and /big-chunked (3 MB, with and without Content-Length), /missing (404), /pdf (not HTML),
/ua (403 unless the User-Agent names stance).
"""
import http.server
import sys
import time

PAGE = ("<html><head><title>Come home</title></head><body><article><h1>Come home</h1>"
        "<p>Washington should bring the troops home from the region this year and let the local "
        "powers balance one another, as they did for centuries before we arrived.</p>"
        "<p>Every year we stay, the bill grows and the mission drifts further from anything that "
        "keeps Americans safe; restraint is not retreat, it is the end of an open-ended war.</p>"
        "</article></body></html>").encode()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, kind="text/html; charset=utf-8", length=True, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in headers:
            self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        try:
            for start in range(0, len(body), 65536):
                self.wfile.write(body[start:start + 65536])
        except (BrokenPipeError, ConnectionResetError):
            pass
        if not length:
            self.close_connection = True

    def do_GET(self):
        path = self.path.split("?")[0]
        if path == "/page":
            self.send(200, PAGE)
        elif path == "/redirect":
            self.send(302, b"", headers=[("Location", "/page")])
        elif path == "/loop":
            self.send(302, b"", headers=[("Location", "/loop")])
        elif path == "/slow":
            time.sleep(120)
            self.send(200, PAGE)
        elif path == "/big":
            self.send(200, b"<p>" + b"x" * (3 << 20) + b"</p>")
        elif path == "/big-chunked":
            self.send(200, b"<p>" + b"x" * (3 << 20) + b"</p>", length=False)
        elif path == "/pdf":
            self.send(200, b"%PDF-1.4", kind="application/pdf")
        elif path == "/ua":
            agent = self.headers.get("User-Agent", "")
            self.send(200 if agent.startswith("stance/") else 403, PAGE)
        else:
            self.send(404, b"<html>not here</html>")


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
