#!/usr/bin/env bash
# Counts the product files one push's route runs (docs/architecture.md), by coverage:
#   bash tools/route-files/run.sh <rev> [<rev>...]   e.g. c8d1a30 HEAD
# Each revision is cloned into $WORK/<rev>, route-files.patch adds coverlet and four tests to
# Refresh.Tests (a Ready cache; a CloudEvents push of a new digest that ends in ECI's
# UpdateImageCache, run warm and cold, each beside the same run without that delivery), and the
# function process's coverage (written on SIGTERM) is compared: a file counts when the delivery
# ran one of its lines more often than the run without it, in all four warm pairings.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd); repo=$(git -C "$here" rev-parse --show-toplevel)
WORK=${WORK:-/tmp/route-files}; mkdir -p "$WORK"
export MSBUILDDISABLENODEREUSE=1 UseSharedCompilation=true
for rev in "$@"; do
  name=$(git -C "$repo" rev-parse --short "$rev"); tree=$WORK/$name
  rm -rf "$tree"; git clone -q "$repo" "$tree"; git -C "$tree" checkout -q "$name"
  # The test project was tests/Webhook.Tests before the renames (c8d1a30, the baseline).
  project=$tree/tests/Refresh.Tests; patch=$here/route-files.patch
  [ -d "$project" ] || { project=$tree/tests/Webhook.Tests; patch=$here/route-files-before-renames.patch; }
  git -C "$tree" apply "$patch"
  dotnet build "$project" -nologo -v q > "$WORK/$name-build.log" 2>&1
  for run in eA:ZzE2EWarmA eB:ZzE2EWarmB eA2:ZzE2EWarmA eB2:ZzE2EWarmB cA:ZzE2EColdA cB:ZzE2EColdB; do
    rm -rf "$WORK/res/$name-${run%%:*}"
    dotnet test "$project" --no-build --filter "FullyQualifiedName~${run#*:}" --collect "XPlat Code Coverage" \
      --results-directory "$WORK/res/$name-${run%%:*}" > "$WORK/$name-${run%%:*}.log" 2>&1
  done
  names+=("$name")
done
python3 "$here/count.py" "$WORK" "${names[@]}"
