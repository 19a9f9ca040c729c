"""Fuzzing the front ends (issue 17, item 6): mutated seeds through ``validate`` and ``export``, and random query
texts, parameters and names through ``query sparql``, ``query cypher``, ``lookup``, ``path`` and ``therapy``.

Every run must end with exit 0, 1 or 2 (3 is an internal error: a bug), print no traceback, and change no file
but the output it was given; a seed the CLI accepts must export to every format, and each file must be read back
by a parser that is not tmekg's (pyoxigraph, igraph, graphviz, pandas, the standard library's XML, HTML and JSON
readers). Hypothesis draws the inputs (derandomized: the same examples every run, so CI is repeatable); the
example counts keep the whole file to about a minute on the 2-core CI machine.
"""

from __future__ import annotations

import csv
import hashlib
import html.parser
import io
import json
import os
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pyoxigraph
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.export.tools import module, read_dot
from tests.test_bad_input import replace_cell
from tmekg.cli import app
from tmekg.export.files import ExportFormat, written_paths
from tmekg.queries import list_queries, load_query

FIXTURE = Path(__file__).parent / "fixtures" / "mini_seed"
TABLES = sorted(p.name for p in FIXTURE.glob("*.csv"))
runner = CliRunner()
FUZZ = settings(
    deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)

HOSTILE = [
    "<script>alert(1)</script>", '=HYPERLINK("http://127.0.0.1:9/x")', "+1", "-1", "@SUM(A1)", "a\u202eb", "x\x85y",
    "mel\u200banoma", "MONDO:\u0660\u0660\u0660\u0662\u0665\u0662\u0669", "DOI:10.1000/<x>", "DOI:10.1000/a`b",
    "tmekg:caf", "CL:0000625", "HGNC:8760", "PMID:0", "", "|", "x|x", '"', ",", "\\", "&amp;", "]]>", "{{x}}",
    "[/]", "[bold]x[/bold]", "%s%n", "\ufffe", "\U0001f600", "NaN", "null", "1e999", "-0", " ", "\t",
]  # fmt: skip
text = st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(exclude_categories=("Cs",)), max_size=30))


def _snapshot(root: Path) -> dict[str, str]:
    """Every file under ``root`` (directories and symlinks included) with a digest of its content."""
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_symlink():
            found[key] = "symlink:" + os.readlink(path)
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@contextmanager
def _workspace(tmp: Path) -> Iterator[tuple[Path, Path]]:
    """A fresh seed copy and an output directory under ``tmp``, with the store and cache kept inside it."""
    if tmp.exists():
        shutil.rmtree(tmp)
    seed, out = tmp / "seed", tmp / "out"
    shutil.copytree(FIXTURE, seed)
    out.mkdir()
    saved = {name: os.environ.get(name) for name in ("TMEKG_STORE",)}
    os.environ["TMEKG_STORE"] = str(tmp / "store")
    try:
        yield seed, out
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    output = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), f"exit {result.exit_code} for {args}:\n{output}"
    assert "Traceback" not in output, f"a traceback for {args}:\n{output}"
    return result.exit_code, output


# --- mutated seeds ------------------------------------------------------------------------------------------------


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, str, object]:
    kind = draw(st.sampled_from(["cell", "cell", "cell", "truncate", "insert", "duplicate", "drop_column"]))
    table = draw(st.sampled_from(TABLES))
    if kind == "cell":
        return kind, table, (draw(st.integers(0, 6)), draw(st.integers(0, 25)), draw(text))
    if kind == "truncate":
        return kind, table, draw(st.floats(0.0, 1.0))
    if kind == "insert":
        return kind, table, (draw(st.floats(0.0, 1.0)), draw(st.sampled_from(["\x00", "\r", '"', "\n,", "\ufeff"])))
    if kind == "duplicate":
        return kind, table, draw(st.integers(1, 6))
    return kind, table, draw(st.integers(0, 25))


