"""Participation personnelle Pp = P0 + Tp × (R − R0), avec P0 = max(8,5 % × (L + C), P0 forfait)
et Tp = TF + TL (CCH D823-17 ; arrêté du 27 septembre 2019, art. 13 et 14)."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Famille


class aide_logement_participation_personnelle(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Participation personnelle Pp du foyer"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041419255"

    def formula(famille, period, parameters):
        pp = parameters(period).aide_logement.locatif.participation_personnelle
        depense = famille("aide_logement_loyer_retenu", period) + famille(
            "aide_logement_charges", period
        )
        p0 = max_(pp.p0_taux * depense, pp.p0_forfait)
        tp = famille("aide_logement_taux_famille", period) + famille(
            "aide_logement_taux_loyer", period
        )
        ressources = max_(
            0,
            famille("aide_logement_base_ressources", period) - famille("aide_logement_R0", period),
        )
        return p0 + tp * ressources
