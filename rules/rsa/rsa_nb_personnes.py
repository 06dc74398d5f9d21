"""Nombre de personnes du foyer RSA : parents et enfants à charge (CASF R262-1)."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Famille


class rsa_nb_personnes(Variable):
    value_type = int
    entity = Famille
    definition_period = MONTH
    label = "Nombre de personnes du foyer RSA"
    reference = "https://www.legifrance.gouv.fr/affichTexteArticle.do?idArticle=LEGIARTI000020522717&cidTexte=JORFTEXT000020521930"

    def formula(famille, period):
        return famille.nb_persons(Famille.PARENT) + famille("rsa_nb_enfants", period)
