"""Abattement de 30 % sur les revenus d'activité professionnelle et les indemnités de chômage d'une
personne admise au bénéfice d'une pension de retraite ou d'invalidité ou de l'allocation aux
adultes handicapés, qui a cessé son activité (CCH R822-14) : pension ou AAH perçue, et aucun
revenu d'activité sur le mois."""

from openfisca_core.model_api import MONTH, Variable

from rights_engine.entities import Individu


class aide_logement_abattement_retraite(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Abattement pour pension de retraite ou d'invalidité ou AAH (aides au logement)"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038878975"

    def formula(individu, period):
        pension = individu("retraite_nette", period) + individu("pensions_invalidite", period)
        admis = (pension > 0) + (individu("aah", period) > 0)
        activite = individu("salaire_net", period) + individu("revenus_non_salarie", period)
        return admis * (activite <= 0)
