"""Revenu fiscal de référence par unité de consommation sous le plafond du barème
(C. énergie L124-1 ; 10 800 €/UC depuis l'arrêté du 24 février 2021)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class cheque_energie_condition_ressources(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Revenu fiscal de référence par unité de consommation sous le plafond du chèque énergie"
    reference = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000043178875/"

    def formula(menage, period):
        return menage("cheque_energie_montant", period) > 0
