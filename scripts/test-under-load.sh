#!/usr/bin/env bash
# The whole suite N times (default 5) while two CPU-bound jobs keep both cores busy, as CI's machine often is.
#     bash scripts/test-under-load.sh [RUNS]
set -u
cd "$(dirname "$0")/.."
runs=${1:-5}
yes >/dev/null & load1=$!
yes >/dev/null & load2=$!
trap 'kill "$load1" "$load2" 2>/dev/null' EXIT
failed=0
for run in $(seq "$runs"); do
    log=$(mktemp)
    start=$SECONDS
    if make test >"$log" 2>&1; then verdict=green; else verdict=FAILED; failed=$((failed + 1)); fi
    echo "run $run/$runs: $verdict in $((SECONDS - start)) s: $(grep -E '[0-9]+ (passed|failed)' "$log" | tail -n 1)"
    [ "$verdict" = green ] && rm -f "$log" || echo "  log: $log"
done
echo "$((runs - failed)) of $runs green, load: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $((failed > 0))
