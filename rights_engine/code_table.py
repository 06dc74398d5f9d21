"""A shipped CSV table looked up by its first column, an INSEE commune code: cheap for the few
lookups of one household, a dict for a caseload.

Indexing one of these 35 000-line tables in a dict is some 10 ms of a cold start, for a
household that looks up one or two codes. So the first :data:`INDEX_AFTER` lookups search the
table's text for the code's line; the next one indexes the table once, and every later lookup
is a dict's.
"""

from __future__ import annotations

import csv
from pathlib import Path

__all__ = ["INDEX_AFTER", "CodeTable"]

INDEX_AFTER = 32


class CodeTable:
    """The column ``column`` of the CSV file ``path`` (UTF-8, a header line), by the code in its
    first column."""

    def __init__(self, path: Path, column: str) -> None:
        self._path, self._column = path, column
        self._text: str | None = None
        self._position = 0
        self._index: dict[str, str] | None = None
        self._searches = 0

    def get(self, code: str) -> str | None:
        """The value for ``code``, or None if the table has no such code."""
        if self._index is None and self._searches < INDEX_AFTER:
            self._searches += 1
            return self._search(code)
        return self.index().get(code)

    def index(self) -> dict[str, str]:
        """Every code and its value."""
        if self._index is None:
            with self._path.open(encoding="utf-8", newline="") as handle:
                rows = csv.reader(handle)  # plain rows: a third of DictReader's time
                header = next(rows)
                position = header.index(self._column)
                self._index = {row[0]: row[position] for row in rows}
        return self._index

    def _search(self, code: str) -> str | None:
        if self._text is None:
            self._text = self._path.read_text(encoding="utf-8")
            header = next(csv.reader([self._text.partition("\n")[0]]))
            self._position = header.index(self._column)
        if not code.isalnum():  # every code of the tables is (checked by their tests)
            return None
        start = self._text.find(f"\n{code},")
        if start < 0:
            return None
        end = self._text.find("\n", start + 1)
        line = self._text[start + 1 : end if end >= 0 else None]
        return next(csv.reader([line]))[self._position]
