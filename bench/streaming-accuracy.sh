#!/usr/bin/env bash
# Are the streaming and open-loop figures right? Against `promptbench simulate` in its own JVM:
#  1. --stream, 1,000 prompts, 64 threads, TTFT 300 ms fixed, 20 ms per token, 4 tokens per chunk:
#     measured TTFT and TPOT next to the truth. Target: TTFT p50 within ±3 ms, TPOT p50 within ±1 ms.
#     Rows for 50 tokens (the brief) and 49 (= 12 x 4 + 1, where whole chunks make TPOT exactly 20 ms).
#  2. --rate 100 --arrival poisson, 2,000 prompts (~20 s), 100 ms fixed latency, with and without a
#     2-s stall in the middle of the run: p99 latency and queue_ms must show the stall.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
find_jar
export OPENAI_API_KEY=bench-not-a-key
ttft=300 token=20 per_chunk=4 threads=64
n_stream="${PROMPTS:-1000}"
rate="${RATE:-100}"
n_open="${OPEN_PROMPTS:-2000}"
stall_for="${STALL_FOR:-2}"              # seconds
stall_in_run="${STALL_IN_RUN:-9}"        # seconds into the run the stall should start (mid-run)

prompts "$n_stream" "$out/prompts-$n_stream.txt"
prompts "$n_open" "$out/prompts-$n_open.txt"

stop_sim() { kill "${started[-1]}" 2>/dev/null || true; wait "${started[-1]}" 2>/dev/null || true; }

# run_pb NAME PROMPTS OPTIONS...: one promptbench run in parallel mode, JSON to bench/out/NAME.json.
run_pb() {
  local name="$1" file="$2"; shift 2
  timeout --foreground -k 5 300 java "${launcher_flags[@]}" -jar "$jar" run "$file" \
    --endpoint "$sim_url/v1" --model sim --threads "$threads" --mode parallel \
    --out "$out/$name.jsonl" --force --format json --quiet "$@" >"$out/$name.json" 2>"$out/$name.err" \
    || [ -s "$out/$name.json" ] || die "$name failed: $(cat "$out/$name.err")"
}

# ---- 1. streaming accuracy ------------------------------------------------------------------------
stream_rows=()
for tokens in 50 49; do
  start_sim --ttft-median "${ttft}ms" --ttft-sigma 0 --token-delay "${token}ms" --tokens "$tokens" \
    --tokens-per-chunk "$per_chunk"
  echo "streaming, $tokens tokens: warm-up run (untimed, warms the simulator's JVM)..." >&2
  run_pb stream-warmup "$out/prompts-$n_stream.txt" --stream
  echo "streaming, $tokens tokens: measured run..." >&2
  run_pb "stream-$tokens" "$out/prompts-$n_stream.txt" --stream
  stop_sim
  # The exact medians from the records (HdrHistogram's p50 is the top of a 3-digit bucket).
  exact="$(jq -s -r '[.[] | select(.type == "request" and .status == "ok")] as $r
    | def med(f): ($r | map(f) | sort) as $s | ($s | length) as $k
        | if $k % 2 == 1 then $s[($k - 1) / 2] else ($s[$k / 2 - 1] + $s[$k / 2]) / 2 end;
      "\(med(.ttft_ms)) \(med(.tpot_ms)) \($r | map(.chunks) | unique | map(tostring) | join(","))"' \
    "$out/stream-$tokens.jsonl")"
  stream_rows+=("$tokens $exact $(jq -r '.modes.parallel | "\(.ok) \(.errors) \(.ttft_ms.p50) \(.ttft_ms.p99) \(.tpot_ms.p50) \(.tpot_ms.p99) \(.chunk_gap_ms.p50) \(.latency_ms.p50)"' "$out/stream-$tokens.json")")
done

