"""Plafond majoré : parent isolé, ou couple dont chaque conjoint a des revenus professionnels
(CSS R522-2, auquel renvoie R531-1 pour l'allocation de base de la PAJE)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class cf_plafond_majore(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Plafond de ressources majoré (parent isolé ou couple biactif)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000046499019"

    def formula(famille, period):
        isole = famille.nb_persons(Famille.PARENT) == 1
        return isole + famille("cf_biactivite", period)
