"""La personne est en chômage total depuis au moins deux mois consécutifs, condition comptée au
premier jour du mois civil suivant (CCH R822-13 et R822-15) : chômage commencé au plus tard
trois mois avant le mois évalué (au cours du mois M − 3 ou avant)."""

from numpy import datetime64
from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aide_logement_chomage_deux_mois(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "En chômage total depuis la durée minimale (aides au logement)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878977"

    def formula(individu, period, parameters):
        duree = parameters(period).aide_logement.ressources.duree_minimale_chomage
        debut = individu("date_debut_chomage", period).astype("datetime64[M]")
        # Two full months completed during month S + 2 at the latest; applied from S + 3.
        limite = datetime64(period.offset(-int(duree), "month").start, "M")
        return debut < limite
