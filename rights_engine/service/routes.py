"""The ``/v1`` endpoints: orientation (one situation, or a JSON Lines batch, streamed), the
programmes, the situation's schema and the answers to the report's questions, and health."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool

from rights_engine._version import __version__
from rights_engine.engine.catalogue import programmes
from rights_engine.report import Report
from rights_engine.service.answers import ANSWERS
from rights_engine.service.auth import require_token
from rights_engine.service.errors import ApiError, internal_error
from rights_engine.service.evaluator import EvaluationFailed, Evaluator
from rights_engine.service.models import (
    BatchLine,
    FactAnswers,
    Health,
    Problem,
    ProblemReport,
    ProgrammeInfo,
)
from rights_engine.service.reading import (
    JSON_LINES_TYPES,
    JSON_TYPES,
    YAML_TYPES,
    UnsupportedMediaType,
    batch_lines,
    media_type,
    out_of_range,
    parse_situation,
    period_problem,
    read_body,
)
from rights_engine.service.settings import NO_DIRECTORY, ServiceSettings
from rights_engine.situation.errors import SituationError
from rights_engine.situation.models import Month, Situation

__all__ = ["BATCH_SLICE", "JSON_SCHEMA_DIALECT", "router", "situation_schema"]

BATCH_SLICE = 250
"""Households of a batch evaluated together before their lines are sent."""
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_PROBLEMS: dict[int | str, dict[str, Any]] = {
    401: {"model": ProblemReport, "description": "Jeton absent ou invalide (--token-file)"},
    413: {"model": ProblemReport, "description": "Corps de la requête trop grand"},
    415: {"model": ProblemReport, "description": "Type de contenu non lu"},
    422: {"model": ProblemReport, "description": "Entrée invalide : problèmes localisés"},
}
_SITUATION_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            media: {"schema": {"$ref": "#/components/schemas/Situation"}}
            for media in (*JSON_TYPES, *YAML_TYPES)
        },
    }
}
_BATCH_BODY = {
    "requestBody": {
        "required": True,
        "description": "Une situation JSON par ligne (JSON Lines)",
        "content": {media: {"schema": {"type": "string"}} for media in JSON_LINES_TYPES},
    }
}

router = APIRouter(prefix="/v1")
_PROBLEM_LIST = TypeAdapter(list[Problem])


def settings_of(request: Request) -> ServiceSettings:
    settings: ServiceSettings = request.app.state.settings
    return settings


def evaluator_of(request: Request) -> Evaluator:
    evaluator: Evaluator = request.app.state.evaluator
    return evaluator


Settings = Annotated[ServiceSettings, Depends(settings_of)]
Evaluation = Annotated[Evaluator, Depends(evaluator_of)]
Authorised = [Depends(require_token)]

PeriodQuery = Annotated[
    str | None,
    Query(
        description="Mois évalué YYYY-MM, à la place de celui de chaque situation",
        examples=["2026-11"],
    ),
]
PartnersQuery = Annotated[
    str | None,
    Query(
        description="Annuaire local chargé au démarrage (--partners), par son nom ; « none » : "
        "aucun ; absent : le premier chargé"
    ),
]


def _query_problem(name: str, message: str) -> ApiError:
    return ApiError(
        422, "invalid query parameter", [Problem(line=None, field=f"query.{name}", message=message)]
    )


def _period(period: str | None) -> str | None:
    if period is None:
        return None
    try:
        month = str(Month.parse(period))
    except ValueError:
        raise _query_problem("period", "expected a month YYYY-MM (e.g. 2026-11)") from None
    why = out_of_range(month)
    if why is not None:
        raise _query_problem("period", why)
    return month


def _directory(settings: ServiceSettings, name: str | None) -> str | None:
    if name is None:
        return settings.default_directory
    if name == NO_DIRECTORY:
        return None
    if name not in settings.directories:
        known = ", ".join([*settings.directories, NO_DIRECTORY])
        raise _query_problem("partners", f"unknown directory; expected one of: {known}")
    return name


def _invalid(error: SituationError, detail: str = "the situation is not valid") -> ApiError:
    return ApiError(422, detail, [Problem.of(p) for p in error.problems])


def _json(report: Report) -> bytes:
    return report.to_json().encode()


def _renderer(settings: ServiceSettings, output: str) -> tuple[str, Callable[[Report], bytes]]:
    if output == "json":
        return "application/json", _json
    renderer = settings.renderers.get(output)
    if renderer is None:
        known = ", ".join(["json", *settings.renderers])
        raise _query_problem("format", f"expected one of: {known}")
    render = renderer.render
    return renderer.media_type, lambda report: render(report).encode()


@router.post(
    "/orientation",
    dependencies=Authorised,
    response_model=Report,
    responses={
        200: {
            "description": "Le rapport d'orientation (JSON), ou sa forme rendue (?format=)",
            "content": {"text/markdown": {}, "text/html": {}},
        },
        **_PROBLEMS,
    },
    openapi_extra=_SITUATION_BODY,
    summary="Le rapport d'orientation d'une situation (JSON ou YAML)",
)
async def orientation(
    request: Request,
    settings: Settings,
    evaluator: Evaluation,
    period: PeriodQuery = None,
    partners: PartnersQuery = None,
    format: Annotated[
        str, Query(description="json (défaut), markdown ou html : le rapport rendu")
    ] = "json",
) -> Response:
    """A situation (``application/json``, or YAML by its content type) → its report, with the
    same contract as the library (``Report``); 422 with located problems for a bad one."""
    month = _period(period)
    directory = _directory(settings, partners)
    output_type, render = _renderer(settings, format)
    body = await read_body(request, settings.max_situation_bytes)
    try:
        situation = parse_situation(body, media_type(request))
    except SituationError as exc:
        raise _invalid(exc) from None
    if month is None:
        problem = period_problem(situation, None, 1)
        if problem is not None:
            raise _invalid(SituationError([problem]))
    (result,) = await evaluator.evaluate([situation], month, directory, render)
    if isinstance(result, EvaluationFailed):
        raise internal_error("evaluating this household")
    return Response(result, media_type=output_type)


@router.post(
    "/orientation/batch",
    dependencies=Authorised,
    response_model=BatchLine,
    responses={
        200: {
            "description": "Une ligne JSON par ligne de situation, dans l'ordre, dès qu'elle est "
            "calculée : {line, report} ou {line, problems}",
            "content": {"application/x-ndjson": {}},
        },
        **_PROBLEMS,
    },
    openapi_extra=_BATCH_BODY,
    summary="Une file de situations (JSON Lines) : un rapport par ligne, en flux",
)
async def orientation_batch(
    request: Request,
    settings: Settings,
    evaluator: Evaluation,
    period: PeriodQuery = None,
    partners: PartnersQuery = None,
) -> StreamingResponse:
    """JSON Lines in, JSON Lines out: each line answered with its number, its report or its
    located problems; bad lines do not stop the others. Lines are sent as they are computed."""
    month = _period(period)
    directory = _directory(settings, partners)
    kind = media_type(request)
    if kind and kind not in (*JSON_LINES_TYPES, *JSON_TYPES):
        raise UnsupportedMediaType(kind, JSON_LINES_TYPES)
    body = await read_body(request, settings.max_batch_bytes)
    # Read off the event loop: a large batch takes seconds to validate.
    rows = await run_in_threadpool(lambda: list(batch_lines(body)))
    if not rows:
        raise ApiError(
            422,
            "the batch is empty",
            [Problem(line=1, field=None, message="expected one situation per line")],
        )

    async def lines() -> AsyncIterator[bytes]:
        for start in range(0, len(rows), BATCH_SLICE):
            part = rows[start : start + BATCH_SLICE]
            checked: list[tuple[int, Situation | SituationError]] = []
            for line, item in part:
                if isinstance(item, Situation) and month is None:
                    problem = period_problem(item, None, line)
                    if problem is not None:
                        item = SituationError([problem])
                checked.append((line, item))
            good = [item for _, item in checked if isinstance(item, Situation)]
            results = iter(await evaluator.evaluate(good, month, directory, _compact))
            for line, item in checked:
                if isinstance(item, SituationError):
                    yield _problems_line(line, [Problem.of(p) for p in item.problems])
                    continue
                result = next(results)
                if isinstance(result, EvaluationFailed):
                    yield _problems_line(
                        line,
                        [
                            Problem(
                                line=line,
                                field=None,
                                message=internal_error("evaluating this household").detail,
                            )
                        ],
                    )
                    continue
                yield b'{"line":%d,"report":%s}\n' % (line, result)

    return StreamingResponse(lines(), media_type="application/x-ndjson")


def _compact(report: Report) -> bytes:
    return report.model_dump_json().encode()


def _problems_line(line: int, problems: list[Problem]) -> bytes:
    return b'{"line":%d,"problems":%s}\n' % (line, _PROBLEM_LIST.dump_json(problems))


@router.post(
    "/situation",
    dependencies=Authorised,
    responses={200: {"description": "La situation validée, en JSON"}, **_PROBLEMS},
    openapi_extra=_SITUATION_BODY,
    summary="Lire et valider une situation (JSON ou YAML), sans l'évaluer",
)
async def situation(request: Request, settings: Settings) -> dict[str, Any]:
    """The situation read as the orientation endpoint reads it, returned as JSON (only the
    fields given): the worker's page uses it to edit a situation in YAML."""
    body = await read_body(request, settings.max_situation_bytes)
    try:
        parsed = parse_situation(body, media_type(request))
    except SituationError as exc:
        raise _invalid(exc) from None
    data: dict[str, Any] = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
    return data


