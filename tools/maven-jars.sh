#!/usr/bin/env bash
# Fetch the runtime jars a test server's pom.xml names from Maven Central into <dir>/lib (once); shared by
# tools/neo4j-test-server/fetch.sh and tools/fuseki-test-server/fetch.sh.
# Usage: maven-jars.sh DIR NAME GLOB   (DIR holds pom.xml; a no-op when DIR/lib already holds a jar matching GLOB)
# The jars go to a temporary directory first and are renamed into place, so an interrupted fetch never leaves a
# half-filled lib/.
set -euo pipefail

here="$1"
name="$2"
glob="$3"
lib="$here/lib"

have_jars() {
  compgen -G "$lib/$glob" > /dev/null
}

if have_jars; then
  exit 0
fi

command -v mvn > /dev/null || { echo "fetch.sh: mvn not found on PATH" >&2; exit 1; }

tmp="$(mktemp -d "$here/lib.tmp.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

start=$(date +%s)
echo "fetch.sh: fetching $name jars from Maven Central into $lib ..." >&2
if ! mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$tmp/jars" > "$tmp/mvn.log" 2>&1; then
  cat "$tmp/mvn.log" >&2
  echo "fetch.sh: mvn failed" >&2
  exit 1
fi

if ! compgen -G "$tmp/jars/$glob" > /dev/null; then
  echo "fetch.sh: the $name jar ($glob) is missing after the fetch" >&2
  exit 1
fi

# A concurrent fetch may have won the race: then keep its lib/ (the trap removes ours).
if [[ -e "$lib" ]] && ! have_jars; then
  rm -rf "$lib"
fi
if ! mv -T "$tmp/jars" "$lib" 2> /dev/null && ! have_jars; then
  echo "fetch.sh: could not move the jars into $lib" >&2
  exit 1
fi
end=$(date +%s)
echo "fetch.sh: fetched $(ls "$lib" | wc -l) jars ($(du -sh "$lib" | cut -f1)) in $((end - start)) s" >&2
