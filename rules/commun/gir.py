"""Groupe iso-ressources de la grille AGGIR (1 : dépendance la plus forte … 6 : autonome), CASF
R232-3."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class gir(Variable):
    value_type = int
    default_value = 0
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Groupe iso-ressources (GIR) de la grille AGGIR, 1 à 6 (0 : non évalué)"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006074069"
