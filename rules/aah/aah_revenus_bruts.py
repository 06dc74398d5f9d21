"""Toutes les ressources mensuelles de la personne (moyenne du trimestre précédent), sans
abattement : sert à compter celles du conjoint dans le calcul conjugalisé transitoire."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Individu


class aah_revenus_bruts(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Ressources mensuelles sans abattement (revenus du conjoint pour l'AAH)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period):
        trimestre = period.last_3_months
        noms = (
            "salaire_net",
            "revenus_non_salarie",
            "chomage_net",
            "retraite_nette",
            "pensions_invalidite",
            "pensions_alimentaires_percues",
            "autres_revenus",
        )
        return sum(individu(nom, trimestre, options=[ADD]) for nom in noms) / trimestre.size
