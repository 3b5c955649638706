#!/usr/bin/python3
"""A game's pages reach a real Alertmanager: Debian's prometheus-alertmanager, started on
loopback by this test, routes to a webhook receiver the test runs; `gameday play --alertmanager`
posts the game's alerts; the receiver gets them firing, with gameday's labels and summary, and
then resolved when the game ends. An Alertmanager that does not answer stops the game before it
starts (exit 3, no run folder); a URL that is not http:// is a usage error (2).

usage: alertmanager_test.py GAMEDAY SOURCE_DIR
"""
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from local_services import check, free_port


class Receiver(http.server.BaseHTTPRequestHandler):
    notifications = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.notifications.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def main():
    gameday, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        webhook = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
        threading.Thread(target=webhook.serve_forever, daemon=True).start()
        config = os.path.join(work, "alertmanager.yml")
        with open(config, "w") as f:
            f.write("route:\n  receiver: game\n  group_by: [alertname]\n  group_wait: 1s\n"
                    "  group_interval: 1s\n  repeat_interval: 1h\n"
                    "receivers:\n  - name: game\n    webhook_configs:\n"
                    f"      - url: http://127.0.0.1:{webhook.server_port}/\n"
                    "        send_resolved: true\n")
        port = free_port()
        am = subprocess.Popen(
            ["prometheus-alertmanager", "--config.file=" + config,
             "--storage.path=" + os.path.join(work, "am"),
             "--web.listen-address=127.0.0.1:%d" % port, "--cluster.listen-address="],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/-/ready", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            # cache-stampede's burn-rate pages fire at 11m; at x100 that is 7 s in. The game is
            # paced while its console's pipe is open: wait for a page to be delivered firing,
            # then end the input, so the game runs on to its end and resolves what still fires.
            run = os.path.join(work, "run")
            game = subprocess.Popen(
                [gameday, "play", os.path.join(source, "scenarios", "cache-stampede.yaml"),
                 "--speed", "100", "--duration", "14m", "--viewer", "off", "--out", run,
                 "--alertmanager", f"http://127.0.0.1:{port}"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            fired = {}

            def collect():
                for n in Receiver.notifications:
                    for a in n["alerts"]:
                        fired.setdefault(a["labels"]["alertname"], set()).add(a["status"])

            for _ in range(1200):  # 2 minutes: a sanitizer build is slower than x100
                collect()
                if any("firing" in s for s in fired.values()):
                    break
                time.sleep(0.1)
            _, err = game.communicate(input="", timeout=180)
            check(game.returncode == 0, f"play exited {game.returncode}: {err}")
            check("--alertmanager" not in err, err)
            check(any("firing" in s for s in fired.values()), f"nothing delivered firing: {fired}")
            for _ in range(100):
                collect()
                if any("resolved" in s for s in fired.values()):
                    break
                time.sleep(0.1)
            check(fired, "the webhook received no alert")
            alert = next(a for n in Receiver.notifications for a in n["alerts"]
                         if a["labels"]["alertname"] == "BootErrorBudgetBurn")
            labels = alert["labels"]
            check(labels.get("severity") == "page" and labels.get("scenario") == "cache-stampede"
                  and labels.get("slo"), f"labels: {labels}")
            check(alert["annotations"].get("summary"), "no summary")
            check(any("resolved" in s for s in fired.values()),
                  f"nothing was sent resolved at the game's end: {fired}")
            print(f"Alertmanager delivered {sorted(fired)} to the webhook "
                  f"({len(Receiver.notifications)} notifications)")
        finally:
            am.terminate()
            am.wait(timeout=20)

        # Nobody listening: the game does not start.
        dead = free_port()
        out = os.path.join(work, "never")
        r = subprocess.run([gameday, "play", "--alertmanager", f"http://127.0.0.1:{dead}",
                            "--viewer", "off", "--out", out], input="", capture_output=True,
                           text=True, timeout=60)
        check(r.returncode == 3 and "--alertmanager: no answer" in r.stderr,
              f"{r.returncode}: {r.stderr}")
        check(not os.path.exists(out), "a run folder was left behind")
        bad = subprocess.run([gameday, "play", "--alertmanager", "ftp://x", "--out", out],
                             input="", capture_output=True, text=True, timeout=60)
        check(bad.returncode == 2 and "expected http://" in bad.stderr, bad.stderr)


if __name__ == "__main__":
    main()
