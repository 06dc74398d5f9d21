"""Ressources annuelles d'une personne pour les aides au logement (CCH R822-2 s.) : revenus
nets catégoriels imposables des 12 derniers mois, estimés à 12 fois le revenu mensuel moyen
déclaré.

- salaires (convertis du net déclaré au net imposable, ``aide_logement_salaire_imposable``) et
  allocations chômage, après la déduction de 10 % pour frais professionnels (bornée par son
  minimum et son maximum, CGI art. 83, 3°), imputée d'abord sur les salaires ;
- revenus non salariés tels que déclarés ;
- pensions, retraites et pensions alimentaires, après l'abattement de 10 % (CGI art. 158, 5 a) ;
- autres revenus tels que déclarés.
Abattement de 30 % sur les revenus d'activité en chômage total indemnisé depuis deux mois
(CCH R822-13), sur les revenus d'activité et de chômage à la retraite ou en invalidité
(R822-14) ; neutralisation des revenus d'activité et de chômage d'un parent au RSA (R822-17) ou
en chômage total non indemnisé ou à l'ASS depuis deux mois (R822-15). Les montants des
déductions fiscales sont ceux de l'année précédente, arrondis à l'euro comme sur la
déclaration de revenus.
"""

from openfisca_core.model_api import MONTH, Variable, max_, min_, round_, where

from rights_engine.entities import Individu


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
        salaires = individu("aide_logement_salaire_imposable", period) * mois
        chomage = individu("chomage_net", period) * mois
        frais = fiscal.deduction_frais_professionnels
        # Whole euros, as on the income tax return.
        deduction = round_(
            min_(max_(frais.taux * (salaires + chomage), frais.minimum), frais.maximum)
        )
        # The deduction is taken from salaries first; what exceeds them reduces the benefits.
        salaires_nets = salaires - deduction
        activite = max_(0, salaires_nets) + individu("revenus_non_salarie", period) * mois
        chomage = max_(0, chomage + min_(0, salaires_nets))

        taux = ressources.abattement_cessation_activite.taux
        retraite = individu("aide_logement_abattement_retraite", period)
        abattement_activite = individu("aide_logement_abattement_chomage", period) + retraite
        activite = activite * (1 - taux * abattement_activite)
        chomage = chomage * (1 - taux * retraite)
        neutralise = individu("aide_logement_neutralisation", period)
        activite_chomage = where(neutralise, 0, activite + chomage)

        pensions = (
            individu("retraite_nette", period)
            + individu("pensions_invalidite", period)
            + individu("pensions_alimentaires_percues", period)
        ) * mois
        abattement_pensions = fiscal.abattement_pensions
        abattement = round_(
            min_(
                max_(abattement_pensions.taux * pensions, abattement_pensions.minimum),
                abattement_pensions.maximum,
            )
        )
        pensions = max_(0, pensions - abattement)
        return activite_chomage + pensions + individu("autres_revenus", period) * mois
