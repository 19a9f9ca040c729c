#!/usr/bin/env bash
# Start an Apache Jena Fuseki 5.6.0 test server in the foreground: one in-memory dataset /ds that accepts
# SPARQL queries, SPARQL Update and the Graph Store Protocol, bound to 127.0.0.1.
# Usage: start.sh HOME PORT
#   HOME  working directory (logs, the password file)
#   PORT  HTTP port on 127.0.0.1
# Endpoints: http://127.0.0.1:PORT/ds/query, /ds/update, /ds/data (Graph Store Protocol); /$/ping answers when up.
# Env: FUSEKI_TEST_PASSWORD (enables HTTP basic auth for user "tmekg" with that password),
#      FUSEKI_TEST_HEAP (JVM -Xmx, default 512m).
# The jars are fetched once from Maven Central into lib/ (see fetch.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../server-prelude.sh
source "$here/../server-prelude.sh" "$@"  # sets home (absolute) and port
cd "$home"

auth=()
if [[ -n "${FUSEKI_TEST_PASSWORD:-}" ]]; then
  umask 077
  printf 'tmekg: %s\n' "$FUSEKI_TEST_PASSWORD" > "$home/passwd"
  auth=(--passwd="$home/passwd" --auth=basic)
fi

exec java \
  -Xmx"${FUSEKI_TEST_HEAP:-512m}" \
  -cp "$here/lib/*" \
  org.apache.jena.fuseki.main.cmds.FusekiMainCmd \
  --mem --update --localhost --ping --port="$port" "${auth[@]}" /ds
