"""Prestations familiales comptées dans les ressources de la CSS (CSS R861-4 ; R861-10 n'en exclut
ni les allocations familiales, ni le complément familial, ni l'ASF, ni l'allocation de base de la
PAJE) : le montant perçu que la situation déclare (``family_benefits``), sinon les prestations
dues que le moteur calcule, en totalité. Les exclusions propres au RSA et à la prime d'activité
(majorations pour âge des AF, majoration du complément familial, ASF au forfait, PAJE du parent
isolé jusqu'aux 3 mois de l'enfant : CASF R262-10-1, R262-11 ; CSS R844-4, R844-5) ne
s'appliquent pas à la CSS."""

from openfisca_core.model_api import ADD, MONTH, Variable, where

from rights_engine.entities import Famille


class css_prestations_familiales(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Prestations familiales mensuelles comptées dans les ressources de la CSS"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        trimestre = period.last_3_months
        declarees = (
            famille("prestations_familiales_percues", trimestre, options=[ADD]) / trimestre.size
        )
        return where(
            famille("prestations_familiales_connues", period),
            declarees,
            famille("prestations_familiales_calculees", period),
        )
