"""Urgence de l'orientation vers le surendettement : haute quand les dettes paraissent impossibles
à rembourser (le dépôt du dossier suspend les saisies dès la recevabilité, C. consom. L722-2),
normale sinon."""

from openfisca_core.model_api import MONTH, Enum, Variable, where

from rights_engine.entities import Menage
from rights_engine.enums import TypesUrgence


class surendettement_urgence(Variable):
    value_type = Enum
    possible_values = TypesUrgence
    default_value = TypesUrgence.normal
    entity = Menage
    definition_period = MONTH
    label = "Urgence de l'orientation vers un dossier de surendettement"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006069565"

    def formula(menage, period):
        return where(
            menage("surendettement_orientation", period), TypesUrgence.high, TypesUrgence.normal
        )
