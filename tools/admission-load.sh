#!/usr/bin/env bash
# The minute-long admission load of issue 12: 6 clients send the worst admission reviews (3 MiB
# each) to the imagecache-api process on loopback for ADMISSION_LOAD_SECONDS (default 60) and
# the test fails if its peak RSS reaches 300 MB. Prints "admission load: N reviews in S s, peak RSS M MB".
set -euo pipefail
cd "$(dirname "$0")/.."
export ADMISSION_LOAD_SECONDS="${ADMISSION_LOAD_SECONDS:-60}" MSBUILDDISABLENODEREUSE=1
dotnet test tests/Api.Tests --filter "FullyQualifiedName~AdmissionLoadTests" --logger "console;verbosity=detailed" "$@" | grep -E "admission load:|Passed!|Failed!|Error Message" 
