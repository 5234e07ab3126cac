#!/usr/bin/env bash
# Kubernetes emulator benchmark through KubernetesClient (10,000 ImageCaches by default).
#   bash tools/Emulators/Kubernetes/bench/bench.sh [--objects N] [--patches N] [--concurrency N] [--persist]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
artifacts="${BENCH_ARTIFACTS:-/tmp/art-k8s-bench}"
exec dotnet run -c Release --project "$here/Emulators.Kubernetes.Bench.csproj" --artifacts-path "$artifacts" -- "$@"