def _mutate(seed: Path, mutation: tuple[str, str, object]) -> None:
    kind, table, arg = mutation
    path = seed / table
    raw = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    if kind == "cell":
        row, column, value = arg  # type: ignore[misc]
        path.write_text(replace_cell(raw, row, column, value), encoding="utf-8", newline="")
        return
    if kind == "duplicate":
        rows.append(list(rows[min(int(arg), len(rows) - 1)]))  # type: ignore[call-overload]
    elif kind == "drop_column":
        column = int(arg) % len(rows[0])  # type: ignore[call-overload]
        rows = [r[:column] + r[column + 1 :] for r in rows]
    else:
        cut = int(len(raw) * float(arg[0] if kind == "insert" else arg))  # type: ignore[index,arg-type]
        changed = raw[:cut] + (str(arg[1]) + raw[cut:] if kind == "insert" else "")  # type: ignore[index]
        path.write_text(changed, encoding="utf-8", newline="")
        return
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def _read_back(fmt: ExportFormat, path: Path) -> None:
    """Read an export with a parser that is not tmekg's; raise when it cannot."""
    files = written_paths(fmt, path)
    if fmt in (ExportFormat.TTL, ExportFormat.NT, ExportFormat.JSONLD, ExportFormat.TRIG, ExportFormat.NQ):
        rdf_format = {
            ExportFormat.TTL: pyoxigraph.RdfFormat.TURTLE,
            ExportFormat.NT: pyoxigraph.RdfFormat.N_TRIPLES,
            ExportFormat.JSONLD: pyoxigraph.RdfFormat.JSON_LD,
            ExportFormat.TRIG: pyoxigraph.RdfFormat.TRIG,
            ExportFormat.NQ: pyoxigraph.RdfFormat.N_QUADS,
        }[fmt]
        assert list(pyoxigraph.parse(path=str(path), format=rdf_format))
    elif fmt is ExportFormat.GRAPHML:
        igraph = module("igraph", "pip install python-igraph")
        assert igraph.Graph.Read_GraphML(str(path)).vcount() > 0
    elif fmt is ExportFormat.GEXF:
        ET.parse(path)
    elif fmt is ExportFormat.DOT:
        assert read_dot(path)["objects"]
    elif fmt is ExportFormat.KGX:
        for table in files[:2]:
            pd.read_csv(table, sep="\t", dtype=str, quoting=3, keep_default_na=False)
    elif fmt is ExportFormat.NEO4J_CSV:
        for table in sorted(path.glob("*.csv")):
            with table.open(encoding="utf-8", newline="") as handle:
                list(csv.reader(handle))
    elif fmt is ExportFormat.HTML:
        parser = html.parser.HTMLParser()
        parser.feed(path.read_text(encoding="utf-8"))
        parser.close()
    json_format = fmt in (ExportFormat.JSON, ExportFormat.CYJS, ExportFormat.CX2)
    for file in files:
        if (file.suffix == ".json" or json_format) and file.is_file():
            json.loads(file.read_text(encoding="utf-8"))


@pytest.mark.slow
@settings(FUZZ, max_examples=60)
@given(mutation=mutations())
def test_a_mutated_seed_is_refused_in_one_line_or_exports_to_every_readable_format(
    tmp_path_factory: pytest.TempPathFactory, mutation: tuple[str, str, object]
) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz_seed"
    with _workspace(root) as (seed, out):
        _mutate(seed, mutation)
        before = _snapshot(seed)
        code, output = _run("validate", "--seed", str(seed))
        target = out / "kg.json"
        export_code, export_output = _run("export", "-f", "json", "-o", str(target), "--seed", str(seed))
        assert _snapshot(seed) == before, "the seed was changed"
        event(f"export exit {export_code}")
        if export_code != 0:
            assert export_code == 2, export_output
            assert sorted(p.name for p in out.iterdir()) == [], "a refused export wrote something"
            assert export_output.strip().splitlines()[-1].startswith("error: "), export_output
            return
        assert code == 0, f"validate refused what export accepted:\n{output}"
        for fmt in ExportFormat:
            if fmt is ExportFormat.JSON:
                path = target
            else:
                path = out / f"kg.{fmt.value}"
                _run("export", "-f", fmt.value, "-o", str(path), "--seed", str(seed))
            _read_back(fmt, path)
        assert _snapshot(seed) == before


