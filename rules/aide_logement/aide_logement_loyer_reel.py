"""Loyer réel retenu : le loyer hors charges, compté pour les deux tiers dans un logement meublé
(décret n° 2020-17 du 8 janvier 2020, art. 2)."""

from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Famille
from rights_engine.enums import TypesStatutOccupationLogement


class aide_logement_loyer_reel(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Loyer réel pris en compte par les aides au logement"
    reference = "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000039804009"

    def formula(famille, period, parameters):
        loyer = famille.demandeur.menage("loyer", period)
        statut = famille.demandeur.menage("statut_occupation_logement", period)
        coefficient = parameters(period).aide_logement.locatif.coefficient_meuble
        return where(
            statut == TypesStatutOccupationLogement.locataire_meuble, loyer * coefficient, loyer
        )
