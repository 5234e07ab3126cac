#!/bin/sh
# faas-cli builds a function's image context by copying this template, function/ skeleton
# included, and then copying the handler over function/. Skeleton files the handler does not
# replace stay beside its own: the skeleton's Function.csproj when the handler's project has
# another name, and the example HttpExample.cs when the handler (whatever its project's name,
# Function.csproj included, as `faas-cli new` makes it) brings functions of its own. This
# removes each such leftover, i.e. each skeleton file still byte-identical to the template's
# copy (listed in skeleton.sha256), when
#   - function/ holds more than one project, or
#   - another C# file in function/ declares a [Function].
# A handler made by `faas-cli new` that still has only the example keeps it.
# Usage: sh prune-skeleton.sh [function-folder]   (run from the build context root)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "${1:-function}"

leftover=no
set -- *.csproj
projects=$#
if [ "$projects" -gt 1 ]; then
    leftover=yes
elif grep -rlsE --include='*.cs' --exclude='HttpExample.cs' --exclude-dir=bin --exclude-dir=obj --exclude-dir=shared '(\[|\.|, *)Function(Attribute)?\(' . >/dev/null; then
    leftover=yes
fi
if [ "$leftover" = no ]; then
    exit 0
fi

while read -r sum file; do
    # The only project is the handler's, even when it is the skeleton's unchanged.
    case "$file" in *.csproj) [ "$projects" -gt 1 ] || continue ;; esac
    if [ -f "$file" ] && echo "$sum  $file" | sha256sum -c --status -; then
        rm -f "$file"
        echo "prune-skeleton: removed the template's $file"
    fi
done < "$here/skeleton.sha256"
