"""Pensions, retraites et pensions alimentaires d'une personne sur les 12 mois, retenues par les
aides au logement (CCH R822-4) : 12 fois les montants mensuels (retraite, pension d'invalidité,
pension alimentaire reçue), après l'abattement de 10 % (borné par son minimum et son maximum,
CGI art. 158, 5 a), arrondi à l'euro, montants de l'année précédente."""

from openfisca_core.model_api import MONTH, Variable, max_, min_, round_

from rights_engine.entities import Individu


class aide_logement_pensions(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Pensions annuelles après l'abattement de 10 % (aides au logement)"
    reference = (
        "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006074096/LEGISCTA000038878999"
    )

    def formula(individu, period, parameters):
        mois = parameters(period).aide_logement.ressources.mois_reference
        abattement = parameters(period.last_year).aide_logement.ressources.abattement_pensions
        pensions = (
            individu("retraite_nette", period)
            + individu("pensions_invalidite", period)
            + individu("pensions_alimentaires_percues", period)
        ) * mois
        montant = round_(
            min_(max_(abattement.taux * pensions, abattement.minimum), abattement.maximum)
        )
        return max_(0, pensions - montant)
