#!/usr/bin/env python3
"""The browser console of a hosted game, in a real browser (Debian's chromium, headless, driven
through chromium-driver by python3-selenium), next to a terminal console (`gameday join`) and
the facilitator's. Checks: a request without a valid token gets 403; a player joins from the
page; what they type reaches the terminal and the record, shown as text however it looks like
markup; the terminal's lines and the pages reach the page; Tab completes; a comms update shows
on the status page; a dropped connection reconnects to its seat with the channel's history; the
end of the game reaches everyone.

usage: browser_test.py GAMEDAY
"""
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

SCENARIO = """
scenario: slow-db
seed: 3
duration: 10m
start_at: "09:48"
services:
  - name: web
    replicas: 2
    workers: 32
    service_time: 2ms
    calls: [ { to: db, timeout: 200ms } ]
  - { name: db, replicas: 2, workers: 8, queue: 50, service_time: 5ms }
traffic:
  - { name: users, to: web, rate: 50/s }
alerts:
  - { name: WebErrors, severity: page, service: web, metric: error_ratio, window: 30s, above: 5% }
faults:
  - { name: db-down, kind: crash, target: db, at: 20s }
"""

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def wait_for(predicate, what, seconds=20):
    until = time.time() + seconds
    while time.time() < until:
        if predicate():
            return True
        time.sleep(0.1)
    check(False, what)
    return False


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def main():
    children = []
    try:
        return play(sys.argv[1], children)
    finally:
        for p in children:
            if p.poll() is None:
                p.kill()


def play(gameday, children):
    work = pathlib.Path(tempfile.mkdtemp(prefix="gameday-browser-"))
    (work / "s.yaml").write_text(SCENARIO)
    host_out = open(work / "host.out", "w")
    host = subprocess.Popen([gameday, "host", "s.yaml", "--listen", "127.0.0.1:0", "--no-console",
                             "--paused", "--speed", "30", "--viewer", "off", "--out", "g"],
                            cwd=work, stdout=host_out, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    children.append(host)
    def links():
        text = (work / "host.out").read_text()
        return dict(line.split(": ", 1) for line in text.splitlines()
                    if line.startswith(("players: ", "facilitator: ")))
    if not wait_for(lambda: len(links()) == 2, "the host printed its links"):
        print((work / "host.out").read_text(), file=sys.stderr)
        return 1
    players, facilitator = links()["players"], links()["facilitator"]
    base = players.split("/?")[0]
    check(status_of(base + "/") == 403, "GET / without a token is 403")
    check(status_of(base + "/?token=" + "0" * 32) == 403, "GET / with a wrong token is 403")

    bob = subprocess.Popen([gameday, "join", players, "--name", "bob", "--role", "ops"], cwd=work,
                           stdin=subprocess.PIPE, stdout=open(work / "bob.out", "w"),
                           stderr=subprocess.STDOUT, text=True)
    boss = subprocess.Popen([gameday, "join", facilitator, "--name", "fay"], cwd=work,
                            stdin=subprocess.PIPE, stdout=open(work / "fay.out", "w"),
                            stderr=subprocess.STDOUT, text=True)
    children += [bob, boss]

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                              options=options)
    try:
        driver.get(players)
        driver.find_element(By.ID, "name").send_keys("carol")
        Select(driver.find_element(By.ID, "role")).select_by_value("comms")
        driver.find_element(By.ID, "enter").click()
        wait_for(lambda: driver.find_element(By.ID, "game").is_displayed(), "the page joined")
        check("carol, communications" in driver.find_element(By.ID, "me").text,
              "the page says who the player is")
        command = driver.find_element(By.ID, "command")
        hostile = "say <script>window.owned=1</script><b>hi</b>"
        command.send_keys(hostile + Keys.ENTER)
        channel = driver.find_element(By.ID, "channel")
        wait_for(lambda: "<script>window.owned=1</script><b>hi</b>" in channel.text,
                 "the channel shows what carol typed, as text")
        check(not driver.execute_script("return window.owned === 1"), "no markup of hers ran")
        check(not channel.find_elements(By.TAG_NAME, "b"), "no element of hers was made")
        # Both clocks on every line: the scenario's time of day (start_at 09:48) and the run's.
        check(re.search(r"\[09:\d\d:\d\d \+[0-9hms]+\] carol \(communications\): say <script>",
                        channel.text), "the channel shows the time of day there\n" + channel.text)
        command.send_keys("update investigating slow pages" + Keys.ENTER)
        wait_for(lambda: "investigating slow pages" in driver.find_element(By.ID, "status").text,
                 "a comms update shows on the status page")
        # A dropped connection: the page reconnects to the same seat and gets the channel's
        # history, including what was said while it was away.
        driver.execute_script("socket.close()")
        answers = driver.find_element(By.ID, "answers")
        wait_for(lambda: "disconnected; reconnecting" in answers.text, "the page says it dropped")
        bob.stdin.write("say while carol was away\n")
        bob.stdin.flush()
        wait_for(lambda: "bob (operations): say while carol was away" in channel.text,
                 "after reconnecting, the page has what was said while it was away")
        check(channel.text.count("window.owned=1") == 1, "the history is shown once, not twice")
        check("investigating slow pages" in driver.find_element(By.ID, "status").text,
              "the status page is rebuilt from the history")
        check("carol, communications" in driver.find_element(By.ID, "me").text,
              "the page got its seat back")
        command.send_keys("resta" + Keys.TAB)
        wait_for(lambda: command.get_attribute("value") == "restart ", "Tab completes 'restart'")
        command.clear()
        command.send_keys("restart web" + Keys.ENTER)
        wait_for(lambda: "that is for incident commander or operations" in answers.text,
                 "comms cannot act while ops is seated")

        bob.stdin.write("say from the terminal\n")
        bob.stdin.flush()
        wait_for(lambda: "bob (operations): say from the terminal" in channel.text,
                 "the terminal's line reaches the page")
        boss.stdin.write("!resume\n")
        boss.stdin.flush()
        wait_for(lambda: "WebErrors" in driver.find_element(By.ID, "firing").text,
                 "the page shows the alert firing", seconds=40)
        boss.stdin.write("!end\n")
        boss.stdin.flush()
        wait_for(lambda: "the game is over" in channel.text, "the end reaches the page")
    finally:
        driver.quit()
    for p in (bob, boss):
        p.stdin.close()
    for p in (bob, boss, host):
        try:
            p.wait(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            check(False, f"{p.args[1]} did not end")
    bob_out = (work / "bob.out").read_text()
    check("carol (communications): say <script>window.owned=1</script><b>hi</b>" in bob_out,
          "the browser's line reaches the terminal")
    record = (work / "g" / "events.jsonl").read_text()
    check('"responder":"carol","role":"communications","text":"update investigating slow pages"'
          in record, "the record credits carol's update")
    check(host.returncode == 0, "the host ended well: " + (work / "host.out").read_text()[-800:])
    if failures:
        print("\n".join(["browser_test: %d failed:" % len(failures)] + failures), file=sys.stderr)
        print("bob:\n" + bob_out[-1500:], file=sys.stderr)
        return 1
    print("browser_test: ok")
    subprocess.run(["rm", "-rf", str(work)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
