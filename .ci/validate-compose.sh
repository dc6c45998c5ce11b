#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine: `docker-compose config` only parses, interpolates
# and schema-checks the file. Installs Debian's docker-compose (1.29) when it is missing.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v docker-compose >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  # --no-install-recommends: the package recommends docker.io (a whole engine), which is not needed here.
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
fi

docker-compose -f docker-compose.yml config -q
echo "docker-compose.yml: valid"
