"""Allocations chômage nettes catégorielles d'une personne sur les 12 mois, retenues par les aides
au logement (CCH R822-4) : 12 fois l'allocation mensuelle, diminuée de ce que la déduction de
10 % pour frais professionnels (CGI art. 83, 3°, commune aux salaires et aux allocations chômage)
n'a pas pu imputer sur les salaires."""

from openfisca_core.model_api import MONTH, Variable, max_, min_

from rights_engine.entities import Individu


class aide_logement_indemnites_chomage(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Allocations chômage annuelles nettes de frais professionnels (aides au logement)"
    reference = (
        "https://www.legifrance.gouv.fr/codes/section_lc/LEGITEXT000006074096/LEGISCTA000038878999"
    )

    def formula(individu, period, parameters):
        mois = parameters(period).aide_logement.ressources.mois_reference
        salaires = individu("aide_logement_salaire_imposable", period) * mois
        chomage = individu("chomage_net", period) * mois
        deduction = individu("aide_logement_deduction_frais_professionnels", period)
        return max_(0, chomage + min_(0, salaires - deduction))
