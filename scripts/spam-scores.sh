#!/usr/bin/env bash
# Scores every kind of email upward sends with SpamAssassin's local rules (no network
# tests): the emails of a simulated program (`upward simulate`), and for the kinds a
# simulation does not send, the email as `upward preview KIND` renders it. Prints one line
# per kind (the highest score of up to three emails of that kind, and the rules that hit)
# and exits 1 when any kind scores above the limit (1.0 by default).
# Run by hand; installs Debian's spamassassin when it is missing (needs root and apt).
#
# usage: scripts/spam-scores.sh [LIMIT]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
limit=${1:-1.0}
cd "$root"

if ! command -v spamassassin >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        -o DPkg::Lock::Timeout=300 spamassassin >/dev/null
fi

cargo build -q
upward=$root/target/debug/upward
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$upward" simulate -c config/program.toml --weeks 30 --seed 7 --out "$work/sim" >/dev/null 2>&1
worst=0
printf '%-20s %-9s %6s  %s\n' kind source score rules
for kind in $(ls templates/*.subject.j2 | xargs -n1 basename | sed 's/\.subject\.j2$//'); do
    files=$(ls "$work/sim/outbox/${kind//_/-}".*.eml 2>/dev/null | head -3 || true)
    source=simulate
    if [[ -z $files ]]; then
        source=preview
        "$upward" preview -c config/program.toml "$kind" >"$work/$kind.eml"
        files=$work/$kind.eml
    fi
    best=-100
    rules=
    for f in $files; do
        report=$(spamassassin -L -t <"$f" 2>/dev/null)
        score=$(sed -n 's/^X-Spam-Status: [A-Za-z]*, score=\(-\{0,1\}[0-9.]*\).*/\1/p' <<<"$report" | head -1)
        if awk -v a="$score" -v b="$best" 'BEGIN { exit !(a > b) }'; then
            best=$score
            rules=$(sed -n '/^---- /,/^$/p' <<<"$report" | awk '/^ *-?[0-9]+\.[0-9]+ [A-Z_0-9]+/ { printf "%s %s  ", $2, $1 }')
        fi
    done
    printf '%-20s %-9s %6s  %s\n' "$kind" "$source" "$best" "$rules"
    if awk -v a="$best" -v b="$limit" 'BEGIN { exit !(a > b) }'; then
        worst=1
    fi
done
exit $worst
