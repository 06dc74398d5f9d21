"""The computation behind a finding as an indented French tree (``rights-engine explain``).

Steps deeper than ``depth`` are folded into one line saying how many there are; facts read on
several months (incomes of the last quarter) are shown on one line.
"""

from __future__ import annotations

from collections.abc import Iterator

from rights_engine.engine.explain import ConditionExplanation, Explanation, ParameterUse, Step

__all__ = ["explanation_lines"]

VERDICTS = {"likely": "probable", "to_confirm": "à confirmer", "unlikely": "peu probable"}
STATUSES = {
    "met": "remplie",
    "not_met": "non remplie",
    "unknown": "inconnue",
    "not_required": "non exigée",
}
INDENT = "  "


def _count(step: Step) -> int:
    return len(step.steps) + sum(_count(child) for child in step.steps)


def _parameter(parameter: ParameterUse, indent: str) -> str:
    since = f", en vigueur depuis le {parameter.in_force_since}" if parameter.in_force_since else ""
    source = ""
    if parameter.reference is not None:
        source = f" — {parameter.reference.title} <{parameter.reference.href}>"
    return f"{indent}§ {parameter.label} = {parameter.shown}{since}{source} [{parameter.name}]"


def _merged(steps: list[Step]) -> Iterator[list[Step]]:
    """Siblings grouped: consecutive facts of the same variable (one per month) together."""
    group: list[Step] = []
    for step in steps:
        if group and not (step.steps or step.parameters) and step.variable == group[0].variable:
            group.append(step)
            continue
        if group:
            yield group
        group = [step]
    if group:
        yield group


def _head(group: list[Step], period: str) -> str:
    step = group[0]
    kinds = {
        "computed": "",
        "fact": " (donnée de la situation)",
        "unknown_fact": " (fait inconnu : bornes utilisées)",
    }
    kind = (
        " (fait inconnu : bornes utilisées)"
        if any(s.kind == "unknown_fact" for s in group)
        else kinds[step.kind]
    )
    if len(group) > 1:
        months = ", ".join(f"{s.period} : {s.shown}" for s in group)
        return f"{step.label} — {months}{kind} [{step.variable}]"
    when = "" if step.period == period else f" ({step.period})"
    people = ""
    if step.by_person:
        people = " ; par personne : " + ", ".join(f"{k} {v}" for k, v in step.by_person.items())
    again = " (détaillé plus haut)" if step.repeated else ""
    return f"{step.label}{when} = {step.shown}{kind}{people}{again} [{step.variable}]"


class _Printer:
    """Writes the trees of one explanation. A step is detailed once in the JSON (later uses are
    marked ``repeated``); the text details it where it is first *shown*, which may be a later
    use when the first one was folded."""

    def __init__(self, explanation: Explanation, depth: int) -> None:
        self.period = explanation.period
        self.depth = depth
        self.detailed: dict[tuple[str, str], Step] = {}
        self.shown: set[tuple[str, str]] = set()
        roots = [explanation.amount] if explanation.amount else []
        roots += [c.computation for c in explanation.conditions] + explanation.details
        for root in roots:
            self._collect(root)

    def _collect(self, step: Step) -> None:
        if (step.steps or step.parameters) and not step.repeated:
            self.detailed.setdefault((step.variable, step.period), step)
        for child in step.steps:
            self._collect(child)

    def tree(self, step: Step, level: int = 0) -> Iterator[str]:
        yield from self._group([step], level)

    def _group(self, group: list[Step], level: int) -> Iterator[str]:
        indent = INDENT * level
        step = group[0]
        key = (step.variable, step.period)
        if len(group) == 1 and step.repeated and key not in self.shown and key in self.detailed:
            step = self.detailed[key]
            group = [step]
        if len(group) == 1 and step.repeated:
            yield f"{indent}- {_head(group, self.period)}"
            return
        yield f"{indent}- {_head(group, self.period).replace(' (détaillé plus haut)', '')}"
        if len(group) > 1 or not (step.steps or step.parameters):
            return
        if level + 1 >= self.depth:
            hidden = _count(step) + len(step.parameters)
            yield f"{indent}{INDENT}… {hidden} éléments repliés (--depth pour les afficher)"
            return
        self.shown.add(key)
        for parameter in step.parameters:
            yield _parameter(parameter, indent + INDENT)
        for siblings in _merged(step.steps):
            yield from self._group(siblings, level + 1)

    def condition(self, condition: ConditionExplanation) -> Iterator[str]:
        reference = f"{condition.reference.title} <{condition.reference.href}>"
        yield f"* {condition.label} : {STATUSES[condition.status]} ({reference})"
        yield from self.tree(condition.computation, 1)


def explanation_lines(explanation: Explanation, depth: int = 4) -> Iterator[str]:
    """The explanation as lines of French text, the tree folded below ``depth`` levels."""
    e = explanation
    who = f", personne « {e.person} »" if e.person else ""
    yield f"{e.label} [{e.programme}] — {e.period}{who} (règles {e.rules_version})"
    line = f"Verdict : {VERDICTS.get(e.verdict, e.verdict)}"
    if e.amount_minimum is not None and e.amount_maximum is not None:
        unit = "€/an" if e.unit == "EUR/an" else "€/mois"
        low = f"{e.amount_minimum:,.2f}".replace(",", " ").replace(".", ",")
        high = f"{e.amount_maximum:,.2f}".replace(",", " ").replace(".", ",")
        amount = low if low == high else f"entre {low} et {high}"
        line += f" ; montant estimé : {amount} {unit}"
    yield line
    if e.scenarios != ["unique"]:
        yield (
            "Des faits sont inconnus : chaque étape donne la valeur avec l'hypothèse la plus "
            "favorable à la personne, puis la plus défavorable (les bornes du montant)."
        )
    printer = _Printer(e, depth)
    if e.amount is not None:
        yield ""
        yield "Calcul du montant"
        yield from printer.tree(e.amount)
    if e.conditions:
        yield ""
        yield "Conditions"
        for condition in e.conditions:
            yield from printer.condition(condition)
    if e.details:
        yield ""
        yield "Éléments du calcul"
        for detail in e.details:
            yield from printer.tree(detail)
