"""Montant forfaitaire retenu : le montant majoré quand il est dû, sinon le montant non majoré."""

from openfisca_core.model_api import MONTH, Variable, max_

from rights_engine.entities import Famille


class rsa_montant_forfaitaire(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Montant forfaitaire du RSA retenu"
    reference = "https://www.legifrance.gouv.fr/affichTexteArticle.do?idArticle=LEGIARTI000020522717&cidTexte=JORFTEXT000020521930"

    def formula(famille, period):
        return max_(
            famille("rsa_montant_forfaitaire_non_majore", period),
            famille("rsa_montant_forfaitaire_majore", period),
        )
