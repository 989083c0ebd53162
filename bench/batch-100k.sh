#!/usr/bin/env bash
# 100,000 prompts through the Batch API of the simulator: submit (split into the OpenAI limit of 50,000 a
# part, upload, create), wait for the simulated batches, then fetch (download, join on custom_id, write the
# results file). Reports each command's wall time, CPU and peak RSS: the client's cost beside the simulated
# batch duration. Targets (issue 13): peak RSS at most 256 MB, submit + fetch at most 30 s.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need jq
[ -x /usr/bin/time ] || need /usr/bin/time time
find_jar
n="${PROMPTS:-100000}"
duration="${BATCH_DURATION:-20s}"

prompts "$n" "$out/prompts-batch.txt"
start_sim --batch-duration "$duration"
export OPENAI_API_KEY=bench-not-a-key
rm -rf "$out/batch-100k.batch.json" "$out/batch-100k.batch.parts" "$out/batch-100k.jsonl"
endpoint=(--endpoint "$sim_url/v1" --provider openai --model sim)

measure() { # measure NAME COMMAND...: runs promptbench under /usr/bin/time -v, into $out/time-NAME.txt
  local name="$1"; shift
  /usr/bin/time -v -o "$out/time-$name.txt" timeout 300 java "${launcher_flags[@]}" -jar "$jar" "$@"
}
figures() { # figures NAME: "wall W s · CPU C s · peak RSS R MB"
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, a, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + a[i]; w = s}
    /User time|System time/ {c += $2} /Maximum resident/ {r = $2 / 1024}
    END {printf "wall %.1f s · CPU %.1f s · peak RSS %.0f MB", w, c, r}' "$out/time-$1.txt"
}

echo "submitting $n prompts..." >&2
measure submit batch submit "$out/prompts-batch.txt" "${endpoint[@]}" --state "$out/batch-100k.batch.json" --quiet \
  >"$out/submit.txt" || die "submit failed: $(cat "$out/submit.txt")"
echo "waiting for the simulated batches ($duration each)..." >&2
for _ in $(seq 1 600); do
  java "${launcher_flags[@]}" -jar "$jar" batch status "$out/batch-100k.batch.json" "${endpoint[@]}" --quiet \
    >"$out/status.txt" 2>&1 && break
  sleep 2
done
echo "fetching..." >&2
set +e
measure fetch batch fetch "$out/batch-100k.batch.json" "${endpoint[@]}" --out "$out/batch-100k.jsonl" --force \
  --quiet >"$out/fetch.txt"
code=$?
set -e
[ "$code" -le 1 ] || die "fetch failed ($code): $(cat "$out/fetch.txt")"

parts="$(jq '.parts | length' "$out/batch-100k.batch.json")"
summary="$(grep '"type":"summary"' "$out/batch-100k.jsonl")"
input_mb="$(du -cm "$out/batch-100k.batch.parts" | tail -n 1 | cut -f1)"
results_mb="$(du -m "$out/batch-100k.jsonl" | cut -f1)"
echo
echo "$n prompts through the simulator's Batch API ($parts parts, batch duration $duration), ${launcher_flags[*]}"
echo "submit: $(figures submit) · input files $input_mb MB"
echo "fetch:  $(figures fetch) · results file $results_mb MB"
echo "$summary" | jq -r '"joined: \(.ok) ok, \(.errors) errors, \(.not_run) not run, \(.unjoined_lines) lines not joined"'
[ -n "${KEEP_RESULTS:-}" ] || rm -rf "$out/batch-100k.jsonl" "$out/batch-100k.batch.parts"
footer
