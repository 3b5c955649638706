#!/usr/bin/python3
"""A live game's /metrics, scraped by real tools: `gameday play --metrics 127.0.0.1:0` serves the
game's series while it runs; promtool check metrics passes on a scrape; only the facilitator's
token sees the ground truth; a missing or wrong token gets 403; OpenMetrics is served to a
scraper that asks for it; and a real Prometheus (Debian's), scraping with the token as its
config says, stores the series.

usage: prometheus_live.py GAMEDAY SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from local_services import check, free_port


def get(url, headers=None):
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, "", ""
    except urllib.error.URLError:  # not listening yet
        return 0, "", ""


def main():
    gameday, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        game = subprocess.Popen(
            [gameday, "play", os.path.join(source, "scenarios", "memory-leak.yaml"), "--speed",
             "20", "--duration", "10m", "--metrics", "127.0.0.1:0", "--viewer", "off", "--out",
             os.path.join(work, "run")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            links = {}
            while len(links) < 2:
                line = game.stdout.readline()
                check(line, "the game ended before printing its metrics links")
                if line.startswith("metrics: "):
                    links["players"] = line.split()[-1]
                elif line.startswith("metrics with the ground truth"):
                    links["facilitator"] = line.split()[-1]
            player, facilitator = links["players"], links["facilitator"]
            base = player.split("?")[0]
            token = urllib.parse.parse_qs(urllib.parse.urlparse(player).query)["token"][0]

            # Wait for a few samples to be in.
            body = ""
            for _ in range(100):
                status, ctype, body = get(player)
                if "gameday_service_requests_total" in body:
                    break
                time.sleep(0.1)
            check(status == 200 and "text/plain; version=0.0.4" in ctype,
                  f"player scrape: {status} {ctype}")
            check("gameday_service_requests_total{service=\"api\"}" in body, body[:500])
            check("gameday_fault_active" not in body, "the players' scrape shows the ground truth")
            lint = subprocess.run(["promtool", "check", "metrics"], input=body, text=True,
                                  capture_output=True)
            check(lint.returncode == 0, "promtool check metrics: " + lint.stdout + lint.stderr)

            status, _, truth = get(facilitator)
            check(status == 200 and "gameday_fault_active{fault=\"api-release-leak\"" in truth,
                  "the facilitator's scrape lacks the ground truth")
            check(get(base)[0] == 403, "no token must be refused")
            check(get(base + "?token=" + "0" * 32)[0] == 403, "a wrong token must be refused")
            status, ctype, om = get(base, {"Authorization": "Bearer " + token,
                                           "Accept": "application/openmetrics-text;version=1.0.0"})
            check(status == 200 and ctype.startswith("application/openmetrics-text"), ctype)
            check(om.endswith("# EOF\n") and "# TYPE gameday_service_requests counter" in om,
                  om[-200:])

            # A real Prometheus scrapes it, with the token as a URL parameter.
            port = free_port()
            target = urllib.parse.urlparse(base).netloc
            config = os.path.join(work, "prometheus.yml")
            with open(config, "w") as f:
                f.write("global: {scrape_interval: 1s}\n"
                        "scrape_configs:\n"
                        "  - job_name: gameday\n"
                        f"    params: {{token: ['{token}']}}\n"
                        f"    static_configs: [{{targets: ['{target}']}}]\n")
            prom = subprocess.Popen(
                ["prometheus", "--config.file=" + config, "--storage.tsdb.path=" +
                 os.path.join(work, "tsdb"), "--web.listen-address=127.0.0.1:%d" % port],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                value = None
                query = urllib.parse.quote('gameday_service_requests_total{service="api"}')
                for _ in range(150):
                    status, _, answer = get(f"http://127.0.0.1:{port}/api/v1/query?query={query}")
                    if status == 200:
                        result = json.loads(answer)["data"]["result"]
                        if result and float(result[0]["value"][1]) > 0:
                            value = float(result[0]["value"][1])
                            break
                    time.sleep(0.2)
                check(value is not None, "Prometheus never stored a scraped series")
                print(f"Prometheus scraped the game: api requests so far {value:.0f}")
            finally:
                prom.terminate()
                prom.wait(timeout=20)
        finally:
            out, err = game.communicate(input="", timeout=120)
        check(game.returncode == 0, f"the game exited {game.returncode}: {err}")
        print("live /metrics: promtool check metrics passes, tokens and formats as documented")


if __name__ == "__main__":
    main()
