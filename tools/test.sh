#!/usr/bin/env bash
# Sets up what the tests need and runs them: `bash tools/test.sh [dotnet test options]`.
# Installs the Debian packages the end-to-end tests drive when they are missing (a real
# registry, skopeo and umoci to build and push images, kubectl for the Kubernetes emulator,
# gcc and the C library's files, which link the template's NativeAOT publish),
# runs `dotnet test Functions.sln` with a TRX logger, and ends with one line
# "N passed, N failed". Exits non-zero on any failed test or build error.
#   --setup-only   install what is missing, run no test
# The set-up part uses only bash built-ins and apt-get, so it also runs with a bare PATH.
set -uo pipefail
here=${BASH_SOURCE[0]%/*}
[ "$here" = "${BASH_SOURCE[0]}" ] && here=.
cd "$here/.." || exit 1

setup_only=false
if [ "${1:-}" = "--setup-only" ]; then setup_only=true; shift; fi

# command name : Debian packages. NativeAOT links with clang or else gcc (its
# Microsoft.NETCore.Native.Unix.targets); gcc only recommends libc6-dev, which the link needs.
tools=(docker-registry:docker-registry skopeo:skopeo umoci:umoci kubectl:kubectl "gcc:gcc libc6-dev")
need=()
for tool in "${tools[@]}"; do
  [ "${tool%%:*}" = gcc ] && command -v clang >/dev/null 2>&1 && continue
  # shellcheck disable=SC2206 # an entry may name several packages
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=(${tool##*:})
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing with apt-get: ${need[*]}"
  sudo=()
  if [ "$EUID" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "not root and no sudo: install ${need[*]} (Debian packages), then run again"; exit 1; }
    sudo=(sudo --preserve-env=DEBIAN_FRONTEND)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq || { echo "apt-get update failed"; exit 1; }
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "apt-get install ${need[*]} failed"; exit 1; }
fi
for tool in "${tools[@]}"; do
  [ "${tool%%:*}" = gcc ] && command -v clang >/dev/null 2>&1 && continue
  command -v "${tool%%:*}" >/dev/null 2>&1 || { echo "${tool%%:*} is still missing after apt-get install ${tool##*:}"; exit 1; }
done
$setup_only && { echo "set-up done: ${tools[*]%%:*} are installed"; exit 0; }

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=$(mktemp -d "${TMPDIR:-/tmp}/imagecache-tests.XXXXXX")
# Build first, then test without building: `dotnet test` on a solution builds each test project
# inside its own test step, and MSBuild then holds back every project whose references were
# built by a node that is busy running a long test assembly, so the assemblies run one after
# another. Built up front, they run side by side (one per core).
if ! dotnet build Functions.sln -nologo -v q 2>&1 | tee "$results/build.log"; then
  echo "results: $results"
  echo "0 passed, 1 failed"
  exit 1
fi
dotnet test Functions.sln --no-build --logger trx --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A build error or a crashed test host leaves no failed count: the line must still say failed.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "results: $results"
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
