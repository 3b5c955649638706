#!/usr/bin/env python3
"""Replays the fuzz regression corpus (tests/fuzz/regressions/TARGET/*: every input that ever
crashed gameday or broke a fuzz target's invariant) through the real command line, as people
would meet those inputs: scenarios through `check`, `run`, `score` and `postmortem`; records and
record headers through `score`, `postmortem`, `compare`, `render` and `replay --follow`; command
lines and responder scripts in a run of the fuzz fixture; notes through `postmortem --notes`;
any text through `lint`. Each command must end with one of its documented exit codes
(docs/cli.md), within a timeout, without "internal error", and say why when it refuses. With an
X display (run under xvfb-run), `render` and `replay --follow` are included; without one they
are skipped.

usage: replay_regressions.py GAMEDAY FUZZ_DIR
"""
import os
import pathlib
import subprocess
import sys
import tempfile
import time

TIMEOUT = 30  # seconds per command: far above any of them; reaching it is a hang
FOLLOW_FOR = 2.0  # seconds a live view runs before it is closed


class Replay:
    def __init__(self, gameday, work):
        self.gameday = gameday
        self.work = work
        self.display = bool(os.environ.get("DISPLAY"))
        self.failures = []
        self.commands = 0
        self.followers = []
        self.serial = 0

    def scratch(self, stem):
        self.serial += 1
        return self.work / f"{stem}-{self.serial}"

    def describe(self, args, what):
        return f"{what}: gameday {' '.join(map(str, args))}"

    def call(self, args, allowed, what):
        """Runs gameday with args; returns its exit code, or None when it failed the checks."""
        self.commands += 1
        try:
            p = subprocess.run([self.gameday, *map(str, args)], capture_output=True,
                               timeout=TIMEOUT, stdin=subprocess.DEVNULL, cwd=self.work)
        except subprocess.TimeoutExpired:
            self.failures.append(f"{self.describe(args, what)}\n  hung: no exit in {TIMEOUT} s")
            return None
        return self.judge(args, what, p.returncode, p.stdout + p.stderr, allowed)

    def judge(self, args, what, code, output, allowed):
        text = output.decode("utf-8", "replace")
        problem = None
        if code < 0 or code >= 128:
            problem = f"crashed: exit {code}"
        elif "internal error" in text:
            problem = f"internal error (exit {code})"
        elif code not in allowed:
            problem = f"exit {code}, expected one of {sorted(allowed)}"
        elif code != 0 and code != 1 and not text.strip():
            problem = f"exit {code} without a message"
        if problem:
            tail = "\n".join("    " + l for l in text.strip().splitlines()[-8:])
            self.failures.append(f"{self.describe(args, what)}\n  {problem}\n{tail}")
            return None
        return code

    # What each target's inputs go through.

    def slo_import(self, path):
        """check on a scenario that imports the input as its SLO file."""
        folder = self.scratch("import")
        folder.mkdir()
        (folder / "slos.yaml").write_bytes(path.read_bytes())
        (folder / "scenario.yaml").write_text(
            "scenario: importing\nservices:\n"
            "  - { name: storefront, calls: [{ to: checkout, timeout: 1s }] }\n"
            "  - { name: checkout }\n"
            "traffic:\n  - { name: shoppers, to: storefront, rate: 50/s }\n"
            "slos:\n  - import: slos.yaml\n", encoding="utf-8")
        self.call(["check", folder / "scenario.yaml"], {0, 2}, path)

    def scenario(self, path):
        checked = self.call(["check", path], {0, 2}, path)
        run = self.scratch("run")
        ran = self.call(["run", path, "--duration", "2m", "--responders", "auto", "--out", run,
                         "-q"], {0, 2}, path)
        if checked is not None and ran is not None and checked != ran:
            self.failures.append(f"{path}: check exited {checked} but run {ran}")
        if ran == 0:
            self.record(run, path, {0})

    def record(self, path, what, usable={0, 2}):
        """`usable`: {0} for a record gameday wrote, which its own reader must accept."""
        self.call(["score", path], usable, what)
        self.call(["postmortem", path], usable, what)
        self.call(["compare", path, path], usable, what)
        if not self.display:
            return
        for extra in ([], ["--summary"]):
            self.call(["render", path, "--out", self.scratch("frame").with_suffix(".png"),
                       "--size", "320x240", *extra], usable | {4}, what)
        args = ["replay", path, "--follow"]
        p = subprocess.Popen([self.gameday, *args], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=self.work)
        self.followers.append((p, args, what))
        self.commands += 1

    def record_header(self, path, body):
        record = self.scratch("header").with_suffix(".jsonl")
        record.write_bytes(path.read_bytes() + body)
        self.record(record, path)

    def command(self, path, fixture, script):
        line = path.read_bytes().replace(b"\r", b"\n").split(b"\n")[0]
        responders = self.scratch("command").with_suffix(".txt")
        responders.write_bytes(b"5m alice: " + line + b"\n")
        self.script(responders, fixture, f"{path} (as '5m alice: LINE')")

    def script(self, path, fixture, what=None):
        run = self.scratch("scripted")
        code = self.call(["run", fixture, "--responders", path, "--out", run, "-q"], {0, 2},
                         what or path)
        if code == 0:
            self.call(["score", run], {0}, what or path)
            self.call(["postmortem", run], {0}, what or path)

    def finish_followers(self):
        """Lets the live views run for a while, then closes the ones still open."""
        time.sleep(FOLLOW_FOR)
        for p, args, what in self.followers:
            if p.poll() is None:  # still showing the record: what a live view does
                p.terminate()
                p.communicate(timeout=TIMEOUT)
                continue
            output = p.communicate()[0]
            self.judge(args, what, p.returncode, output, {0, 2, 3, 4})


