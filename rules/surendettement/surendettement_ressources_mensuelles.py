"""Ressources mensuelles nettes du ménage (revenus d'activité, pensions, allocations chômage,
pensions alimentaires et autres revenus de chacun), pour rapporter les remboursements aux
ressources."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage

RESSOURCES = (
    "salaire_net",
    "revenus_non_salarie",
    "retraite_nette",
    "chomage_net",
    "pensions_invalidite",
    "pensions_alimentaires_percues",
    "autres_revenus",
)


class surendettement_ressources_mensuelles(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Ressources mensuelles nettes du ménage"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069565"
    unit = "currency"

    def formula(menage, period):
        return sum(menage.sum(menage.members(nom, period)) for nom in RESSOURCES)
