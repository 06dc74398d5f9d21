"""Bonification individuelle (CSS L842-3, D843-2) : nulle sous 59 fois le SMIC horaire brut de
revenus d'activité, elle croît linéairement jusqu'à son maximum, atteint à 120 fois le SMIC horaire
(138 fois depuis le 1er avril 2026) ; maximum de 29,101 % du montant forfaitaire de base (37,7 %
depuis le 1er avril 2026, décret n° 2026-222)."""

from openfisca_core.model_api import MONTH, Variable, max_, min_

from rights_engine.entities import Individu


class ppa_bonification(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Bonification individuelle de la prime d'activité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000037873473"

    def formula(individu, period, parameters):
        p = parameters(period)
        bonification = p.prime_activite.bonification
        smic = p.commun.smic.smic_brut_horaire
        seuil = bonification.seuil_bonification * smic
        seuil_max = bonification.seuil_max_bonification * smic
        maximum = (
            bonification.taux_bonification_max
            * p.prime_activite.montant_forfaitaire.montant_de_base
        )
        revenus = individu("ppa_revenu_activite_individu", period)
        montant = maximum * (revenus - seuil) / (seuil_max - seuil)
        return individu("ppa_membre_foyer", period) * min_(max_(montant, 0), maximum)
