"""Ressources autres que d'activité, moyenne mensuelle du trimestre précédent : pensions de
retraite et d'invalidité, pensions alimentaires, autres revenus (CSS R821-4). Les allocations
chômage suivent les revenus d'activité (``aah_revenus_activite``)."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Individu


class aah_autres_ressources(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Ressources hors activité retenues pour l'AAH"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period):
        trimestre = period.last_3_months
        noms = (
            "retraite_nette",
            "pensions_invalidite",
            "pensions_alimentaires_percues",
            "autres_revenus",
        )
        return sum(individu(nom, trimestre, options=[ADD]) for nom in noms) / trimestre.size
