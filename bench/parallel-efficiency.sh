#!/usr/bin/env bash
# How close the parallel mode gets to its lower bound: 400 prompts, fixed 200 ms service time,
# 32 threads, against `promptbench simulate` in its own JVM (warmed by one untimed run).
# Ideal: ceil(400 / 32) = 13 waves x 200 ms = 2.6 s. Target: efficiency >= 0.98.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
find_jar
runs="${RUNS:-3}"

prompts 400 "$out/prompts-400.txt"
start_sim --ttft-median 200ms --ttft-sigma 0 --token-delay 0ms
export OPENAI_API_KEY=bench-not-a-key

run() {
  timeout --foreground -k 5 120 java "${launcher_flags[@]}" -jar "$jar" run "$out/prompts-400.txt" \
    --endpoint "$sim_url/v1" --model sim --threads 32 --mode parallel \
    --out "$out/parallel-efficiency.jsonl" --force --format json --quiet
}

echo "warm-up run (untimed, warms the simulator's JVM as a long-running server would be)..." >&2
run >/dev/null
rows=()
for i in $(seq 1 "$runs"); do
  echo "run $i/$runs..." >&2
  rows+=("$i $(run | jq -r '.modes.parallel | "\(.wall_ms/1000) \(.lower_bound_ms/1000) \(.efficiency) \(.latency_ms.p50) \(.latency_ms.max) \(.errors)"')")
done

echo
echo "parallel efficiency: 400 prompts x 200 ms fixed, 32 threads (ideal 2.6 s)"
{
  echo "run wall_s lower_bound_s efficiency p50_ms max_ms errors"
  for r in "${rows[@]}"; do
    read -r n wall lb eff p50 max err <<<"$r"
    printf '%s %.3f %.3f %.4f %.1f %.1f %s\n' "$n" "$wall" "$lb" "$eff" "$p50" "$max" "$err"
  done
} | column -t
footer
