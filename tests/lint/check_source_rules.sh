#!/usr/bin/env bash
# Source rules that keep runs deterministic and the layering one-way (see docs/architecture.md):
#  - no ambient state in core/, model/, eventlog/, sim/, scoring/: no wall clocks, std::random_device, rand(),
#    getenv, or <random> distributions (their output differs between standard libraries);
#  - no unordered containers in sim/ (iteration order must never decide event order);
#  - scoring/ and viz/ never include a sim/ header; model/ includes only core/ and itself;
#    nothing outside cli/ includes a cli/ header.
# Prints every violation as file:line: text and exits 1 when there is any.
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 2
status=0

check() {  # check "why" pattern folders...
  local why=$1 pattern=$2
  shift 2
  local hits
  hits=$(grep -rnE --include='*.cpp' --include='*.hpp' "$pattern" "$@" 2>/dev/null |
    grep -vE '^[^:]+:[0-9]+:\s*//')
  if [ -n "$hits" ]; then
    printf '%s\n' "$hits" | sed "s|\$|   <- $why|"
    status=1
  fi
}

model=(core model eventlog sim scoring)
check "wall clock: simulated time only (live play injects its clock)" \
  'std::chrono::(system|steady|high_resolution)_clock|\bgettimeofday\b|\bclock_gettime\b|std::time\(' "${model[@]}"
check "ambient randomness: use gameday::Rng streams" 'std::random_device|\brand\(|\bsrand\(' "${model[@]}"
check "ambient configuration: pass it in" '\bgetenv\b' "${model[@]}"
check "<random> distributions are implementation-defined: use the project's own" \
  'std::[a-z_]+_distribution' "${model[@]}"
check "unordered containers must not decide event order in the simulator" 'std::unordered_' sim
for layer in scoring viz; do
  [ -d "$layer" ] && check "$layer/ reads the record only: no sim/ headers" '#include "gameday/sim/' "$layer"
done
check "model/ is the vocabulary below the record: core/ only" \
  '#include "gameday/(eventlog|sim|scoring|viz|cli)/' model
check "nothing depends on cli/" '#include "gameday/cli/' core model eventlog sim $( [ -d scoring ] && echo scoring) $( [ -d viz ] && echo viz)

if [ "$status" -eq 0 ]; then echo "source rules: ok"; fi
exit "$status"
