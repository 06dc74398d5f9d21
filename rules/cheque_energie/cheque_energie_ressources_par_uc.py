"""Revenu fiscal de référence du ménage par unité de consommation (C. énergie L124-1, R124-2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class cheque_energie_ressources_par_uc(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Revenu fiscal de référence par unité de consommation"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000032497834"
    unit = "currency"

    def formula(menage, period):
        return menage("rfr", period) / menage("cheque_energie_unites_consommation", period)
