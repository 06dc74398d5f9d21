"""Urgence haute quand une personne âgée se met en danger à son domicile : le président du conseil
départemental peut attribuer une APA forfaitaire en urgence (CASF L232-12)."""

from openfisca_core.model_api import MONTH, Enum, Variable, where

from rights_engine.entities import Individu
from rights_engine.enums import TypesUrgence


class apa_domicile_urgence(Variable):
    value_type = Enum
    possible_values = TypesUrgence
    default_value = TypesUrgence.normal
    entity = Individu
    definition_period = MONTH
    label = "Urgence de la demande d'APA"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"

    def formula(individu, period):
        danger = individu("risque_securite_domicile", period) * individu(
            "apa_condition_age", period
        )
        return where(danger, TypesUrgence.high, TypesUrgence.normal)
