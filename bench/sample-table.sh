#!/usr/bin/env bash
# The README's first command: the four sample prompts against the built-in simulator, compare mode,
# 4 threads; prints promptbench's own table. Per-request records go to results/ as usual.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$root"
if [ -n "${PROMPTBENCH_JAR:-}" ]; then
  # Same flags as the launcher, on the given jar.
  cmd=(timeout --foreground -k 5 120 java "${launcher_flags[@]}" -Dfile.encoding=UTF-8 -jar "$PROMPTBENCH_JAR")
else
  cmd=(timeout --foreground -k 5 300 ./promptbench) # builds target/promptbench-all.jar on first use
fi
echo "+ ./promptbench run prompts/sample.txt --threads 4" >&2
"${cmd[@]}" run prompts/sample.txt --threads 4
