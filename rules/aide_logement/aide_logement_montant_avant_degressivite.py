"""Aide avant dégressivité : L + C − Pp pour un locataire, mise à 0 sous le seuil de versement
(10 € pour l'ALF et l'ALS, 0 pour l'APL) (CCH D823-16 ; arrêté du 27 septembre 2019, art. 12).
Comme OpenFisca-France, le seuil est comparé au montant avant dégressivité et minoration."""

from openfisca_core.model_api import MONTH, Variable, max_, where

from rights_engine.entities import Famille


class aide_logement_montant_avant_degressivite(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Aide au logement avant dégressivité et minoration"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000039160749"

    def formula(famille, period, parameters):
        seuils = parameters(period).aide_logement.locatif.seuil_versement
        montant = max_(
            0,
            famille("aide_logement_loyer_retenu", period)
            + famille("aide_logement_charges", period)
            - famille("aide_logement_participation_personnelle", period),
        )
        montant = montant * famille("aide_logement_locataire", period)
        seuil = where(
            famille.demandeur.menage("logement_conventionne", period), seuils.apl, seuils.al
        )
        return where(montant >= seuil, montant, 0)
