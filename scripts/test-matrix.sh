#!/usr/bin/env bash
# The suite and one `check` under each Node major people run, after `npm test` built it on this
# machine's Node. The npm packages node@22, node@24 and node@26 carry those runtimes (fetched from the
# npm registry by npx, cached after the first run).
set -euo pipefail
cd "$(dirname "$0")/.."
for major in 22 24 26; do
  echo "== Node ${major}"
  npx --yes -p "node@${major}" -- bash -c '
    set -euo pipefail
    node --version
    log=$(mktemp)
    status=0
    node --test --test-reporter=tap build/test/*/*.test.js > "$log" || status=$?
    # The summary, and any failure in full: from its "not ok" to the end of its diagnostics.
    awk "/^ *not ok /{on=1} on{print} on && /^ *\\.\\.\\.\$/{on=0}" "$log" | head -n 400
    tail -n 9 "$log"
    rm -f "$log"
    [ "$status" -eq 0 ]
    node bin/asyncdemo.js check --scale 0.05 --runs 3 --quiet --no-color
  '
done
