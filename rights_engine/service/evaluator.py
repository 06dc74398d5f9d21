"""Evaluation off the event loop, with requests that arrive together evaluated together.

OpenFisca vectorises: one simulation of 32 households costs about three times one of a single
household. Requests are queued; one thread takes everything waiting (up to ``MAX_HOUSEHOLDS``),
evaluates it in one :func:`~rights_engine.evaluate_many` call per (period, directory) and
renders each report, while the next requests queue up. An idle service answers at once; a busy
one answers many households per simulation. A failure of one call is retried household by
household, so that one household cannot fail the others.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from rights_engine.engine.directory import PartnersDirectory
from rights_engine.engine.evaluate import evaluate_many
from rights_engine.report import Report
from rights_engine.situation.models import Situation

__all__ = ["MAX_HOUSEHOLDS", "EvaluationFailed", "Evaluator"]

MAX_HOUSEHOLDS = 64
"""Households per simulation at most: beyond, the time per household hardly falls any more."""

_log = logging.getLogger("rights_engine.service")

Render = Callable[[Report], bytes]


class EvaluationFailed(RuntimeError):
    """The engine failed on a household (its details are not kept: they may quote it)."""


@dataclass
class _Job:
    situations: Sequence[Situation]
    period: str | None
    directory: str | None
    render: Render
    future: asyncio.Future[list[bytes | EvaluationFailed]]
    results: list[bytes | EvaluationFailed] = field(default_factory=list)


class Evaluator:
    """Queue of evaluations served by one thread (the engine is not shared between threads)."""

    def __init__(self, directories: dict[str, PartnersDirectory]) -> None:
        self._directories = directories
        self._pending: list[_Job] = []
        self._draining: asyncio.Task[None] | None = None
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="evaluation")

    async def evaluate(
        self,
        situations: Sequence[Situation],
        period: str | None,
        directory: str | None,
        render: Render,
    ) -> list[bytes | EvaluationFailed]:
        """The rendered report of each situation, in order (or the failure of its evaluation)."""
        future: asyncio.Future[list[bytes | EvaluationFailed]] = (
            asyncio.get_running_loop().create_future()
        )
        self._pending.append(_Job(situations, period, directory, render, future))
        if self._draining is None or self._draining.done():
            self._draining = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            taken: list[_Job] = []
            households = 0
            while self._pending and (
                not taken or households + len(self._pending[0].situations) <= MAX_HOUSEHOLDS
            ):
                job = self._pending.pop(0)
                taken.append(job)
                households += len(job.situations)
            try:
                await loop.run_in_executor(self._thread, self._run, taken)
            except Exception as exc:  # the thread itself failed: answer every job taken
                _log.error("evaluation thread failed (%s)", type(exc).__name__)
                for job in taken:
                    job.results = [EvaluationFailed() for _ in job.situations]
            for job in taken:
                if not job.future.done():
                    job.future.set_result(job.results)

    def _run(self, jobs: list[_Job]) -> None:
        """In the evaluation thread: one ``evaluate_many`` per (period, directory)."""
        groups: dict[tuple[str | None, str | None], list[_Job]] = defaultdict(list)
        for job in jobs:
            groups[(job.period, job.directory)].append(job)
        for (period, name), group in groups.items():
            directory = self._directories.get(name) if name is not None else None
            situations = [s for job in group for s in job.situations]
            try:
                reports: list[Report | None] = list(evaluate_many(situations, period, directory))
            except Exception:
                reports = [self._alone(s, period, directory) for s in situations]
            position = 0
            for job in group:
                mine = reports[position : position + len(job.situations)]
                position += len(job.situations)
                job.results = [self._rendered(report, job.render) for report in mine]

    @staticmethod
    def _alone(
        situation: Situation, period: str | None, directory: PartnersDirectory | None
    ) -> Report | None:
        try:
            return evaluate_many([situation], period, directory)[0]
        except Exception as exc:
            _log.error("evaluation failed for one household (%s)", type(exc).__name__)
            return None

    @staticmethod
    def _rendered(report: Report | None, render: Render) -> bytes | EvaluationFailed:
        if report is None:
            return EvaluationFailed()
        try:
            return render(report)
        except Exception as exc:
            _log.error("rendering failed for one report (%s)", type(exc).__name__)
            return EvaluationFailed()

    def close(self) -> None:
        self._thread.shutdown(wait=False, cancel_futures=True)
