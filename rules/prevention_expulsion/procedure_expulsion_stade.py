"""Dernière étape reçue de la procédure d'expulsion locative (loi n° 89-462 du 6 juillet 1989,
art. 24 ; code des procédures civiles d'exécution, L411-1 et suivants)."""

from openfisca_core.model_api import MONTH, Enum, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage
from rights_engine.enums import TypesStadeExpulsion


class procedure_expulsion_stade(Variable):
    value_type = Enum
    possible_values = TypesStadeExpulsion
    default_value = TypesStadeExpulsion.aucun
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Étape de la procédure d'expulsion"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000025024948"
