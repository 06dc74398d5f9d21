"""Every legal reference shown in a report links to its article on Légifrance.

A reference (condition or detail of ``rules/*/programme.yaml``) links to an article
(``codes|loda/article_lc/LEGIARTI…``), to a section of a code (``section_lc/…/LEGISCTA…``), or, for
a text that is not a code (arrêté, décret, loi), to that text (``jorf|loda/id/JORFTEXT…``). A
code's home page (``codes/texte_lc/LEGITEXT…``) tells the reader nothing: any such link fails,
unless its title is listed below with the reason its article's id is still unknown (no id is ever
guessed: a wrong id is worse than a missing one). The list can only shrink: a listed title that
no longer needs to be listed fails too. And every article a label, a next step or a partner's
request cites is cited by one of the programme's references, linked to its article.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

RULES = Path(__file__).resolve().parents[2] / "rules"
PARAMETERS = RULES.parent / "parameters"
ARTICLE = re.compile(
    r"^https://www\.legifrance\.gouv\.fr/(codes|loda)/article_lc/LEGIARTI\d{12}"
    r"(/\d{4}-\d{2}-\d{2})?/?(#LEGIARTI\d{12})?$"
    # The stable form of an article: its current version, whichever version id is given.
    r"|^https://www\.legifrance\.gouv\.fr/codes/id/LEGIARTI\d{12}/?$"
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
# A code's home page, or a code's text without an article: tells the reader nothing.
HOME_PAGE = re.compile(r"/codes/texte_lc/|affichCode\.do\?cidTexte=")
# "art. 425 et 428", "art. L861-1, 2° et D861-3", "articles L264-1 à L264-10".
CITATION = re.compile(
    r"\b(?:art\.|articles?)\s+(?:[LRD]\.?\s?)?\d+(?:-\d+)*"
    r"(?:(?:,\s*(?:al\.\s*\d+|\d+°|[IVX]+))*(?:\s*(?:,|et|à|ou)\s+(?:[LRD]\.?\s?)?\d+(?:-\d+)*(?![\d°])))*",
    re.IGNORECASE,
)
ARTICLE_NUMBER = re.compile(r"(?<![\w°])(?:[LRD]\.?\s?)?\d+(?:-\d+)*(?![\d°])", re.IGNORECASE)
# What follows an article's number without being one: "al. 3 et 4", "1°", "II".
QUALIFIER = re.compile(r"\bal\.\s*\d+(?:\s*(?:et|à)\s*\d+)*|\d+\s*°|\b[IVX]+\b")

_NOT_FOUND = (
    "no article id in a source we can check (parameters, OpenFisca-France, Catala, LEGI extracts,"
    " Doctrine and Légifrance pages)"
)
_L412_6 = (
    "its text is on several pages, none with its id; Légifrance's LEGIARTI000025026176 is the"
    " overseas article applying L412-6, not L412-6"
)
AWAITING_ARTICLE_ID: dict[str, str] = {
    "CASF art. R262-6": "OpenFisca-France links the RSA resources to their section only",
    "CSS art. L532-1": _NOT_FOUND,
    "CSS art. R861-4": "OpenFisca-France gives R861-3, R861-5, R861-7 and R861-8, not R861-4",
    "CSS art. R861-4 à R861-8": "the first article of the range, R861-4, has no known id",
    "Code des procédures civiles d'exécution, art. L412-6": _L412_6,
}
"""Titles of references still linked to a code's home page, each with why: no id for their
article in a source we can check yet. A wrong id is worse than a missing one: none is guessed."""


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
        if AWAITING_ARTICLE_ID.get(title, "").strip() and HOME_PAGE.search(href):
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
    still_home_page = {title for _, title, href in references() if HOME_PAGE.search(href)}
    fixed = sorted(set(AWAITING_ARTICLE_ID) - still_home_page)
    assert not fixed, f"now linked to their article, remove from AWAITING_ARTICLE_ID: {fixed}"


def test_no_reference_links_to_a_code_home_page() -> None:
    """A code's home page (or a code's text without an article) is never a reference's link,
    unless the title is listed above with the reason its article's id is still unknown."""
    home_pages = [
        f"{where}: {title!r} → {href}"
        for where, title, href in references()
        if HOME_PAGE.search(href) and not AWAITING_ARTICLE_ID.get(title, "").strip()
    ]
    assert not home_pages, "references linked to a code's home page:\n" + "\n".join(home_pages)


def _label_texts(node: object, key: str = "") -> list[tuple[str, str]]:
    """``(field, text)`` of every text of a programme but its references' titles and links."""
    if isinstance(node, dict):
        return [
            found
            for field, value in node.items()
            if field != "reference"
            for found in _label_texts(value, str(field))
        ]
    if isinstance(node, list):
        return [found for value in node for found in _label_texts(value, key)]
    return [(key, node)] if isinstance(node, str) else []


