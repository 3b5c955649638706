#!/usr/bin/python3
"""Parity with Prometheus: Debian's promtool evaluates gameday's exported rules over its
exported series, and every alert must be firing at exactly the evaluations at which gameday's
own monitor had it firing (alert_firing .. alert_resolved in the record).

For each scenario: run it with the automatic on-call, `gameday export openmetrics RUN --start 0`
and `gameday export rules RUN`, turn the series into a promtool unit test's input series, and
write one `alert_rule_test` per alert and evaluation of the run. Also checks that
`promtool check rules` accepts every library scenario's rules, that
`promtool tsdb create-blocks-from openmetrics` accepts an export, and that the Grafana
dashboard's queries (docs/grafana/gameday.json) parse and name only series gameday has.

usage: prometheus_parity.py GAMEDAY SOURCE_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

# Library scenarios, and one whose SLOs and alerts are imported from Sloth and OpenSLO files
# (with OpenSLO's single-window burn-rate rules).
PARITY_SCENARIOS = [f"scenarios/{name}.yaml" for name in
                    ["memory-leak", "flash-sale", "cache-stampede", "thundering-herd",
                     "cert-expiry", "noisy-neighbour"]] + ["tests/data/import/imports.yaml"]


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        sys.exit(f"FAILED ({r.returncode}): {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")
    return r


def parse_series(text, interval_s):
    """OpenMetrics text -> {series: {sample index: value}}; timestamps start at 0."""
    series = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name_labels, value, stamp = line.rsplit(" ", 2)
        index = round(float(stamp) / interval_s)
        assert abs(index * interval_s - float(stamp)) < 1e-6, line
        series.setdefault(name_labels, {})[index] = value
    return series


def firing_intervals(record_path, alert_names):
    """alert name -> list of [fired_ns, resolved_ns or None], from the record's events."""
    alerts = []
    intervals = {}
    with open(record_path) as f:
        for line in f:
            o = json.loads(line)
            if o["type"] == "header":
                alerts = o["alerts"]
            elif o["type"] == "event" and o["kind"] in ("alert_firing", "alert_resolved"):
                name = alerts[o["alert"]]
                if name not in alert_names:
                    continue
                if o["kind"] == "alert_firing":
                    intervals.setdefault(name, []).append([o["t"], None])
                else:
                    intervals[name][-1][1] = o["t"]
    return intervals


def duration_s(text):
    units = {"d": 86400, "h": 3600, "m": 60, "s": 1}
    total, number = 0.0, ""
    i = 0
    while i < len(text):
        c = text[i]
        if c.isdigit():
            number += c
        elif text[i:i + 2] == "ms":
            total += int(number) / 1000
            number = ""
            i += 1
        else:
            total += int(number) * units[c]
            number = ""
        i += 1
    return total


