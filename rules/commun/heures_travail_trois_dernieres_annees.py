"""Heures de travail sur les trois dernières années."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class heures_travail_trois_dernieres_annees(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Heures de travail sur les trois dernières années"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033516276"