# ---- 2. open loop with and without a stall ----------------------------------------------------------
# The stall is counted from the simulator's start; promptbench's JVM start, warm-up and canary come
# before its run starts, so the baseline run (no stall) measures that start-up and the stall run
# places its stall at start-up + STALL_IN_RUN.
open_rows=()
startup_ms=""
for kind in baseline stall; do
  sim_opts=(--ttft-median 100ms --ttft-sigma 0 --token-delay 0ms)
  if [ "$kind" = stall ]; then
    stall_at_ms=$(( startup_ms + stall_in_run * 1000 ))
    sim_opts+=(--stall "${stall_at_ms}ms:${stall_for}s")
  fi
  start_sim "${sim_opts[@]}"
  sim_started_ms="$(date +%s%3N)"
  echo "open loop, $kind: $n_open prompts at $rate/s (poisson)..." >&2
  run_pb "open-$kind" "$out/prompts-$n_open.txt" --rate "$rate" --arrival poisson
  stop_sim
  # The run's start on the wall clock: the header's started_at (ms precision is enough here).
  run_started_ms="$(date -d "$(head -n 1 "$out/open-$kind.jsonl" | jq -r .started_at)" +%s%3N)"
  [ "$kind" = baseline ] && startup_ms=$(( run_started_ms - sim_started_ms ))
  # Where the stall shows in the data: responses held by it all end when it ends, so the first end of
  # a request slower than 5x the service time, minus the stall's length, is the stall's start.
  seen="$(jq -s -r --argjson f "$stall_for" '[.[] | select(.type == "request" and .latency_ms > 500)]
    | if length == 0 then "- 0" else "\(((map(.end_offset_ms) | min) / 1000 - $f)) \(length)" end' \
    "$out/open-$kind.jsonl")"
  open_rows+=("$kind $seen $(jq -r '.modes.parallel | "\(.ok) \(.errors) \(.rate.achieved_per_s) \(.latency_ms.p50) \(.latency_ms.p90) \(.latency_ms.p99) \(.latency_ms.max) \(.queue_ms.p50) \(.queue_ms.p99) \(.queue_ms.max) \(.wall_ms)"' "$out/open-$kind.json")")
done

# ---- tables -----------------------------------------------------------------------------------------
echo
echo "streaming accuracy: $n_stream prompts, $threads threads, TTFT ${ttft} ms fixed, ${token} ms/token, $per_chunk tokens/chunk"
{
  echo "tokens chunks ok errors TTFT_p50 TTFT_p50_exact TTFT_p99 truth TPOT_p50 TPOT_p50_exact TPOT_p99 exact_expected nominal chunk_gap_p50 latency_p50 latency_expected"
  for r in "${stream_rows[@]}"; do
    read -r tokens ttft_med tpot_med chunks ok err t50 t99 p50 p99 gap lat <<<"$r"
    # Chunk k (0-based) goes out at TTFT + k x per_chunk x token: the last at TTFT + (chunks-1) x 80 ms.
    nchunks=$(( (tokens + per_chunk - 1) / per_chunk ))
    span=$(( (nchunks - 1) * per_chunk * token ))
    printf '%s %s %s %s %.1f %.2f %.1f %s %.3f %.3f %.3f %.3f %s %.2f %.1f %s\n' "$tokens" "$chunks" "$ok" "$err" \
      "$t50" "$ttft_med" "$t99" "$ttft" "$p50" "$tpot_med" "$p99" "$(jq -n "$span / ($tokens - 1)")" "$token" \
      "$gap" "$lat" "$(( ttft + span ))"
  done
} | column -t
echo "(ms; _p50/_p99 from promptbench's JSON (HdrHistogram), _exact = median of the request records;"
echo " exact_expected = (last chunk - first chunk) / (tokens - 1) = (chunks - 1) x $((per_chunk * token)) ms / (tokens - 1))"
echo
echo "open loop: $n_open prompts at $rate/s (poisson), $threads threads cap, 100 ms fixed latency; stall ${stall_for} s"
{
  echo "run stall_at_s(run) slow_requests ok errors achieved/s lat_p50 lat_p90 lat_p99 lat_max queue_p50 queue_p99 queue_max wall_s"
  for r in "${open_rows[@]}"; do
    read -r kind at slow ok err ach l50 l90 l99 lmax q50 q99 qmax wall <<<"$r"
    [ "$at" = - ] || at="$(printf '%.2f' "$at")"
    printf '%s %s %s %s %s %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.1f %.2f\n' "$kind" "$at" "$slow" "$ok" "$err" "$ach" \
      "$l50" "$l90" "$l99" "$lmax" "$q50" "$q99" "$qmax" "$(jq -n "$wall / 1000")"
  done
} | column -t
echo "(ms unless noted; promptbench's start-up before its run: ${startup_ms} ms, so the stall was set at"
echo " ${stall_at_ms} ms after the simulator's start; stall_at_s(run) = where the data puts it: first end of a"
echo " request slower than 500 ms minus ${stall_for} s; slow_requests = requests slower than 500 ms)"
footer
