#!/usr/bin/env bash
# Nothing lost under faults and a rate limit: 5,000 prompts, 64 threads, against `promptbench simulate`
# in its own JVM failing 10 % of requests on purpose (500, 503, reset, malformed, slow-headers) behind an
# RPM limit whose clock runs TIME_SCALE times faster, so it binds within seconds. Counts the outcomes
# from the JSON summary and, independently, the request records in the results file.
# Target: exactly 5,000 request records, one per prompt, all ok (every retryable fault recovered).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
find_jar
n="${PROMPTS:-5000}"
threads="${THREADS:-64}"
fault_rate="${FAULT_RATE:-0.1}"
rpm="${RPM:-1200}"
time_scale="${TIME_SCALE:-15}"   # 1200 RPM x 15 = 300 requests/s, a burst of 20 (one unscaled second)

prompts "$n" "$out/prompts-$n.txt"
results="$out/nothing-lost.jsonl"
start_sim --fault-rate "$fault_rate" --rpm "$rpm" --time-scale "$time_scale" \
  --ttft-median 50ms --tokens 20 --token-delay 2ms
export OPENAI_API_KEY=bench-not-a-key

echo "running $n prompts, $threads threads, faults $fault_rate, $rpm RPM x $time_scale..." >&2
started_ns="$(date +%s%N)"
set +e
timeout --foreground -k 5 900 java "${launcher_flags[@]}" -jar "$jar" run "$out/prompts-$n.txt" \
  --endpoint "$sim_url/v1" --model sim --threads "$threads" --mode parallel \
  --out "$results" --force --format json --quiet >"$out/nothing-lost.json" 2>"$out/nothing-lost.err"
rc=$?
set -e
process_ms="$(( ($(date +%s%N) - started_ns) / 1000000 ))"
[ -s "$out/nothing-lost.json" ] || die "no JSON from promptbench (exit $rc): $(cat "$out/nothing-lost.err")"

# From promptbench's own summary.
summary="$(jq -r '.modes.parallel | "\(.ok) \(.errors) \(.filtered) \(.not_run) \(.retries) \(.rate_limited) \(.retries_after_send) \(.wait_ms) \(.wall_ms) \(.requests_per_s) \(.latency_ms.p50) \(.latency_ms.p99)"' "$out/nothing-lost.json")"
read -r ok errors filtered not_run retries limited after_send wait_ms wall_ms rps p50 p99 <<<"$summary"

# From the results file alone: one final record per prompt, nothing more, nothing missing.
tally="$(jq -s -r --argjson n "$n" '
  [.[] | select(.type == "request")] as $r
  | ($r | map(.index) | unique) as $idx
  | ($r | map(.end_offset_ms) | sort) as $ends
  | [ ($r | length),
      ($idx | length),
      (if $idx == [range(0; $n)] then "yes" else "no" end),
      ($r | map(select(.status == "ok")) | length),
      ($r | map(select(.status == "error")) | length),
      ($r | map(select(.status == "filtered")) | length),
      ($r | map(select(.status == "not_run")) | length),
      ($r | map(.attempts) | add),
      ($r | map(.rate_limited) | add),
      ($r | map(.attempts - 1 - .rate_limited) | add),
      ($r | map(select(.attempts - 1 - .rate_limited > 0)) | length),
      ($r | map(select(.rate_limited > 0)) | length),
      ($r | map(.attempts) | max),
      ($r | map(.wait_ms) | max),
      ($ends[(($n * 0.5) | floor) - 1] / 1000),
      ($ends[(($n * 0.99) | floor) - 1] / 1000),
      ($ends[-1] / 1000) ] | map(tostring) | join(" ")' "$results")"
read -r records distinct complete r_ok r_err r_filt r_notrun attempts r_limited faults fault_prompts limited_prompts \
  max_attempts max_wait t50 t99 t100 <<<"$tally"

echo
echo "nothing lost: $n prompts, $threads threads, fault rate $fault_rate (all kinds), $rpm RPM x $time_scale = $((rpm * time_scale / 60))/s"
{
  echo "figure|value"
  echo "promptbench exit code|$rc"
  echo "ok / error / filtered / not_run (summary)|$ok / $errors / $filtered / $not_run"
  echo "request records in the results file|$records ($distinct distinct prompts; every index 0..$((n - 1)) present: $complete)"
  echo "ok / error / filtered / not_run (records)|$r_ok / $r_err / $r_filt / $r_notrun"
  echo "attempts (requests sent)|$attempts"
  echo "retries (summary)|$retries"
  echo "  of which 429 (rate_limited)|$limited (records: $r_limited, on $limited_prompts prompts)"
  echo "  of which faults (5xx, reset, malformed)|$faults (on $fault_prompts prompts; $after_send after the request was sent)"
  echo "most attempts for one prompt|$max_attempts"
  printf 'wait between attempts (total / max per prompt)|%.1f s / %.1f s\n' "$(jq -n "$wait_ms / 1000")" "$(jq -n "$max_wait / 1000")"
  printf 'wall (parallel mode)|%.2f s (%s req/s)\n' "$(jq -n "$wall_ms / 1000")" "$rps"
  printf 'records done by (50 %% / 99 %% / 100 %%)|%.2f s / %.2f s / %.2f s\n' "$t50" "$t99" "$t100"
  printf 'latency p50 / p99 (last attempt)|%.1f ms / %.1f ms\n' "$p50" "$p99"
  echo "process wall (JVM start to exit)|$(jq -n "$process_ms / 1000") s"
} | column -t -s '|'
if [ "$records" -eq "$n" ] && [ "$distinct" -eq "$n" ] && [ "$complete" = yes ] && [ "$r_ok" -eq "$n" ]; then
  echo "target met: $n records, none lost, every retryable fault recovered"
else
  echo "TARGET MISSED: see $results and $out/nothing-lost.err"
fi
footer
