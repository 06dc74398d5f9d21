"""Le logement est loué en colocation (loyer plafond × 0,75 et forfait charges colocataire ;
arrêté du 27 septembre 2019, art. 16)."""

from openfisca_core.model_api import MONTH, Variable, set_input_dispatch_by_period

from rights_engine.entities import Menage


class coloc(Variable):
    value_type = bool
    entity = Menage
    definition_period = MONTH
    set_input = set_input_dispatch_by_period
    label = "Logement loué en colocation"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000050286625/2024-09-29"
