#!/usr/bin/env python3
"""A test web server for the external-link rule, on 127.0.0.1 only.

Prints its port on the first line of standard output, then serves until
killed.  Every host name the tests use (a.test, b.test, ...) is mapped to
it with sitelint's --resolve.  It counts requests per host and path and
records the most requests it ever served at once per host; GET /__stats
returns both as JSON (and is not counted).  Standard library only.
"""
import json
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
counts = {}        # "host /path" -> requests
active = {}        # host -> requests being served now
most = {}          # host -> the most at once
auth = {}          # host -> Authorization headers seen
first = {}         # "host /path" -> served once already (stateful routes)

REDIRECTS = {
    "/r301": (301, "/ok"), "/r302": (302, "/ok"),
    "/r307": (307, "/ok"), "/r308": (308, "/ok"),
    "/chain": (301, "/chain2"), "/chain2": (308, "/chain3"),
    "/chain3": (302, "/ok"),
    "/loop1": (302, "/loop2"), "/loop2": (302, "/loop1"),
    "/tofile": (302, "file:///etc/passwd"),
    # A server that would write markup into the page --fix edits.
    "/evil301": (301, "/ok/x)<script>alert('1')</script>&copy=1 \"y"),
}

PAGE = (b"<!doctype html><html><body><h1 id=\"present\">Here</h1>"
        b"<a name='named'></a><p>text</p></body></html>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def host(self):
        return (self.headers.get("Host") or "").split(":")[0]

    def send(self, code, body=b"", headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_HEAD(self):
        self.handle_any()

    def do_GET(self):
        self.handle_any()

    def handle_any(self):
        path = self.path.split("?")[0]
        if path == "/__stats":
            with lock:
                body = json.dumps({"counts": counts, "most": most,
                                   "auth": auth}).encode()
            self.send(200, body, [("Content-Type", "application/json")])
            return
        host = self.host()
        key = host + " " + path
        with lock:
            counts[key] = counts.get(key, 0) + 1
            active[host] = active.get(host, 0) + 1
            most[host] = max(most.get(host, 0), active[host])
            seen_before = first.get(key, False)
            first[key] = True
            for h in ("Authorization", "X-Secret"):
                if self.headers.get(h):
                    auth.setdefault(host, []).append(self.headers.get(h))
        try:
            self.route(path, host, seen_before)
        finally:
            with lock:
                active[host] -= 1

    def route(self, path, host, seen_before):
        if path in ("/ok", "/ok2") or path.startswith("/ok/"):
            self.send(200, b"ok\n")
        elif path.startswith("/d/"):            # 50 ms, for limits and bench
            time.sleep(0.05)
            self.send(200, b"ok\n")
        elif path in ("/page", "/big-page"):
            self.send(200, PAGE, [("Content-Type", "text/html")])
        elif path.startswith("/404"):
            self.send(404, b"not found\n")
        elif path.startswith("/410"):
            self.send(410, b"gone\n")
        elif path in REDIRECTS:
            code, to = REDIRECTS[path]
            self.send(code, b"", [("Location", to)])
        elif path == "/tohost":
            port = self.server.server_address[1]
            self.send(302, b"", [("Location",
                                  "http://other.test:%d/auth" % port)])
        elif path == "/touserinfo":              # a.test to the eye only
            port = self.server.server_address[1]
            self.send(302, b"", [("Location",
                                  "http://a.test:%d@other.test:%d/auth"
                                  % (port, port))])
        elif path == "/auth":
            self.send(200, b"ok\n")
        elif path == "/headlies":                # HEAD says fine, GET 404
            self.send(200 if self.command == "HEAD" else 404, b"gone\n")
        elif path == "/head405":
            if self.command == "HEAD":
                self.send(405)
            else:
                self.send(200, b"ok\n")
        elif path == "/busy":                    # 429 once, then fine
            if seen_before:
                self.send(200, b"ok\n")
            else:
                self.send(429, b"", [("Retry-After", "1")])
        elif path == "/flaky":                   # 500 once, then fine
            self.send(200 if seen_before else 500, b"x\n")
        elif path == "/down":
            self.send(503, b"down\n")
        elif path == "/slow":
            time.sleep(3)
            self.send(200, b"late\n")
        elif path == "/reset":
            self.close_connection = True
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
        elif path == "/big":                     # HEAD refused; GET huge
            if self.command == "HEAD":
                self.send(405)
                return
            size = 200 * 1024 * 1024
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(size))
            self.end_headers()
            chunk = b"<p>" + b"x" * 65530 + b"</p>"
            try:
                sent = 0
                while sent < size:
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            self.close_connection = True
        else:
            self.send(404, b"no such route\n")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


def main():
    srv = Server(("127.0.0.1", 0), Handler)
    print(srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
