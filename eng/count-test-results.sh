#!/usr/bin/env bash
# Adds up the TRX reports test.sh's runs left in RESULTS_DIR (one <project>.trx per test project) and prints one line,
# "PASSED FAILED SKIPPED". A project whose report is missing (its test host crashed) or that executed no test at all
# counts as one failed test, with a line on stderr that names it: a test project that runs nothing proves nothing, and
# a broken filter, discovery or adapter would otherwise pass silently.
#
#   eng/count-test-results.sh RESULTS_DIR PROJECT_NAME...
set -uo pipefail
results=$1
shift

passed=0 failed=0 skipped=0
for name in "$@"; do
  trx="$results/$name.trx"
  if [[ ! -f "$trx" ]]; then
    echo "test.sh: $name reported no results (no $trx: a test host crashed?)" >&2
    failed=$((failed + 1))
    continue
  fi

  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { local value; value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"); echo "${value:-0}"; }
  project_passed=$(get passed)
  project_failed=$(($(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  passed=$((passed + project_passed))
  failed=$((failed + project_failed))
  skipped=$((skipped + $(get notExecuted)))
  if [[ $((project_passed + project_failed)) -eq 0 ]]; then
    echo "test.sh: $name executed no test (its report $trx counts 0 passed, 0 failed); a test project that runs nothing is a failure" >&2
    failed=$((failed + 1))
  fi
done

echo "$passed $failed $skipped"
