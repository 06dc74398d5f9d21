"""Montant de la réduction de loyer de solidarité (RLS) selon la zone et la composition du foyer :
un montant pour une personne seule, un pour un couple, un pour une personne à charge, majoré par
personne à charge supplémentaire (CCH L442-2-1 ; arrêté du 27 février 2018, art. 2)."""

from openfisca_core.model_api import MONTH, Variable, select

from rights_engine.entities import Famille
from rights_engine.enums import TypesZoneApl


def montant_composition(bareme, couple, nb_pac):
    """Amount of one zone's barème for the composition (single, couple, dependants)."""
    return select(
        [nb_pac > 0, couple],
        [
            bareme.une_personne_a_charge
            + (nb_pac - 1) * bareme.par_personne_a_charge_supplementaire,
            bareme.couple,
        ],
        default=bareme.personne_seule,
    )


class reduction_loyer_solidarite_montant(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Montant de la réduction de loyer de solidarité selon la zone et la composition"
    reference = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000036650010"

    def formula(famille, period, parameters):
        montants = parameters(period).aide_logement.reduction_loyer_solidarite.montant
        couple = famille("al_couple", period)
        nb_pac = famille("al_nb_personnes_a_charge", period)
        zone = famille.demandeur.menage("zone_apl", period)
        return select(
            [zone == TypesZoneApl.zone_1, zone == TypesZoneApl.zone_3],
            [
                montant_composition(montants.zone_1, couple, nb_pac),
                montant_composition(montants.zone_3, couple, nb_pac),
            ],
            default=montant_composition(montants.zone_2, couple, nb_pac),
        )
