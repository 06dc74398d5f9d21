"""The synthesis opens every format and fits on one screen; every question is asked once.

For each example situation (the acceptance cases and the examples added with them): the text
report with ``--short`` is at most 40 lines, the full text and Markdown reports ask each of the
household's questions exactly once, and the JSON report carries the synthesis before the details.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import rights_engine

from .conftest import SITUATIONS, Invoke

EXAMPLES = sorted(SITUATIONS.glob("*.yaml"))
SCREEN_LINES = 40


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_the_short_text_report_fits_on_one_screen(invoke: Invoke, path: Path) -> None:
    result = invoke("simulate", str(path), "--short")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) <= SCREEN_LINES, "\n".join(lines)
    assert "Synthèse" in lines[3]
    # The synthesis alone: no detail of the findings.
    assert "Détail des droits" not in result.stdout
    assert "Conditions :" not in result.stdout


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_question_is_asked_once_and_the_synthesis_comes_first(
    invoke: Invoke, path: Path
) -> None:
    report = rights_engine.evaluate(rights_engine.load_situation(path))
    assert report.synthesis is not None
    keys = list(json.loads(report.to_json()))
    assert keys.index("synthesis") < keys.index("findings")
    text = invoke("simulate", str(path)).stdout
    markdown = invoke("simulate", str(path), "--format", "markdown").stdout
    assert text.index("Synthèse") < text.index("Détail des droits et démarches")
    assert markdown.index("## Synthèse") < markdown.index("## Détail des droits et démarches")
    for question in report.questions:
        assert text.count(question.question) == 1, question.question
    facts = [(q.fact, q.person) for q in report.questions]
    assert len(facts) == len(set(facts))
    # Unlikely findings: one line each, at the end.
    if any(f.verdict == "unlikely" for f in report.findings):
        tail = text.split("Peu probables au vu des faits connus", 1)[1]
        assert "Conditions :" not in tail and "Partenaires :" not in tail


def test_json_with_the_synthesis_is_byte_identical(invoke: Invoke) -> None:
    path = SITUATIONS / "information_preoccupante.yaml"
    first = invoke("simulate", str(path), "--format", "json").stdout_bytes
    second = invoke("simulate", str(path), "--format", "json").stdout_bytes
    assert first == second
    assert json.loads(first)["synthesis"]["emergencies"][0]["programme"] == (
        "information_preoccupante"
    )


LINKED = re.compile(
    r"^https://www\.legifrance\.gouv\.fr/((codes|loda)/article_lc/LEGIARTI\d{12}(/\d{4}-\d{2}-\d{2})?"
    r"|(jorf|loda)/id/JORFTEXT\d{12})$"
)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_advice_cites_the_law_through_links_only(path: Path) -> None:
    synthesis = rights_engine.evaluate(rights_engine.load_situation(path)).synthesis
    assert synthesis is not None
    for advice in synthesis.advice:
        assert not re.search(r"\bart\.", advice.text), advice.text
        for reference in advice.references:
            assert LINKED.match(reference.href), reference
