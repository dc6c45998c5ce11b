#!/usr/bin/env bash
# The Kafka client's native half comes from the OS (Debian/Ubuntu's librdkafka1): install it when missing.
set -euo pipefail

if dpkg -s librdkafka1 >/dev/null 2>&1; then
  exit 0
fi

echo "Installing librdkafka1 (the native Kafka client library)..." >&2
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "librdkafka1 is missing and installing it needs root (apt-get install librdkafka1)." >&2; exit 1; }
  sudo_cmd="sudo"
fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends librdkafka1 >/dev/null
