#!/usr/bin/env bash
# Fast under rate limits: 1,000 prompts of ~150 tokens with --max-tokens 100 against `promptbench simulate`
# (its own JVM) limited like an Azure deployment: 75,000 TPM with the limits' clock x10, i.e. 12,500 tokens
# and 75 requests a real second, one second's worth of burst; 64 threads. Naive parallel vs --tpm vs
# --adaptive: wall against the minimum (tokens as the service charges them / TPM), 429s, retries, losses.
# Then the same over two equal deployments (a two-endpoint profile). Targets: budgeted and adaptive
# <= 1.05x the minimum with < 1% of requests answered 429 and nothing lost; two deployments <= 0.6x one.
# The minimum leaves out the simulator's initial full bucket (one second's worth), which a client that
# bursts at once gets for free, so a naive run can come in just under it, at the price of tens of
# thousands of 429s (the simulator's Retry-After is exact to the millisecond; Azure's is not).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
find_jar

n=1000
scale=10
sim_tpm=75000                        # per simulated minute
real_tpm=$((sim_tpm * scale))         # per real minute: what the client's budget is given
max_tokens=100
threads=64

# ~150 tokens a prompt, as the simulator counts them (a word or a punctuation mark each) and as o200k
# does (common lower-case words are one token each with their leading space).
words=(the of and to in is it that for was on are with as his they at be this from have or by one had not
  but what all were when we there can an your which their said if do will each about how up out them then
  she many some so these would other into has more her two like him see time could no make than first been
  its who now people my made over did down only way find use may water long little very after words called
  just where most know)
prompt_file="$out/prompts-rate-$n.txt"
awk -v n="$n" -v list="${words[*]}" 'BEGIN {
  k = split(list, w, " ");
  for (i = 1; i <= n; i++) {
    line = "request " i ":";
    for (j = 0; j < 147; j++) line = line " " w[(i * 7 + j) % k + 1];
    print line;
  }
}' >"$prompt_file"

start_sim --tpm "$sim_tpm" --time-scale "$scale" --ttft-median 200ms --token-delay 1ms --deployments d1,d2
export AZURE_OPENAI_API_KEY=bench-not-a-key
unset AZURE_OPENAI_ENDPOINT AZURE_OPENAI_DEPLOYMENT OPENAI_API_KEY OPENAI_BASE_URL || true

cat >"$out/rate-limits-two.yaml" <<YAML
profiles:
  two:
    endpoints:
      - {name: east, provider: azure, url: "$sim_url", deployment: d1, key_env: AZURE_OPENAI_API_KEY}
      - {name: west, provider: azure, url: "$sim_url", deployment: d2, key_env: AZURE_OPENAI_API_KEY}
YAML

# run LABEL DEPLOYMENTS PROMPTBENCH-OPTIONS...: one parallel run; appends a row.
rows=()
run() {
  local label="$1" deployments="$2"; shift 2
  local results="$out/rate-limits-${label// /-}.jsonl"
  echo "run: $label..." >&2
  timeout -k 5 600 java "${launcher_flags[@]}" -jar "$jar" run "$prompt_file" --mode parallel --threads "$threads" \
    --max-tokens "$max_tokens" --out "$results" --force --format json --quiet "$@" >"$out/rate-limits.json"
  # Tokens as the service charged them at admission: its prompt-token count plus the max tokens sent.
  local charged minimum
  charged="$(jq -s '[.[] | select(.type == "request" and .tokens != null) | .tokens.prompt + '"$max_tokens"'] | add // 0' "$results")"
  minimum="$(awk -v c="$charged" -v t="$real_tpm" -v d="$deployments" 'BEGIN {printf "%.3f", c / (t * d / 60)}')"
  local met429
  met429="$(jq -s '[.[] | select(.type == "request" and .rate_limited > 0)] | length' "$results")"
  rows+=("$(jq -r --arg l "$label" --arg min "$minimum" --arg met "$met429" --arg n "$n" '.modes.parallel |
    "\($l)|\(.wall_ms / 1000 * 1000 | round / 1000)|\($min)|\((.wall_ms / 1000) / ($min | tonumber) * 100 | round / 100)|\($met) (\(($met | tonumber) / ($n | tonumber) * 1000 | round / 10)%)|\(.rate_limited)|\(.retries)|\(.ok)|\(.errors + .not_run)"' \
    "$out/rate-limits.json")")
  last_wall="$(jq -r '.modes.parallel.wall_ms / 1000' "$out/rate-limits.json")"
}

one=(--endpoint "$sim_url" --provider azure --deployment d1)
two=(--config "$out/rate-limits-two.yaml" --profile two)
run "naive" 1 "${one[@]}"
run "--tpm $real_tpm" 1 "${one[@]}" --tpm "$real_tpm"
wall_tpm_one="$last_wall"
run "--adaptive" 1 "${one[@]}" --adaptive
wall_adaptive_one="$last_wall"
run "two deployments --tpm $real_tpm" 2 "${two[@]}" --tpm "$real_tpm"
wall_tpm_two="$last_wall"
run "two deployments --adaptive" 2 "${two[@]}" --adaptive
wall_adaptive_two="$last_wall"

echo
echo "rate limits: $n prompts (~150 tokens) x --max-tokens $max_tokens, $threads threads; simulator $sim_tpm TPM per"
echo "deployment with its limits' clock x$scale (= $real_tpm TPM, $((real_tpm * 6 / 1000)) RPM a real minute), ~0.3 s answers"
{
  echo "run|wall_s|minimum_s|wall/min|requests_met_429|429_answers|retries|ok|lost"
  printf '%s\n' "${rows[@]}"
} | column -t -s '|'
echo "minimum_s = tokens the service charged (its prompt count + max tokens) / TPM; the naive run gets the"
echo "simulator's initial full bucket (1 s) for free and retries each 429 after its exact Retry-After."
awk -v a="$wall_tpm_two" -v b="$wall_tpm_one" -v c="$wall_adaptive_two" -v d="$wall_adaptive_one" 'BEGIN {
  printf "two deployments vs one: --tpm %.2fx, --adaptive %.2fx (target <= 0.6x)\n", a / b, c / d }'
footer
