"""Push the RDF view into a local ``oxigraph serve`` and time the catalogue there beside the embedded store.

    python benchmarks/remote_sparql.py [--seed DIR] [--repeat N]

Starts ``oxigraph serve`` (the ``oxigraph`` package of the test extra) in memory on a free port of 127.0.0.1,
times ``RemoteSparql.load`` (the Graph Store Protocol PUT plus the MOVE) and each parameter-free catalogue query
(best of ``--repeat``) on the server and on the embedded Oxigraph store, and prints one line per step. Nothing
here is a test; use ``benchmarks/scale.py generate N DIR`` for a bigger seed.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import tmekg
from tmekg.backends.rdf import to_rdf
from tmekg.backends.remote import RemoteSparql
from tmekg.backends.sparql import EmbeddedSparql
from tmekg.queries import list_queries, load_query


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    raise SystemExit(f"oxigraph serve did not answer {url} in time")


def _best(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=Path, default=None, help="a seed directory (default: the shipped seed)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query; the best is printed")
    args = parser.parse_args()
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        raise SystemExit("oxigraph is not installed (pip install -e '.[test]')")
    kg = tmekg.load(args.seed)
    embedded = EmbeddedSparql(to_rdf(kg))
    triples = len(embedded.graph)
    port = _free_port()
    home = tempfile.mkdtemp(prefix="tmekg-bench-oxigraph-")
    server = subprocess.Popen(
        [binary, "serve", "--bind", f"127.0.0.1:{port}"],
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", time.monotonic() + 60)
        remote = RemoteSparql(f"http://127.0.0.1:{port}/query", timeout=600)
        started = time.perf_counter()
        remote.load(kg)
        pushed = time.perf_counter() - started
        print(f"push: {triples} triples in {pushed:.2f} s ({triples / pushed:,.0f} triples/s, incl. the count query)")
        for name in list_queries("sparql"):
            if load_query("sparql", name).params:
                continue
            local = _best(lambda n=name: embedded.catalogue(n, {}), args.repeat)
            away = _best(lambda n=name: remote.catalogue(n, {}), args.repeat)
            print(
                f"{name}: embedded {local * 1000:.1f} ms, oxigraph serve {away * 1000:.1f} ms (best of {args.repeat})"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
