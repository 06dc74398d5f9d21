"""Réduction de loyer de solidarité (RLS), €/mois : le bailleur social l'applique au loyer d'un
locataire d'un logement conventionné dont les ressources mensuelles (celles des aides au logement,
divisées par 12) sont inférieures au plafond de sa zone et de sa composition (CCH L442-2-1 ;
décret n° 2018-136 et arrêté du 27 février 2018). L'APL est diminuée de 98 % de ce montant
(``aide_logement_montant_brut``)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class reduction_loyer_solidarite(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Réduction de loyer de solidarité appliquée par le bailleur social"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000036377598/2018-01-01"

    def formula(famille, period, parameters):
        mois = parameters(period).aide_logement.ressources.mois_reference
        ressources = famille("aide_logement_base_ressources", period) / mois
        sous_plafond = ressources < famille("reduction_loyer_solidarite_plafond_ressources", period)
        conventionne = famille.demandeur.menage("logement_conventionne", period)
        locataire = famille("aide_logement_locataire", period)
        return (
            sous_plafond
            * conventionne
            * locataire
            * famille("reduction_loyer_solidarite_montant", period)
        )
