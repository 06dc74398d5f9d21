"""Loyer plafond L selon la zone et la composition du foyer, réduit pour une chambre (× 0,9) ou
en colocation (× 0,75) (CCH D823-16, 2° ; arrêté du 27 septembre 2019, art. 7, 8 et 16)."""

from openfisca_core.model_api import MONTH, Variable, round_, select, where

from rights_engine.entities import Famille
from rights_engine.enums import TypesZoneApl


def plafond_composition(bareme, couple, nb_pac):
    """Plafond of one zone's barème for the composition (single, couple, dependants)."""
    return select(
        [nb_pac > 0, couple],
        [
            bareme.une_personne_a_charge
            + (nb_pac - 1) * bareme.par_personne_a_charge_supplementaire,
            bareme.couple,
        ],
        default=bareme.personne_seule,
    )


class aide_logement_loyer_plafond(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Loyer plafond des aides au logement"
    reference = "https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000050278404"

    def formula(famille, period, parameters):
        plafonds = parameters(period).aide_logement.locatif.loyers_plafonds
        couple = famille("al_couple", period)
        nb_pac = famille("al_nb_personnes_a_charge", period)
        zone = famille.demandeur.menage("zone_apl", period)
        plafond = select(
            [zone == TypesZoneApl.zone_1, zone == TypesZoneApl.zone_3],
            [
                plafond_composition(plafonds.zone_1, couple, nb_pac),
                plafond_composition(plafonds.zone_3, couple, nb_pac),
            ],
            default=plafond_composition(plafonds.zone_2, couple, nb_pac),
        )
        chambre = famille.demandeur.menage("logement_chambre", period)
        coloc = famille.demandeur.menage("coloc", period)
        coefficient = where(chambre, plafonds.coefficient_chambre, 1) * where(
            coloc, plafonds.coefficient_colocation, 1
        )
        return (
            round_(plafond * coefficient / parameters(period).aide_logement.arrondis.centime)
            * parameters(period).aide_logement.arrondis.centime
        )
