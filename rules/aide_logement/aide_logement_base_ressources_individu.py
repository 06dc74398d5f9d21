"""Ressources annuelles d'une personne pour les aides au logement (CCH R822-2 s.) : revenus
nets catégoriels imposables des 12 derniers mois, estimés à 12 fois le revenu mensuel moyen
déclaré.

- revenus d'activité après la déduction de 10 % pour frais professionnels
  (``aide_logement_revenus_activite``) et allocations chômage (``aide_logement_indemnites_
  chomage``) ;
- pensions, retraites et pensions alimentaires après l'abattement de 10 %
  (``aide_logement_pensions``) ;
- autres revenus tels que déclarés.
Abattement de 30 % sur les revenus d'activité en chômage total indemnisé depuis deux mois
(CCH R822-13), sur les revenus d'activité et de chômage d'une personne admise au bénéfice d'une
pension de retraite ou d'invalidité ou de l'AAH qui a cessé son activité (R822-14) ;
neutralisation des revenus d'activité et de chômage d'un parent au RSA (R822-17) ou en chômage
total non indemnisé ou à l'ASS depuis deux mois (R822-15).
"""

from openfisca_core.model_api import MONTH, Variable, where

from rights_engine.entities import Individu


class aide_logement_base_ressources_individu(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Ressources annuelles d'une personne pour les aides au logement"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878969"

    def formula(individu, period, parameters):
        ressources = parameters(period).aide_logement.ressources
        activite = individu("aide_logement_revenus_activite", period)
        chomage = individu("aide_logement_indemnites_chomage", period)

        taux = ressources.abattement_cessation_activite.taux
        retraite = individu("aide_logement_abattement_retraite", period)
        chomage_indemnise = individu("aide_logement_abattement_chomage", period)
        activite = where(chomage_indemnise + retraite, activite * (1 - taux), activite)
        chomage = where(retraite, chomage * (1 - taux), chomage)
        neutralise = individu("aide_logement_neutralisation", period)
        activite_chomage = where(neutralise, 0, activite + chomage)

        autres = individu("autres_revenus", period) * ressources.mois_reference
        return activite_chomage + individu("aide_logement_pensions", period) + autres
