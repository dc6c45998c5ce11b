#!/usr/bin/env bash
# Runs every test: unit tests on the TopologyTestDriver and integration tests over real Kafka clients
# against the embedded cluster. Installs what they need first.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/ensure-librdkafka.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test JourneyMapper.sln -c Release "$@" 2>&1 | tee "$log" || status=$?

# One closing line for the whole run, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "$passed passed, $failed failed"
exit "$status"
