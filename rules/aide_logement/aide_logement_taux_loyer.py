"""Taux TL selon le rapport RL entre le loyer retenu et le loyer de référence (arrêté du
27 septembre 2019, art. 14, 2°) : RL en % arrondi à deux décimales ; TL = 0 sous 45 %,
0,45 % × (RL − 45 %) de 45 à 75 %, puis 0,45 % × 30 % + 0,68 % × (RL − 75 %) ; TL en %
arrondi à trois décimales."""

from openfisca_core.model_api import MONTH, Variable, max_, round_, where

from rights_engine.entities import Famille


class aide_logement_taux_loyer(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Taux TL selon le rapport des loyers"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000050286630"

    def formula(famille, period, parameters):
        p = parameters(period).aide_logement
        tl = p.locatif.participation_personnelle.tl
        rapport = famille("aide_logement_loyer_retenu", period) / famille(
            "aide_logement_loyer_reference", period
        )
        rl = (
            round_(rapport / p.arrondis.precision_rapport_loyers)
            * p.arrondis.precision_rapport_loyers
        )
        taux = where(
            rl >= tl.seuil_2,
            tl.taux_3 * (rl - tl.seuil_2) + tl.taux_2 * (tl.seuil_2 - tl.seuil_1),
            max_(0, tl.taux_2 * (rl - tl.seuil_1)),
        )
        return round_(taux / p.arrondis.precision_taux_loyer) * p.arrondis.precision_taux_loyer
