"""Urgence de l'information préoccupante : immédiate dès que des éléments font craindre un danger
pour l'enfant, la transmission à la CRIP se faisant « sans délai » (CASF L226-2-1)."""

from openfisca_core.model_api import MONTH, Enum, Variable, where

from rights_engine.entities import Menage
from rights_engine.enums import TypesUrgence


class information_preoccupante_urgence(Variable):
    value_type = Enum
    possible_values = TypesUrgence
    default_value = TypesUrgence.normal
    entity = Menage
    definition_period = MONTH
    label = "Urgence de la transmission d'une information préoccupante"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        return where(
            menage("information_preoccupante_orientation", period),
            TypesUrgence.emergency,
            TypesUrgence.normal,
        )
