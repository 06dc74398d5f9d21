"""Personne hébergée qui participe aux frais du logement."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage


class participation_frais(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Personne hébergée qui participe aux frais du logement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000020526192"
