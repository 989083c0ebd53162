#!/usr/bin/env bash
# How long `promptbench --version` and `--help` take through the launcher (what a user waits for).
# Each round runs every command once, interleaved (so a busy box hits all of them alike); prints the
# median wall time and the median CPU time (user+sys) over RUNS rounds, after WARMUP untimed rounds.
# BASELINE=/path/to/another/checkout adds that checkout's launcher as rows to compare (its jar must be
# built: run its ./promptbench once). Target (issue 15.1): median <= 0.25 s for both.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need /usr/bin/time time
runs="${RUNS:-20}"
warmup="${WARMUP:-3}"

launchers=("$root/promptbench")
[ -n "${BASELINE:-}" ] && launchers+=("$BASELINE/promptbench")
# The launcher builds its jar and class-data archive on first use; do that outside the timing.
for l in "${launchers[@]}"; do "$l" --version >/dev/null; done

commands=() labels=()
for l in "${launchers[@]}"; do
  name="this"; [ "$l" = "$root/promptbench" ] || name="baseline"
  commands+=("$l --version" "$l --help"); labels+=("$name:--version" "$name:--help")
done
samples="$out/startup.samples"
: >"$samples"
for round in $(seq 1 $((warmup + runs))); do
  for i in "${!commands[@]}"; do
    # shellcheck disable=SC2086
    /usr/bin/time -o "$out/startup.time" -f '%e %U %S' ${commands[$i]} >/dev/null 2>&1
    t="$(tail -n 1 "$out/startup.time")"
    [ "$round" -gt "$warmup" ] && echo "$i $t" >>"$samples"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo
echo "startup through the launcher: median of $runs interleaved rounds (after $warmup warm-up rounds)"
{
  echo "command wall_s cpu_s min_wall_s"
  for i in "${!commands[@]}"; do
    wall="$(awk -v i="$i" '$1 == i { print $2 }' "$samples" | median)"
    cpu="$(awk -v i="$i" '$1 == i { print $3 + $4 }' "$samples" | median)"
    min="$(awk -v i="$i" '$1 == i { print $2 }' "$samples" | sort -n | head -n 1)"
    printf '%s %.2f %.2f %.2f\n' "${labels[$i]}" "$wall" "$cpu" "$min"
  done
} | column -t
footer
