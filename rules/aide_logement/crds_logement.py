"""CRDS de 0,5 % prélevée sur l'aide au logement, arrondie au centime inférieur (ordonnance
n° 96-50, art. 19 ; CGI art. 1600-0 J)."""

from numpy import floor
from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class crds_logement(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "CRDS prélevée sur l'aide au logement"
    reference = "https://www.legifrance.gouv.fr/loda/article_lc/LEGIARTI000041466982/"

    def formula(famille, period, parameters):
        p = parameters(period).aide_logement
        centime = p.arrondis.centime
        return (
            floor(famille("aide_logement_montant_brut", period) * p.crds_taux / centime) * centime
        )
