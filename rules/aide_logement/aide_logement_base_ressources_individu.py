"""Ressources annuelles d'une personne pour les aides au logement (CCH R822-2 s.) : revenus
nets catégoriels des 12 derniers mois, estimés à 12 fois le revenu mensuel moyen déclaré.

- salaires et allocations chômage, après la déduction de 10 % pour frais professionnels
  (bornée par son minimum et son maximum, CGI art. 83, 3°) ;
- revenus non salariés tels que déclarés ;
- pensions, retraites et pensions alimentaires, après l'abattement de 10 % (CGI art. 158, 5 a) ;
- autres revenus tels que déclarés.
Les revenus d'activité et de chômage d'un parent sont neutralisés quand le foyer perçoit le RSA
(CCH R822-15 et R822-17). Les montants des déductions fiscales sont ceux de l'année précédente.
"""

from openfisca_core.model_api import MONTH, Variable, max_, min_, where

from rights_engine.entities import Famille, Individu


class aide_logement_base_ressources_individu(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Ressources annuelles d'une personne pour les aides au logement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878969"

    def formula(individu, period, parameters):
        ressources = parameters(period).aide_logement.ressources
        fiscal = parameters(period.last_year).aide_logement.ressources
        mois = ressources.mois_reference
        salaires = (individu("salaire_net", period) + individu("chomage_net", period)) * mois
        frais = fiscal.deduction_frais_professionnels
        deduction = min_(max_(frais.taux * salaires, frais.minimum), frais.maximum)
        activite = max_(0, salaires - deduction) + individu("revenus_non_salarie", period) * mois
        neutralise = individu.famille("rsa_percu", period) * individu.has_role(Famille.PARENT)
        activite = where(neutralise, 0, activite)

        pensions = (
            individu("retraite_nette", period)
            + individu("pensions_invalidite", period)
            + individu("pensions_alimentaires_percues", period)
        ) * mois
        abattement_pensions = fiscal.abattement_pensions
        abattement = min_(
            max_(abattement_pensions.taux * pensions, abattement_pensions.minimum),
            abattement_pensions.maximum,
        )
        pensions = max_(0, pensions - abattement)
        return activite + pensions + individu("autres_revenus", period) * mois
