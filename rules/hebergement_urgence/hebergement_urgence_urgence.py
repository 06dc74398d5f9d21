"""Urgence de l'orientation vers le 115 : immédiate pour une personne sans solution pour la nuit
qui vient (accès « à tout moment », CASF L345-2-2), haute pour une personne sans domicile qui a
encore un abri pour ce soir."""

from openfisca_core.model_api import MONTH, Enum, Variable, select

from rights_engine.entities import Menage
from rights_engine.enums import TypesUrgence


class hebergement_urgence_urgence(Variable):
    value_type = Enum
    possible_values = TypesUrgence
    default_value = TypesUrgence.normal
    entity = Menage
    definition_period = MONTH
    label = "Urgence de l'orientation vers l'hébergement d'urgence"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return select(
            [
                menage("sans_abri_ce_soir", period),
                menage("hebergement_urgence_orientation", period),
            ],
            [TypesUrgence.emergency, TypesUrgence.high],
            default=TypesUrgence.normal,
        )
