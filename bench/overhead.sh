#!/usr/bin/env bash
# Overhead before (and after) the timed part of a run (issue 15.2): process wall time minus the measured
# wall time of a 400 x 200 ms, 32-thread parallel run against bench/fixed-latency-server.mjs (another
# process), through ./promptbench (launcher flags, class-data archive). Also prints what the run says
# itself (overhead_ms in the JSON, when the build has it), and the first wave's latency, to show that
# the warm-up's benefit is kept. BASELINE=/path/to/another/checkout interleaves that checkout's launcher
# (its jar built) as rows to compare. Target: overhead <= 1.0 s.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq; need node nodejs
[ -x /usr/bin/time ] || need /usr/bin/time time
runs="${RUNS:-3}"

prompts 400 "$out/prompts-400.txt"
node "$root/bench/fixed-latency-server.mjs" 200 >"$out/node-server.log" 2>&1 &
started+=($!)
url=""
for _ in $(seq 1 50); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out/node-server.log" | head -n 1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || die "the Node server did not start: $(cat "$out/node-server.log")"
export OPENAI_API_KEY=bench-not-a-key
launchers=("$root/promptbench")
[ -n "${BASELINE:-}" ] && launchers+=("$BASELINE/promptbench")
for l in "${launchers[@]}"; do "$l" --version >/dev/null; done   # builds jars and archives outside the timing

rows=()
for i in $(seq 1 "$runs"); do
 for l in "${launchers[@]}"; do
  echo "run $i/$runs: $l..." >&2
  name="this"; [ "$l" = "$root/promptbench" ] || name="baseline"
  timeout --foreground -k 5 120 /usr/bin/time -f '%e %U %S' -o "$out/overhead.time" "$l" run \
    "$out/prompts-400.txt" --endpoint "$url/v1" --model fixed --threads 32 --mode parallel \
    --out "$out/overhead.jsonl" --force --format json --quiet ${EXTRA_ARGS:-} >"$out/overhead.json"
  read -r proc user sys <"$out/overhead.time"
  # The first wave: the 32 requests dispatched first (the JIT's victims when nothing warmed the client).
  first="$(jq -s '[.[] | select(.type == "request" and .warmup != true)] | sort_by(.start_offset_ms)
    | .[0:32] | map(.latency_ms) | sort | .[16]' "$out/overhead.jsonl" 2>/dev/null || echo null)"
  rows+=("$(jq -r --arg i "$name-$i" --arg p "$proc" --arg c "$(echo "$user + $sys" | bc -l)" --arg f "$first" \
    '"\($i) \($p) \(.modes.parallel.wall_ms / 1000) \(($p | tonumber) - .modes.parallel.wall_ms / 1000) \(.overhead_ms // "-") \($c) \(.modes.parallel.latency_ms.p50) \($f)"' "$out/overhead.json")")
 done
done

echo
echo "overhead: 400 prompts x 200 ms (Node, another process), 32 threads, --mode parallel, through ./promptbench"
{
  echo "run process_s measured_wall_s overhead_s overhead_ms(json) cpu_s p50_ms first_wave_p50_ms"
  for r in "${rows[@]}"; do
    read -r n p w o j c p50 f <<<"$r"
    printf '%s %.2f %.3f %.2f %s %.2f %.1f %s\n' "$n" "$p" "$w" "$o" "$j" "$c" "$p50" "$f"
  done
} | column -t
footer
