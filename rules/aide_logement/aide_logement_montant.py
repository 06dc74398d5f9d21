"""Droit estimé à l'aide au logement (APL, ALF ou ALS), net de CRDS, arrondi à l'euro inférieur
(CCH L821-1, D823-16)."""

from numpy import floor
from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class aide_logement_montant(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Aide au logement estimée (APL, ALF ou ALS), nette de CRDS"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878905"

    def formula(famille, period):
        return floor(
            famille("aide_logement_montant_brut", period) - famille("crds_logement", period)
        )
