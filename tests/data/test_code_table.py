"""The shipped code tables (communes, housing-aid zones) give the same answer whether a code is
searched in the text (the first lookups of a process) or in the index (a caseload)."""

from __future__ import annotations

import pytest

from rights_engine.code_table import INDEX_AFTER, CodeTable
from rights_engine.paths import DATA_DIR

TABLES = [("communes.csv", "departement"), ("zones_apl.csv", "zone")]


@pytest.mark.parametrize(("name", "column"), TABLES)
def test_searching_the_text_gives_the_index_s_answer(name: str, column: str) -> None:
    index = CodeTable(DATA_DIR / name, column).index()
    assert len(index) > 30_000
    assert all(code.isalnum() for code in index)  # what the search relies on
    codes = list(index)
    table = CodeTable(DATA_DIR / name, column)
    for code in [*codes[::5], codes[0], codes[-1], "2A004", "2B033", "97411"]:
        assert table._search(code) == index[code], code
    for unknown in ["99999", "0100", "01001,01", "", "\n01001", "01001\n", "code", "2a004"]:
        assert unknown not in index and table._search(unknown) is None, unknown


def test_a_caseload_s_lookups_go_to_the_index() -> None:
    table = CodeTable(DATA_DIR / "communes.csv", "departement")
    for _ in range(INDEX_AFTER):
        assert table.get("24037") == "24"
    assert table._index is None
    assert table.get("2A004") == "2A" and table._index is not None
    assert table.get("99999") is None and table.get("97411") == "974"
