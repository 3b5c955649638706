#!/usr/bin/env python3
"""A responder program for gameday: a plain heuristic, standard library only.

    gameday run scenarios/orders-db-slow.yaml --responders 'exec:python3 examples/responder.py'

gameday writes observations to this program's standard input, one JSON message per line (the
protocol of docs/protocol.md: welcome, notice, reply, answer, clock, end), and reads exactly
one line back for each: a command, or an empty line to do nothing. The simulation waits for
every answer, so the run is the same however fast this program is.

What it does, as a new on-call might:
1. On a page: acknowledge it, declare an incident, and look at `status`.
2. Start from the service failing the most requests and follow its dependencies (`deps`) down
   to the unhealthy one (failing over 5 % of calls, or a p99 over a second) whose own
   dependencies are healthy: the suspect, named with `diagnose`. Look at `deploys`, then act on
   the suspect: roll back a service that was deployed, otherwise fail it over, otherwise
   restart it (the next is tried when one is refused).
3. Look at `status` every two minutes; once no service fails more than 1 % of requests, say
   `mitigated`, post an update and `resolve`.
"""
import json
import re
import sys


class Responder:
    def __init__(self):
        self.state = "waiting"  # waiting, looking, acting, watching, done
        self.suspect = None
        self.tries = []  # actions left to try on the suspect
        self.deployed = set()
        self.next_look = None  # seconds of simulated time

    def answer(self, m):
        kind = m["type"]
        if kind == "notice" and m["kind"] == "page" and self.state == "waiting":
            self.state = "paged"
            return "ack all"
        if kind == "reply" and m["line"] == "ack all":
            return "declare sev2"
        if kind == "reply" and m["line"] == "declare sev2":
            self.state = "looking"
            return "status"
        if kind == "answer" and m["text"].startswith("at ") and "service " in m["text"]:
            return self.read_status(m["text"])
        if kind == "answer" and self.state == "following":
            return self.read_deps(m["text"])
        if kind == "reply" and self.state == "diagnosed":
            self.state = "deploys"
            return "deploys"
        if kind == "answer" and self.state == "deploys":
            self.deployed = set(re.findall(r"^\S+\s+(\S+)", m["text"], re.M))
            self.tries = (["rollback"] if self.suspect in self.deployed else []) + \
                ["failover", "restart"]
            self.state = "acting"
            return self.tries.pop(0) + " " + self.suspect
        if kind == "reply" and self.state == "acting" and not m["accepted"]:
            if self.tries:
                return self.tries.pop(0) + " " + self.suspect
            self.state = "watching"
        if kind == "reply" and self.state == "acting" and m["accepted"]:
            self.state = "watching"
            self.next_look = seconds(m["t"]) + 120
        if kind == "clock" and self.state == "watching" and seconds(m["t"]) >= self.next_look:
            self.next_look = seconds(m["t"]) + 120
            return "status"
        if kind == "reply" and m["line"] == "mitigated":
            return "update the service is working again"
        if kind == "reply" and m["line"].startswith("update "):
            self.state = "done"
            return "resolve"
        return ""

    def read_status(self, text):
        rows = []
        for line in text.splitlines()[2:]:
            cells = line.split()
            if len(cells) < 6:
                continue
            name, errors, p99 = cells[0], float(cells[3].rstrip("%")), milliseconds(cells[4])
            rows.append((name, errors, p99))
        if self.state == "looking":
            self.suspect = max(rows, key=lambda r: (r[1], r[2] if r[2] != float("inf") else 0))[0]
            self.state = "following"
            return "deps " + self.suspect
        if self.state == "watching" and all(errors < 1.0 for _, errors, _ in rows):
            self.state = "mitigated"
            return "mitigated"
        return ""


    def read_deps(self, text):
        unhealthy = []
        for line in text.splitlines()[1:]:
            cells = line.split()
            if len(cells) < 4 or "->" not in cells[0]:
                continue
            failed, p99 = float(cells[2].rstrip("%")), milliseconds(cells[3])
            if failed > 5 or p99 > 1000:
                unhealthy.append((failed, p99 if p99 != float("inf") else 0, cells[0].split("->")[1]))
        if unhealthy:
            self.suspect = max(unhealthy)[2]
            return "deps " + self.suspect
        self.state = "diagnosed"
        return "diagnose " + self.suspect


def seconds(clock):
    """'14m30s' -> 870."""
    total = 0
    for number, unit in re.findall(r"(\d+)([hms])", clock):
        total += int(number) * {"h": 3600, "m": 60, "s": 1}[unit]
    return total


def milliseconds(text):
    """'4547ms', '1.4ms', '2s', '-' (no successful request: the slowest there is)."""
    if text == "-":
        return float("inf")
    match = re.match(r"([\d.]+)(ms|s)$", text)
    if not match:
        return 0.0
    return float(match.group(1)) * (1000 if match.group(2) == "s" else 1)


def main():
    responder = Responder()
    for line in sys.stdin:
        message = json.loads(line)
        if message["type"] == "end":
            return
        print(responder.answer(message), flush=True)


if __name__ == "__main__":
    main()