def check_scenario(gameday, source, scenario, work):
    name = os.path.splitext(os.path.basename(scenario))[0]
    run_dir = os.path.join(work, name)
    run([gameday, "run", os.path.join(source, scenario), "--responders", "auto",
         "--out", run_dir, "--quiet"])
    header = json.loads(open(os.path.join(run_dir, "events.jsonl")).readline())
    interval_s = header["sample_interval_ns"] / 1e9
    duration_ns = header["duration_ns"]
    metrics = run([gameday, "export", "openmetrics", run_dir, "--start", "0"]).stdout
    rules_file = os.path.join(work, name + ".rules.yml")
    run([gameday, "export", "rules", run_dir, "--out", rules_file])
    run(["promtool", "check", "rules", rules_file])
    group = yaml.safe_load(open(rules_file))["groups"][0]
    eval_s = duration_s(group["interval"])
    alert_rules = {r["alert"]: r for r in group["rules"] if "alert" in r}
    assert alert_rules, f"{name}: no alert rule exported"

    series = parse_series(metrics, interval_s)
    steps = duration_ns // int(interval_s * 1e9)
    input_series = []
    for s, points in series.items():
        values = " ".join(points.get(i, "_") for i in range(steps + 1))
        input_series.append({"series": s, "values": values})

    intervals = firing_intervals(os.path.join(run_dir, "events.jsonl"), set(alert_rules))
    tests = []
    fired = 0
    evals = int(duration_ns / 1e9 // eval_s)
    for k in range(evals + 1):
        t_ns = int(k * eval_s * 1e9)
        for alert, rule in alert_rules.items():
            firing = any(f <= t_ns and (r is None or t_ns < r) for f, r in intervals.get(alert, []))
            expected = []
            if firing:
                fired += 1
                expected.append({"exp_labels": rule.get("labels", {}),
                                 "exp_annotations": rule.get("annotations", {})})
            tests.append({"eval_time": f"{int(k * eval_s)}s", "alertname": alert,
                          "exp_alerts": expected})
    test_file = os.path.join(work, name + ".test.yml")
    with open(test_file, "w") as f:
        yaml.safe_dump({"rule_files": [os.path.basename(rules_file)],
                        "evaluation_interval": group["interval"],
                        "tests": [{"interval": f"{int(interval_s)}s",
                                   "input_series": input_series,
                                   "alert_rule_test": tests}]}, f, width=1 << 30)
    r = subprocess.run(["promtool", "test", "rules", os.path.basename(test_file)], cwd=work,
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"{name}: promtool disagrees with gameday's alerts\n{r.stdout[-6000:]}\n"
                 f"{r.stderr[-3000:]}")
    print(f"{name}: {len(alert_rules)} alerts x {evals + 1} evaluations agree "
          f"({fired} firing), {len(series)} series")
    return run_dir, metrics, fired


def main():
    gameday, source = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as work:
        total_fired = 0
        for scenario in PARITY_SCENARIOS:
            run_dir, metrics, fired = check_scenario(gameday, source, scenario, work)
            total_fired += fired
            if scenario == PARITY_SCENARIOS[0]:
                first_run, first_metrics = run_dir, metrics
        # A parity test where nothing fires proves little.
        assert total_fired > 0, "no alert fired in any parity scenario"

        # Every library scenario's rules pass promtool's checks.
        library = os.path.join(source, "scenarios")
        for f in sorted(os.listdir(library)):
            if f.endswith(".yaml"):
                out = os.path.join(work, "check.rules.yml")
                run([gameday, "export", "rules", os.path.join(library, f), "--out", out])
                run(["promtool", "check", "rules", out])

        # The export backfills: promtool writes TSDB blocks from it.
        export = os.path.join(work, "run.om")
        run([gameday, "export", "openmetrics", first_run, "--out", export])
        run(["promtool", "tsdb", "create-blocks-from", "openmetrics", export,
             os.path.join(work, "tsdb")])
        blocks = [d for d in os.listdir(os.path.join(work, "tsdb")) if not d.startswith(".")]
        assert blocks, "promtool wrote no block"
        print(f"backfill: {len(blocks)} block(s); library rules pass promtool check rules")

        check_dashboard(source, work, first_metrics)


def check_dashboard(source, work, metrics):
    """Every query of the Grafana dashboard parses (as a recording rule promtool checks) and
    names only series an export, or the exported rules, have."""
    dashboard = json.load(open(os.path.join(source, "docs", "grafana", "gameday.json")))
    exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
    assert exprs, "the dashboard has no query"
    rules = [{"record": f"dashboard:query_{i}",
              "expr": e.replace("$__rate_interval", "1m").replace("$service", ".+")}
             for i, e in enumerate(exprs)]
    path = os.path.join(work, "dashboard.rules.yml")
    with open(path, "w") as f:
        yaml.safe_dump({"groups": [{"name": "dashboard", "rules": rules}]}, f)
    run(["promtool", "check", "rules", path])
    known = {line.split("{")[0].split(" ")[0] for line in metrics.splitlines()
             if line and not line.startswith("#")}
    known |= {"ALERTS", "slo:sli_error:ratio_rate5m"}
    for e in exprs:
        for name in re.findall(r"\b(gameday_[a-z_]+|slo:[a-z_:0-9]+|ALERTS)\b", e):
            assert name in known, f"the dashboard names {name}, which gameday does not export"
    print(f"dashboard: {len(exprs)} queries parse and name exported series")


if __name__ == "__main__":
    main()
