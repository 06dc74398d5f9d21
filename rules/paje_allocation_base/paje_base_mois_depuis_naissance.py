"""Mois civils écoulés depuis le mois de naissance : 0 le mois de la naissance, 1 le mois suivant.

Les prestations familiales sont dues à partir du mois civil qui suit celui où les conditions sont
réunies et cessent le mois civil où elles cessent de l'être (CSS L552-1) : l'allocation de base se
compte donc en mois civils, non en mois révolus."""

from numpy import datetime64
from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class paje_base_mois_depuis_naissance(Variable):
    value_type = int
    entity = Individu
    definition_period = MONTH
    label = "Mois civils écoulés depuis le mois de naissance (0 le mois de la naissance)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period):
        naissance = individu("date_naissance", period).astype("datetime64[M]")
        return (datetime64(period.start, "M") - naissance).astype(int)