def _articles(text: str) -> set[str]:
    """Article numbers cited in a text: ``L861-1``, ``R262-6``, ``515-9``…"""
    return {
        re.sub(r"[.\s]", "", number).upper()
        for citation in CITATION.finditer(text)
        for number in ARTICLE_NUMBER.findall(QUALIFIER.sub(" ", citation.group(0)))
    }


def test_every_article_cited_in_a_label_has_a_link() -> None:
    """An article a label, a next step or a partner's request cites is cited by one of the same
    programme's references, linked to its article (or listed above, awaiting its id)."""
    unlinked = []
    for path in sorted(RULES.glob("*/programme.yaml")):
        rules = yaml.safe_load(path.read_text(encoding="utf-8"))
        linked: set[str] = set()
        for item in rules.get("conditions", []) + rules.get("details", []):
            reference = item["reference"]
            href, title = reference["href"], reference["title"]
            if ARTICLE.match(href) or SECTION.match(href) or title in AWAITING_ARTICLE_ID:
                linked |= _articles(title)
        for field, text in _label_texts(rules):
            for article in sorted(_articles(text) - linked):
                unlinked.append(
                    f"{path.parent.name}/programme.yaml {field}: art. {article} in {text!r}"
                )
    assert not unlinked, "articles cited without a link:\n" + "\n".join(unlinked)


def test_the_article_citation_finder_sees_the_usual_forms() -> None:
    assert _articles("ordonnance de protection (C. civ. art. 515-9)") == {"515-9"}
    assert _articles("CSS art. L861-1, 2° et D861-3") == {"L861-1", "D861-3"}
    assert _articles("CASF art. L345-2-2 et L345-2-4") == {"L345-2-2", "L345-2-4"}
    assert _articles("Décret n° 2008-780 du 13 août 2008, art. 2") == {"2"}
    assert _articles("sans article cité") == set()
    assert _articles("CASF art. L115-3, al. 3 et 4") == {"L115-3"}
    assert _articles("CSS art. L861-1, 1°") == {"L861-1"}
    assert _articles("Code civil, art. 425 et 428") == {"425", "428"}


# ---------------------------------------------------------------- parameters' references
# A parameter's reference is shown with its value in the explanation of a computation
# (``rights-engine explain``): it links to its article too. A node's reference (``index.yaml``,
# a plain link to a whole code) names no article and is not shown: it is not checked.


_AMBIGUOUS = (
    "the project's id for R821-4 titles may be that of R532-5: not reused; an app's audit note"
    " found in public code links « art. R821-4 CSS » to LEGIARTI000052141008 but puts the D821-9"
    " abattement under it: not used either"
)
PARAMETERS_AWAITING_ARTICLE_ID: dict[str, str] = {
    "aah/calcul_conjugalise/deduction_frais_professionnels.yaml": _AMBIGUOUS,
    "aide_logement/ressources/abattement_personnes_agees_invalides/taux_incapacite_invalide.yaml": (
        _NOT_FOUND
    ),
    "aspa/recuperation_succession_seuil.yaml": _NOT_FOUND,
    "css/abattement_aah.yaml": _NOT_FOUND,
    "css/abattement_aspa/couple.yaml": _NOT_FOUND,
    "css/abattement_aspa/personne_seule.yaml": _NOT_FOUND,
    "css/age_limite_personne_a_charge.yaml": _NOT_FOUND,
    "prevention_expulsion/treve_hivernale/debut_mois.yaml": _L412_6,
    "prevention_expulsion/treve_hivernale/fin_jour.yaml": _L412_6,
    "prevention_expulsion/treve_hivernale/fin_mois.yaml": _L412_6,
    "rsa/conditions/duree_residence_ue.yaml": _NOT_FOUND,
}
"""Parameter files (under ``parameters/``) whose references still link to a code's home page,
each with why."""


def parameter_references() -> list[tuple[str, str, str]]:
    """``(file, title, href)`` of every titled reference of every parameter."""
    found: list[tuple[str, str, str]] = []

    def walk(node: object, where: str) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("href"), str) and "title" in node:
                found.append((where, str(node["title"]), node["href"]))
            for value in node.values():
                walk(value, where)
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    for path in sorted(PARAMETERS.rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), str(path.relative_to(PARAMETERS)))
    return found


def test_no_parameter_reference_links_to_a_code_home_page() -> None:
    home_pages = [
        f"{where}: {title!r} → {href}"
        for where, title, href in parameter_references()
        if HOME_PAGE.search(href) and not PARAMETERS_AWAITING_ARTICLE_ID.get(where, "").strip()
    ]
    assert not home_pages, "parameters linked to a code's home page:\n" + "\n".join(home_pages)


def test_the_parameters_awaiting_an_article_id_only_shrink() -> None:
    still = {where for where, _, href in parameter_references() if HOME_PAGE.search(href)}
    fixed = sorted(set(PARAMETERS_AWAITING_ARTICLE_ID) - still)
    assert not fixed, f"now linked, remove from PARAMETERS_AWAITING_ARTICLE_ID: {fixed}"
