"""Loyer de référence du taux TL : le loyer plafond de la zone 2 pour la même composition, sans
coefficient chambre ni colocation (arrêté du 27 septembre 2019, art. 14, 2°)."""

from openfisca_core.model_api import MONTH, Variable, select

from rights_engine.entities import Famille


class aide_logement_loyer_reference(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Loyer de référence (plafond de la zone 2) pour le taux TL"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000050286630"

    def formula(famille, period, parameters):
        zone_2 = parameters(period).aide_logement.locatif.loyers_plafonds.zone_2
        couple = famille("al_couple", period)
        nb_pac = famille("al_nb_personnes_a_charge", period)
        return select(
            [nb_pac > 0, couple],
            [
                zone_2.une_personne_a_charge
                + (nb_pac - 1) * zone_2.par_personne_a_charge_supplementaire,
                zone_2.couple,
            ],
            default=zone_2.personne_seule,
        )
