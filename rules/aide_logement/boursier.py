"""Étudiant titulaire d'une bourse de l'enseignement supérieur (minoration du forfait de
ressources étudiant, arrêté du 27 septembre 2019, art. 6)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class boursier(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Étudiant boursier de l'enseignement supérieur"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000041419188/2021-01-01"
