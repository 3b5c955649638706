#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from what the repository already holds, so no corpus of
thousands of files is committed: scenarios (the library, tests/data and the YAML blocks of the
docs), responder scripts and the commands in them, postmortem notes, and prose for the lint.
The record targets' seeds come from seed_records (runs of the library), run by CMake beside this.

usage: make_seeds.py SOURCE_DIR CORPUS_DIR
Writes CORPUS_DIR/TARGET/NAME for each target, replacing what an earlier build wrote there under
the same names (files libFuzzer added to the corpus are kept).
"""
import hashlib
import pathlib
import re
import sys

FENCE = re.compile(r"^```([a-z]*)\n(.*?)^```", re.M | re.S)
SCRIPT_LINE = re.compile(r"^\s*\S+\s+[A-Za-z0-9_.-]+:\s*(.*)$")


def doc_blocks(src):
    """(language, text) of every fenced block of README.md and docs/*.md."""
    for page in [src / "README.md", *sorted((src / "docs").glob("*.md"))]:
        if page.exists():
            for lang, text in FENCE.findall(page.read_text(encoding="utf-8")):
                yield lang, text


def is_notes(text):
    return re.search(r"^(what_went_well|where_we_got_lucky|action_items|timeline):", text, re.M)


def main():
    src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    seeds = {t: {} for t in ["scenario_loader", "scenario_record", "command", "responder_script",
                             "notes", "lint", "protocol", "sweep_plan", "slo_import"]}

    def add(target, name, text):
        data = text.encode("utf-8") if isinstance(text, str) else text
        if data:
            seeds[target][name] = data

    scenarios = sorted((src / "scenarios").glob("*.yaml")) + sorted((src / "tests/data").rglob("*.yaml"))
    for path in scenarios:
        name = str(path.relative_to(src)).replace("/", "_")
        if path.name.endswith(".notes.yaml"):
            add("notes", name, path.read_bytes())
            continue
        add("scenario_loader", name, path.read_bytes())
        add("scenario_record", name, path.read_bytes())

    for path in sorted((src / "tests/data/import").glob("*.yaml")):  # Sloth and OpenSLO files
        add("slo_import", path.name, path.read_bytes())

    scripts = [p.read_text(encoding="utf-8") for p in sorted((src / "tests/data").rglob("*.script"))]
    for i, (lang, text) in enumerate(doc_blocks(src)):
        name = f"doc{i:03d}"
        first = text.split("\n", 1)[0]
        if lang == "yaml" and is_notes(text):
            add("notes", name + ".yaml", text)
        elif lang == "yaml" and re.search(r"^replicates:", text, re.M):
            add("sweep_plan", name + ".yaml", text)
        elif lang == "yaml" and re.search(r"^services:", text, re.M):
            add("scenario_loader", name + ".yaml", text)
            add("scenario_record", name + ".yaml", text)
        elif lang == "text" and first.startswith("# ") and first.endswith(".txt"):
            scripts.append(text)
        if lang in ("", "text", "markdown") and not text.startswith("#"):
            add("lint", name + ".txt", text)
    for i, text in enumerate(scripts):
        add("responder_script", f"script{i:02d}.txt", text)
        for line in text.splitlines():
            m = SCRIPT_LINE.match(line)
            if m and not line.lstrip().startswith("#"):
                add("command", hashlib.sha1(m.group(1).encode()).hexdigest()[:12], m.group(1))

    # The lint's seeds: the docs' prose in pieces of a few paragraphs, and the golden postmortem.
    for page in [src / "docs/facilitator-guide.md", src / "docs/scoring.md"]:
        paragraphs = page.read_text(encoding="utf-8").split("\n\n")
        for i in range(0, len(paragraphs), 6):
            add("lint", f"{page.stem}-{i:03d}.md", "\n\n".join(paragraphs[i:i + 6]))
    for path in sorted((src / "tests/data/scoring").glob("*.md")):
        add("lint", path.name, path.read_bytes())

    # The console protocol: one message of each kind a client sends, and near misses.
    messages = [
        '{"type":"join","name":"alice","role":"ic"}',
        '{"type":"join","name":"al ice","role":"ops"}',
        '{"type":"command","line":"restart web-1"}',
        '{"type":"command","line":"say caf\\u00e9 \\u001b[2J"}',
        '{"type":"complete","line":"restart w"}',
        '{"type":"command","line":["not","a","string"]}',
        '{"type":"leave"}',
        '[1,2,3]',
    ]
    for i, text in enumerate(messages):
        add("protocol", f"message-{i}.json", text)

    # Sweep plans against the fuzz fixture's names (tests/fuzz/fixture.yaml).
    plans = [
        "scenario: fixture.yaml\nseed: 1\nreplicates: 2\ngrid:\n"
        "  services[db].replicas: [1, 3]\n  services[web].calls[db].retries.max: [0, 2]\n",
        "scenario: [a.yaml, b.yaml]\nseed: 1\nreplicates: 1\nset:\n  traffic[0].rate: 5/s\n"
        "grid:\n  faults[0].at: [1m, {a: b}]\n",
        "scenario: x.yaml\nseed: 1\nreplicates: 3\nresponders: exec:python3 bot.py\n",
    ]
    for i, text in enumerate(plans):
        add("sweep_plan", f"plan-{i}.yaml", text)

    for target, files in seeds.items():
        folder = out / target
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            (folder / name).write_bytes(data)
        print(f"{target}: {len(files)} seeds")


if __name__ == "__main__":
    main()
