"""Enfant ouvrant droit à l'allocation de base : enfant du foyer, à partir du mois civil qui suit sa
naissance (CSS L552-1) jusqu'au mois civil qui précède celui de ses 3 ans (L531-1, L531-3, D531-1).
L'enfant adopté (droit pendant 3 ans à partir de l'arrivée au foyer) n'est pas modélisé."""

from numpy import timedelta64
from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille, Individu


class paje_base_enfant_eligible(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Enfant ouvrant droit à l'allocation de base (mois suivant sa naissance à ses 3 ans)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000036393143"

    def formula(individu, period, parameters):
        age_limite = parameters(period).prestations_familiales.paje_allocation_base.age_limite
        mois_limite = (timedelta64(1, "Y") * age_limite).astype("timedelta64[M]").astype(int)
        mois = individu("paje_base_mois_depuis_naissance", period)
        return individu.has_role(Famille.ENFANT) * (mois >= 1) * (mois < mois_limite)
