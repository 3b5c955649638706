"""What the tests that start real services on loopback (Prometheus, Alertmanager) share."""
import socket
import sys


def free_port():
    """A port nothing listens on now, for a service the test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check(condition, message):
    if not condition:
        sys.exit("FAILED: " + message)
