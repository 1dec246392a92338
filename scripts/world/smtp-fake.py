#!/usr/bin/env python3
"""Deliberately faulty SMTP servers for the loopback test world.

No real MTA misbehaves on purpose, so these two stand in:
  broken  greets, offers STARTTLS, accepts it, then answers the TLS ClientHello with
          plain text and closes: "STARTTLS offered but broken".
  silent  accepts the TCP connection and never says a word: the greeting never comes.
Neither reads or stores anything a client might send beyond the SMTP commands.
"""
import argparse
import os
import signal
import socket
import socketserver
import time


class Broken(socketserver.StreamRequestHandler):
    timeout = 30

    def handle(self):
        self.wfile.write(b"220 mx-broken.example.test ESMTP\r\n")
        while True:
            line = self.rfile.readline(1024)
            if not line:
                return
            verb = line.strip().split(b" ")[0].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250-mx-broken.example.test\r\n250-SIZE 10240000\r\n"
                                 b"250 STARTTLS\r\n")
            elif verb == b"STARTTLS":
                self.wfile.write(b"220 2.0.0 Ready to start TLS\r\n")
                self.rfile.read1(4096)
                self.wfile.write(b"this is not TLS\r\n")
                return
            elif verb == b"QUIT":
                self.wfile.write(b"221 2.0.0 Bye\r\n")
                return
            else:
                self.wfile.write(b"502 5.5.1 not here\r\n")


class Silent(socketserver.BaseRequestHandler):
    def handle(self):
        # Hold the connection open, saying nothing, until the client gives up.
        self.request.settimeout(1)
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if not self.request.recv(1024):
                    return
            except socket.timeout:
                continue
            except OSError:
                return


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def main():
    # A test runner may have blocked signals in the thread that started us; stop must work.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, signal.valid_signals())
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["broken", "silent"])
    parser.add_argument("--address", required=True)
    parser.add_argument("--port", type=int, default=25)
    parser.add_argument("--pidfile", help="where to write this process's id once listening")
    arguments = parser.parse_args()
    handler = Broken if arguments.mode == "broken" else Silent
    with Server((arguments.address, arguments.port), handler) as server:
        if arguments.pidfile:
            with open(arguments.pidfile, "w") as pidfile:
                pidfile.write(f"{os.getpid()}\n")
        server.serve_forever()


if __name__ == "__main__":
    main()
