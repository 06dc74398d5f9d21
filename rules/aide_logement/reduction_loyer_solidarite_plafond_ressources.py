"""Plafond mensuel de ressources de la réduction de loyer de solidarité (RLS) selon la zone et la
composition du foyer : un plafond par nombre de personnes à charge jusqu'à six, puis une
majoration par personne supplémentaire (CCH L442-2-1 ; arrêté du 27 février 2018, art. 1)."""

from openfisca_core.model_api import MONTH, Variable, max_, select, where

from rights_engine.entities import Famille
from rights_engine.enums import TypesZoneApl

# The barème lists one ceiling per number of dependants up to six, then an amount per extra one.
PAR_NOMBRE = (
    "une_personne_a_charge",
    "deux_personnes_a_charge",
    "trois_personnes_a_charge",
    "quatre_personnes_a_charge",
    "cinq_personnes_a_charge",
    "six_personnes_a_charge",
)


def plafond_composition(bareme, couple, nb_pac):
    """Ceiling of one zone's barème for the composition (single, couple, dependants)."""
    valeur = where(couple, bareme.couple, bareme.personne_seule)
    for rang, nom in enumerate(PAR_NOMBRE, start=1):
        valeur = where(nb_pac == rang, bareme[nom], valeur)
    supplementaires = max_(0, nb_pac - len(PAR_NOMBRE))
    return where(
        supplementaires > 0,
        bareme[PAR_NOMBRE[-1]] + supplementaires * bareme.par_personne_a_charge_supplementaire,
        valeur,
    )


class reduction_loyer_solidarite_plafond_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Plafond mensuel de ressources de la réduction de loyer de solidarité"
    reference = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000036650010"

    def formula(famille, period, parameters):
        plafonds = parameters(period).aide_logement.reduction_loyer_solidarite.plafond_ressources
        couple = famille("al_couple", period)
        nb_pac = famille("al_nb_personnes_a_charge", period)
        zone = famille.demandeur.menage("zone_apl", period)
        return select(
            [zone == TypesZoneApl.zone_1, zone == TypesZoneApl.zone_3],
            [
                plafond_composition(plafonds.zone_1, couple, nb_pac),
                plafond_composition(plafonds.zone_3, couple, nb_pac),
            ],
            default=plafond_composition(plafonds.zone_2, couple, nb_pac),
        )
