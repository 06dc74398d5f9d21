"""Orientation vers le fonds de solidarité pour le logement (FSL) du département pour une dette
d'énergie : aides, prêts ou subventions selon le règlement intérieur départemental (loi n° 90-449
du 31 mai 1990, art. 6) ; la fourniture est maintenue tant que le FSL n'a pas statué (CASF
L115-3, al. 2)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class fsl_energie_orientation(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    label = "Dette d'énergie pouvant être présentée au FSL du département"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return menage("impaye_energie_dette", period)
