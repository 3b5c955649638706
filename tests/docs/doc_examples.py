#!/usr/bin/python3
"""Runs the shell examples in README.md and docs/*.md, so the documentation cannot rot.

Conventions (docs/architecture.md, "Tests"):

- A fenced block tagged `console` is a runnable example. Lines starting with `$ ` are commands
  (a trailing `\\` continues a command onto the next line); the lines after a command, up to the
  next command, are its expected output: an excerpt, each line of which must appear in the
  actual output (stdout and stderr together) in that order, compared without trailing spaces.
  A line `...` only marks elided output; a line ending in `...` matches any line that starts
  with the text before it (`run: 45m simulated in ...` leaves out the wall time). A last
  expected line `[exit N]` says the command exits with N; otherwise any exit code other than 0
  fails.
- A fenced block whose first line is `# NAME` (a file name, e.g. `# whatif.txt`) is written to
  NAME in the scratch folder when it is reached, so later commands can use it.
- In every other block, each line that starts with `gameday ` (also `build/release/gameday `,
  `xvfb-run -a gameday `, or after `$ `) is checked without running it: the subcommand exists
  and each `--option` the line names appears in `gameday SUBCOMMAND --help`.

The commands of one Markdown file run in order, with bash -o pipefail, in one scratch folder
per file holding links to the repository's `scenarios/` and `examples/`, with `gameday` on PATH
meaning the built executable, DISPLAY unset, and a timeout per command (120 s;
DOC_EXAMPLES_TIMEOUT sets another). Commands run under `xvfb-run` are skipped (with a note) when xvfb-run is not
installed.

usage: doc_examples.py [-v] GAMEDAY_EXE SOURCE_DIR [FILE.md...]
Without files: README.md and every docs/*.md. -v also lists the commands that passed.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

TIMEOUT_SECONDS = int(os.environ.get("DOC_EXAMPLES_TIMEOUT", "120"))
VERBOSE = "-v" in sys.argv[1:]
FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)")
EXIT_LINE = re.compile(r"^\[exit (\d+)\]$")
FILE_LINE = re.compile(r"^#\s+([\w./-]+\.[A-Za-z0-9]+)\s*$")
GAMEDAY_LINE = re.compile(r"^(?:\$ )?(?:xvfb-run -a )?(?:build/release/)?gameday(?: (.*))?$")
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)")


class Block:
    def __init__(self, tag, start, lines):
        self.tag = tag  # the info string's first word, '' for a plain fence
        self.start = start  # line number of the first line inside the fence
        self.lines = lines


class Command:
    def __init__(self, line, text):
        self.line = line  # line number of the `$ `
        self.text = text
        self.expected = []
        self.exit_code = 0


def read_blocks(path):
    """Every fenced block of a Markdown file."""
    blocks = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group(1)
        closing = re.compile("^" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        blocks.append(Block(m.group(2).lower(), i + 2, lines[i + 1:j]))
        i = j + 1
    return blocks


def joined_lines(block):
    """A block's lines with `\\` continuations joined, each with its first line's number."""
    out = []
    i = 0
    while i < len(block.lines):
        number, text = block.start + i, block.lines[i]
        i += 1
        while text.endswith("\\") and i < len(block.lines):
            text = text[:-1] + " " + block.lines[i].strip()
            i += 1
        out.append((number, text))
    return out


def read_commands(block):
    """The commands of a console block, each with its expected output."""
    commands = []
    lines = block.lines
    i = 0
    while i < len(lines):
        line = lines[i]
        number = block.start + i
        i += 1
        if line.startswith("$ "):
            text = line[2:]
            while text.endswith("\\") and i < len(lines):
                text += "\n" + lines[i]
                i += 1
            commands.append(Command(number, text))
        elif not commands:
            raise ValueError(f"line {number}: a console block must start with '$ '")
        elif line.strip() != "...":
            commands[-1].expected.append(line.rstrip())
    for c in commands:
        while c.expected and c.expected[-1] == "":
            c.expected.pop()
        if c.expected:
            m = EXIT_LINE.match(c.expected[-1])
            if m:
                c.exit_code = int(m.group(1))
                c.expected.pop()
    return commands


def matches(want, line):
    """An expected line ending in `...` matches any line that starts with the text before it."""
    if want.endswith("...") and want != "...":
        return line.startswith(want[:-3])
    return line == want


def first_missing(expected, actual):
    """The first expected line not found in order in the actual lines, or None."""
    at = 0
    for want in expected:
        while at < len(actual) and not matches(want, actual[at]):
            at += 1
        if at == len(actual):
            return want
        at += 1
    return None


class Checker:
    def __init__(self, exe, source):
        self.exe = os.path.abspath(exe)
        self.source = os.path.abspath(source)
        self.failures = 0
        self.commands = 0
        self.skipped = 0
        self.checked_lines = 0
        self.help_cache = {}
        self.has_xvfb = shutil.which("xvfb-run") is not None
        self.bin = tempfile.mkdtemp(prefix="doc-examples-bin-")
        os.symlink(self.exe, os.path.join(self.bin, "gameday"))
        self.env = dict(os.environ)
        self.env.pop("DISPLAY", None)
        self.env["PATH"] = self.bin + os.pathsep + self.env.get("PATH", "")
        self.env["NO_COLOR"] = "1"
        self.env["LC_ALL"] = "C.UTF-8"

    def fail(self, where, message):
        self.failures += 1
        print(f"{where}: FAILED: {message}", flush=True)

    # Runnable examples ---------------------------------------------------------------------

    def run_command(self, rel, command, scratch):
        where = f"{rel}:{command.line}"
        if re.search(r"(^|[;|&(]\s*)xvfb-run\b", command.text) and not self.has_xvfb:
            self.skipped += 1
            print(f"{where}: skipped (xvfb-run is not installed): {command.text}")
            return
        self.commands += 1
        started = time.monotonic()
        # A session of its own, so that a timeout stops the whole pipeline, not only bash.
        process = subprocess.Popen(["bash", "-o", "pipefail", "-c", command.text], cwd=scratch,
                                   env=self.env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            stdout, _ = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, _ = process.communicate()
            self.fail(where, f"timed out after {TIMEOUT_SECONDS} s\n$ {command.text}\n"
                      f"--- output so far ---\n{stdout.decode('utf-8', 'replace')}--- end ---")
            return
        output = stdout.decode("utf-8", "replace")
        actual = [line.rstrip() for line in output.split("\n")]
        problems = []
        if process.returncode != command.exit_code:
            problems.append(f"exit code {process.returncode}, expected {command.exit_code}")
        missing = first_missing(command.expected, actual)
        if missing is not None:
            problems.append(f"expected line not found (in order):\n  {missing}")
        if problems:
            self.fail(where, "; ".join(problems) + f"\n$ {command.text}\n"
                      f"--- actual output ---\n{output}--- end ---")
        elif VERBOSE:
            print(f"{where}: ok ({time.monotonic() - started:.1f} s)")

    def write_file(self, block, scratch):
        name = FILE_LINE.match(block.lines[0]).group(1)
        path = os.path.join(scratch, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(block.lines) + "\n")

    # Lines that are not run ----------------------------------------------------------------

    def help_text(self, subcommand):
        if subcommand not in self.help_cache:
            args = [self.exe, "--help"] if subcommand is None else [self.exe, subcommand, "--help"]
            done = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  env=self.env, timeout=TIMEOUT_SECONDS)
            text = done.stdout.decode("utf-8", "replace")
            self.help_cache[subcommand] = text if done.returncode == 0 else None
        return self.help_cache[subcommand]

    def check_line(self, where, line):
        """Checks one `gameday ...` line of a block that is not run."""
        line = re.sub(r"\s#.*$", "", line)  # a trailing comment
        # The gameday part: up to a shell operator between spaces ('a|b' in a synopsis stays).
        line = re.split(r"\s(?:\|\|?|&&|;)\s|;\s", line)[0]
        m = GAMEDAY_LINE.match(line.strip())
        rest = (m.group(1) or "").split()
        subcommand = None if not rest or rest[0].startswith("-") else rest[0]
        self.checked_lines += 1
        if subcommand == "help":
            return
        help_text = self.help_text(subcommand)
        if help_text is None:
            self.fail(where, f"'gameday {subcommand} --help' fails: no such subcommand?\n"
                      f"  {line.strip()}")
            return
        for option in OPTION.findall(line):
            if not re.search(re.escape(option) + r"(?![\w-])", help_text):
                name = f"gameday {subcommand}" if subcommand else "gameday"
                self.fail(where, f"option {option} is not in '{name} --help'\n  {line.strip()}")

    # One file ------------------------------------------------------------------------------

    def check_file(self, path):
        rel = os.path.relpath(path, self.source)
        scratch = tempfile.mkdtemp(prefix="doc-examples-")
        for folder in ("scenarios", "examples"):
            os.symlink(os.path.join(self.source, folder), os.path.join(scratch, folder))
        try:
            for block in read_blocks(path):
                if block.lines and FILE_LINE.match(block.lines[0]):
                    self.write_file(block, scratch)
                if block.tag == "console":
                    try:
                        commands = read_commands(block)
                    except ValueError as e:
                        self.fail(rel, str(e))
                        continue
                    for command in commands:
                        self.run_command(rel, command, scratch)
                    continue
                for number, line in joined_lines(block):
                    if GAMEDAY_LINE.match(line.strip()):
                        self.check_line(f"{rel}:{number}", line.strip())
        finally:
            shutil.rmtree(scratch, ignore_errors=True)


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    if len(args) < 2:
        sys.exit(__doc__)
    exe, source = args[0], args[1]
    files = args[2:] or [os.path.join(source, "README.md")] + sorted(
        os.path.join(source, "docs", f) for f in os.listdir(os.path.join(source, "docs"))
        if f.endswith(".md"))
    checker = Checker(exe, source)
    started = time.monotonic()
    try:
        for path in files:
            checker.check_file(path)
    finally:
        shutil.rmtree(checker.bin, ignore_errors=True)
    if checker.commands + checker.skipped == 0:
        checker.fail("doc_examples", "no ```console block found: is the parser broken?")
    print(f"doc_examples: {checker.commands} commands run, {checker.skipped} skipped, "
          f"{checker.checked_lines} other gameday lines checked against --help, "
          f"{checker.failures} failures ({time.monotonic() - started:.1f} s)")
    return 1 if checker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
