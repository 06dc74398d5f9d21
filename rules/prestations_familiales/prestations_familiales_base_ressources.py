"""Prestations familiales comptées dans les ressources du RSA et de la prime d'activité (CASF
R262-6, R262-10-1 ; CSS R844-4, R844-5) : le montant déclaré dans la situation, en moyenne sur le
trimestre de référence."""

from openfisca_core.model_api import ADD, MONTH, Variable

from rights_engine.entities import Famille


class prestations_familiales_base_ressources(Variable):
    value_type = float
    entity = Famille
    definition_period = MONTH
    label = "Prestations familiales comptées dans les ressources du RSA et de la prime d'activité"
    reference = "https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000029006452"

    def formula(famille, period):
        trimestre = period.last_3_months
        return famille("prestations_familiales_percues", trimestre, options=[ADD]) / trimestre.size
