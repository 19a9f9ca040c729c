"""CLI answers on the shipped seed, end to end: warm (store built), cold without a store (``TMEKG_STORE=off``) and
cold building the store (first call, a fresh store directory each run); min of ``--runs`` runs, with the load
average before and after. ``--modules`` also lists, per command, which heavy libraries a warm call imported.

    python benchmarks/startup.py [--runs 3] [--modules]

Run it from the environment the README sets up (``PYTHONPATH=<other checkout>/src`` measures another version of
tmekg with the same interpreter). Python's bytecode cache should be written (an installed wheel has
it; with ``PYTHONDONTWRITEBYTECODE=1`` every call compiles tmekg's modules again, ≈ 0.1 s): the script warms it once
with that variable unset. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TMEKG = [sys.executable, "-m", "tmekg"]
COMMANDS: dict[str, list[str]] = {
    "lookup PD-L1": ["lookup", "PD-L1"],
    'path PD-L1 "tumor growth"': ["path", "PD-L1", "tumor growth"],
    "therapy pembrolizumab": ["therapy", "pembrolizumab"],
    "interactions --outcome pro_tumor": ["interactions", "--outcome", "pro_tumor"],
    "query sparql pro_tumor_interactions --limit 100": ["query", "sparql", "pro_tumor_interactions", "--limit", "100"],
    "lookup PD-L1 --json": ["lookup", "PD-L1", "--json"],
    "query sparql pro_tumor_interactions --limit 100 --json": [
        *("query", "sparql", "pro_tumor_interactions", "--limit", "100", "--json")
    ],
}
HEAVY = ("rdflib", "oxrdflib", "pyoxigraph", "pandas", "pyarrow", "networkx", "neo4j", "numpy", "httpx", "rich")

#: Runs the CLI in this process and prints the top-level modules it imported (after its output, on stderr).
_MODULES = """
import sys
from tmekg.cli import app
try:
    app(sys.argv[1:], prog_name="tmekg")
except SystemExit:
    pass
print(" ".join(sorted({m.split(".")[0] for m in sys.modules})), file=sys.stderr)
"""


def _env(store: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["TMEKG_STORE"] = store
    return env


def _once(args: list[str], store: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system, of the child alone: ``os.wait4``) of one CLI call. On a shared
    machine the wall time grows with the load; the CPU time much less."""
    start = time.perf_counter()
    child = subprocess.Popen([*TMEKG, *args], env=_env(store), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"tmekg {' '.join(args)} failed")
    return wall, usage.ru_utime + usage.ru_stime


def _cell(times: list[tuple[float, float]]) -> str:
    return f"{min(w for w, _ in times):.2f} s ({min(c for _, c in times):.2f} s)"


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--modules", action="store_true", help="list the heavy modules each warm call imports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tmekg-startup-") as tmp:
        warm = str(Path(tmp) / "warm")
        _once(["build"], warm)  # also writes the bytecode cache
        print(f"load average before: {_load()}")
        print(f"min of {args.runs} runs: wall time (CPU time, user + system)")
        print("| command (shipped seed) | warm | cold, no store | cold, first call builds the store |")
        print("|---|---|---|---|")
        for name, cmd in COMMANDS.items():
            w = [_once(cmd, warm) for _ in range(args.runs)]
            off = [_once(cmd, "off") for _ in range(args.runs)]
            built = []
            for _ in range(args.runs):
                fresh = Path(tmp) / "fresh"
                built.append(_once(cmd, str(fresh)))
                shutil.rmtree(fresh)
            print(f"| `{name}` | {_cell(w)} | {_cell(off)} | {_cell(built)} |", flush=True)
        print(f"load average after: {_load()}")
        if args.modules:
            for name, cmd in COMMANDS.items():
                done = subprocess.run(
                    [sys.executable, "-c", _MODULES, *cmd], env=_env(warm), capture_output=True, text=True, check=True
                )
                loaded = set(done.stderr.split("\n")[-2].split())
                print(f"{name}: {', '.join(m for m in HEAVY if m in loaded) or '(none of them)'}")


if __name__ == "__main__":
    main()
