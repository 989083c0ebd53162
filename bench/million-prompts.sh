#!/usr/bin/env bash
# A million prompts through a 64 MB heap: 1,000,000 prompts at zero latency, 64 threads, -Xmx64m,
# against nginx serving a canned chat.completion. It must finish, and the live heap must stay flat:
# every 10 s `jcmd GC.run` forces a full GC, whose "after" size in the GC log is the live heap.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
need jcmd openjdk-17-jdk-headless
[ -x /usr/bin/time ] || need /usr/bin/time time
find_jar
n="${PROMPTS:-1000000}"
limit=900 # seconds; the run is killed (and the script fails) past this

prompts "$n" "$out/prompts-1m.txt"
start_nginx
export OPENAI_API_KEY=bench-not-a-key
rm -f "$out/gc.log"

echo "running $n prompts (about a minute or two on 2 cores)..." >&2
/usr/bin/time -v -o "$out/time.txt" java "${launcher_flags[@]}" -Xmx64m -Xlog:gc:file="$out/gc.log" \
  -jar "$jar" run "$out/prompts-1m.txt" --endpoint "$nginx_url" --model sim --threads 64 --mode parallel \
  --out "$out/million.jsonl" --force --format json --quiet >"$out/million.json" &
timer=$!
started+=("$timer")
sleep 1
java_pid="$(pgrep -P "$timer" java || true)"
[ -n "$java_pid" ] && started+=("$java_pid")
for ((t = 1; t < limit; t++)); do
  kill -0 "$timer" 2>/dev/null || break
  sleep 1
  if ((t % 10 == 0)) && [ -n "$java_pid" ]; then jcmd "$java_pid" GC.run >/dev/null 2>&1 || true; fi
done
kill -0 "$timer" 2>/dev/null && die "still running after ${limit}s"
wait "$timer" || die "promptbench failed: $(cat "$out/time.txt")"

results_mb="$(du -m "$out/million.jsonl" | cut -f1)"
[ -n "${KEEP_RESULTS:-}" ] || rm -f "$out/million.jsonl"
elapsed="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s}' "$out/time.txt")"
rss="$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$out/time.txt")"
cpu="$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1f", s}' "$out/time.txt")"

echo
echo "one million prompts: zero-latency nginx, 64 threads, ${launcher_flags[*]} -Xmx64m"
jq -r --arg rss "$rss" --arg cpu "$cpu" --arg mb "$results_mb" '.modes.parallel |
  "wall \(.wall_ms / 10 | round / 100) s · \(.requests_per_s | round) req/s · \(.ok) ok, \(.errors) errors · p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms · process CPU \($cpu) s, peak RSS \($rss) MB · results file \($mb) MB"' \
  "$out/million.json"
echo
echo "live heap (after each forced full GC), by time into the process:"
{
  echo "uptime_s % heap_after_full_GC_MB"
  awk -v e="$elapsed" -F'[][]' '/Pause Full/ {t = $2 + 0; match($0, /->[0-9]+M/); h = substr($0, RSTART + 2, RLENGTH - 3)
    printf "%.0f %.0f%% %s\n", t, 100 * t / e, h}' "$out/gc.log"
} | column -t
awk -F'->' '/Pause/ {split($2, a, "M"); if (a[1] + 0 > m) m = a[1] + 0; n++} /Pause Young/ {y++}
  END {printf "GCs: %d (%d young); max heap after any GC: %d MB (heap limit 64 MB)\n", n, y, m}' "$out/gc.log"
footer
