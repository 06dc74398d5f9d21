"""Réfugié, bénéficiaire de la protection subsidiaire, apatride ou titulaire d'une carte de
résident."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Individu


class dispense_duree_titre_sejour(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = (
        "Réfugié, bénéficiaire de la protection subsidiaire, apatride ou titulaire d'une carte de "
        "résident"
    )
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031087751"
