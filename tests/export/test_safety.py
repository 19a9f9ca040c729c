"""Exports never destroy: only a regular file (or an empty or tmekg-made directory) is replaced, never a
directory, a device, a FIFO or a symbolic link; nothing is written inside the seed being read; ``-o -`` is
standard output; every OS error is one line and exit 2; one permission policy (the umask applies, and is never
changed)."""

from __future__ import annotations

import errno
import os
import resource
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from tests.conftest import MINI_SEED
from tests.export.tools import program
from tmekg import atomic
from tmekg.atomic import OutputError, check_manifest
from tmekg.cli import app
from tmekg.export.files import ExportFormat, export, written_paths
from tmekg.kg import KnowledgeGraph

runner = CliRunner()
TMEKG = [sys.executable, "-m", "tmekg"]


def run(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args])


def one_line(result: Result) -> str:
    """The command failed with exit 2 and one line on stderr (no traceback)."""
    err = result.stderr.strip()
    assert result.exit_code == 2, (result.exit_code, err, result.exception)
    assert "\n" not in err, err
    assert "Traceback" not in err, err
    return err


def tree(directory: Path) -> dict[str, bytes | None]:
    """Every path under ``directory`` with its bytes (None for a directory)."""
    return {str(p.relative_to(directory)): None if p.is_dir() else p.read_bytes() for p in sorted(directory.rglob("*"))}


# -- never replace what is not a regular file --------------------------------------------------------------------


def test_cyjs_never_deletes_a_directory_at_its_style_path(tmp_path: Path) -> None:
    (tmp_path / "g.style.json" / "keep").mkdir(parents=True)
    (tmp_path / "g.style.json" / "keep" / "notes.txt").write_text("mine")
    before = tree(tmp_path)
    err = one_line(run("export", "--seed", MINI_SEED, "-f", "cyjs", "-o", tmp_path / "g.cyjs"))
    assert "g.style.json" in err
    assert "directory" in err
    assert tree(tmp_path) == before  # not deleted, and no g.cyjs written beside it


def test_kgx_never_deletes_a_directory_at_its_edges_path(tmp_path: Path) -> None:
    (tmp_path / "k_edges.tsv").mkdir()
    (tmp_path / "k_edges.tsv" / "data.tsv").write_text("mine")
    before = tree(tmp_path)
    err = one_line(run("export", "--seed", MINI_SEED, "-f", "kgx", "-o", tmp_path / "k"))
    assert "k_edges.tsv" in err
    assert tree(tmp_path) == before


@pytest.mark.parametrize("fmt", ["json", "kgx", "cyjs", "neo4j-csv"])
def test_export_onto_a_directory_is_one_line(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "out"
    main = written_paths(ExportFormat(fmt), target)[0]  # kgx: out_nodes.tsv; the others: out itself
    (main / "sub").mkdir(parents=True)
    (main / "sub" / "f").write_text("mine")
    before = tree(tmp_path)
    one_line(run("export", "--seed", MINI_SEED, "-f", fmt, "-o", target))
    assert tree(tmp_path) == before


def test_lookup_export_onto_a_directory_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "answer.graphml").mkdir()
    err = one_line(run("lookup", "PD-L1", "--seed", MINI_SEED, "--export", tmp_path / "answer.graphml"))
    assert "is a directory" in err
    assert (tmp_path / "answer.graphml").is_dir()