@router.get(
    "/programmes",
    dependencies=Authorised,
    response_model=list[ProgrammeInfo],
    summary="Les programmes, leur version et leur période de législation validée",
)
async def programme_list() -> list[ProgrammeInfo]:
    return [
        ProgrammeInfo(
            id=p.id,
            label=p.label,
            version=p.version,
            status=p.status,
            validated_from=p.validated_from,
            validated_to=p.validated_to,
            legal_basis=p.legal_basis,
            entry_variables=p.entry_variables,
        )
        for p in programmes()
    ]


def situation_schema() -> dict[str, Any]:
    """The JSON Schema of a situation, the same as ``rights-engine schema`` prints."""
    schema = Situation.model_json_schema(by_alias=True)
    return {**schema, "$schema": JSON_SCHEMA_DIALECT, "title": "rights-engine situation (schema 1)"}


@router.get("/schema", dependencies=Authorised, summary="Le schéma JSON d'une situation")
async def schema() -> dict[str, Any]:
    return situation_schema()


@router.get(
    "/facts",
    dependencies=Authorised,
    response_model=list[FactAnswers],
    summary="Pour chaque question du rapport (fact), les champs de la situation qui y répondent",
)
async def facts() -> list[FactAnswers]:
    return list(ANSWERS.values())


@router.get("/health", response_model=Health, summary="Le service répond (sans jeton)")
async def health(settings: Settings) -> Health:
    known = programmes()
    return Health(
        status="ok",
        engine_version=__version__,
        validated_from=min(p.validated_from for p in known),
        validated_to=max(p.validated_to for p in known),
        directories=list(settings.directories),
    )
