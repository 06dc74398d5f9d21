"""Élève, étudiant ou stagiaire non rémunéré."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class etudiant(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Élève, étudiant ou stagiaire non rémunéré"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"
