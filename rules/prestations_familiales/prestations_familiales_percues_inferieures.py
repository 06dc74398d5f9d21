"""Le foyer déclare percevoir moins de prestations familiales (de plus d'un euro par mois) que ce
que le moteur calcule comme dû : il perçoit peut-être moins que son droit. Les montants qui en
dépendent (RSA, prime d'activité, CSS) sont calculés avec le montant déclaré, qui est celui que
la CAF retient tant que le droit n'est pas révisé (CASF R262-6 ; CSS R844-4, R861-4)."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Famille


class prestations_familiales_percues_inferieures(Variable):
    value_type = bool
    entity = Famille
    definition_period = MONTH
    label = "Prestations familiales déclarées inférieures à celles que le moteur calcule"
    reference = "https://www.legifrance.gouv.fr/codes/texte_lc/LEGITEXT000006073189"

    def formula(famille, period):
        trimestre = period.last_3_months
        declarees = (
            famille("prestations_familiales_percues", trimestre, options=[ADD]) / trimestre.size
        )
        ecart = famille("prestations_familiales_calculees", period) - declarees
        return famille("prestations_familiales_connues", period) * (ecart > 1)
