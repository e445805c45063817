#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "chromium is missing and this is not root: run 'sudo apt-get update && sudo apt-get install -y chromium'" >&2
  exit 1
fi
echo "installing Debian's chromium for the browser tests ..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
