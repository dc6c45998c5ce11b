#!/usr/bin/env bash
# Runs JourneyMapper on its embedded default: an in-process Kafka cluster, a synthetic clickstream and the
# service, printing what the service emits. Extra arguments go to the `dev` command (try --help).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/ensure-librdkafka.sh
exec dotnet run --project src/JourneyMapper.Worker -c Release -- dev "$@"
