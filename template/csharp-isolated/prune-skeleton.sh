#!/bin/sh
# faas-cli builds a function's image context by copying this template, function/ skeleton
# included, and then copying the handler over function/. A handler whose project is not
# named Function.csproj therefore finds the skeleton's Function.csproj (and HttpExample.cs)
# beside its own files. This removes each skeleton file that is still byte-identical to the
# template's copy (listed in skeleton.sha256), and only when function/ holds more than one
# project, so that `dotnet restore function/` sees exactly the handler's project.
# Usage: sh prune-skeleton.sh [function-folder]   (run from the build context root)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:-function}"
set -- *.csproj
if [ "$#" -le 1 ]; then
    exit 0
fi
while read -r sum file; do
    if [ -f "$file" ] && echo "$sum  $file" | sha256sum -c --status -; then
        rm -f "$file"
        echo "prune-skeleton: removed the template's $file"
    fi
done < "$here/skeleton.sha256"
