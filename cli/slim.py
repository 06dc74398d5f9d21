"""Slim results of a caseload: one small line per household, the catalogue text once per run.

A full report is mostly catalogue text repeated in every report (labels, documents to bring,
links, next steps). :func:`slim_result` keeps what differs from one household to the next
(verdict, amount range, urgency, rank and the ids of the questions of each finding) and
:func:`catalogue` gives the text behind the ids, written once per run (``catalogue.json``).
Everything here is plain data (dicts, lists, numbers, text), ready for orjson. The findings of
a slice screened column-wise are shared objects: :class:`LineWriter` works each out once per
slice (its JSON as an ``orjson.Fragment``, its CSV column group as text, what it adds to the
totals).
"""

from __future__ import annotations

import csv
import io
import operator
import re
import sys
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from typing import Any

import orjson

from rights_engine.engine.catalogue import partners, programmes
from rights_engine.engine.columns import ScreenedFinding, Screening
from rights_engine.engine.facts import FACTS

from .inputs import Rejected
from .screening import Screened

__all__ = [
    "CSV_FIELDS",
    "LineWriter",
    "PartitionTotals",
    "Totals",
    "catalogue",
    "contribution",
    "csv_header",
    "csv_lines",
    "csv_row",
    "error_line",
    "monthly",
    "slim_result",
]

CSV_FIELDS = ("verdict", "low", "high", "urgency", "rank", "questions")
"""The column group of each programme in ``summary.csv`` (``<programme>_<field>``)."""

_VERDICT_ORDER = {"likely": 2, "to_confirm": 1, "unlikely": 0}
_URGENCY_ORDER = {"emergency": 2, "high": 1, "normal": 0}


def _finding(finding: ScreenedFinding) -> dict[str, Any]:
    entry: dict[str, Any] = {"programme": finding.programme}
    if finding.person is not None:
        entry["person"] = finding.person
    entry["verdict"] = finding.verdict
    if finding.low is not None:
        entry["low"] = finding.low
        entry["high"] = finding.high
    entry["urgency"] = finding.urgency
    entry["rank"] = finding.rank
    if finding.questions:
        entry["questions"] = list(finding.questions)
    return entry


def slim_result(screened: Screened) -> dict[str, Any]:
    """One household's line of ``results.jsonl``: its id, where it was read, and each finding
    in rank order: programme, person (a right of one person), verdict, ``low`` and ``high``
    (the amount range, in the programme's unit given by the catalogue; left out for a right
    without an amount), urgency, rank and ``questions`` (left out when none; a question id is
    the fact, or ``fact/person`` for a fact asked about one person)."""
    return _result(screened, [_finding(f) for f in screened.screening.findings])


def _result(screened: Screened, findings: list[Any]) -> dict[str, Any]:
    """:func:`slim_result` with its findings as written (dicts, or their JSON as fragments)."""
    household, screening = screened.household, screened.screening
    return {
        "id": screening.situation_id,
        "file": household.file,
        "line": household.line if household.batch else None,
        "period": screening.period,
        "findings": findings,
    }


@dataclass(frozen=True, slots=True)
class _Group:
    """A programme's column group in ``summary.csv``: its cells, and their CSV text."""

    cells: tuple[Any, ...]
    text: str


def _group(cells: tuple[Any, ...]) -> _Group:
    return _Group(cells, _csv_text(cells))


def _csv_text(cells: Sequence[Any]) -> str:
    """The cells as ``csv_lines`` writes them in a row of several fields (each field is quoted
    or not on its own, so the texts of consecutive cells joined with commas make the row)."""
    texts = []
    for cell in cells:
        # What csv.writer writes for a text, an int or a float that needs no quotes.
        text = cell if type(cell) is str else repr(cell) if type(cell) in (int, float) else None
        if text is None or _NEEDS_QUOTES.search(text):
            return _csv_writer_text(cells)
        texts.append(text)
    return ",".join(texts)


_NEEDS_QUOTES = re.compile('[,"\r\n]')
"""What makes csv.writer quote a field (the delimiter, the quote, a line end)."""


