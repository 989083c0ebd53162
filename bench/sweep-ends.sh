#!/usr/bin/env bash
# A sweep that ends: `promptbench sweep --threads 1,2,4,8,16,32,64` against `promptbench simulate` (its own JVM)
# with 100 ms answers and a limit of 6,000 requests a minute (100 a second, 10 at once), so throughput grows
# until ~10 threads and 429s come after. Three ways: every step; --until saturation; --target 'p95<1s'.
# Prints per way the steps run and not run, requests sent, wall time of the whole sweep, the knee or the
# recommendation, and the estimated duration promptbench printed first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
find_jar

requests="${REQUESTS:-64}"
prompt_file="$out/prompts-sweep.txt"
prompts 64 "$prompt_file"
start_sim --rpm 6000 --ttft-median 100ms --ttft-sigma 0 --token-delay 0ms
export OPENAI_API_KEY=bench-not-a-key
unset AZURE_OPENAI_ENDPOINT AZURE_OPENAI_API_KEY AZURE_OPENAI_DEPLOYMENT OPENAI_BASE_URL || true

rows=()
# sweep LABEL OPTIONS...: one sweep; appends a row.
sweep() {
  local label="$1"; shift
  echo "sweep: $label..." >&2
  local t0 t1
  t0="$(date +%s.%N)"
  timeout -k 5 900 java "${launcher_flags[@]}" -jar "$jar" sweep "$prompt_file" --endpoint "$sim_url/v1" --model sim \
    --threads 1,2,4,8,16,32,64 --min-requests "$requests" --retries 50 --yes --format json \
    --out "$out/sweep-${label// /-}.jsonl" --force "$@" >"$out/sweep.json" 2>"$out/sweep.err" || true
  t1="$(date +%s.%N)"
  local estimate
  estimate="$(grep -o 'estimated duration: [^(]*' "$out/sweep.err" | sed 's/estimated duration: //; s/ for .*//' || true)"
  rows+=("$(jq -r --arg l "$label" --arg w "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')" \
    --arg e "${estimate:--}" '
    "\($l)|\([.steps[].threads] | map(tostring) | join(","))|\(.not_run | map(tostring) | join(",") | if . == "" then "-" else . end)|\([.steps[].repeats[].requests] | add)|\($w)|\($e)|\(.recommendation // ("knee " + (.knee.threads | tostring)))"' \
    "$out/sweep.json")")
}

sweep "every step"
sweep "--until saturation" --until saturation
sweep "--target p95<1s" --target 'p95<1s'

echo
echo "sweep: 7 steps (1..64 threads) x $requests requests against a simulator with 100 ms answers, 6,000 RPM (10 at once)"
{
  echo "way|steps run|not run|requests|process s|estimated|result"
  printf '%s\n' "${rows[@]}"
} | column -t -s '|'
footer
