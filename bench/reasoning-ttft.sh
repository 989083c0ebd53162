#!/usr/bin/env bash
# Is the visible TTFT right when a reasoning model thinks first? Against `promptbench simulate` in its own
# JVM with a server-injected reasoning delay: TTFT 200 ms fixed, then 100 reasoning tokens at 5 ms each
# (500 ms) before the first visible token, 20 visible tokens, 1,000 prompts, 32 threads, --stream.
# Truth: first reasoning event at 200 ms, first visible token at 700 ms. Target: p50 of the visible TTFT
# within 2 ms of the truth, for --api responses (typed events) and --api chat (content deltas).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
find_jar
export OPENAI_API_KEY=bench-not-a-key
ttft=200 token=5 reasoning=100 tokens=20 threads=32
n="${PROMPTS:-1000}"
truth=$(( ttft + reasoning * token ))
prompts "$n" "$out/prompts-$n.txt"

run_pb() {
  local name="$1"; shift
  timeout --foreground -k 5 300 java "${launcher_flags[@]}" -jar "$jar" run "$out/prompts-$n.txt" \
    --endpoint "$sim_url/v1" --model sim --threads "$threads" --mode parallel --stream \
    --out "$out/$name.jsonl" --force --format json --quiet "$@" >"$out/$name.json" 2>"$out/$name.err" \
    || [ -s "$out/$name.json" ] || die "$name failed: $(cat "$out/$name.err")"
}

start_sim --ttft-median "${ttft}ms" --ttft-sigma 0 --token-delay "${token}ms" --tokens "$tokens" \
  --reasoning-tokens "$reasoning"
rows=()
for api in responses chat; do
  echo "--api $api: warm-up run (untimed, warms the simulator's JVM)..." >&2
  run_pb "reasoning-warmup-$api" --api "$api"
  echo "--api $api: measured run..." >&2
  run_pb "reasoning-$api" --api "$api"
  exact="$(jq -s -r '[.[] | select(.type == "request" and .status == "ok")] as $r
    | def med(f): ($r | map(f) | map(select(. != null)) | sort) as $s | ($s | length) as $k
        | if $k == 0 then "-" elif $k % 2 == 1 then $s[($k - 1) / 2] else ($s[$k / 2 - 1] + $s[$k / 2]) / 2 end;
      "\(med(.ttft_ms)) \(med(.first_reasoning_ms)) \(med(.tokens.reasoning))"' \
    "$out/reasoning-$api.jsonl")"
  rows+=("$api $exact $(jq -r '.modes.parallel | "\(.ok) \(.errors) \(.ttft_ms.p50) \(.ttft_ms.p99)"' "$out/reasoning-$api.json")")
done
kill "${started[-1]}" 2>/dev/null || true; wait "${started[-1]}" 2>/dev/null || true

echo
echo "visible TTFT behind reasoning: $n prompts, $threads threads, TTFT ${ttft} ms + $reasoning reasoning tokens x ${token} ms"
{
  echo "api ok errors TTFT_p50 TTFT_p50_exact TTFT_p99 truth off_by first_reasoning_p50_exact reasoning_truth reasoning_tokens"
  for r in "${rows[@]}"; do
    read -r api t_exact r_exact rtok ok err t50 t99 <<<"$r"
    printf '%s %s %s %.1f %.2f %.1f %s %+.2f %s %s %s\n' "$api" "$ok" "$err" "$t50" "$t_exact" "$t99" "$truth" \
      "$(jq -n "$t50 - $truth")" "$r_exact" "$( [ "$api" = responses ] && echo "$ttft" || echo "-")" "$rtok"
  done
} | column -t
echo "(ms; TTFT_p50 from promptbench's JSON (HdrHistogram), _exact = median of the request records;"
echo " first_reasoning = the first reasoning event of the Responses API stream (chat streams show none))"
footer
