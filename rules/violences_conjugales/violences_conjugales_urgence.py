"""Urgence de l'orientation pour violences : immédiate en cas de danger (17, 112), haute sinon
(proposer le 3919, mettre la personne à l'abri si elle le souhaite)."""

from openfisca_core.model_api import MONTH, Enum, Variable, select

from rights_engine.entities import Menage
from rights_engine.enums import TypesUrgence


class violences_conjugales_urgence(Variable):
    value_type = Enum
    possible_values = TypesUrgence
    default_value = TypesUrgence.normal
    entity = Menage
    definition_period = MONTH
    label = "Urgence de l'orientation pour violences au sein du couple ou de la famille"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(menage, period):
        violences = menage("violences_conjugales_orientation", period)
        return select(
            [violences * menage("danger_immediat", period), violences],
            [TypesUrgence.emergency, TypesUrgence.high],
            default=TypesUrgence.normal,
        )
