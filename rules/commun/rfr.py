"""Revenu fiscal de référence du dernier avis d'imposition du foyer (entrée)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Menage


class rfr(Variable):
    value_type = float
    entity = Menage
    definition_period = MONTH
    label = "Revenu fiscal de référence du dernier avis d'imposition, €/an"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000031057544"
    unit = "currency"