def _csv_writer_text(cells: Sequence[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(cells)
    return buffer.getvalue()[: -len("\r\n")]


def error_line(rejected: Rejected) -> dict[str, Any]:
    """One refused household's line of ``errors.jsonl``: the located messages only (file, line,
    field, what was expected), never a value of the situation."""
    return {
        "file": rejected.file,
        "line": rejected.line,
        "id": rejected.id,
        "messages": rejected.messages,
    }


def _question_text(fact: str) -> str:
    text = FACTS[fact].question.format(person="la personne")
    return text[0].upper() + text[1:]


def catalogue() -> dict[str, Any]:
    """The text behind the ids of the slim results: per programme its label, unit, legal basis,
    partners (with the documents to bring and what to ask), links and next steps; per question
    id (the fact) its question."""
    catalogue_partners = partners()
    listed: dict[str, Any] = {}
    for programme in programmes():
        rules = programme.rules
        documents = list(dict.fromkeys(d for use in rules.partners for d in use.bring))
        links = list(dict.fromkeys((c.reference.title, c.reference.href) for c in rules.conditions))
        listed[programme.id] = {
            "label": programme.label,
            "legal_basis": programme.legal_basis,
            "status": programme.status,
            "version": programme.version,
            "unit": rules.amount.unit if rules.amount is not None else None,
            "individual": rules.individual,
            "documents": documents,
            "partners": [
                {
                    "id": use.id,
                    "name": catalogue_partners[use.id].name,
                    "contact": catalogue_partners[use.id].contact,
                    "url": catalogue_partners[use.id].url,
                    "bring": list(use.bring),
                    "ask": use.ask,
                }
                for use in rules.partners
            ],
            "links": [{"title": title, "href": href} for title, href in links],
            "next_steps": list(rules.next_steps),
        }
    questions = {fact: _question_text(fact) for fact in sorted(FACTS)}
    return {
        "programmes": listed,
        "questions": questions,
        "question_ids": "a question id is the fact, or fact/person for a fact asked about one "
        "person (the person's id in the situation)",
    }


def monthly(amount: float, unit: str | None) -> float:
    """Euros per month: a yearly amount counts for a twelfth."""
    return amount / 12 if unit == "EUR/an" else amount


def _merged(findings: Iterable[ScreenedFinding]) -> dict[str, dict[str, Any]]:
    """Each programme's findings merged (a right of each person: the best verdict, the amounts
    summed, the highest urgency, the best rank, every question)."""
    merged: dict[str, dict[str, Any]] = {}
    for finding in findings:
        entry = merged.get(finding.programme)
        if entry is None:
            merged[finding.programme] = {
                "verdict": finding.verdict,
                "low": finding.low,
                "high": finding.high,
                "urgency": finding.urgency,
                "rank": finding.rank,
                "questions": list(dict.fromkeys(finding.questions)) if finding.questions else [],
            }
            continue
        questions = list(finding.questions)
        if _VERDICT_ORDER[finding.verdict] > _VERDICT_ORDER[entry["verdict"]]:
            entry["verdict"] = finding.verdict
        if finding.low is not None and finding.high is not None:
            entry["low"] = (entry["low"] or 0.0) + finding.low
            entry["high"] = (entry["high"] or 0.0) + finding.high
        if _URGENCY_ORDER[finding.urgency] > _URGENCY_ORDER[entry["urgency"]]:
            entry["urgency"] = finding.urgency
        entry["rank"] = min(entry["rank"], finding.rank)
        entry["questions"] = list(dict.fromkeys([*entry["questions"], *questions]))
    return merged


def _cells(entry: dict[str, Any]) -> tuple[Any, ...]:
    """A programme's merged findings as its cells in ``summary.csv`` (``CSV_FIELDS``)."""
    return (
        entry["verdict"],
        "" if entry["low"] is None else entry["low"],
        "" if entry["high"] is None else entry["high"],
        entry["urgency"],
        entry["rank"],
        " ".join(entry["questions"]),
    )


def csv_header(programme_ids: list[str]) -> list[str]:
    return ["id", "file", "line", "period"] + [
        f"{p}_{field}" for p in programme_ids for field in CSV_FIELDS
    ]


def _head(screened: Screened) -> list[Any]:
    household, screening = screened.household, screened.screening
    return [
        screening.situation_id or "",
        household.file,
        household.line if household.batch else "",
        screening.period,
    ]


def csv_row(screened: Screened, programme_ids: list[str]) -> list[Any]:
    """One household's row of ``summary.csv``: a column group per programme (empty when the
    programme was not evaluated for the household's month)."""
    row = _head(screened)
    merged = _merged(screened.screening.findings)
    for programme_id in programme_ids:
        entry = merged.get(programme_id)
        row.extend(_NO_GROUP.cells if entry is None else _cells(entry))
    return row


_NO_GROUP = _group(("",) * len(CSV_FIELDS))
"""A programme not evaluated for the household's month."""


def csv_lines(rows: Sequence[list[Any] | str]) -> bytes:
    """Rows as CSV text (RFC 4180 quoting, ``\\r\\n`` line ends), UTF-8. A row given as text
    is the row as written (:meth:`LineWriter.lines`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        if type(row) is str:
            buffer.write(row)
        else:
            writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def contribution(screening: Screening, units: Mapping[str, str | None]) -> dict[str, Any]:
    """What one household adds to the :class:`Totals` (plain data, computed where the household
    is screened): the best verdict per programme, and per finding with an amount that is not
    unlikely the euros per month it adds (``low`` for a likely right only, else None; ``high``)."""
    added = _Contribution()
    for finding in screening.findings:
        added.add(finding, *_share(finding, units))
    return added.data()


def _share(
    finding: ScreenedFinding, units: Mapping[str, str | None]
) -> tuple[int, tuple[float | None, float] | None]:
    """What one finding adds to a household's :func:`contribution`: its verdict's order (0:
    nothing, an unlikely right or a programme the totals do not count) and, for an amount that
    is not unlikely, the euros per month (``low`` for a likely right only, else None; ``high``)."""
    if finding.programme not in units:
        return 0, None
    order = _VERDICT_ORDER[finding.verdict]
    if finding.low is None or finding.high is None or finding.verdict == "unlikely":
        return order, None
    unit = units[finding.programme]
    low = monthly(finding.low, unit) if finding.verdict == "likely" else None
    return order, (low, monthly(finding.high, unit))


class _Contribution:
    """A household's :func:`contribution`, finding by finding (each with its :func:`_share`)."""

    def __init__(self) -> None:
        self.verdicts: dict[str, str] = {}
        self.amounts: list[list[Any]] = []

    def add(
        self, finding: ScreenedFinding, order: int, amount: tuple[float | None, float] | None
    ) -> None:
        if not order:
            return
        best = self.verdicts.get(finding.programme)
        if best is None or order > _VERDICT_ORDER[best]:
            self.verdicts[finding.programme] = finding.verdict
        if amount is not None:
            self.amounts.append([finding.programme, *amount])

    def data(self) -> dict[str, Any]:
        return {"verdicts": self.verdicts, "amounts": self.amounts}


class Totals:
    """The closing summary's counts: households in, ok, refused, and per programme the
    households with a likely right, with one to confirm, and the euros per month: ``low`` sums
    the minimum of the likely rights, ``high`` the maximum of the likely and to-confirm ones."""

    def __init__(
        self, units: Mapping[str, str | None], state: dict[str, Any] | None = None
    ) -> None:
        self.units = units
        state = state or {}
        self.ok: int = state.get("ok", 0)
        self.errors: int = state.get("errors", 0)
        saved = state.get("programmes", {})
        self.programmes: dict[str, dict[str, Any]] = {
            p: {
                "likely": saved.get(p, {}).get("likely", 0),
                "to_confirm": saved.get(p, {}).get("to_confirm", 0),
                "eur_month_low": saved.get(p, {}).get("eur_month_low", 0.0),
                "eur_month_high": saved.get(p, {}).get("eur_month_high", 0.0),
            }
            for p in units
        }

    def merge(self, part: PartitionTotals) -> None:
        """Count the evaluated households of a partition, which follow the ones counted: each
        running sum gets the partition's amounts one at a time, in input order, so that the sums
        are the same to the last bit however the caseload is cut into partitions."""
        self.ok += part.ok
        for programme, (likely, to_confirm) in part.verdicts.items():
            totals = self.programmes[programme]
            totals["likely"] += likely
            totals["to_confirm"] += to_confirm
        for programme, lows in part.lows.items():
            totals = self.programmes[programme]
            # reduce adds in order (never sum(): Python 3.12 compensates its float sums).
            totals["eur_month_low"] = reduce(operator.add, lows, totals["eur_month_low"])
        for programme, highs in part.highs.items():
            totals = self.programmes[programme]
            totals["eur_month_high"] = reduce(operator.add, highs, totals["eur_month_high"])

    def state(self) -> dict[str, Any]:
        """Everything needed to go on counting (saved in the manifest after each slice)."""
        return {"ok": self.ok, "errors": self.errors, "programmes": self.programmes}

    def summary(self) -> dict[str, Any]:
        return {
            "households": self.ok + self.errors,
            "ok": self.ok,
            "errors": self.errors,
            "programmes": {
                p: {
                    "likely": t["likely"],
                    "to_confirm": t["to_confirm"],
                    "eur_month_low": round(t["eur_month_low"], 2),
                    "eur_month_high": round(t["eur_month_high"], 2),
                }
                for p, t in self.programmes.items()
            },
        }


class PartitionTotals:
    """What the evaluated households of a partition add to the :class:`Totals`, gathered where
    they are evaluated (:meth:`add`, each household's :func:`contribution` in input order) and
    sent whole (:meth:`to_parts`): the counts summed, and per programme its amounts (euros per
    month, ``low`` and ``high`` apart) one by one, in input order, for :meth:`Totals.merge` to
    add them to the running sums (a float sum depends on its order: the partition's amounts
    are not summed here)."""

    def __init__(self) -> None:
        self.ok = 0
        self.verdicts: dict[str, list[int]] = {}
        """Per programme, the households with a likely right and with one to confirm."""
        self.lows: dict[str, array[float]] = {}
        self.highs: dict[str, array[float]] = {}

    def add(self, counted: dict[str, Any]) -> None:
        """One evaluated household, from its :func:`contribution` (the next in input order)."""
        self.ok += 1
        for programme, low, high in counted["amounts"]:
            if low is not None:
                lows = self.lows.get(programme)
                if lows is None:
                    lows = self.lows[programme] = array("d")
                lows.append(low)
            highs = self.highs.get(programme)
            if highs is None:
                highs = self.highs[programme] = array("d")
            highs.append(high)
        for programme, verdict in counted["verdicts"].items():
            if verdict in _COUNTED_VERDICTS:
                counts = self.verdicts.get(programme)
                if counts is None:
                    counts = self.verdicts[programme] = [0, 0]
                counts[_COUNTED_VERDICTS[verdict]] += 1

    def to_parts(self) -> tuple[dict[str, Any], bytes]:
        """The partition's totals as plain data (for JSON) and its amounts as bytes (IEEE 754
        doubles, little-endian: every bit kept, on any machine), for :meth:`from_parts`."""
        amounts = array("d")
        sizes: dict[str, list[int]] = {}
        for programme in dict.fromkeys([*self.lows, *self.highs]):
            lows = self.lows.get(programme, array("d"))
            highs = self.highs.get(programme, array("d"))
            sizes[programme] = [len(lows), len(highs)]
            amounts.extend(lows)
            amounts.extend(highs)
        if sys.byteorder == "big":
            amounts.byteswap()
        return {"ok": self.ok, "verdicts": self.verdicts, "amounts": sizes}, amounts.tobytes()

    @classmethod
    def from_parts(cls, data: dict[str, Any], amounts: bytes | memoryview) -> PartitionTotals:
        """The totals of :meth:`to_parts`."""
        part = cls()
        part.ok = data["ok"]
        part.verdicts = data["verdicts"]
        values = array("d")
        values.frombytes(amounts)
        if sys.byteorder == "big":
            values.byteswap()
        start = 0
        for programme, (lows, highs) in data["amounts"].items():
            if lows:
                part.lows[programme] = values[start : start + lows]
            start += lows
            part.highs[programme] = values[start : start + highs]
            start += highs
        if start != len(values):
            raise ValueError("not the amounts of a partition")
        return part


_COUNTED_VERDICTS = {"likely": 0, "to_confirm": 1}
"""The verdicts the totals count: their place in :attr:`PartitionTotals.verdicts`."""


class LineWriter:
    """Each household's lines for a partition: its :func:`contribution`, its line of
    ``results.jsonl`` (:func:`slim_result`) and its row of ``summary.csv`` (:func:`csv_row`),
    the same to the byte.

    The column-wise screening shares one finding object among the households of a slice with
    the same finding (:attr:`Screened.shared`): each is worked out once per slice (its JSON, its
    CSV column group, what it adds to the totals), and so is each programme's findings merged
    for the CSV (several adults, each with a right of their own). Findings of their own (read
    off a full report) are written one by one."""

    def __init__(self, programme_ids: list[str], units: Mapping[str, str | None]) -> None:
        self.programme_ids = programme_ids
        self.units = units
        self._columns = {programme: n for n, programme in enumerate(programme_ids)}
        if len(self._columns) != len(programme_ids):
            raise ValueError("a programme's column group is in the CSV once")
        self._slice: object | None = None
        self._known: dict[int, _Known] = {}
        """By finding object (``id``): each entry holds its finding, so no other object can have
        its id while it is there."""
        self._merged: dict[tuple[int, ...], str] = {}
        """A programme's column group by the findings merged in it (their ``id``s, in order)."""
        self._texts: dict[str, str] = {}
        """The CSV text of each file and month."""

    def lines(self, screened: Screened) -> tuple[dict[str, Any], bytes, list[Any] | str]:
        """The household's contribution, line of results and row of the CSV (its text, as
        ``csv_lines`` writes it, when the findings are shared)."""
        screening = screened.screening
        if screened.shared is None:
            return (
                contribution(screening, self.units),
                orjson.dumps(slim_result(screened)),
                csv_row(screened, self.programme_ids),
            )
        if screened.shared is not self._slice:  # a new slice: forget the last one's findings
            self._slice, self._known, self._merged = screened.shared, {}, {}
        known = self._known
        jsons: list[orjson.Fragment] = []
        add_json = jsons.append
        groups = [_NO_GROUP.text] * len(self.programme_ids)
        firsts: list[ScreenedFinding | None] = [None] * len(self.programme_ids)
        several: dict[int, list[ScreenedFinding]] = {}  # a programme's findings, by column
        added = _Contribution()
        for finding in screening.findings:
            entry = known.get(id(finding))
            if entry is None:
                entry = known[id(finding)] = self._know(finding)
            add_json(entry.json)
            column = entry.column
            if column is not None:
                first = firsts[column]
                if first is None:
                    firsts[column] = finding
                    groups[column] = entry.group
                elif column in several:
                    several[column].append(finding)
                else:
                    several[column] = [first, finding]
            added.add(finding, entry.verdict_order, entry.amount)
        for column, repeated in several.items():
            groups[column] = self._merged_group(repeated)
        line = orjson.dumps(_result(screened, jsons))
        row = ",".join([self._head_text(screened), *groups]) + "\r\n"
        return added.data(), line, row

    def _head_text(self, screened: Screened) -> str:
        """``_csv_text(_head(screened))``, the file's and the month's texts worked out once."""
        household, screening = screened.household, screened.screening
        id_, line = screening.situation_id or "", household.line if household.batch else ""
        texts = self._texts
        file = texts.get(household.file)
        if file is None:
            file = texts[household.file] = _csv_text((household.file,))
        period = texts.get(screening.period)
        if period is None:
            period = texts[screening.period] = _csv_text((screening.period,))
        return f"{_csv_text((id_,))},{file},{_csv_text((line,))},{period}"

    def _know(self, finding: ScreenedFinding) -> _Known:
        column = self._columns.get(finding.programme)
        return _Known(
            finding,
            orjson.Fragment(orjson.dumps(_finding(finding))),
            column,
            "" if column is None else _group(_cells(_merged((finding,))[finding.programme])).text,
            *_share(finding, self.units),
        )

    def _merged_group(self, repeated: list[ScreenedFinding]) -> str:
        """The column group of a programme's findings (several: :func:`_merged`), worked out
        once per slice for the same findings."""
        key = tuple(map(id, repeated))  # each is known: its id stays its own
        text = self._merged.get(key)
        if text is None:
            programme = repeated[0].programme
            text = self._merged[key] = _group(_cells(_merged(repeated)[programme])).text
        return text


@dataclass(frozen=True, slots=True)
class _Known:
    """A shared finding as :class:`LineWriter` writes it."""

    finding: ScreenedFinding
    json: orjson.Fragment
    column: int | None
    """Its programme's column group in ``summary.csv`` (None: not a column of the CSV)."""
    group: str
    """The group's CSV text when the finding is its programme's only one ("": no column)."""
    verdict_order: int
    amount: tuple[float | None, float] | None
    """What it adds to the totals (:func:`_share`)."""
