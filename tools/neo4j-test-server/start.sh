#!/usr/bin/env bash
# Start a Neo4j 5.26 Community test server (embedded, Bolt only) in the foreground.
# Usage: start.sh HOME PORT
#   HOME  directory for data/, logs/ and import/ (LOAD CSV 'file:///x.csv' reads HOME/import/x.csv); relative
#         paths are fine; an existing HOME is reused (data kept), with or without NEO4J_TEST_PASSWORD
#   PORT  Bolt port on 127.0.0.1
# Prints 'NEO4J_READY bolt://127.0.0.1:PORT' on stdout when ready, or exits non-zero if the server cannot come up.
# SIGTERM stops it cleanly.
# Env: NEO4J_TEST_PASSWORD (enables auth, sets user neo4j's password, min 8 chars),
#      NEO4J_TEST_STOP_ON_STDIN_EOF=1 (exit when stdin closes, for a parent that may die),
#      NEO4J_TEST_HEAP (JVM -Xmx, default 1g).
# The jars are fetched once from Maven Central into lib/ (see fetch.sh).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../server-prelude.sh
source "$here/../server-prelude.sh" "$@"  # sets home (absolute) and port

exec java \
  -Xmx"${NEO4J_TEST_HEAP:-1g}" \
  -XX:+UseG1GC \
  --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  -Dio.netty.tryReflectionSetAccessible=true \
  -cp "$here/lib/*" \
  "$here/Launcher.java" "$home" "$port"
