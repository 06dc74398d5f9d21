"""Le logement loué est une chambre (loyer plafond × 0,9 ; arrêté du 27 septembre 2019, art. 8)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage


class logement_chambre(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Le logement loué est une chambre"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000050286643/2024-09-29"
