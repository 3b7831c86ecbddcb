#!/usr/bin/env bash
# Runs the outbound benchmark: installs Postfix (for smtp-sink and smtp-source) if missing,
# then `cargo bench --bench outbound`. Prints one line per connection count.
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/install-postfix.sh
exec cargo bench --bench outbound "$@"
