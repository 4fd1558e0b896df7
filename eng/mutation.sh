#!/usr/bin/env bash
# Mutation testing with Stryker.NET (the dotnet-stryker tool, pinned in .config/dotnet-tools.json). Run by hand, not in
# CI: a scope takes minutes to an hour on two cores. docs/testing.md has the last scores and what survived.
#
#   ./eng/mutation.sh                 every scope below, one after the other (quickest first)
#   ./eng/mutation.sh formats dedupe  only these scopes
#   ./eng/mutation.sh --list          the scopes
#
# Each scope mutates some source files of one project and runs the test projects that cover them, through the
# Microsoft Testing Platform runner (xUnit v3 test projects are executables; Stryker's VSTest runner cannot activate
# mutants in them, and every mutant then "survives"). Reports: artifacts/mutation/<scope>/reports/mutation-report.html
# (and .json, .md). Exit code: 0 when every scope ran, whatever the score; a score is read, not enforced.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# name | project to mutate | test projects (comma-separated) | test filter (empty: all) | files to mutate (comma-separated globs)
scopes=(
  "dedupe|AuditBridge.Core.csproj|tests/AuditBridge.Core.Tests|FullyQualifiedName~Sources.DedupeWindowTests|**/Sources/DedupeWindow.cs"
  "checkpoints|AuditBridge.Connectors.csproj|tests/AuditBridge.Connectors.Tests|FullyQualifiedName~Sources.Dropbox.DropboxSourceTests|FullyQualifiedName~Sources.Box.BoxSourceTests|**/Sources/Paging/PagingSource.cs,**/Sources/Dropbox/DropboxPaging.cs,**/Sources/Box/BoxPaging.cs"
  "secrets|AuditBridge.Core.csproj|tests/AuditBridge.Core.Tests,tests/AuditBridge.Connectors.Tests|FullyQualifiedName~Secrets|FullyQualifiedName~TokenAuthorizerTests|FullyQualifiedName~DcliSourceTests|**/Secrets/*.cs"
  "formats|AuditBridge.Core.csproj|tests/AuditBridge.Core.Tests|FullyQualifiedName~AuditBridge.Core.Tests.Formats|**/Formats/**/*.cs"
  "pipeline|AuditBridge.Core.csproj|tests/AuditBridge.Core.Tests,tests/AuditBridge.Tests|FullyQualifiedName~Pipeline|FullyQualifiedName~Daemon.CollectorTests|FullyQualifiedName~Daemon.DeliveryLoopTests|**/Pipeline/*.cs"
)


# A scope's fields: the filter itself holds '|', so the last field is the globs and the fourth runs up to it.
parse() {
  local line=$1
  name=${line%%|*}; line=${line#*|}
  project=${line%%|*}; line=${line#*|}
  tests=${line%%|*}; line=${line#*|}
  globs=${line##*|}
  filter=${line%|*}
  [[ "$filter" == "$globs" ]] && filter=""
  return 0
}

if [[ "${1:-}" == "--list" ]]; then
  for scope in "${scopes[@]}"; do parse "$scope"; echo "$name: $globs in ${project%.csproj} (tests: $tests)"; done
  exit 0
fi

wanted=("$@")
dotnet tool restore >/dev/null
dotnet build AuditBridge.slnx -c Debug -nologo -v quiet -clp:ErrorsOnly

for scope in "${scopes[@]}"; do
  parse "$scope"
  if [[ ${#wanted[@]} -gt 0 && ! " ${wanted[*]} " == *" $name "* ]]; then
    continue
  fi

  args=(--project "$project" --test-runner mtp --concurrency 1 --skip-version-check
        --reporter html --reporter json --reporter markdown --reporter progress
        --output "$PWD/artifacts/mutation/$name")
  IFS=',' read -r -a test_projects <<<"$tests"
  for test_project in "${test_projects[@]}"; do
    args+=(--test-project "$PWD/$test_project/$(basename "$test_project").csproj")
  done
  IFS=',' read -r -a patterns <<<"$globs"
  for pattern in "${patterns[@]}"; do
    args+=(--mutate "$pattern")
  done
  if [[ -n "$filter" ]]; then
    args+=(--test-case-filter "$filter")
  fi

  echo "== mutation scope $name: $globs (tests: $tests${filter:+, filter $filter})"
  rm -rf "artifacts/mutation/$name"
  # From a test project's folder: in the repository root Stryker finds the solution and refuses --test-project there.
  (cd "${test_projects[0]}" && dotnet tool run dotnet-stryker -- "${args[@]}")
done
