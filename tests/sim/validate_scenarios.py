#!/usr/bin/python3
"""Validates scenarios against scenarios/schema/scenario.schema.json with a real validator.

Every scenario in scenarios/, every valid loader fixture (tests/data/good, tests/data/warnings)
and every complete scenario in a ```yaml block of docs/*.md must pass; the bad fixtures listed
in SCHEMA_DETECTABLE (problems a schema can see: unknown keys, wrong types, bad units, missing
keys) must be rejected. The scaffold of `gameday new` and a copy made with --from are validated
too when the executable is given.

YAML is read with the YAML 1.2 core schema, as the YAML language server reads it (PyYAML alone
implements YAML 1.1, where `19:00` is the integer 1140 and `no` is false).

usage: validate_scenarios.py SOURCE_DIR [GAMEDAY_EXE]
Run with /usr/bin/python3: it needs Debian's python3-jsonschema and python3-yaml
(scripts/install-deps installs them).
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import yaml
except ImportError as e:
    sys.exit(f"validate_scenarios: cannot import {e.name}: install python3-jsonschema and "
             f"python3-yaml (scripts/install-deps) and run this with /usr/bin/python3")

# Bad fixtures whose problem the schema detects (the rest need the loader: references to names,
# cycles, sums of shares, comparisons between values, YAML syntax).
SCHEMA_DETECTABLE = [
    "bad/alert_above_and_below.yaml",
    "bad/alert_bad_severity.yaml",
    "bad/alert_burn_rate_with_metric.yaml",
    "bad/alert_latency_without_unit.yaml",
    "bad/alert_missing_severity.yaml",
    "bad/alert_preset_with_factor.yaml",
    "bad/alert_probe_metric_on_service.yaml",
    "bad/alert_unknown_key.yaml",
    "bad/availability_slo_with_threshold.yaml",
    "bad/bad_duration_unit.yaml",
    "bad/bad_enum.yaml",
    "bad/bad_percentage.yaml",
    "bad/bad_queue.yaml",
    "bad/bad_rate.yaml",
    "bad/bad_scenario_name.yaml",
    "bad/comments_only.yaml",
    "bad/empty.yaml",
    "bad/latency_slo_without_threshold.yaml",
    "bad/max_in_flight_with_threads.yaml",
    "bad/missing_required_key.yaml",
    "bad/missing_services.yaml",
    "bad/negative_seed.yaml",
    "bad/negative_workers.yaml",
    "bad/probability_and_share.yaml",
    "bad/profile_key_of_other_shape.yaml",
    "bad/replicas_out_of_range.yaml",
    "bad/several_problems.yaml",
    "bad/too_many_calls.yaml",
    "bad/top_level_list.yaml",
    "bad/unknown_nested_key.yaml",
    "bad/unknown_top_level_key.yaml",
    "bad/unknown_top_level_key_suggestion.yaml",
    "bad/wrong_type_list_for_mapping.yaml",
    "bad/wrong_type_string_for_number.yaml",
    "bad_faults/bad_growth.yaml",
    "bad_faults/edge_kind_with_service_target.yaml",
    "bad_faults/missing_add.yaml",
    "bad_faults/param_of_another_kind.yaml",
    "bad_faults/partition_three_zones.yaml",
    "bad_faults/random_without_mtbf.yaml",
    "bad_faults/target_instances_on_latency.yaml",
    "bad_faults/target_zones_on_packet_loss.yaml",
    "bad_faults/unknown_kind.yaml",
]


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with the YAML 1.2 core schema's implicit types."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in (
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
for tag, regexp, first in [
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$",
         "-+0123456789"),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789.")]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(regexp), list(first))


def construct_int12(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    return int(text, 0) if text.startswith("0x") else int(text)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int12)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


def problems(validator, document):
    return sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))


def where(error):
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)


def check_valid(validator, path, failures):
    errors = problems(validator, load(path))
    for e in errors:
        failures.append(f"{path}: {where(e) or '(top level)'}: {e.message}")
    return not errors


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    source = sys.argv[1]
    with open(os.path.join(source, "scenarios/schema/scenario.schema.json"),
              encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)

    failures = []
    valid = sorted(glob.glob(os.path.join(source, "scenarios/*.yaml")))
    valid += sorted(glob.glob(os.path.join(source, "tests/data/good/*.yaml")))
    valid += sorted(glob.glob(os.path.join(source, "tests/data/warnings/*.yaml")))
    valid += [os.path.join(source, "tests/data/import", f) for f in
              ("imports.yaml", "spelled_out.yaml")]
    if len(valid) < 3:
        failures.append(f"expected scenarios under {source}/scenarios, found {len(valid)}")
    for path in valid:
        check_valid(validator, path, failures)
    print(f"{len(valid)} valid scenarios checked")

    # Complete scenarios in the docs (```yaml blocks with top-level scenario and services).
    examples = 0
    for doc in sorted(glob.glob(os.path.join(source, "docs/*.md"))):
        with open(doc, encoding="utf-8") as f:
            blocks = re.findall(r"^```yaml\n(.*?)^```", f.read(), re.S | re.M)
        for i, block in enumerate(blocks):
            if not (re.search(r"^scenario:", block, re.M) and
                    re.search(r"^services:", block, re.M)):
                continue
            examples += 1
            for e in problems(validator, yaml.load(block, Loader=Yaml12Loader)):
                failures.append(f"{doc}: yaml block {i + 1}: {where(e) or '(top level)'}: "
                                f"{e.message}")
    print(f"{examples} complete scenarios in docs/ checked")

    for name in SCHEMA_DETECTABLE:
        path = os.path.join(source, "tests/data", name)
        if not problems(validator, load(path)):
            failures.append(f"{path}: the schema accepts it, but it is a bad fixture the schema "
                            f"should reject")
    print(f"{len(SCHEMA_DETECTABLE)} bad fixtures checked")

    if len(sys.argv) == 3:
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "scaffold.yaml")
            subprocess.run([sys.argv[2], "new", "scaffold", "--out", out], check=True,
                           stdout=subprocess.DEVNULL)
            check_valid(validator, out, failures)
            copy = os.path.join(tmp, "copy.yaml")
            subprocess.run([sys.argv[2], "new", "copy", "--from", out, "--out", copy],
                           check=True, stdout=subprocess.DEVNULL)
            check_valid(validator, copy, failures)
        print("gameday new scaffolds checked")

    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
