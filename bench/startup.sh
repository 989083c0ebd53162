#!/usr/bin/env bash
# How long `promptbench --version` and `--help` take through the launcher (what a user waits for).
# hyperfine runs each command RUNS times after WARMUP untimed runs; we print the median.
# Target (issue 15.1): median <= 0.25 s for both.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need hyperfine; need jq
runs="${RUNS:-20}"
warmup="${WARMUP:-3}"

# The launcher builds its jar on first use; do that outside the timing.
"$root/promptbench" --version >/dev/null

hyperfine -N --warmup "$warmup" --runs "$runs" --export-json "$out/startup.json" \
  "$root/promptbench --version" "$root/promptbench --help" >/dev/null 2>&1 \
  || die "hyperfine failed: run it by hand to see why"

echo
echo "startup through ./promptbench ($runs runs each after $warmup warm-ups)"
{
  echo "command median_s mean_s min_s max_s user_s sys_s"
  jq -r '.results[] | "\(.command | sub(".*/"; "")) \(.median) \(.mean) \(.min) \(.max) \(.user) \(.system)"' \
    "$out/startup.json" | while read -r name flag med mean min max user sys; do
      printf '%s %.3f %.3f %.3f %.3f %.3f %.3f\n' "$flag" "$med" "$mean" "$min" "$max" "$user" "$sys"
    done
} | column -t
footer