def main():
    gameday = pathlib.Path(sys.argv[1]).resolve()
    fuzz_dir = pathlib.Path(sys.argv[2]).resolve()
    corpus = fuzz_dir / "regressions"
    fixture = fuzz_dir / "fixture.yaml"
    fixture_script = fuzz_dir.parent / "data/scoring/small-response.script"
    with tempfile.TemporaryDirectory(prefix="gameday-regressions-") as tmp:
        work = pathlib.Path(tmp)
        r = Replay(gameday, work)
        fixture_run = work / "fixture-run"
        if r.call(["run", fixture, "--responders", fixture_script, "--out", fixture_run, "-q"],
                  {0}, "the fixture") is None:
            print("\n\n".join(r.failures))
            return 1
        text = (fixture_run / "events.jsonl").read_bytes()
        body = text[text.index(b"\n") + 1:]

        inputs = 0
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            for path in sorted(p for p in folder.iterdir() if p.is_file()):
                inputs += 1
                target = folder.name
                if target in ("scenario_loader", "scenario_record"):
                    r.scenario(path)
                elif target == "record":
                    r.record(path, path)
                elif target == "record_header":
                    r.record_header(path, body)
                elif target == "command":
                    r.command(path, fixture, fixture_script)
                elif target == "responder_script":
                    r.script(path, fixture)
                elif target == "notes":
                    r.call(["postmortem", fixture_run, "--notes", path], {0, 2}, path)
                elif target == "lint":
                    r.call(["lint", path], {0, 1, 2}, path)
                elif target == "slo_import":
                    r.slo_import(path)
                elif target == "sweep_plan":
                    r.call(["sweep", path, "--out", r.scratch(path.stem), "-q"], {0, 2}, path)
                else:
                    r.failures.append(f"{folder}: no fuzz target of this name")
        r.finish_followers()

    shown = "" if r.display else " (no X display: render and replay --follow skipped)"
    print(f"{inputs} regression inputs, {r.commands} gameday commands{shown}")
    if r.failures:
        print(f"{len(r.failures)} failures:\n\n" + "\n\n".join(r.failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
