#!/usr/bin/env bash
# Budgets that calibrate themselves: 600 prompts (~110 words of everyday English with some long words) with
# --max-tokens 100 against `promptbench simulate` (its own JVM) whose token limit counts prompt tokens as
# characters / 4 (`--token-counting chars4`), not as promptbench's o200k estimate: 75,000 TPM with the
# limits' clock x10 (12,500 tokens a real second, one second's worth of burst), ~0.2 s answers, 64 threads,
# --tpm 750000 (requests do not bind). Once with the x-ratelimit-* headers (the budget learns from x-ratelimit-remaining-tokens),
# once without (it can learn from 429s only). Wall time against the minimum (the tokens the simulator
# charged / TPM), requests that met a 429, losses, and what the budget says it learnt.
# Targets (with headers): wall <= 1.05x the minimum, < 1% of requests answered 429, nothing lost.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
find_jar

n="${PROMPTS:-600}"
scale=10
sim_tpm=75000
real_tpm=$((sim_tpm * scale))
max_tokens=100
threads=64

# Common short words (one o200k token each, one or two of chars/4) with every fourth word a long one
# (still one o200k token, three or four of chars/4): chars/4 charges about 1.3x the o200k estimate.
short=(the of and to in is it that for was on are with as his they at be this from have or by one had not
  but what all were when we there can an your which their said if do will each about how up out them then)
long=(international communication understanding development environment information relationship government
  experience organization performance technology management everything particularly production)
prompt_file="$out/prompts-calibration-$n.txt"
awk -v n="$n" -v s="${short[*]}" -v l="${long[*]}" 'BEGIN {
  ks = split(s, sw, " "); kl = split(l, lw, " ");
  for (i = 1; i <= n; i++) {
    line = "request " i ":";
    for (j = 0; j < 110; j++) line = line " " (j % 4 == 3 ? lw[(i * 5 + j) % kl + 1] : sw[(i * 7 + j) % ks + 1]);
    print line;
  }
}' >"$prompt_file"
# What the simulator charges (chars4): 3 a request + 4 a message + a token per started 4 characters, + max tokens.
charged="$(awk -v m="$max_tokens" '{ c += 7 + int((length($0) + 3) / 4) + m } END { print c }' "$prompt_file")"
minimum="$(awk -v c="$charged" -v t="$real_tpm" 'BEGIN {printf "%.3f", c / (t / 60)}')"

export AZURE_OPENAI_API_KEY=bench-not-a-key
unset AZURE_OPENAI_ENDPOINT AZURE_OPENAI_DEPLOYMENT OPENAI_API_KEY OPENAI_BASE_URL || true

rows=()
# run LABEL SIM-URL PROMPTBENCH-OPTIONS...: one parallel run against a deployment; appends a row.
run() {
  local label="$1" url="$2"; shift 2
  local results="$out/calibration-${label// /-}.jsonl"
  echo "run: $label..." >&2
  timeout -k 5 600 java "${launcher_flags[@]}" -jar "$jar" run "$prompt_file" --mode parallel --threads "$threads" \
    --max-tokens "$max_tokens" --endpoint "$url" --provider azure --deployment d1 \
    --out "$results" --force --format json "$@" >"$out/calibration.json" 2>"$out/calibration.err" || true
  local met learnt
  met="$(jq -s '[.[] | select(.type == "request" and .rate_limited > 0)] | length' "$results")"
  learnt="$(grep -o 'budget: \(the service\|charging\).*' "$out/calibration.err" | sed 's/^budget: //' | tail -n 1 || true)"
  rows+=("$(jq -r --arg l "$label" --arg min "$minimum" --arg met "$met" --arg n "$n" --arg learnt "${learnt:--}" '.modes.parallel |
    "\($l)|\(.wall_ms / 1000 * 1000 | round / 1000)|\($min)|\((.wall_ms / 1000) / ($min | tonumber) * 1000 | round / 1000)|\($met) (\(($met | tonumber) / ($n | tonumber) * 1000 | round / 10)%)|\(.rate_limited)|\(.ok)|\(.errors + .not_run)|\($learnt)"' \
    "$out/calibration.json")")
}

# --rpm far above the token limit's pace: the limits' clock x10 shrinks the simulator's one-second request
# window to 0.1 s of real time, which threads bunched by a loaded box would trip; here only tokens bind.
common=(--rpm 600000 --tpm "$sim_tpm" --time-scale "$scale" --ttft-median 200ms --token-delay 1ms --token-counting chars4)
start_sim "${common[@]}"
with_headers="$sim_url"
start_sim "${common[@]}" --rate-limit-headers none
without_headers="$sim_url"

run "headers --tpm" "$with_headers" --tpm "$real_tpm"
run "no headers --tpm" "$without_headers" --tpm "$real_tpm"

echo
echo "calibration: $n prompts x --max-tokens $max_tokens, $threads threads, --tpm $real_tpm; simulator $sim_tpm TPM"
echo "with its limits' clock x$scale, prompt tokens counted as chars/4; jar $(basename "$jar")"
{
  echo "run|wall_s|minimum_s|wall/min|requests_met_429|429_answers|ok|lost|learnt"
  printf '%s\n' "${rows[@]}"
} | column -t -s '|'
echo "minimum_s = tokens the simulator charged ($charged: chars/4 prompt + max tokens) / TPM; the simulator's"
echo "bucket starts full (one second's worth), which a client that is not paced from empty gets for free."
footer
