#!/usr/bin/env bash
# Parallel efficiency against a server in another process (bench/fixed-latency-server.mjs, Node):
# 400 prompts, fixed 200 ms, 32 threads, --mode parallel. The in-JVM simulator shares the client's
# JVM and hides what a real server exposes (connection set-up, Nagle, keep-alive, thread hand-offs).
# Ideal: 13 waves x 200 ms = 2.6 s. Target (issue 15.3): efficiency >= 0.98.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq; need node nodejs
find_jar
runs="${RUNS:-3}"
delay="${DELAY_MS:-200}"

prompts 400 "$out/prompts-400.txt"
node "$root/bench/fixed-latency-server.mjs" "$delay" >"$out/node-server.log" 2>&1 &
started+=($!)
url=""
for _ in $(seq 1 50); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out/node-server.log" | head -n 1 || true)"
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || die "the Node server did not start: $(cat "$out/node-server.log")"
export OPENAI_API_KEY=bench-not-a-key

run() {
  timeout --foreground -k 5 120 java "${launcher_flags[@]}" ${EXTRA_JAVA_OPTS:-} -jar "$jar" run "$out/prompts-400.txt" \
    --endpoint "$url/v1" --model fixed --threads 32 --mode parallel \
    --out "$out/external-efficiency.jsonl" --force --format json --quiet
}

rows=()
for i in $(seq 1 "$runs"); do
  echo "run $i/$runs..." >&2
  rows+=("$i $(run | jq -r '.modes.parallel | "\(.wall_ms/1000) \(.lower_bound_ms/1000) \(.efficiency) \(.latency_ms.p50) \(.latency_ms.max) \(.errors)"')")
done
kill "${started[0]}" 2>/dev/null; wait "${started[0]}" 2>/dev/null || true

echo
echo "parallel efficiency against Node (another process): 400 prompts x ${delay} ms fixed, 32 threads"
{
  echo "run wall_s lower_bound_s efficiency vs_ideal p50_ms max_ms errors"
  for r in "${rows[@]}"; do
    read -r n wall lb eff p50 max err <<<"$r"
    printf '%s %.3f %.3f %.4f %.4f %.1f %.1f %s\n' "$n" "$wall" "$lb" "$eff" \
      "$(echo "13 * $delay / 1000 / $wall" | bc -l)" "$p50" "$max" "$err"
  done
} | column -t
echo "server: $(tail -n 1 "$out/node-server.log")"
footer
