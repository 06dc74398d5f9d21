"""Ressources mensuelles de l'allocataire seul, depuis la déconjugalisation du 1er octobre 2023
(CSS L821-3 ; loi n° 2022-1158, art. 10)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aah_base_ressources(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Ressources mensuelles retenues pour l'AAH (calcul individuel)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period):
        return individu("aah_revenus_activite", period) + individu("aah_autres_ressources", period)