# --- query front ends ---------------------------------------------------------------------------------------------

SPARQL = [load_query("sparql", name).text for name in list_queries("sparql")]
TOKENS = [
    "SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o }", "LOAD <http://127.0.0.1:9/x>", "INSERT DATA { <a:b> <a:c> 1 }",
    "{", "}", '"', "'''", "#", "<", ">", "?", "$", "\\", "\x00", "\ufeff", "FILTER(", ")", "LIMIT 0",
    "ORDER BY ?x", "VALUES ?x { 1 }", "GRAPH ?g {", "a", ".", ";", "@en", "^^<x:y>",
]  # fmt: skip


@st.composite
def sparql_texts(draw: st.DrawFn) -> str:
    base = draw(st.sampled_from(SPARQL))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(base)))
        if draw(st.booleans()):
            base = base[:at] + draw(st.one_of(st.sampled_from(TOKENS), text)) + base[at:]
        else:
            base = base[:at] + base[at + draw(st.integers(1, 40)) :]
    return base


params = st.lists(
    st.one_of(
        st.builds(lambda k, v: f"{k}={v}", st.sampled_from(["id", "x", "name", "limit", "1bad", ""]), text),
        st.builds(lambda k, v: f"{k}:={v}", st.sampled_from(["id", "limit", "n"]), st.sampled_from(
            ["5", "-1", "1e999", "[1,2]", "{", '"x"', "99999999999999999999", "null", "true"])),
        text,
    ),
    max_size=3,
)  # fmt: skip


@pytest.mark.slow
@settings(FUZZ, max_examples=80)
@given(query=sparql_texts(), given_params=params, limit=st.integers(1, 3))
def test_random_sparql_files_and_params_end_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, query: str, given_params: list[str], limit: int
) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz_sparql"
    with _workspace(root) as (seed, out):
        file = out / "q.rq"
        file.write_text(query, encoding="utf-8", errors="surrogatepass")
        before = _snapshot(root / "seed")
        args = ["query", "sparql", "--file", str(file), "--seed", str(seed), "--limit", str(limit)]
        args += ["--time-limit", "20", "--format", "tsv"]
        for item in given_params:
            args += ["-p", item]
        code, _output = _run(*args)
        event(f"sparql exit {code}")
        assert _snapshot(root / "seed") == before
        assert sorted(p.name for p in out.iterdir()) == ["q.rq"]


@pytest.mark.slow
@settings(FUZZ, max_examples=25)
@given(query=st.one_of(text, st.sampled_from(["LOAD CSV FROM 'http://x' AS r RETURN r", "RETURN $n", "MATCH (n"])),
       given_params=params)  # fmt: skip
def test_random_cypher_files_end_in_one_line_without_a_server(
    tmp_path_factory: pytest.TempPathFactory, query: str, given_params: list[str]
) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz_cypher"
    with _workspace(root) as (seed, out):
        file = out / "q.cypher"
        file.write_text(query, encoding="utf-8", errors="surrogatepass")
        args = ["query", "cypher", "--file", str(file), "--uri", "bolt://127.0.0.1:9", "--connect-timeout", "0.5"]
        for item in given_params:
            args += ["-p", item]
        code, output = _run(*args, "--seed", str(seed))
        assert code == 2, output  # nothing listens on port 9: refused, malformed, or cannot connect


@pytest.mark.slow
@settings(FUZZ, max_examples=30)
@given(command=st.sampled_from(["lookup", "therapy", "path", "interactions"]), name=text, other=text)
def test_random_names_end_in_one_line(
    tmp_path_factory: pytest.TempPathFactory, command: str, name: str, other: str
) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz_names"
    with _workspace(root) as (seed, _out):
        if command == "path":
            args = ["path", name, other]
        elif command == "interactions":
            args = ["interactions", "--cell", name]
        else:
            args = [command, name]
        code, _output = _run(*args, "--seed", str(seed))
        event(f"{command} exit {code}")
