"""Participation du bénéficiaire : nulle sous 0,725 MTP de ressources, 90 % du plan au-delà de 2,67
MTP, et entre les deux 90 % × x × [A1 + A2 × (0,6 x + 0,4) + A3 × (0,8 x + 0,2)] où A1, A2, A3
sont les tranches du plan sous 0,317 MTP, entre 0,317 et 0,498 MTP et au-delà (CASF R232-11)."""

from numpy import clip
from openfisca_core.model_api import MONTH, Variable, max_, min_

from rights_engine.entities import Individu


class apa_domicile_participation(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Participation du bénéficiaire au plan d'aide, €/mois"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038681713"

    def formula(individu, period, parameters):
        apa = parameters(period).apa_domicile
        p = apa.participation
        mtp = apa.mtp_au_1er_janvier
        plan = individu("apa_domicile_plafond", period)
        ressources = individu("apa_domicile_ressources", period)
        x = clip(
            (ressources - p.seuil_inferieur * mtp)
            / ((p.seuil_superieur - p.seuil_inferieur) * mtp),
            0,
            1,
        )
        limite_1 = p.premiere_fraction * mtp
        limite_2 = p.seconde_fraction * mtp
        tranche_1 = min_(plan, limite_1)
        tranche_2 = max_(0, min_(plan, limite_2) - limite_1)
        tranche_3 = max_(0, plan - limite_2)
        participation = (
            p.taux_maximal
            * x
            * (
                tranche_1
                + tranche_2 * (p.tranche_2.coefficient * x + p.tranche_2.part_fixe)
                + tranche_3 * (p.tranche_3.coefficient * x + p.tranche_3.part_fixe)
            )
        )
        return min_(participation, p.taux_maximal * plan)
