#!/usr/bin/env bash
# Installs Postfix (for its smtp-sink and smtp-source test tools) without starting or
# configuring a system mail server. Used by the outbound tests and benchmark; safe to re-run.
set -euo pipefail

if command -v smtp-sink >/dev/null 2>&1 || [ -x /usr/sbin/smtp-sink ]; then
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
sudo_if_needed=""
[ "$(id -u)" -eq 0 ] || sudo_if_needed="sudo"

echo "postfix postfix/main_mailer_type select No configuration" | $sudo_if_needed debconf-set-selections

install() {
  $sudo_if_needed apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends postfix
}

if ! install; then
  $sudo_if_needed apt-get -o DPkg::Lock::Timeout=300 update
  install
fi
command -v smtp-sink >/dev/null 2>&1 || [ -x /usr/sbin/smtp-sink ]