def test_neo4j_csv_replaces_only_what_tmekg_wrote(mini_kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    first = export(mini_kg, ExportFormat.NEO4J_CSV, out)
    assert first[-1].name == atomic.MANIFEST_NAME
    assert check_manifest(first[-1]) == []
    export(KnowledgeGraph(cell_types=mini_kg.cell_types), ExportFormat.NEO4J_CSV, out)  # its own export: replaced
    assert not (out / "nodes_Protein.csv").exists()
    (out / "nodes_CellType.csv").write_text("edited by hand")  # no longer what the manifest lists
    with pytest.raises(OutputError, match="differs from the manifest"):
        export(mini_kg, ExportFormat.NEO4J_CSV, out)
    assert (out / "nodes_CellType.csv").read_text() == "edited by hand"
    file = tmp_path / "file"
    file.write_text("mine")
    with pytest.raises(OutputError, match="regular file; tmekg replaces only an empty or tmekg-made directory"):
        export(mini_kg, ExportFormat.NEO4J_CSV, file)
    empty = tmp_path / "empty"
    empty.mkdir()
    export(mini_kg, ExportFormat.NEO4J_CSV, empty)  # an empty directory holds nothing to lose
    assert check_manifest(empty / atomic.MANIFEST_NAME) == []


def _device(tmp_path: Path) -> Path:
    """A character device to write onto: a copy of /dev/full made in ``tmp_path`` when we may (root), else
    /dev/full itself (which only root could replace). Old code replaced the node with a regular file."""
    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except PermissionError:
        return Path("/dev/full")
    return node


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    device = _device(tmp_path)
    err = one_line(run("export", "--seed", MINI_SEED, "-o", device))
    assert "character device" in err
    assert "-o -" not in err
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "cancers.json"
    os.mkfifo(fifo)
    env = dict(os.environ, TMEKG_STORE="off")
    result = subprocess.run(
        [*TMEKG, "export", "--seed", str(MINI_SEED), "-o", str(fifo)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"error: cannot write {fifo}: it is a FIFO; tmekg replaces only a regular file"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symbolic_link_is_never_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("mine")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    err = one_line(run("export", "--seed", MINI_SEED, "-o", link))
    assert "symbolic link" in err
    assert link.is_symlink()
    assert real.read_text() == "mine"


# -- never inside the seed being read -----------------------------------------------------------------------------


def test_never_writes_inside_the_seed_it_reads(mini_seed: Path, tmp_path: Path) -> None:
    before = tree(mini_seed)
    err = one_line(run("export", "-f", "json", "--seed", mini_seed, "-o", mini_seed / "cancers.csv"))
    assert "inside" in err
    assert "reads" in err
    one_line(run("export", "-f", "kgx", "--seed", mini_seed, "-o", mini_seed / "new"))
    one_line(run("export", "-f", "neo4j-csv", "--seed", mini_seed, "-o", mini_seed / "csv"))
    one_line(run("lookup", "PD-L1", "--seed", mini_seed, "--export", mini_seed / "x.graphml"))
    one_line(run("therapy", "pembrolizumab", "--seed", mini_seed, "--export", mini_seed / "x.html"))
    assert tree(mini_seed) == before
    tier = tmp_path / "tier"
    tier.mkdir()
    one_line(run("export", "-f", "json", "--seed", mini_seed, "--tier", tier, "-o", tier / "liana.json"))
    assert list(tier.iterdir()) == []


# -- standard output ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "ttl", "graphml", "dot", "html"])
def test_dash_is_standard_output(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("export", "--seed", MINI_SEED, "-f", fmt, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert not Path("-").exists()
    file = tmp_path / f"g.{fmt}"
    assert run("export", "--seed", MINI_SEED, "-f", fmt, "-o", file).exit_code == 0
    assert result.stdout_bytes == file.read_bytes()


@pytest.mark.parametrize("fmt", ["kgx", "cyjs", "neo4j-csv"])
def test_dash_is_refused_for_several_files(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    err = one_line(run("export", "--seed", MINI_SEED, "-f", fmt, "-o", "-"))
    assert "give a path instead of -" in err
    assert list(tmp_path.iterdir()) == []
    one_line(run("lookup", "PD-L1", "--seed", MINI_SEED, "--export", "-", "--export-format", "json"))


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    command = f"{' '.join(TMEKG)} export --seed {MINI_SEED} -f html -o - | head -c 10"
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout == "<!DOCTYPE "
    assert "Traceback" not in result.stderr, result.stderr
    assert "BrokenPipe" not in result.stderr, result.stderr


# -- OS errors are one line --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "kgx", "neo4j-csv"])
def test_a_name_too_long_is_one_line(fmt: str, tmp_path: Path) -> None:
    err = one_line(run("export", "--seed", MINI_SEED, "-f", fmt, "-o", tmp_path / ("x" * 300)))
    assert err.endswith("File name too long")
    assert list(tmp_path.iterdir()) == []


def test_a_long_name_that_fits_leaves_no_temporary(tmp_path: Path) -> None:
    """A 250-character name is legal; its temporary must be too (old temporaries were '.<name>.<random>.tmp')."""
    target = tmp_path / ("y" * 245 + ".json")
    assert run("export", "--seed", MINI_SEED, "-o", target).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.parametrize("fmt", ["json", "kgx", "neo4j-csv"])
def test_a_full_disk_is_one_line(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "_fill", full)
    monkeypatch.setattr(atomic, "_create_file", full)
    err = one_line(run("export", "--seed", MINI_SEED, "-f", fmt, "-o", tmp_path / "out"))
    assert err.endswith("No space left on device")
    assert list(tmp_path.iterdir()) == []


def _limit_file_size() -> None:  # pragma: no cover - runs in the child
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_real_write_error_is_one_line(tmp_path: Path) -> None:
    """A real OS error from the kernel (a 4 KiB file size limit: EFBIG) while writing the full graph."""
    env = dict(os.environ, TMEKG_STORE="off", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [*TMEKG, "export", "-f", "dot", "-o", str(tmp_path / "g.dot")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        preexec_fn=_limit_file_size,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"error: cannot write {tmp_path / 'g.dot'}: File too large"
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_directory_is_one_line(tmp_path: Path) -> None:
    """Root ignores permission bits: the child drops CAP_DAC_OVERRIDE (util-linux's setpriv) to be refused."""
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    prefix: list[str] = []
    if os.geteuid() == 0:
        caps = "-dac_override,-dac_read_search"
        prefix = [program("setpriv", "apt-get install util-linux"), f"--inh-caps={caps}", f"--bounding-set={caps}"]
    env = dict(os.environ, TMEKG_STORE="off")
    for fmt, name in (("json", "g.json"), ("kgx", "g"), ("neo4j-csv", "csv")):
        result = subprocess.run(
            [*prefix, *TMEKG, "export", "--seed", str(MINI_SEED), "-f", fmt, "-o", str(locked / name)],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip().endswith("Permission denied"), result.stderr
        assert "\n" not in result.stderr.strip()
    locked.chmod(0o755)
    assert list(locked.iterdir()) == []


# -- one permission policy ---------------------------------------------------------------------------------------

MODES = r"""
import os, sys
from pathlib import Path
import tmekg
from tmekg.export.files import export
os.umask(int(sys.argv[2], 8))
kg = tmekg.load(sys.argv[3])
out = Path(sys.argv[1])
for fmt, name in (("json", "g.json"), ("cyjs", "g.cyjs"), ("kgx", "k"), ("neo4j-csv", "csv")):
    export(kg, fmt, out / name)
for path in sorted(out.rglob("*")):
    print(path.relative_to(out), oct(path.stat().st_mode & 0o777))
"""


@pytest.mark.parametrize(("umask", "file_mode", "dir_mode"), [("022", "0o644", "0o755"), ("027", "0o640", "0o750")])
def test_modes_follow_the_umask(umask: str, file_mode: str, dir_mode: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", MODES, str(tmp_path), umask, str(MINI_SEED)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    modes = dict(line.split() for line in result.stdout.splitlines())
    assert modes.pop("csv") == dir_mode
    assert set(modes.values()) == {file_mode}, modes
    assert "g.manifest.json" in modes
    assert "k_manifest.json" in modes
    assert "csv/tmekg-manifest.json" in modes


def test_the_umask_is_never_touched(mini_kg: KnowledgeGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the umask means setting it (process-wide, racing other threads): tmekg never calls os.umask."""

    def forbidden(mask: int) -> int:
        raise AssertionError("os.umask called")

    monkeypatch.setattr(os, "umask", forbidden)
    for fmt in ExportFormat:
        export(mini_kg, fmt, tmp_path / f"g.{fmt.value}")


def test_temporaries_are_hidden_and_short(tmp_path: Path) -> None:
    name = atomic._temp_name(tmp_path, "z" * 250, ".tmp").name
    assert name.startswith(".")
    assert len(name) < 80
