"""Abattement sur les rémunérations d'activité d'une personne du foyer de la CSS qui, à la date de
la demande, est en chômage et perçoit une allocation de chômage (allocation d'assurance ou
allocation de solidarité spécifique) : 30 % de ses salaires de la période de référence
(CSS R861-8, 2e alinéa). Il ne porte ni sur ses autres ressources ni sur celles des autres
membres du foyer. Mensuel, sur la moyenne des 3 derniers mois comme les ressources."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Individu


class css_abattement_chomage_individu(Variable):
    value_type = float
    entity = Individu
    definition_period = MONTH
    label = "Abattement mensuel de la CSS sur les salaires d'un chômeur indemnisé"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(individu, period, parameters):
        taux = parameters(period).css.abattement_chomage
        trimestre = period.last_3_months
        salaires = individu("salaire_net", trimestre, options=[ADD]) / trimestre.size
        indemnise = individu("chomage_net", period) > 0
        return indemnise * taux * salaires
