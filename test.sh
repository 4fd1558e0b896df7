#!/usr/bin/env bash
# Installs what the tests need, builds everything, runs every test, and ends with one line:
#   N passed, N failed[, N skipped]
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results="artifacts/test-results"

finish() { echo "$1 passed, $2 failed${3:+, $3 skipped}"; [[ "$2" == 0 ]]; exit $?; }

if ! ./eng/install-test-deps.sh; then
  echo "test.sh: could not install the test dependencies (see above)" >&2
  finish 0 1
fi
if ! dotnet build AuditBridge.slnx -c Debug -nologo -v quiet -clp:ErrorsOnly; then
  echo "test.sh: build failed" >&2
  finish 0 1
fi

rm -rf "$results"
projects=(tests/*.Tests/*.Tests.csproj)
status=0 names=()
for project in "${projects[@]}"; do
  name=$(basename "$project" .csproj)
  names+=("$name")
  # --blame-hang-timeout turns a hung test into a failure with a dump instead of a stalled CI run.
  dotnet test "$project" -c Debug --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" \
    --blame-hang-timeout 10m || status=$?
done

# A missing report or a project that executed no test counts as a failure (eng/count-test-results.sh says which).
read -r passed failed skipped < <(./eng/count-test-results.sh "$results" "${names[@]}")
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  echo "test.sh: dotnet test exited with $status without a failed test" >&2
  failed=1
fi
if [[ $skipped -gt 0 ]]; then finish "$passed" "$failed" "$skipped"; else finish "$passed" "$failed"; fi
