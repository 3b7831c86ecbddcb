#!/usr/bin/env bash
# The real-mail round trip: a throw-away Postfix and Dovecot on loopback, `upward run`
# sending through Postfix and reading replies over IMAPS, participants answering with swaks.
# Needs postfix, dovecot and swaks (tests/mailstack/mailstack.sh install, as root).
#
#   scripts/roundtrip.sh            the round trip, with its counts printed
#   scripts/roundtrip.sh loops      the loop-safety and routing-security tests too
set -euo pipefail
cd "$(dirname "$0")/.."
filter=roundtrip
[ "${1:-}" = loops ] && filter=loops
tests/mailstack/mailstack.sh install
exec cargo test --test main "$filter" -- --nocapture --test-threads 1
