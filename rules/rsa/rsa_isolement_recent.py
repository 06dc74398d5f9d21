"""Isolement depuis moins de 12 mois, durée du droit à la majoration (CASF R262-2)."""

from numpy import datetime64
from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class rsa_isolement_recent(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Parent isolé depuis moins de douze mois"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000033979137"

    def formula(famille, period, parameters):
        duree = parameters(period).rsa.majoration_isolement.duree_du_droit
        debut_isolement = famille("date_isolement", period).astype("datetime64[M]")
        mois_evalue = datetime64(period.start, "M")
        mois_ecoules = (mois_evalue - debut_isolement).astype(int)
        return (mois_ecoules >= 0) * (mois_ecoules < duree)
