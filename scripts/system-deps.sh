#!/usr/bin/env bash
# Debian packages the platform and its tests need, installed once:
#  - chromium: the browser tests;
#  - libreoffice-writer-nogui: the archival PDF of each briefing (headless, no X);
#  - fonts-noto-cjk, fonts-arphic-ukai: the Chinese fonts the briefings' PDFs embed
#    (Noto Serif/Sans CJK SC for 仿宋/小标宋/黑体, AR PL UKai for 楷体; see ecogov/reports/layout.py);
#  - poppler-utils: pdftotext and pdffonts, with which the tests read the PDFs back.
set -euo pipefail
browser=()
[ -x /usr/bin/chromium ] || browser+=(chromium)
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep "Noto Serif CJK SC" >/dev/null || need+=(fonts-noto-cjk)
fc-list 2>/dev/null | grep "AR PL UKai CN" >/dev/null || need+=(fonts-arphic-ukai)
if [ ${#need[@]} -eq 0 ] && [ ${#browser[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "missing Debian packages and this is not root: run 'sudo apt-get update && sudo apt-get install -y ${browser[*]} ${need[*]}'" >&2
  exit 1
fi
echo "installing Debian packages: ${browser[*]} ${need[*]} ..."
apt-get update -qq
if [ ${#browser[@]} -gt 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${browser[@]}" >/dev/null; fi
if [ ${#need[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
