"""Every legal reference shown in a report links to its article on Légifrance.

A reference (condition or detail of ``rules/*/programme.yaml``) links to an article
(``codes|loda/article_lc/LEGIARTI…``), to a section of a code (``section_lc/…/LEGISCTA…``), or, for
a text that is not a code (arrêté, décret, loi), to that text (``jorf|loda/id/JORFTEXT…``). A
code's home page (``codes/texte_lc/LEGITEXT…``) tells the reader nothing: the references still
pointing to one are listed below until their article's id is found in a source we can check (no
id is ever guessed). The list can only shrink: a new home-page link fails, and so does a listed
title that no longer needs to be listed.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

RULES = Path(__file__).resolve().parents[2] / "rules"
ARTICLE = re.compile(
    r"^https://www\.legifrance\.gouv\.fr/(codes|loda)/article_lc/LEGIARTI\d{12}"
    r"(/\d{4}-\d{2}-\d{2})?/?(#LEGIARTI\d{12})?$"
    # An article of a text as published in the Journal officiel (e.g. a décret's article).
    r"|^https://www\.legifrance\.gouv\.fr/jorf/article_jo/JORFARTI\d{12}/?$"
)
SECTION = re.compile(
    r"^https://www\.legifrance\.gouv\.fr/codes/section_lc/LEGITEXT\d{12}/LEGISCTA\d{12}/?"
    r"(#LEGISCTA\d{12})?$"
)
TEXT = re.compile(r"^https://www\.legifrance\.gouv\.fr/(jorf|loda)/id/JORFTEXT\d{12}/?$")
NOT_A_CODE = re.compile(r"^(Arrêté|Décret|Loi)\b")
CITES_AN_ARTICLE = re.compile(r"\bart\.|\barticle\b", re.IGNORECASE)

AWAITING_ARTICLE_ID = frozenset(
    {
        "CASF art. L115-3, al. 3",
        "CASF art. L115-3, al. 3 et 4",
        "CASF art. L222-2 et L222-3",
        "CASF art. L226-2-1, L226-3 et R226-2-2",
        "CASF art. L226-4",
        "CASF art. L232-1 et R232-1",
        "CASF art. L232-2 et R232-3",
        "CASF art. L262-27 et suivants",
        "CASF art. L264-1 à L264-10",
        "CASF art. L345-2-2",
        "CASF art. L345-2-2 ; Code civil art. 515-9 (ordonnance de protection)",
        "CASF art. L345-2-2 et L345-2-4",
        "CASF art. R232-3",
        "CASF art. R262-6",
        "CCH art. L831-1",
        "CCH art. R822-2 s.",
        "CCH art. R824-1 s.",
        "CSS art. L521-1",
        "CSS art. L532-1",
        "CSS art. L815-13 et D815-4",
        "CSS art. L815-9 et R815-29",
        "CSS art. L841-1 et CASF art. R262-11",
        "CSS art. L841-1 et L842-1",
        "CSS art. L842-4",
        "CSS art. R844-3",
        "CSS art. R844-4 et R844-5",
        "CSS art. L861-1",
        "CSS art. L861-1 et L861-2",
        "CSS art. L861-1 et R861-3",
        "CSS art. L861-1, 1°",
        "CSS art. L861-1, 2° et D861-3",
        "CSS art. R861-4",
        "CSS art. R861-4 à R861-8",
        "CSS art. R861-5",
        "Code civil, art. 425 et 428",
        "Code de la consommation art. L711-1",
        "Code de la consommation art. L711-1 (prévention du surendettement)",
        "Code des procédures civiles d'exécution, art. L412-6",
        "Code du travail, art. L5213-2",
        "Décret n° 2008-780 du 13 août 2008 ; CASF art. L115-3",
        "Décret n° 2008-780 du 13 août 2008, art. 2",
        "Décret n° 2008-780 du 13 août 2008, art. 3",
        "Loi n° 90-449 du 31 mai 1990, art. 6 ; CASF art. L115-3",
    }
)
"""Titles of references that still link to a code's home page: no article id for them in the
project's parameters or in OpenFisca-France's references yet."""


def references() -> list[tuple[str, str, str]]:
    """``(file, title, href)`` of every condition and detail of every programme."""
    found = []
    for path in sorted(RULES.glob("*/programme.yaml")):
        rules = yaml.safe_load(path.read_text(encoding="utf-8"))
        for item in rules.get("conditions", []) + rules.get("details", []):
            reference = item["reference"]
            found.append(
                (f"{path.parent.name}/programme.yaml", reference["title"], reference["href"])
            )
    return found


def test_every_reference_links_to_an_article_a_section_or_a_text() -> None:
    wrong = []
    for where, title, href in references():
        if ARTICLE.match(href) or SECTION.match(href):
            continue
        if TEXT.match(href) and NOT_A_CODE.match(title):
            continue
        if title in AWAITING_ARTICLE_ID and "/codes/texte_lc/LEGITEXT" in href:
            continue
        wrong.append(f"{where}: {title!r} → {href}")
    assert not wrong, "references not linked to their article:\n" + "\n".join(wrong)


def test_every_reference_cites_an_article_or_a_text() -> None:
    vague = [
        f"{where}: {title!r}"
        for where, title, _ in references()
        if not CITES_AN_ARTICLE.search(title) and not NOT_A_CODE.match(title)
    ]
    assert not vague, "references that name no article:\n" + "\n".join(vague)


def test_the_list_of_references_awaiting_an_article_id_only_shrinks() -> None:
    still_home_page = {
        title for _, title, href in references() if "/codes/texte_lc/LEGITEXT" in href
    }
    fixed = sorted(AWAITING_ARTICLE_ID - still_home_page)
    assert not fixed, f"now linked to their article, remove from AWAITING_ARTICLE_ID: {fixed}"
